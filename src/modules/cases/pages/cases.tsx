import { type Text, type FieldError, ForbiddenError } from '../../../platform/http/errors.js';
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { formMany, formOne, formValues, readFormAll, tryCommand, type FormData } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { authorize, can } from '../../../platform/auth/authorize.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { bodyTrail, organisationsOfStructure } from '../../structure/index.js';
import { bodyForCases, caseAbilities, mayTake } from '../policy.js';
import { loadCase, bodyPeople, caseDetails, categoriesOf, reportMeetings, upcomingMeetings } from '../queries/index.js';
import { transitionsFrom, type CaseState } from '../flow.js';
import { caseRef, refPrefix } from '../wording.js';
import {
  addCaseLink,
  appointWorkingGroup,
  editCase,
  issueDirective,
  raiseCase,
  recordAdoption,
  recordAnchoring,
  recordStatusReport,
  removeCaseLink,
  saveDirective,
  sendImplementationNotice,
  transitionCase,
} from '../commands/index.js';
import { CasePage } from '../views/case-page.js';
import { DirectiveForm, directiveValues, RaiseForm, WorkingGroupForm } from '../views/forms.js';
import { bodyPages } from './body.js';

/*
 * The HTML pages of a case: the case itself (with a form for each step the reader may
 * take), raising and editing, the working group and the assignment directive.
 */

interface Refused {
  form?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
  status?: number;
}

async function casePage(c: Context<AppEnv>, caseId: string, refused: Refused = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const actor = c.get('actor');
  const now = new Date();
  const loaded = await loadCase(db, actor, caseId, now);
  authorize(actor, 'cases.view', loaded.target);
  const d = (await caseDetails(db, caseId, now))!;
  const abilities = caseAbilities(actor, loaded.target);
  const decidingBodyId = d.kase.state === 'prepared' && d.kase.escalatedToBodyId ? d.kase.escalatedToBodyId : d.kase.bodyId;
  const taking = Object.fromEntries(transitionsFrom(d.kase.state).map((n) => [n, mayTake(loaded, n, actor)]));
  const [meetings, forReports] = await Promise.all([upcomingMeetings(db, decidingBodyId, now), reportMeetings(db, d.kase.bodyId, now)]);
  const ref = caseRef(d.kase, refPrefix(d.structure));
  return renderPage(
    c,
    {
      title: `${d.kase.title} (${ref})`,
      status: refused.status,
      breadcrumbs: bodyTrail(t, d.body, d.structure, { href: `/bodies/${d.body.id}/cases`, label: t('cases.tab.cases') }, { label: ref }),
    },
    <CasePage
      t={t}
      lang={c.get('lang')}
      csrf={csrfToken(c)}
      d={d}
      abilities={abilities}
      mayTake={taking}
      covered={loaded.target.coveredPrincipalIds}
      meetings={meetings}
      reportMeetings={forReports}
      form={refused.form}
      errors={refused.errors ?? []}
      values={refused.values ?? {}}
      now={now}
    />,
  );
}

/** Runs a command from a case-page form: back to the case with a message, or the page again with the errors. */
async function caseForm(c: Context<AppEnv>, def: Parameters<typeof tryCommand>[1], input: Record<string, unknown>, form: string, success: (value: unknown) => string, anchor = '') {
  const caseId = c.req.param('caseId')!;
  const result = await tryCommand(c, def, { ...input, caseId });
  if (!result.ok) return casePage(c, caseId, { form, errors: result.errors, values: stringValues(input), status: result.status });
  setFlash(c, { kind: 'success', message: success(result.value) });
  return c.redirect(`/cases/${caseId}${anchor}`, 303);
}

function stringValues(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string') out[k] = v;
  return out;
}

async function raisePage(c: Context<AppEnv>, bodyId: string, refused: { errors?: FieldError[]; values?: FormData; status?: number } = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const actor = c.get('actor');
  const { body, roles } = await bodyForCases(db, actor, bodyId, 'cases.raise');
  const manager = can(actor, 'cases.managePlan', { body, roles });
  const [categories, organisations, people] = await Promise.all([
    categoriesOf(db, body.structureId),
    organisationsOfStructure(db, body.structureId),
    manager ? bodyPeople(db, body.id) : Promise.resolve([]),
  ]);
  return renderPage(
    c,
    {
      title: t('cases.raise'),
      status: refused.status,
      breadcrumbs: bodyTrail(t, body, undefined, { href: `/bodies/${body.id}/cases`, label: t('cases.tab.cases') }, { label: t('cases.raise') }),
    },
    <>
      <h1>{t('cases.raise')}</h1>
      <p>{t('cases.raise.intro')}</p>
      <p class="muted">{t('cases.inBody', { body: body.name })}</p>
      <RaiseForm
        t={t}
        csrf={csrfToken(c)}
        body={body}
        categories={categories}
        organisations={organisations}
        people={people}
        manager={manager}
        errors={refused.errors ?? []}
        values={refused.values ?? {}}
        action={`/bodies/${body.id}/cases/new`}
      />
    </>,
  );
}

async function editPage(c: Context<AppEnv>, refused: { errors?: FieldError[]; values?: FormData; status?: number } = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const loaded = await loadCase(db, c.get('actor'), c.req.param('caseId')!);
  if (!can(c.get('actor'), 'cases.manage', loaded.target) && !(loaded.target.isRaiser && loaded.kase.state === 'raised')) throw new ForbiddenError();
  const [categories, chosen] = await Promise.all([categoriesOf(db, loaded.kase.structureId), caseDetails(db, loaded.kase.id)]);
  const k = loaded.kase;
  const values: FormData = refused.values ?? {
    title: k.title,
    description: k.description ?? '',
    categoryIds: chosen!.categories.map((x) => x.id),
    ...(k.newMedicalTask ? { newMedicalTask: 'on' } : {}),
  };
  return renderPage(
    c,
    { title: t('cases.edit'), status: refused.status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: `/cases/${k.id}`, label: caseRef(k) }, { label: t('cases.edit') }] },
    <>
      <h1>{t('cases.edit')}</h1>
      <RaiseForm
        t={t}
        csrf={csrfToken(c)}
        body={loaded.body}
        categories={categories}
        organisations={[]}
        people={[]}
        manager={false}
        errors={refused.errors ?? []}
        values={values}
        action={`/cases/${k.id}/edit`}
        kase={k}
      />
    </>,
  );
}

async function wgPage(c: Context<AppEnv>, refused: { errors?: FieldError[]; values?: FormData; status?: number } = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const loaded = await loadCase(db, c.get('actor'), c.req.param('caseId')!);
  authorize(c.get('actor'), 'cases.manage', loaded.target);
  const people = await bodyPeople(db, loaded.body.id);
  const k = loaded.kase;
  return renderPage(
    c,
    {
      title: t('cases.wg.appoint'),
      status: refused.status,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: `/cases/${k.id}`, label: caseRef(k) }, { label: t('cases.wg.appoint') }],
    },
    <>
      <h1>{t('cases.wg.appoint')}</h1>
      <p>
        <a href={`/cases/${k.id}`}>{k.title}</a>
      </p>
      <p>{t('cases.wg.appointIntro', { body: loaded.body.name })}</p>
      <WorkingGroupForm t={t} csrf={csrfToken(c)} kase={k} body={loaded.body} people={people} errors={refused.errors ?? []} values={refused.values ?? {}} />
    </>,
  );
}

async function directivePage(c: Context<AppEnv>, refused: { errors?: FieldError[]; values?: FormData; status?: number } = {}) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const loaded = await loadCase(db, c.get('actor'), c.req.param('caseId')!);
  authorize(c.get('actor'), 'cases.manage', loaded.target);
  const d = (await caseDetails(db, loaded.kase.id))!;
  const k = loaded.kase;
  return renderPage(
    c,
    {
      title: t('cases.directive'),
      status: refused.status,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: `/cases/${k.id}`, label: caseRef(k) }, { label: t('cases.directive') }],
    },
    <>
      <h1>{t('cases.directive')}</h1>
      <p>
        <a href={`/cases/${k.id}`}>{k.title}</a>
      </p>
      <p>{t('cases.directive.intro', { body: loaded.body.name, wg: d.wgName ?? t('cases.wg') })}</p>
      <DirectiveForm t={t} csrf={csrfToken(c)} kase={k} errors={refused.errors ?? []} values={refused.values ?? directiveValues(d.directive)} />
    </>,
  );
}

export function casesPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const path of [
    '/cases',
    '/cases/*',
    '/bodies/:bodyId/cases',
    '/bodies/:bodyId/cases/*',
    '/bodies/:bodyId/activity-plan',
    '/bodies/:bodyId/activity-plan/*',
    '/bodies/:bodyId/case-report',
    '/bodies/:bodyId/case-report/*',
    '/structures/:slug/cases',
    '/activities/*',
  ]) {
    app.use(path, requireLogin);
  }

  app.route('/', bodyPages());

  app.get('/bodies/:bodyId/cases/new', (c) => raisePage(c, c.req.param('bodyId')));
  app.post('/bodies/:bodyId/cases/new', async (c) => {
    const values = await readFormAll(c);
    const bodyId = c.req.param('bodyId');
    const result = await tryCommand(c, raiseCase, { ...{ ...formValues(values), categoryIds: formMany(values, 'categoryIds') }, bodyId });
    if (!result.ok) return raisePage(c, bodyId, { errors: result.errors, values, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.raise.done', { ref: caseRef(result.value) }) });
    return c.redirect(`/cases/${result.value.id}`, 303);
  });

  app.get('/cases/:caseId', (c) => casePage(c, c.req.param('caseId')));

  app.post('/cases/:caseId/transition', async (c) => {
    const values = formValues(await readFormAll(c));
    const t = c.get('t');
    return caseForm(c, transitionCase, values, `t-${String(values.transition)}`, (v) => {
      const r = v as { kase: { state: CaseState }; notes: Text[] };
      return [t('cases.next.done', { state: t(`cases.state.${r.kase.state}`) }), ...r.notes.map((n) => t(n.key, n.params))].join(' ');
    });
  });
  app.post('/cases/:caseId/reports', async (c) => caseForm(c, recordStatusReport, formValues(await readFormAll(c)), 'report', () => c.get('t')('cases.report.done'), '#reports'));
  app.post('/cases/:caseId/anchoring', async (c) => {
    const values = formValues(await readFormAll(c));
    return caseForm(c, recordAnchoring, values, `anchor-${String(values.principalId)}`, () => c.get('t')('cases.anchoring.done'), '#anchoring');
  });
  app.post('/cases/:caseId/adoptions', async (c) => {
    const values = formValues(await readFormAll(c));
    return caseForm(c, recordAdoption, values, `adopt-${String(values.principalId)}`, () => c.get('t')('cases.adoption.done'), '#adoption');
  });
  app.post('/cases/:caseId/notice', async (c) =>
    caseForm(c, sendImplementationNotice, formValues(await readFormAll(c)), 'notice', (v) => c.get('t')('cases.notice.done', { count: (v as { principals: number }).principals }), '#notice'),
  );
  app.post('/cases/:caseId/links', async (c) => caseForm(c, addCaseLink, formValues(await readFormAll(c)), 'link', () => c.get('t')('cases.link.added'), '#links'));
  app.post('/cases/:caseId/links/:linkId/delete', async (c) => {
    const result = await tryCommand(c, removeCaseLink, { linkId: c.req.param('linkId') });
    if (!result.ok) return casePage(c, c.req.param('caseId'), { form: 'link', errors: result.errors, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.link.removed') });
    return c.redirect(`/cases/${c.req.param('caseId')}#links`, 303);
  });

  // Editing the case.
  app.get('/cases/:caseId/edit', (c) => editPage(c));
  app.post('/cases/:caseId/edit', async (c) => {
    const values = await readFormAll(c);
    const result = await tryCommand(c, editCase, { ...{ ...formValues(values), categoryIds: formMany(values, 'categoryIds') }, caseId: c.req.param('caseId') });
    if (!result.ok) return editPage(c, { errors: result.errors, values, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.edit.done') });
    return c.redirect(`/cases/${c.req.param('caseId')}`, 303);
  });

  // The working group.
  app.get('/cases/:caseId/working-group', (c) => wgPage(c));
  app.post('/cases/:caseId/working-group', async (c) => {
    const values = await readFormAll(c);
    const input = { ...formValues(values), memberPersonIds: formMany(values, 'memberPersonIds') };
    const adjuncts = [0, 1]
      .map((i) => ({ personEmail: formOne(values, `adjuncts.${i}.personEmail`), personName: formOne(values, `adjuncts.${i}.personName`), reason: formOne(values, `adjuncts.${i}.reason`) }))
      .filter((a) => a.personEmail || a.personName || a.reason);
    const result = await tryCommand(c, appointWorkingGroup, { ...input, adjuncts, caseId: c.req.param('caseId') });
    if (!result.ok) return wgPage(c, { errors: result.errors, values, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('cases.wg.done', { name: result.value.workingGroup.name }) });
    return c.redirect(`/cases/${c.req.param('caseId')}#working-group`, 303);
  });

  // The assignment directive.
  app.get('/cases/:caseId/directive', (c) => directivePage(c));
  app.post('/cases/:caseId/directive', async (c) => {
    const values = await readFormAll(c);
    const input = formValues(values);
    const medicalSteps: Record<string, boolean> = {};
    for (const [k, v] of Object.entries(input)) if (k.startsWith('medicalSteps.')) medicalSteps[k.slice('medicalSteps.'.length)] = v === 'on';
    const issue = input.action === 'issue';
    const directiveInput = { ...input, medicalSteps, caseId: c.req.param('caseId') };
    const result = issue ? await tryCommand(c, issueDirective, directiveInput) : await tryCommand(c, saveDirective, directiveInput);
    if (!result.ok) return directivePage(c, { errors: result.errors, values, status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')(issue ? 'cases.directive.issuedDone' : 'cases.directive.saved') });
    return c.redirect(issue ? `/cases/${c.req.param('caseId')}#directive` : `/cases/${c.req.param('caseId')}/directive`, 303);
  });

  return app;
}
