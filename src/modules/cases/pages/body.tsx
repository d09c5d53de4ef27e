import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { tryCommand, formValues, readFormAll } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { type FieldError, NotFoundError } from '../../../platform/http/errors.js';
import { notFound } from '../../../platform/refusals.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { can, authorize } from '../../../platform/auth/authorize.js';
import { bodies } from '../../structure/schema.js';
import { bodyTrail, bodyWithStructure } from '../../structure/index.js';
import { activities } from '../schema.js';
import { attachmentDisposition, DOCX_CONTENT_TYPE, fileSlug, PDF_CONTENT_TYPE, renderDocx, renderPdf } from '../../../platform/documents/index.js';
import { pageSection } from '../../../platform/views/home.js';
import { bodyForCases } from '../policy.js';
import { caseStates, phaseNames, type Phase } from '../flow.js';
import { refPrefix } from '../wording.js';
import { yearOf, bodiesOf, categoriesOf, structureForOverview, caseOverviewData, casesRaisedBy, myCaseBodies, planLines, planYears, yearlyReportCases } from '../queries/index.js';
import { addActivity, rollActivityPlan, updateActivity } from '../commands/index.js';
import { Overview, type OverviewData } from '../views/overview.js';
import { PlanPage } from '../views/plan.js';
import { YearlyReport } from '../views/report.js';
import { StateTag, Ref } from '../views/common.js';
import { planCsv, planDocument, yearlyReportCsv, yearlyReportDocument } from '../exports.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

/*
 * Pages about many cases: a person's cases, the overviews of a body and of a structure, the
 * activity plan (and its exports) and the yearly report (and its exports).
 */

const filterSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  phase: z.preprocess((v) => (v === '' ? undefined : v), z.enum(phaseNames as [Phase, ...Phase[]]).optional()),
  state: z.preprocess((v) => (v === '' ? undefined : v), z.enum(caseStates).optional()),
  bodyId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
});

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() });
const exportSchema = yearSchema.extend({ format: z.enum(['pdf', 'docx', 'csv']) });

async function overviewData(
  c: Context<AppEnv>,
  structureId: string,
  filter: z.output<typeof filterSchema>,
  base: string,
  prefix: string,
  showBody: boolean,
): Promise<Omit<OverviewData, 't' | 'bodies'>> {
  const db = c.get('deps').database.db;
  const { counts, list, overdue, overdueActions, waiting } = await caseOverviewData(db, { structureId, bodyId: filter.bodyId }, filter);
  return { base, prefix, counts, list, waiting, overdue, overdueActions, filter: { phase: filter.phase, state: filter.state, bodyId: filter.bodyId }, showBody };
}

function BodyLinks(props: { c: Context<AppEnv>; bodyId: string; structureSlug: string; canRaise: boolean }) {
  const t = props.c.get('t');
  return (
    <ul class="inline-list actions">
      {props.canRaise ? (
        <li>
          <a class="button" href={`/bodies/${props.bodyId}/cases/new`}>
            {t('cases.nav.new')}
          </a>
        </li>
      ) : null}
      <li>
        <a href={`/bodies/${props.bodyId}/activity-plan`}>{t('cases.nav.plan')}</a>
      </li>
      <li>
        <a href={`/bodies/${props.bodyId}/case-report`}>{t('cases.nav.report')}</a>
      </li>
      <li>
        <a href={`/structures/${props.structureSlug}/cases`}>{t('cases.overview.structureLink')}</a>
      </li>
    </ul>
  );
}

async function planPage(c: Context<AppEnv>, bodyId: string, yearIn: number | undefined, refused: { form?: string; errors?: FieldError[]; values?: Record<string, string>; status?: number } = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { body, roles } = await bodyForCases(db, c.get('actor'), bodyId, 'cases.viewBody');
  const year = yearIn ?? yearOf(new Date());
  const [lines, years, categories, ws] = await Promise.all([
    planLines(db, body.id, year),
    planYears(db, body.id, yearOf(new Date())),
    categoriesOf(db, body.structureId),
    bodyWithStructure(db, body.id),
  ]);
  return renderPage(
    c,
    {
      title: t('cases.plan.title', { year, body: body.name }),
      status: refused.status,
      breadcrumbs: bodyTrail(t, body, ws?.structure, { label: t('cases.plan') }),
    },
    <>
      <h1>{t('cases.plan.title', { year, body: body.name })}</h1>
      <PlanPage
        t={t}
        csrf={csrfToken(c)}
        body={body}
        year={year}
        years={years.includes(year) ? years : [...years, year].sort((a, b) => b - a)}
        lines={lines}
        goalAreas={categories.filter((g) => g.kind === 'goal_area')}
        prefix={refPrefix(ws?.structure)}
        canManage={can(c.get('actor'), 'cases.managePlan', { body, roles })}
        form={refused.form}
        errors={refused.errors ?? []}
        values={refused.values ?? {}}
      />
    </>,
  );
}

/** /cases: the bodies where the person sees cases, and the cases they raised. */
async function myCasesPage(c: Context<AppEnv>) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new NotFoundError();
  const [mine, raised] = await Promise.all([myCaseBodies(db, actor.personId), casesRaisedBy(db, actor.personId)]);
  return renderPage(
    c,
    { title: t('cases.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('cases.title') }] },
    <>
      <h1>{t('cases.title')}</h1>
      <p>{t('cases.intro')}</p>
      <h2>{t('cases.myBodies')}</h2>
      {mine.length === 0 ? (
        <p>{t('cases.myBodies.empty')}</p>
      ) : (
        <ul>
          {mine.map((b) => (
            <li>
              <a href={`/bodies/${b.id}/cases`}>{b.name}</a>{' '}
              <span class="muted">
                ({b.structureName}) – {t('cases.myBodies.open', { count: b.open })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('cases.raisedByMe')}</h2>
      {raised.length === 0 ? (
        <p>{t('cases.raisedByMe.empty')}</p>
      ) : (
        <ul>
          {raised.map((r) => (
            <li>
              <a href={`/cases/${r.id}`}>
                <Ref kase={r} /> {r.title}
              </a>{' '}
              – {r.bodyName} <StateTag t={t} state={r.state} />
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

/** A body's case overview. */
async function bodyOverviewPage(c: Context<AppEnv>) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const actor = c.get('actor');
  const { body, roles } = await bodyForCases(db, actor, c.req.param('bodyId')!, 'cases.viewBody');
  const filter = parseOrThrow(filterSchema, c.req.query(), t);
  const ws = (await bodyWithStructure(db, body.id))!;
  const data = await overviewData(c, body.structureId, { ...filter, bodyId: body.id }, `/bodies/${body.id}/cases`, refPrefix(ws.structure), false);
  data.filter.bodyId = undefined;
  return renderPage(
    c,
    {
      title: t('cases.overview.body', { body: body.name }),
      breadcrumbs: bodyTrail(t, body, ws.structure, { label: t('cases.tab.cases') }),
    },
    <>
      <h1>{t('cases.overview.body', { body: body.name })}</h1>
      <BodyLinks c={c} bodyId={body.id} structureSlug={ws.structure.slug} canRaise={can(actor, 'cases.raise', { body, roles })} />
      <Overview t={t} {...data} />
    </>,
  );
}

/** A structure's case overview, filtered by phase, step and body. */
async function structureOverviewPage(c: Context<AppEnv>) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const actor = c.get('actor');
  const filter = parseOrThrow(filterSchema, c.req.query(), t);
  const found = await structureForOverview(db, { slug: c.req.param('slug')! }, actor.kind === 'person' ? actor.personId : undefined, filter.bodyId);
  if (!found) notFound('cases.refusal.structureNotFound');
  const structure = found.structure;
  authorize(actor, 'cases.viewStructure', { rolesInStructure: found.roles });
  if (!found.bodyInStructure) notFound('cases.refusal.bodyNotInStructure');
  const [all, data] = await Promise.all([bodiesOf(db, structure.id), overviewData(c, structure.id, filter, `/structures/${structure.slug}/cases`, refPrefix(structure), true)]);
  return renderPage(
    c,
    {
      title: t('cases.overview.structure', { structure: structure.name }),
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: '/cases', label: t('cases.title') }, { label: structure.shortName ?? structure.name }],
    },
    <>
      <h1>{t('cases.overview.structure', { structure: structure.name })}</h1>
      <Overview t={t} {...data} bodies={all.map((b) => ({ id: b.id, name: b.name }))} />
    </>,
  );
}

export function bodyPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/cases', myCasesPage);

  app.get('/bodies/:bodyId/cases', bodyOverviewPage);

  app.get('/structures/:slug/cases', structureOverviewPage);

  // The activity plan.
  app.get('/bodies/:bodyId/activity-plan', async (c) => planPage(c, c.req.param('bodyId'), parseOrThrow(yearSchema, c.req.query(), c.get('t')).year));
  app.post('/bodies/:bodyId/activity-plan', async (c) => {
    const values = formValues(await readFormAll(c));
    const result = await tryCommand(c, addActivity, { ...values, bodyId: c.req.param('bodyId') });
    const year = Number(values.year) || undefined;
    if (!result.ok) return planPage(c, c.req.param('bodyId'), year, { form: 'add', errors: result.errors, values: values as Record<string, string>, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.plan.added') });
    return c.redirect(`/bodies/${c.req.param('bodyId')}/activity-plan?year=${result.value.year}`, 303);
  });
  app.post('/bodies/:bodyId/activity-plan/roll', async (c) => {
    const values = formValues(await readFormAll(c));
    const result = await tryCommand(c, rollActivityPlan, { ...values, bodyId: c.req.param('bodyId') });
    if (!result.ok) return planPage(c, c.req.param('bodyId'), Number(values.fromYear) || undefined, { form: 'roll', errors: result.errors, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.plan.rolled', { count: result.value.carried, year: result.value.year }) });
    return c.redirect(`/bodies/${c.req.param('bodyId')}/activity-plan?year=${result.value.year}`, 303);
  });
  app.post('/activities/:activityId', async (c) => {
    const values = formValues(await readFormAll(c));
    const activityId = c.req.param('activityId');
    const result = await tryCommand(c, updateActivity, { ...values, activityId });
    if (!result.ok) {
      const [line] = await c.get('deps').database.db.select().from(activities).where(eq(activities.id, activityId));
      if (!line) notFound('cases.refusal.activityNotFound');
      return planPage(c, line.bodyId, line.year, { form: `line-${activityId}`, errors: result.errors, values: values as Record<string, string>, status: result.status });
    }
    setFlash(c, { kind: 'success', message: c.get('t')('cases.plan.updated') });
    return c.redirect(`/bodies/${result.value.bodyId}/activity-plan?year=${result.value.year}`, 303);
  });
  app.get('/bodies/:bodyId/activity-plan/export', async (c) => {
    const db = c.get('deps').database.db;
    const lang = c.get('lang');
    const { body } = await bodyForCases(db, c.get('actor'), c.req.param('bodyId'), 'cases.viewBody');
    const q = parseOrThrow(exportSchema, c.req.query(), c.get('t'));
    const year = q.year ?? yearOf(new Date());
    const [lines, ws] = await Promise.all([planLines(db, body.id, year), bodyWithStructure(db, body.id)]);
    const prefix = refPrefix(ws?.structure);
    const name = `${c.get('t')('cases.plan')} ${body.shortName ?? body.name} ${year}`;
    if (q.format === 'csv') {
      return c.body(planCsv(lines, lang, prefix), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': attachmentDisposition(`${name}.csv`, `${fileSlug(name)}.csv`) });
    }
    const model = planDocument(body, year, lines, lang, prefix);
    const file = q.format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
    return c.body(new Uint8Array(file), 200, {
      'content-type': q.format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE,
      'content-disposition': attachmentDisposition(`${name}.${q.format}`, `${fileSlug(name)}.${q.format}`),
    });
  });

  // The yearly report to the commissioning body.
  const reportData = async (c: Context<AppEnv>, year: number) => {
    const db = c.get('deps').database.db;
    const { body } = await bodyForCases(db, c.get('actor'), c.req.param('bodyId')!, 'cases.viewBody');
    const [items, ws, parent] = await Promise.all([
      yearlyReportCases(db, body, year),
      bodyWithStructure(db, body.id),
      body.parentId ? db.select({ name: bodies.name }).from(bodies).where(eq(bodies.id, body.parentId)) : Promise.resolve([]),
    ]);
    return { body, items, structure: ws?.structure, prefix: refPrefix(ws?.structure), commissioner: parent[0]?.name ?? null };
  };
  app.get('/bodies/:bodyId/case-report', async (c) => {
    const t = c.get('t');
    const year = parseOrThrow(yearSchema, c.req.query(), t).year ?? yearOf(new Date());
    const r = await reportData(c, year);
    const current = yearOf(new Date());
    const years = [...new Set([current, current - 1, current - 2, year])].sort((a, b) => b - a);
    return renderPage(
      c,
      {
        title: t('cases.report.yearlyTitle', { year, body: r.body.name }),
        breadcrumbs: bodyTrail(t, r.body, r.structure, { href: `/bodies/${r.body.id}/cases`, label: t('cases.tab.cases') }, { label: t('cases.report.yearly') }),
      },
      <>
        <h1>{t('cases.report.yearlyTitle', { year, body: r.body.name })}</h1>
        <YearlyReport t={t} bodyId={r.body.id} year={year} years={years} commissioner={r.commissioner} items={r.items} prefix={r.prefix} />
      </>,
    );
  });
  app.get('/bodies/:bodyId/case-report/export', async (c) => {
    const q = parseOrThrow(exportSchema, c.req.query(), c.get('t'));
    const year = q.year ?? yearOf(new Date());
    const r = await reportData(c, year);
    const name = `${c.get('t')('cases.report.yearly')} ${r.body.shortName ?? r.body.name} ${year}`;
    if (q.format === 'csv') {
      return c.body(yearlyReportCsv(r.items, c.get('lang'), r.prefix), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachmentDisposition(`${name}.csv`, `${fileSlug(name)}.csv`),
      });
    }
    const model = yearlyReportDocument(r.body, r.commissioner, year, r.items, c.get('lang'), r.prefix);
    const file = q.format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
    return c.body(new Uint8Array(file), 200, {
      'content-type': q.format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE,
      'content-disposition': attachmentDisposition(`${name}.${q.format}`, `${fileSlug(name)}.${q.format}`),
    });
  });

  return app;
}

// The home page lists the person's bodies with open cases.
export const casesHomeSection = pageSection(90, async (c) => {
  const actor = c.get('actor');
  if (actor.kind !== 'person') return null;
  const t = c.get('t');
  const mine = (await myCaseBodies(c.get('deps').database.db, actor.personId)).filter((b) => b.open > 0).slice(0, 10);
  if (!mine.length) return null;
  return (
    <section aria-labelledby="home-cases">
      <h2 id="home-cases">{t('cases.home.title')}</h2>
      <ul>
        {mine.map((b) => (
          <li>
            <a href={`/bodies/${b.id}/cases`}>{b.name}</a> – {t('cases.myBodies.open', { count: b.open })}
          </li>
        ))}
      </ul>
      <p>
        <a href="/cases">{t('cases.title')}</a>
      </p>
    </section>
  );
});
