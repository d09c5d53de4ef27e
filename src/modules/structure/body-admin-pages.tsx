import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { renderPage } from '../../platform/http/render.js';
import { pageQuery } from '../../platform/http/paging.js';
import { parseOrThrow } from '../../platform/http/validation.js';
import { tryCommand } from '../../platform/http/forms.js';
import { setFlash } from '../../platform/http/flash.js';
import { ForbiddenError, type FieldError } from '../../platform/http/errors.js';
import { isAdmin } from '../../platform/auth/actor.js';
import { CsrfInput, ErrorSummary, Pager } from '../../platform/views/components.js';
import { today } from './dates.js';
import { compositionOf } from './composition.js';
import { addMember, appointChair, createSeat, endMemberships, endSeats, updateBody } from './commands/index.js';
import { adminChoices, membershipPage } from './queries.js';
import { bodyAccess, fieldErrors, many, one, readFormAll, values as plain, type BodyAccess, type FormData } from './form-helpers.js';
import { BodySettingsFields, bodyFormValues, bodyInputFromForm } from './body-form.js';
import { AddMemberForm, ChairForm, MembersTable, SeatsSection } from './body-admin-views.js';
import { bodyCrumbs } from './body-pages.js';
import { WarningList } from './views.js';

type Which = 'settings' | 'chair' | 'seat' | 'member';

interface Refusal {
  which?: Which;
  form?: FormData;
  errors?: FieldError[];
  status?: number;
  endMembers?: FieldError[];
  endSeats?: FieldError[];
}

/** The links between a body's management pages. */
function AdminNav(props: { c: Context<AppEnv>; body: BodyAccess['body']; current: 'members' | 'seats' | 'settings' }) {
  const t = props.c.get('t');
  const id = props.body.id;
  const link = (href: string, label: string, here: boolean) => (
    <a href={href} aria-current={here ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav aria-label={t('body.manage')}>
      <p class="actions">
        {link(`/bodies/${id}`, props.body.name, false)}
        {link(`/bodies/${id}/admin`, t('body.admin.members'), props.current === 'members')}
        {link(`/bodies/${id}/seats`, t('body.admin.seats'), props.current === 'seats')}
        {link(`/bodies/${id}/settings`, t('body.admin.settings'), props.current === 'settings')}
        {link(`/bodies/${id}/mandate`, t('body.mandate'), false)}
        {link(`/bodies/${id}/history`, t('body.admin.history'), false)}
        {link(`/bodies/${id}/import`, t('body.admin.import'), false)}
        {link(`/bodies/${id}/members.csv`, t('body.admin.export'), false)}
      </p>
    </nav>
  );
}

/** Members: the current engagements (paged), ending them, adding one, appointing the chair. */
async function adminPage(c: Context<AppEnv>, access: BodyAccess, r: Refusal = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body } = access;
  const { page } = parseOrThrow(pageQuery, c.req.query());
  const on = today();
  const [comp, members, choices, crumbs] = await Promise.all([
    compositionOf(db, body, on, { othersLimit: 0 }),
    membershipPage(db, body.id, { reader: c.get('actor'), page, on }),
    adminChoices(db, body),
    bodyCrumbs(c, body, t('body.manage')),
  ]);
  const holderNames = comp.groups.flatMap((g) => g.seats.flatMap((s) => s.holders.map((h) => ({ id: h.membershipId, name: `${h.name} – ${s.function}` }))));
  const mine = (w: Which) => (r.which === w ? (r.errors ?? []) : []);
  const v = (w: Which, fallback: Record<string, string> = {}) => (r.which === w && r.form ? plain(r.form) : fallback);
  const title = t('body.admin.title', { name: body.name });
  const csrf = c.get('csrfToken');
  const seatChoices = comp.groups.flatMap((g) => g.seats.filter((s) => !s.exOfficio).map((s) => ({ id: s.id, name: g.principalName ? `${s.function} (${g.principalName})` : s.function })));
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="members" />
      <WarningList t={t} warnings={comp.warnings} />
      <section aria-labelledby="members">
        <h2 id="members">{t('body.admin.members')}</h2>
        <MembersTable t={t} csrf={csrf} bodyId={body.id} rows={members.items} caption={t('body.admin.membersCaption')} endable endErrors={r.endMembers} />
        <Pager t={t} page={members.page} pages={members.pages} href={(p) => `/bodies/${body.id}/admin?page=${p}`} />
      </section>
      <AddMemberForm
        t={t}
        csrf={csrf}
        bodyId={body.id}
        errors={mine('member')}
        v={v('member', { role: 'member', startOn: on })}
        seats={seatChoices}
        holders={holderNames}
        organisations={choices.organisations}
      />
      <ChairForm t={t} csrf={csrf} bodyId={body.id} errors={mine('chair')} v={v('chair', { chairRole: 'chair' })} />
    </>,
  );
}

/** Seats: the current seats, removing them, adding one. */
async function seatsPage(c: Context<AppEnv>, access: BodyAccess, r: Refusal = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body } = access;
  const [comp, choices, crumbs] = await Promise.all([compositionOf(db, body, today(), { othersLimit: 0 }), adminChoices(db, body), bodyCrumbs(c, body, t('body.admin.seats'))]);
  // Ex-officio seats follow a role in the commissioning body or in a sub-body.
  const exOfficioChoices = [...choices.above.filter((o) => o.id === body.parentId), ...choices.subBodies];
  const title = t('body.admin.seatsTitle', { name: body.name });
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="seats" />
      <SeatsSection
        t={t}
        csrf={c.get('csrfToken')}
        bodyId={body.id}
        errors={r.which === 'seat' ? (r.errors ?? []) : []}
        v={r.which === 'seat' && r.form ? plain(r.form) : { representation: 'principal' }}
        comp={comp}
        endErrors={r.endSeats}
        principals={choices.principals}
        organisations={choices.organisations}
        surfaces={choices.surfaces}
        bodies={exOfficioChoices}
        groupChecked={r.which === 'seat' && r.form ? many(r.form, 'groupPrincipalIds') : []}
      />
    </>,
  );
}

/** Settings: the body's rules (size, frequency, chair rule, deadlines, active period). */
async function settingsPage(c: Context<AppEnv>, access: BodyAccess, r: Refusal = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body } = access;
  const [choices, crumbs] = await Promise.all([adminChoices(db, body), bodyCrumbs(c, body, t('body.admin.settings'))]);
  const errors = r.errors ?? [];
  const title = t('body.admin.settingsTitle', { name: body.name });
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="settings" />
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${body.id}/settings`} novalidate>
        <CsrfInput token={c.get('csrfToken')} />
        <input type="hidden" name="version" value={String(body.version)} />
        <BodySettingsFields
          t={t}
          v={r.form ? plain(r.form) : bodyFormValues(body)}
          errors={errors}
          bodies={choices.above.filter((o) => o.id !== body.id)}
          withParent={isAdmin(c.get('actor')) && body.parentId !== null}
          parentRequired
        />
        <button type="submit" class="button">
          {t('body.settings.save')}
        </button>
      </form>
    </>,
  );
}

async function historyPage(c: Context<AppEnv>, access: BodyAccess) {
  const t = c.get('t');
  const { page } = parseOrThrow(pageQuery, c.req.query());
  const list = await membershipPage(c.get('deps').database.db, access.body.id, { reader: c.get('actor'), page, history: true });
  const title = t('body.admin.historyTitle', { name: access.body.name });
  return renderPage(
    c,
    { title, breadcrumbs: await bodyCrumbs(c, access.body, t('body.admin.history')) },
    <>
      <h1>{title}</h1>
      <MembersTable t={t} csrf={c.get('csrfToken')} bodyId={access.body.id} rows={list.items} caption={t('body.admin.historyCaption')} endable={false} />
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/bodies/${access.body.id}/history?page=${p}`} />
    </>,
  );
}

async function manageable(c: Context<AppEnv>, id: string) {
  const access = await bodyAccess(c, id);
  if (!access.can.manage) throw new ForbiddenError();
  return access;
}

/** Runs a form's command; on refusal renders the admin page again with the input kept. */
async function submit<T>(
  c: Context<AppEnv>,
  access: BodyAccess,
  which: Which,
  form: FormData,
  run: () => ReturnType<typeof tryCommand<never, T>>,
  message: (value: T) => string,
  rename: Record<string, string> = {},
) {
  const result = await run();
  const page = which === 'seat' ? seatsPage : which === 'settings' ? settingsPage : adminPage;
  if (!result.ok) return page(c, access, { which, form, errors: fieldErrors(result.errors).map((e) => ({ ...e, field: rename[e.field] ?? e.field })), status: result.status });
  setFlash(c, { kind: 'success', message: message(result.value) });
  const where = which === 'seat' ? 'seats#seats' : which === 'settings' ? 'settings' : which === 'chair' ? 'admin#appoint' : 'admin#members';
  return c.redirect(`/bodies/${access.body.id}/${where}`, 303);
}

export function bodyAdminPages(app: Hono<AppEnv>) {
  app.get('/bodies/:id/admin', async (c) => adminPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/seats', async (c) => seatsPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/settings', async (c) => settingsPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/history', async (c) => {
    const access = await bodyAccess(c, c.req.param('id'));
    if (!access.can.read) throw new ForbiddenError();
    return historyPage(c, access);
  });

  app.post('/bodies/:id/settings', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'settings',
      form,
      () => tryCommand(c, updateBody, { bodyId: access.body.id, version: one(form, 'version') || undefined, parentId: one(form, 'parentId'), ...bodyInputFromForm(form) }) as never,
      () => c.get('t')('body.admin.saved'),
    );
  });
  app.post('/bodies/:id/chair', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'chair',
      form,
      async () => {
        const result = await tryCommand(c, appointChair, {
          bodyId: access.body.id,
          personEmail: one(form, 'chairPersonEmail'),
          role: one(form, 'chairRole') as 'chair',
          startOn: one(form, 'chairStartOn'),
          endOn: one(form, 'chairEndOn') || undefined,
        });
        const rename: Record<string, string> = { role: 'chairRole', personEmail: 'chairPersonEmail', personId: 'chairPersonEmail', startOn: 'chairStartOn', endOn: 'chairEndOn' };
        return (result.ok ? result : { ...result, errors: result.errors.map((e) => ({ ...e, field: rename[e.field] ?? e.field })) }) as never;
      },
      () => c.get('t')('body.chair.appointed', { name: one(form, 'chairPersonEmail') }),
    );
  });
  app.post('/bodies/:id/seats', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'seat',
      form,
      () =>
        tryCommand(c, createSeat, {
          bodyId: access.body.id,
          function: one(form, 'function'),
          representation: one(form, 'representation') as 'principal',
          principalId: one(form, 'principalId'),
          organisationId: one(form, 'seatOrganisationId'),
          groupPrincipalIds: many(form, 'groupPrincipalIds'),
          groupLabel: one(form, 'groupLabel'),
          principalKind: one(form, 'principalKind'),
          contactSurfaceId: one(form, 'contactSurfaceId'),
          exOfficioBodyId: one(form, 'exOfficioBodyId'),
          exOfficioRole: one(form, 'exOfficioRole'),
          createdOn: one(form, 'createdOn'),
          position: one(form, 'position'),
        }) as never,
      () => c.get('t')('seat.created', { name: one(form, 'function') }),
      { organisationId: 'seatOrganisationId' },
    );
  });
  app.post('/bodies/:id/members', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'member',
      form,
      () =>
        tryCommand(c, addMember, {
          bodyId: access.body.id,
          personEmail: one(form, 'personEmail'),
          personName: one(form, 'personName'),
          role: one(form, 'role') as 'member',
          seatId: one(form, 'seatId'),
          substituteForMembershipId: one(form, 'substituteForMembershipId'),
          organisationId: one(form, 'organisationId'),
          reason: one(form, 'reason'),
          startOn: one(form, 'startOn'),
          endOn: one(form, 'endOn') || undefined,
        }) as never,
      () => c.get('t')('member.added', { name: one(form, 'personName') || one(form, 'personEmail') }),
    );
  });
  app.post('/bodies/:id/memberships/end', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    const ids = many(form, 'membershipIds');
    const t = c.get('t');
    if (!ids.length) return adminPage(c, access, { endMembers: [{ field: 'membershipIds', message: t('body.admin.selectNone') }], status: 422 });
    const result = await tryCommand(c, endMemberships, { bodyId: access.body.id, membershipIds: ids, endOn: one(form, 'endSelectedOn') });
    if (!result.ok) return adminPage(c, access, { endMembers: result.errors.map((e) => ({ ...e, field: e.field === 'endOn' ? 'endSelectedOn' : e.field })), status: result.status });
    setFlash(c, { kind: 'success', message: t('body.admin.membersEnded', { count: result.value.ended }) });
    return c.redirect(`/bodies/${access.body.id}/admin#members`, 303);
  });
  app.post('/bodies/:id/seats/end', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    const ids = many(form, 'seatIds');
    const t = c.get('t');
    if (!ids.length) return seatsPage(c, access, { endSeats: [{ field: 'seatIds', message: t('body.admin.selectNone') }], status: 422 });
    const result = await tryCommand(c, endSeats, { bodyId: access.body.id, seatIds: ids, endedOn: one(form, 'seatsEndedOn') });
    if (!result.ok) return seatsPage(c, access, { endSeats: result.errors.map((e) => ({ ...e, field: e.field === 'endedOn' ? 'seatsEndedOn' : e.field })), status: result.status });
    setFlash(c, { kind: 'success', message: t('body.admin.seatsEnded', { count: result.value.ended }) });
    return c.redirect(`/bodies/${access.body.id}/seats#seats`, 303);
  });
}
