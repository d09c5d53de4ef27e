import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { type FormData, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { ForbiddenError, NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { authorize, can } from '../../../platform/auth/authorize.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { CsrfInput, Pager } from '../../../platform/views/components.js';
import { ErrorSummary, Field } from '../../../platform/views/fields.js';
import { today } from '../../../platform/days.js';
import { endEngagement, invitePerson } from '../commands/index.js';
import { bodiesOfPerson, bodyById, directoryPage, managesBodyOf, personById, type PersonBodyRow } from '../queries/index.js';
import { rolesOf } from '../policy.js';
import { holdingsOf } from '../holdings.js';
import { readableEmailsOf } from '../policy.js';
import { Facts, periodText, roleLabel } from '../views/common.js';
import type { Translate } from '../../../platform/i18n/index.js';

function BodiesTable(props: { t: Translate; rows: PersonBodyRow[]; caption: string }) {
  const { t } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('structure.mybodies.body')}</th>
            <th scope="col">{t('structure.mybodies.structure')}</th>
            <th scope="col">{t('structure.mybodies.role')}</th>
            <th scope="col">{t('structure.member.period')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/bodies/${r.bodyId}`}>{r.bodyName}</a>
              </td>
              <td>
                <a href={`/structures/${r.structureSlug}`}>{r.structureName}</a>
              </td>
              <td>
                {roleLabel(t, r.role)}
                {r.seatFunction ? <div class="muted">{r.seatFunction}</div> : null}
                {r.exOfficio ? <div class="muted">{t('structure.member.exOfficio')}</div> : null}
              </td>
              <td>{periodText(t, r.startOn, r.endOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Only the engagements in bodies the viewer may see the composition of. */
async function visibleTo(c: Context<AppEnv>, rows: PersonBodyRow[]): Promise<PersonBodyRow[]> {
  const actor = c.get('actor');
  if (can(actor, 'structure.administer', null)) return rows;
  const db = c.get('deps').database.db;
  const allowed = new Map<string, boolean>();
  for (const id of new Set(rows.map((r) => r.bodyId))) {
    const body = await bodyById(db, id);
    allowed.set(id, !!body && can(actor, 'structure.viewComposition', { body, roles: await rolesOf(db, actor, id) }));
  }
  return rows.filter((r) => allowed.get(r.bodyId));
}

async function personPage(c: Context<AppEnv>, id: string) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const person = await personById(db, id);
  if (!person) throw new NotFoundError();
  const actor = c.get('actor');
  const self = actor.kind === 'person' && actor.personId === person.id;
  const all = await bodiesOfPerson(db, person.id, { history: true });
  const on = today();
  const rows = self ? all : await visibleTo(c, all);
  const current = rows.filter((r) => r.endOn === null || r.endOn >= on);
  const past = rows.filter((r) => r.endOn !== null && r.endOn < on);
  const admin = can(actor, 'structure.administer', null);
  const email = person.email && (await readableEmailsOf(db, actor, [person.id])).has(person.id) ? person.email : null;
  const mayInvite =
    !person.passwordHash &&
    !!person.email &&
    person.status === 'active' &&
    can(actor, 'structure.invitePerson', { managesABodyOfThePerson: actor.kind === 'person' ? await managesBodyOf(db, actor.personId, person.id) : false });
  return renderPage(
    c,
    { title: person.name, breadcrumbs: [{ href: '/people', label: t('structure.people.directory') }, { label: person.name }] },
    <>
      <h1>{person.name}</h1>
      <Facts
        items={[
          [t('structure.person.workTitle'), person.title ?? '–'],
          [t('structure.person.email'), email ? <a href={`mailto:${email}`}>{email}</a> : person.email ? t('structure.person.emailHidden') : '–'],
          [t('structure.people.directory.login'), person.passwordHash ? t('structure.people.directory.hasLogin') : t('structure.people.directory.contact')],
        ]}
      />
      {person.leftOn ? <p class="warning">{person.leftOn < on ? t('structure.person.status.left', { date: person.leftOn }) : t('structure.person.status.leaving', { date: person.leftOn })}</p> : null}
      {mayInvite || admin ? (
        <div class="actions">
          {mayInvite ? (
            <form method="post" action={`/people/${person.id}/invite`} class="inline-form">
              <CsrfInput token={csrfToken(c)} />
              <button type="submit" class="button">
                {t('structure.person.invite')}
              </button>
            </form>
          ) : null}
          {admin ? (
            <a class="button button-secondary" href={`/people/${person.id}/leave`}>
              {t('structure.person.leave')}
            </a>
          ) : null}
        </div>
      ) : null}
      {mayInvite ? <p class="hint">{t('structure.person.inviteHint')}</p> : null}
      <h2>{t('structure.person.bodies')}</h2>
      {current.length ? <BodiesTable t={t} rows={current} caption={t('structure.person.bodies')} /> : <p>{t('structure.person.noBodies')}</p>}
      {past.length ? (
        <>
          <h2>{t('structure.person.history')}</h2>
          <BodiesTable t={t} rows={past} caption={t('structure.person.history')} />
        </>
      ) : null}
    </>,
  );
}

async function leavePage(c: Context<AppEnv>, id: string, form?: FormData, errors: FieldError[] = [], status = 200) {
  authorize(c.get('actor'), 'structure.administer', null);
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const person = await personById(db, id);
  if (!person) throw new NotFoundError();
  const v = form ? formValues(form) : { endOn: today() };
  const holdings = await holdingsOf(db, person.id, v.endOn && /^\d{4}-\d{2}-\d{2}$/.test(v.endOn) ? v.endOn : today());
  const title = t('structure.leave.title', { name: person.name });
  return renderPage(
    c,
    { title, status, breadcrumbs: [{ href: '/people', label: t('structure.people.directory') }, { href: `/people/${person.id}`, label: person.name }, { label: t('structure.person.leave') }] },
    <>
      <h1>{title}</h1>
      <p>{t('structure.leave.intro', { name: person.name })}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/people/${person.id}/leave`} novalidate>
        <CsrfInput token={csrfToken(c)} />
        <Field t={t} name="endOn" label={t('structure.leave.endOn')} type="date" value={v.endOn} errors={errors} required />
        <h2>{t('structure.leave.holdings', { name: person.name })}</h2>
        {holdings.memberships.length === 0 ? (
          <p>{t('structure.leave.nothing', { name: person.name })}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>{t('structure.leave.holdingsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('structure.leave.what')}</th>
                  <th scope="col">{t('structure.member.period')}</th>
                  <th scope="col">{t('structure.leave.successor')}</th>
                </tr>
              </thead>
              <tbody>
                {holdings.memberships.map((h, i) => {
                  const label = t('structure.leave.holdingLabel', { role: roleLabel(t, h.role), body: h.bodyName });
                  return (
                    <tr>
                      <td>
                        <a href={`/bodies/${h.bodyId}`}>{label}</a>
                        {h.seatFunction ? <div class="muted">{h.seatFunction}</div> : null}
                        <div class="muted">{h.structureName}</div>
                      </td>
                      <td>{periodText(t, h.startOn, h.endOn)}</td>
                      <td>
                        {h.exOfficio ? (
                          <span class="muted">{t('structure.leave.followsAutomatically')}</span>
                        ) : (
                          <>
                            <input type="hidden" name={`handovers.${i}.membershipId`} value={h.membershipId} />
                            <Field
                              t={t}
                              name={`handovers.${i}.successorEmail`}
                              label={t('structure.leave.successorFor', { what: label })}
                              type="email"
                              value={v[`handovers.${i}.successorEmail`]}
                              errors={errors}
                            />
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {holdings.other.length ? (
          <>
            <h2>{t('structure.leave.other')}</h2>
            <ul>
              {holdings.other.map((o) => (
                <li>
                  <a href={o.href}>{t(o.text.key, o.text.params)}</a>
                </li>
              ))}
            </ul>
            <Field
              t={t}
              name="otherSuccessorEmail"
              type="email"
              label={t('structure.leave.otherSuccessor')}
              hint={t('structure.leave.otherSuccessorHint')}
              value={v['otherSuccessorEmail']}
              errors={errors}
            />
          </>
        ) : null}
        <button type="submit" class="button button-danger">
          {t('structure.leave.submit')}
        </button>
      </form>
    </>,
  );
}

const directoryQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1), q: z.string().max(100).optional() });

export function peoplePages(app: Hono<AppEnv>) {
  app.use('/my/*', requireLogin);
  app.use('/people', requireLogin);
  app.use('/people/*', requireLogin);

  app.get('/my/bodies', async (c) => {
    const t = c.get('t');
    const actor = c.get('actor');
    if (actor.kind !== 'person') throw new ForbiddenError();
    const rows = await bodiesOfPerson(c.get('deps').database.db, actor.personId, { includeFuture: true });
    return renderPage(
      c,
      { title: t('structure.mybodies.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('structure.mybodies.title') }] },
      <>
        <h1>{t('structure.mybodies.title')}</h1>
        <p>{t('structure.mybodies.intro')}</p>
        {rows.length ? <BodiesTable t={t} rows={rows} caption={t('structure.mybodies.title')} /> : <p>{t('structure.mybodies.empty')}</p>}
      </>,
    );
  });

  app.get('/people', async (c) => {
    const t = c.get('t');
    authorize(c.get('actor'), 'structure.viewDirectory', null);
    const { page, q } = parseOrThrow(directoryQuery, c.req.query());
    const list = await directoryPage(c.get('deps').database.db, { reader: c.get('actor'), page, q });
    const href = (p: number) => `/people?page=${p}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
    return renderPage(
      c,
      { title: t('structure.people.directory'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('structure.people.directory') }] },
      <>
        <h1>{t('structure.people.directory')}</h1>
        <p>{t('structure.people.directory.intro')}</p>
        <form method="get" action="/people" role="search">
          <div class="field">
            <label for="field-q">{t('structure.people.directory.search')}</label>
            <input type="search" id="field-q" name="q" value={q ?? ''} />
          </div>
          <button type="submit" class="button button-secondary">
            {t('structure.people.directory.searchButton')}
          </button>
        </form>
        {list.items.length ? (
          <div class="table-wrap">
            <table>
              <caption>{t('table.caption.sorted')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('structure.principals.name')}</th>
                  <th scope="col">{t('structure.person.workTitle')}</th>
                  <th scope="col">{t('structure.people.directory.login')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr>
                    <td>
                      <a href={`/people/${p.id}`}>{p.name}</a>
                    </td>
                    <td>{p.title ?? '–'}</td>
                    <td>
                      {p.status === 'left'
                        ? t('structure.people.directory.left', { date: p.leftOn ?? '' })
                        : p.hasLogin
                          ? t('structure.people.directory.hasLogin')
                          : t('structure.people.directory.contact')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('structure.people.directory.empty')}</p>
        )}
        <Pager t={t} page={list.page} pages={list.pages} href={href} />
      </>,
    );
  });

  app.get('/people/:id', (c) => personPage(c, c.req.param('id')));
  app.post('/people/:id/invite', async (c) => {
    const result = await tryCommand(c, invitePerson, { personId: c.req.param('id'), lang: c.get('lang') });
    if (!result.ok) {
      setFlash(c, { kind: 'error', message: result.errors.map((e) => e.message).join(' ') });
      return c.redirect(`/people/${c.req.param('id')}`, 303);
    }
    setFlash(c, { kind: 'success', message: c.get('t')('structure.person.invited', { email: result.value.email }) });
    return c.redirect(`/people/${c.req.param('id')}`, 303);
  });
  app.get('/people/:id/leave', (c) => leavePage(c, c.req.param('id')));
  app.post('/people/:id/leave', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const form = await readFormAll(c);
    const handovers: { membershipId: string; successorEmail: string }[] = [];
    const fieldOf: string[] = [];
    for (const key of Object.keys(form)) {
      const m = /^handovers\.(\d+)\.successorEmail$/.exec(key);
      if (m && formOne(form, key).trim()) {
        handovers.push({ membershipId: formOne(form, `handovers.${m[1]}.membershipId`), successorEmail: formOne(form, key) });
        fieldOf.push(key);
      }
    }
    const otherSuccessorEmail = formOne(form, 'otherSuccessorEmail').trim() || undefined;
    const result = await tryCommand(c, endEngagement, { personId: c.req.param('id'), endOn: formOne(form, 'endOn'), handovers, otherSuccessorEmail });
    if (!result.ok) {
      // Errors name the hand-over by its place in the list sent; map back to the form's fields.
      const errors = result.errors.map((e) => {
        const m = /^handovers\.(\d+)\.(\w+)$/.exec(e.field);
        return m ? { ...e, field: fieldOf[Number(m[1])] ?? e.field } : e;
      });
      return leavePage(c, c.req.param('id'), form, errors, result.status);
    }
    const person = await personById(c.get('deps').database.db, c.req.param('id'));
    setFlash(c, { kind: 'success', message: c.get('t')('structure.leave.done', { name: person?.name ?? '', date: result.value.endOn, count: result.value.handedOver }) });
    return c.redirect(`/people/${c.req.param('id')}`, 303);
  });
}
