import type { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { notFound } from '../../../platform/refusals.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { Pager } from '../../../platform/views/components.js';
import { today } from '../../../platform/days.js';
import { structureBySlugOrId, visibleBodyIds } from '../../meetings/index.js';
import { bodyTrail, bodyWithStructure } from '../../structure/index.js';
import type { Crumb } from '../../../platform/views/layout.js';
import { decisionById, decisionYears, listDecisions, type DecisionFilter, type DecisionRow } from '../queries/index.js';
import { registerQuery } from '../inputs.js';
import { followUpStatuses } from '../schema.js';
import { decisionAccess } from '../policy.js';
import { outcomeKey } from '../document.js';
import { pageDeps, type C } from './common.js';
import { caseRefsOf, caseStepLabel, type CaseRef } from '../case-subjects.js';

/*
 * The decision register (beslutslogg): per body and per structure, searchable, each
 * decision numbered per body and year and linked to its meeting and item (and case), with
 * its follow-up status. Readers with a role see every decision of their bodies; everyone
 * sees the decisions of published minutes of public bodies.
 */

type Query = z.output<typeof registerQuery>;

function queryString(q: Query, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.year) p.set('year', String(q.year));
  if (q.followUp) p.set('followUp', q.followUp);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function decisionLink(d: Pick<DecisionRow, 'meetingId' | 'minuteItemId' | 'minutesPublished' | 'bodyId'>, mayRead: boolean): string {
  if (mayRead) return `/meetings/${d.meetingId}/minutes${d.minuteItemId ? `#item-${d.minuteItemId}` : ''}`;
  return `/bodies/${d.bodyId}/published/${d.meetingId}`;
}

/** A decision's case by number and title, linked for readers with a role in the body (visitors see the name only). */
function CaseName(props: { t: Translate; kase: CaseRef; link: boolean }) {
  const label = props.t('minutes.item.case', { ref: props.kase.ref, title: props.kase.title });
  return props.link ? <a href={props.kase.href}>{label}</a> : <>{label}</>;
}

function RegisterTable(props: { t: Translate; rows: DecisionRow[]; mayRead: (bodyId: string) => boolean; cases: Map<string, CaseRef> }) {
  const { t, rows } = props;
  if (!rows.length) return <p>{t('minutes.register.none')}</p>;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{t('minutes.register.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('minutes.register.number')}</th>
            <th scope="col">{t('minutes.register.date')}</th>
            <th scope="col">{t('minutes.register.decision')}</th>
            <th scope="col">{t('minutes.register.meeting')}</th>
            <th scope="col">{t('minutes.register.followUp')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr>
              <td class="nowrap">
                <a href={`/decisions/${d.id}`}>{d.label}</a>
              </td>
              <td class="nowrap">{d.decidedOn}</td>
              <td>
                <strong>{d.title}</strong> <span class="tag">{t(outcomeKey(d.outcome))}</span>
                <br />
                {d.text}
                {d.caseId && props.cases.get(d.caseId) ? (
                  <>
                    <br />
                    <CaseName t={t} kase={props.cases.get(d.caseId)!} link={props.mayRead(d.bodyId)} />
                  </>
                ) : null}
              </td>
              <td>
                {props.mayRead(d.bodyId) || d.minutesPublished ? <a href={decisionLink(d, props.mayRead(d.bodyId))}>{d.meetingTitle}</a> : d.meetingTitle}
                {d.itemNumber ? `, ${t('minutes.item.number', { number: d.itemNumber })}` : ''}
              </td>
              <td>{t(`minutes.followUp.${d.followUpStatus}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FilterForm(props: { t: Translate; action: string; q: Query; years: number[] }) {
  const { t, q } = props;
  return (
    <form method="get" action={props.action} class="filter-form" role="search">
      <div class="field">
        <label for="register-q">{t('minutes.register.search')}</label>
        <input id="register-q" name="q" type="search" value={q.q ?? ''} maxlength={200} />
      </div>
      <div class="field">
        <label for="register-year">{t('minutes.register.year')}</label>
        <select id="register-year" name="year">
          <option value="">{t('minutes.register.allYears')}</option>
          {props.years.map((y) => (
            <option value={String(y)} selected={q.year === y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="register-follow-up">{t('minutes.register.followUp')}</label>
        <select id="register-follow-up" name="followUp">
          <option value="">{t('minutes.register.allFollowUps')}</option>
          {followUpStatuses.map((s) => (
            <option value={s} selected={q.followUp === s}>
              {t(`minutes.followUp.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button button-secondary">
        {t('minutes.register.filter')}
      </button>
    </form>
  );
}

/** Who may read what in the register: all of the bodies with a role (null: administrators, everything). */
async function readerScope(c: C): Promise<{ visible: string[] | null }> {
  const { db, actor } = pageDeps(c);
  return { visible: await visibleBodyIds(db, actor, today()) };
}

async function registerPage(c: C, scope: { kind: 'body'; id: string } | { kind: 'structure'; key: string }) {
  const { t, db } = pageDeps(c);
  const q = parseOrThrow(registerQuery, c.req.query(), t);
  const { visible } = await readerScope(c);
  let filter: DecisionFilter;
  let title: string;
  let action: string;
  let crumbs: Crumb[];
  if (scope.kind === 'body') {
    const found = await bodyWithStructure(db, scope.id);
    if (!found) notFound('minutes.refusal.bodyNotFound');
    const { body, structure } = found;
    filter = { bodyIds: [body.id] };
    title = t('minutes.register.bodyTitle', { body: body.name });
    action = `/bodies/${body.id}/decisions`;
    crumbs = bodyTrail(t, body, structure, { label: t('minutes.tab.decisions') });
  } else {
    const structure = await structureBySlugOrId(db, scope.key);
    if (!structure) notFound('minutes.refusal.structureNotFound');
    filter = { structureId: structure.id };
    title = t('minutes.register.structureTitle', { structure: structure.name });
    action = `/structures/${structure.slug}/decisions`;
    crumbs = [{ href: '/', label: t('layout.nav.home') }, { href: `/structures/${structure.slug}`, label: structure.name }, { label: t('minutes.tab.decisions') }];
  }
  const list = await listDecisions(db, { ...filter, q: q.q, year: q.year, followUp: q.followUp, visibleBodyIds: visible ?? undefined }, q.page);
  const years = await decisionYears(db, filter);
  const cases = await caseRefsOf(
    db,
    list.items.map((d) => d.caseId),
  );
  const mayRead = (bodyId: string) => visible === null || visible.includes(bodyId);
  return renderPage(
    c,
    { title, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <p>{t('minutes.register.intro')}</p>
      <FilterForm t={t} action={action} q={q} years={years} />
      <p role="status">{t('minutes.register.count', { count: list.total })}</p>
      <RegisterTable t={t} rows={list.items} mayRead={mayRead} cases={cases} />
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `${action}${queryString(q, p)}`} />
    </>,
  );
}

export function registerRoutes(app: Hono<AppEnv>): void {
  app.get('/bodies/:bodyId/decisions', (c) => registerPage(c, { kind: 'body', id: c.req.param('bodyId') }));
  app.get('/structures/:slug/decisions', (c) => registerPage(c, { kind: 'structure', key: c.req.param('slug') }));

  app.get('/decisions/:id', async (c) => {
    const { t, lang, db, actor } = pageDeps(c);
    const d = await decisionById(db, c.req.param('id'));
    if (!d) throw new NotFoundError();
    const { readable, byRole: mayRead } = await decisionAccess(db, actor, d);
    if (!readable) throw new NotFoundError();
    const kase = d.caseId ? (await caseRefsOf(db, [d.caseId])).get(d.caseId) : undefined;
    const title = t('minutes.decision.title', { number: d.label });
    return renderPage(
      c,
      { title, breadcrumbs: bodyTrail(t, { id: d.bodyId, name: d.bodyName }, undefined, { href: `/bodies/${d.bodyId}/decisions`, label: t('minutes.tab.decisions') }, { label: d.label }) },
      <>
        <h1>{title}</h1>
        {d.withdrawnAt ? <p class="warning">{t('minutes.register.withdrawn')}</p> : null}
        <dl class="facts">
          <dt>{t('minutes.header.body')}</dt>
          <dd>{d.bodyName}</dd>
          <dt>{t('minutes.register.date')}</dt>
          <dd>{d.decidedOn}</dd>
          <dt>{t('minutes.register.meeting')}</dt>
          <dd>
            <a href={decisionLink(d, mayRead)}>{d.meetingTitle}</a>
            {d.itemNumber ? `, ${t('minutes.item.number', { number: d.itemNumber })}` : ''}: {d.title}
          </dd>
          <dt>{t('minutes.item.outcome')}</dt>
          <dd>{t(outcomeKey(d.outcome))}</dd>
          <dt>{t('minutes.register.followUp')}</dt>
          <dd>{t(`minutes.followUp.${d.followUpStatus}`)}</dd>
          {d.caseId ? (
            <>
              <dt>{t('minutes.register.case')}</dt>
              <dd>{kase ? <CaseName t={t} kase={kase} link={mayRead} /> : t('minutes.register.caseUnknown')}</dd>
              {d.caseTransition ? (
                <>
                  <dt>{t('minutes.item.caseTransition')}</dt>
                  <dd>{caseStepLabel(d.caseTransition, lang)}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        <h2>{t('minutes.item.decision')}</h2>
        <p>{d.text}</p>
        {d.clauses.length ? (
          <>
            <h2>{t('minutes.decision.clauses')}</h2>
            <ul>
              {d.clauses.map((cl) => (
                <li>{t('minutes.item.att', { clause: cl })}</li>
              ))}
            </ul>
          </>
        ) : null}
        {d.condition ? (
          <p>
            <strong>{t('minutes.action.condition')}:</strong> {d.condition}
          </p>
        ) : null}
      </>,
    );
  });
}
