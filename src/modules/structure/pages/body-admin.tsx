import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { pageQuery } from '../../../platform/http/paging.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { type FormData, type FormRefusal, formMany, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { ForbiddenError, type FieldError } from '../../../platform/http/errors.js';
import { isAdmin } from '../../../platform/auth/actor.js';
import { CsrfInput, Pager } from '../../../platform/views/components.js';
import { ErrorSummary } from '../../../platform/views/fields.js';
import { today } from '../../../platform/days.js';
import { compositionOf } from '../queries/composition.js';
import { addCommissioner, addMember, appointChair, createSeat, endMemberships, endSeats, removeCommissioner, updateBody } from '../commands/index.js';
import { adminChoices, membershipPage } from '../queries/index.js';
import { bodyAccess, type BodyAccess } from '../policy.js';
import { BodySettingsFields, bodyFormValues, bodyInputFromForm } from '../views/body-form.js';
import { CommissionersSection } from '../views/commissioners.js';
import { commissionerChoices } from '../commissioners.js';
import { AddMemberForm, ChairForm, MembersTable, SeatsSection } from '../views/body-admin.js';
import { kindOptions, principalKindsOf } from '../principal-kinds.js';
import { chairRuleWarnings, type ChairRuleWarning } from '../chair.js';
import { bodyCrumbs } from './body.js';
import { fieldErrors, WarningList } from '../views/common.js';
import { csrfToken } from '../../../platform/auth/middleware.js';
import { describeHistory, historyChoices, historyFilterQuery, historyPage } from '../../../platform/audit/history.js';
import { HistorySection } from '../../../platform/audit/views.js';

type Which = 'settings' | 'chair' | 'seat' | 'member' | 'commissioner';

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
    <nav aria-label={t('structure.body.manage')}>
      <p class="actions">
        {link(`/bodies/${id}`, props.body.name, false)}
        {link(`/bodies/${id}/admin`, t('structure.body.admin.members'), props.current === 'members')}
        {link(`/bodies/${id}/seats`, t('structure.body.admin.seats'), props.current === 'seats')}
        {link(`/bodies/${id}/settings`, t('structure.body.admin.settings'), props.current === 'settings')}
        {link(`/bodies/${id}/mandate`, t('structure.body.mandate'), false)}
        {link(`/bodies/${id}/engagements`, t('structure.body.admin.history'), false)}
        {link(`/bodies/${id}/history`, t('admin.history.changes'), false)}
        {link(`/bodies/${id}/import`, t('structure.body.admin.import'), false)}
        {link(`/bodies/${id}/members.csv`, t('structure.body.admin.export'), false)}
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
    bodyCrumbs(c, body, t('structure.body.manage')),
  ]);
  const holderNames = comp.groups.flatMap((g) => g.seats.flatMap((s) => s.holders.map((h) => ({ id: h.membershipId, name: `${h.name} – ${s.function}` }))));
  const mine = (w: Which) => (r.which === w ? (r.errors ?? []) : []);
  const v = (w: Which, fallback: Record<string, string> = {}) => (r.which === w && r.form ? formValues(r.form) : fallback);
  const title = t('structure.body.admin.title', { name: body.name });
  const csrf = csrfToken(c);
  const seatChoices = comp.groups.flatMap((g) => g.seats.filter((s) => !s.exOfficio).map((s) => ({ id: s.id, name: g.principalName ? `${s.function} (${g.principalName})` : s.function })));
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="members" />
      <WarningList t={t} warnings={comp.warnings} />
      <section aria-labelledby="members">
        <h2 id="members">{t('structure.body.admin.members')}</h2>
        <MembersTable t={t} csrf={csrf} bodyId={body.id} rows={members.items} caption={t('structure.body.admin.membersCaption')} endable endErrors={r.endMembers} />
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
  const [comp, choices, crumbs] = await Promise.all([compositionOf(db, body, today(), { othersLimit: 0 }), adminChoices(db, body), bodyCrumbs(c, body, t('structure.body.admin.seats'))]);
  // Ex-officio seats follow a role in the commissioning body or in a sub-body.
  const exOfficioChoices = [...choices.above.filter((o) => o.id === body.parentId), ...choices.subBodies];
  const title = t('structure.body.admin.seatsTitle', { name: body.name });
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="seats" />
      <SeatsSection
        t={t}
        csrf={csrfToken(c)}
        bodyId={body.id}
        errors={r.which === 'seat' ? (r.errors ?? []) : []}
        v={r.which === 'seat' && r.form ? formValues(r.form) : { representation: 'principal' }}
        comp={comp}
        endErrors={r.endSeats}
        principals={choices.principals}
        organisations={choices.organisations}
        surfaces={choices.surfaces}
        bodies={exOfficioChoices}
        groupChecked={r.which === 'seat' && r.form ? formMany(r.form, 'groupPrincipalIds') : []}
        kinds={kindOptions(await principalKindsOf(c), c.get('lang'))}
      />
    </>,
  );
}

/** Settings: the body's rules (size, frequency, chair rule, deadlines, active period). */
async function settingsPage(c: Context<AppEnv>, access: BodyAccess, r: Refusal = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body } = access;
  const [choices, crumbs, commissioners] = await Promise.all([adminChoices(db, body), bodyCrumbs(c, body, t('structure.body.admin.settings')), commissionerChoices(db, body)]);
  const errors = r.which === 'commissioner' ? [] : (r.errors ?? []);
  const title = t('structure.body.admin.settingsTitle', { name: body.name });
  return renderPage(
    c,
    { title, status: r.status ?? 200, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <AdminNav c={c} body={body} current="settings" />
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${body.id}/settings`} novalidate>
        <CsrfInput token={csrfToken(c)} />
        <input type="hidden" name="version" value={String(body.version)} />
        <BodySettingsFields
          t={t}
          v={r.form && r.which !== 'commissioner' ? { ...formValues(r.form), chairRotation: formMany(r.form, 'chairRotation').join(',') } : bodyFormValues(body)}
          errors={errors}
          bodies={choices.above.filter((o) => o.id !== body.id)}
          withParent={isAdmin(c.get('actor')) && body.parentId !== null}
          parentRequired
          kinds={kindOptions(await principalKindsOf(c), c.get('lang'))}
          principals={choices.principals}
        />
        <button type="submit" class="button">
          {t('structure.body.settings.save')}
        </button>
      </form>
      <CommissionersSection
        t={t}
        csrf={csrfToken(c)}
        bodyId={body.id}
        parentName={commissioners.parentName}
        list={commissioners.list}
        bodies={commissioners.bodies}
        principals={commissioners.principals}
        errors={r.which === 'commissioner' ? (r.errors ?? []) : []}
        v={r.which === 'commissioner' && r.form ? formValues(r.form) : {}}
      />
    </>,
  );
}

/** Every engagement of the body, also ended ones (those who may read the body). */
async function engagementsPage(c: Context<AppEnv>, access: BodyAccess) {
  const t = c.get('t');
  const { page } = parseOrThrow(pageQuery, c.req.query());
  const list = await membershipPage(c.get('deps').database.db, access.body.id, { reader: c.get('actor'), page, history: true });
  const title = t('structure.body.admin.historyTitle', { name: access.body.name });
  return renderPage(
    c,
    { title, breadcrumbs: await bodyCrumbs(c, access.body, t('structure.body.admin.history')) },
    <>
      <h1>{title}</h1>
      <MembersTable t={t} csrf={csrfToken(c)} bodyId={access.body.id} rows={list.items} caption={t('structure.body.admin.historyCaption')} endable={false} />
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/bodies/${access.body.id}/engagements?page=${p}`} />
    </>,
  );
}

/** The change history of the body and its objects (those who may manage it): who changed what, when, filtered. */
async function changeHistoryPage(c: Context<AppEnv>, access: BodyAccess) {
  const t = c.get('t');
  const lang = c.get('lang');
  const db = c.get('deps').database.db;
  const filter = parseOrThrow(historyFilterQuery, c.req.query(), t);
  const [list, choices, crumbs] = await Promise.all([
    historyPage(db, 'body', access.body.id, filter),
    historyChoices(db, 'body', access.body.id, lang),
    bodyCrumbs(c, access.body, t('admin.history.changes')),
  ]);
  const entries = await describeHistory(db, list.items, lang, t);
  const title = t('admin.history.changesOf', { name: access.body.name });
  return renderPage(
    c,
    { title, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <p>{t('structure.body.changes.intro')}</p>
      <HistorySection t={t} action={`/bodies/${access.body.id}/history`} filter={filter} choices={choices} entries={entries} page={list.page} pages={list.pages} total={list.total} />
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
  run: () => Promise<{ ok: true; value: T } | FormRefusal>,
  message: (value: T) => string,
  rename: Record<string, string> = {},
) {
  const result = await run();
  const page = which === 'seat' ? seatsPage : which === 'settings' || which === 'commissioner' ? settingsPage : adminPage;
  if (!result.ok) return page(c, access, { which, form, errors: fieldErrors(result.errors).map((e) => ({ ...e, field: rename[e.field] ?? e.field })), status: result.status });
  setFlash(c, { kind: 'success', message: message(result.value) });
  const where = which === 'seat' ? 'seats#seats' : which === 'settings' ? 'settings' : which === 'commissioner' ? 'settings#commissioners' : which === 'chair' ? 'admin#appoint' : 'admin#members';
  return c.redirect(`/bodies/${access.body.id}/${where}`, 303);
}

export function bodyAdminPages(app: Hono<AppEnv>) {
  app.get('/bodies/:id/admin', async (c) => adminPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/seats', async (c) => seatsPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/settings', async (c) => settingsPage(c, await manageable(c, c.req.param('id'))));
  app.get('/bodies/:id/engagements', async (c) => {
    const access = await bodyAccess(c, c.req.param('id'));
    if (!access.can.read) throw new ForbiddenError();
    return engagementsPage(c, access);
  });
  app.get('/bodies/:id/history', async (c) => changeHistoryPage(c, await manageable(c, c.req.param('id'))));

  app.post('/bodies/:id/settings', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    let warnings: ChairRuleWarning[] = [];
    return submit(
      c,
      access,
      'settings',
      form,
      async () => {
        const result = await tryCommand(c, updateBody, { bodyId: access.body.id, version: formOne(form, 'version') || undefined, parentId: formOne(form, 'parentId'), ...bodyInputFromForm(form) });
        // The chairs in office re-checked against the rule as saved: the flash says who no longer complies.
        if (result.ok) warnings = await chairRuleWarnings(c.get('deps').database.db, result.value, today());
        return result;
      },
      () => {
        const t = c.get('t');
        if (!warnings.length) return t('structure.body.admin.saved');
        return t('structure.body.admin.savedWithWarnings', { warnings: warnings.map((w) => t(`structure.body.warning.${w.kind}`, w.params)).join(' ') });
      },
    );
  });
  // A body's commissioners besides its parent (the section under the settings form).
  app.post('/bodies/:id/commissioners', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'commissioner',
      form,
      () =>
        tryCommand(c, addCommissioner, {
          bodyId: access.body.id,
          commissionerBodyId: formOne(form, 'commissionerBodyId'),
          principalId: formOne(form, 'principalId'),
          name: formOne(form, 'commissionerName'),
        }),
      (row) => c.get('t')('structure.commissioners.added', { name: row.displayName }),
      { name: 'commissionerName' },
    );
  });
  app.post('/bodies/:id/commissioners/:commissionerId/remove', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    return submit(
      c,
      access,
      'commissioner',
      form,
      () => tryCommand(c, removeCommissioner, { bodyId: access.body.id, commissionerId: c.req.param('commissionerId') }),
      (gone) => c.get('t')('structure.commissioners.removed', { name: gone.name }),
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
          personEmail: formOne(form, 'chairPersonEmail'),
          personName: formOne(form, 'chairPersonName'),
          role: formOne(form, 'chairRole') as 'chair',
          startOn: formOne(form, 'chairStartOn'),
          endOn: formOne(form, 'chairEndOn') || undefined,
        });
        const rename: Record<string, string> = {
          role: 'chairRole',
          personEmail: 'chairPersonEmail',
          personId: 'chairPersonEmail',
          personName: 'chairPersonName',
          startOn: 'chairStartOn',
          endOn: 'chairEndOn',
        };
        return result.ok ? result : { ...result, errors: result.errors.map((e) => ({ ...e, field: rename[e.field] ?? e.field })) };
      },
      () => c.get('t')('structure.body.chair.appointed', { name: formOne(form, 'chairPersonName') || formOne(form, 'chairPersonEmail') }),
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
          function: formOne(form, 'function'),
          representation: formOne(form, 'representation') as 'principal',
          principalId: formOne(form, 'principalId'),
          organisationId: formOne(form, 'seatOrganisationId'),
          groupPrincipalIds: formMany(form, 'groupPrincipalIds'),
          groupLabel: formOne(form, 'groupLabel'),
          principalKind: formOne(form, 'principalKind'),
          contactSurfaceId: formOne(form, 'contactSurfaceId'),
          exOfficioBodyId: formOne(form, 'exOfficioBodyId'),
          exOfficioRole: formOne(form, 'exOfficioRole'),
          createdOn: formOne(form, 'createdOn'),
          position: formOne(form, 'position'),
        }),
      () => c.get('t')('structure.seat.created', { name: formOne(form, 'function') }),
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
          personEmail: formOne(form, 'personEmail'),
          personName: formOne(form, 'personName'),
          role: formOne(form, 'role') as 'member',
          seatId: formOne(form, 'seatId'),
          substituteForMembershipId: formOne(form, 'substituteForMembershipId'),
          organisationId: formOne(form, 'organisationId'),
          reason: formOne(form, 'reason'),
          startOn: formOne(form, 'startOn'),
          endOn: formOne(form, 'endOn') || undefined,
        }),
      () => c.get('t')('structure.member.added', { name: formOne(form, 'personName') || formOne(form, 'personEmail') }),
    );
  });
  app.post('/bodies/:id/memberships/end', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    const ids = formMany(form, 'membershipIds');
    const t = c.get('t');
    if (!ids.length) return adminPage(c, access, { endMembers: [{ field: 'membershipIds', message: t('structure.body.admin.selectNone') }], status: 422 });
    const result = await tryCommand(c, endMemberships, { bodyId: access.body.id, membershipIds: ids, endOn: formOne(form, 'endSelectedOn') });
    if (!result.ok) return adminPage(c, access, { endMembers: result.errors.map((e) => ({ ...e, field: e.field === 'endOn' ? 'endSelectedOn' : e.field })), status: result.status });
    setFlash(c, { kind: 'success', message: t('structure.body.admin.membersEnded', { count: result.value.ended }) });
    return c.redirect(`/bodies/${access.body.id}/admin#members`, 303);
  });
  app.post('/bodies/:id/seats/end', async (c) => {
    const access = await manageable(c, c.req.param('id'));
    const form = await readFormAll(c);
    const ids = formMany(form, 'seatIds');
    const t = c.get('t');
    if (!ids.length) return seatsPage(c, access, { endSeats: [{ field: 'seatIds', message: t('structure.body.admin.selectNone') }], status: 422 });
    const result = await tryCommand(c, endSeats, { bodyId: access.body.id, seatIds: ids, endedOn: formOne(form, 'seatsEndedOn') });
    if (!result.ok) return seatsPage(c, access, { endSeats: result.errors.map((e) => ({ ...e, field: e.field === 'endedOn' ? 'seatsEndedOn' : e.field })), status: result.status });
    setFlash(c, { kind: 'success', message: t('structure.body.admin.seatsEnded', { count: result.value.ended }) });
    return c.redirect(`/bodies/${access.body.id}/seats#seats`, 303);
  });
}
