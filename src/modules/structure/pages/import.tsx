import { storedText } from '../views/common.js';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { tryCommand } from '../../../platform/http/forms.js';
import { ForbiddenError, type FieldError } from '../../../platform/http/errors.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, ErrorSummary, Field } from '../../../platform/views/fields.js';
import { importMembers, startImportRun } from '../commands/index.js';
import type { ImportReport } from '../import/plan.js';
import { LARGE_IMPORT_LINES, dataLinesIn, importRunOf, isFinished, recentImportRuns } from '../import/runs.js';
import type { ImportRun } from '../schema.js';
import { formatDateTime } from '../../../platform/time.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { membersCsv } from './members-csv.js';
import { bodyAccess, type BodyAccess } from '../policy.js';
import { bodyCrumbs } from './body.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

async function importPage(c: Context<AppEnv>, access: BodyAccess, state: { text?: string; dryRun?: boolean; errors?: FieldError[]; report?: ImportReport; status?: number; runs?: ImportRun[] } = {}) {
  const t = c.get('t');
  const title = t('structure.import.title', { name: access.body.name });
  const errors = state.errors ?? [];
  const r = state.report;
  return renderPage(
    c,
    { title, status: state.status ?? 200, breadcrumbs: await bodyCrumbs(c, access.body, t('structure.body.admin.import')) },
    <>
      <h1>{title}</h1>
      <p>{t('structure.import.intro')}</p>
      <p>
        {t('structure.import.example')}: <code>{t('structure.import.exampleText')}</code>
      </p>
      {errors.length ? <p class="warning">{t('structure.import.problems')}</p> : null}
      <ErrorSummary t={t} errors={errors} />
      {r ? <ReportFlash t={t} report={r} /> : null}
      <form method="post" action={`/bodies/${access.body.id}/import`} enctype="multipart/form-data" novalidate>
        <CsrfInput token={csrfToken(c)} />
        <div class="field">
          <label for="field-file">{t('structure.import.file')}</label>
          <input type="file" id="field-file" name="file" accept=".csv,text/csv,text/plain" />
        </div>
        <Field t={t} name="csv" label={t('structure.import.text')} value={state.text} errors={[]} multiline rows={8} />
        <CheckboxField t={t} name="dryRun" label={t('structure.import.dryRun')} checked={state.dryRun ?? true} />
        <p class="hint">{t('structure.import.large')}</p>
        <button type="submit" class="button">
          {t('structure.import.run')}
        </button>
      </form>
      {state.runs?.length ? <RecentRuns t={t} bodyId={access.body.id} runs={state.runs} /> : null}
      <p>
        <a href={`/bodies/${access.body.id}/admin`}>{t('structure.body.manage')}</a>
      </p>
    </>,
  );
}

function ReportFlash(props: { t: Translate; report: ImportReport }) {
  const { t, report: r } = props;
  const counts = { rows: r.rows, seats: r.seatsCreated, members: r.membershipsCreated, people: r.peopleCreated };
  return (
    <div class="flash flash-success" role="status">
      <p>{r.dryRun ? t('structure.import.dryRunOk', counts) : t('structure.import.done', counts)}</p>
      <p>{t('structure.import.encoding', { encoding: r.encoding })}</p>
    </div>
  );
}

const runUrl = (run: Pick<ImportRun, 'id' | 'bodyId'>) => `/bodies/${run.bodyId}/import/runs/${run.id}`;

/** The state of a run in words: how far the checking has come, or how it ended. */
function runStatusText(t: Translate, run: ImportRun): string {
  const counts = { done: run.linesDone, total: run.linesTotal };
  switch (run.status) {
    case 'queued':
      return t('structure.import.run.queued', counts);
    case 'checking':
      return t('structure.import.run.checking', counts);
    case 'writing':
      return t('structure.import.run.writing', counts);
    case 'done':
      return run.dryRun ? t('structure.import.run.dryRunDone', counts) : t('structure.import.run.done', counts);
    case 'refused':
      return t('structure.import.run.refused', { count: run.problems?.length ?? 0 });
    case 'failed':
      return t('structure.import.run.failed');
  }
}

function RecentRuns(props: { t: Translate; bodyId: string; runs: ImportRun[] }) {
  const { t } = props;
  return (
    <section aria-labelledby="recent-runs">
      <h2 id="recent-runs">{t('structure.import.run.recent')}</h2>
      <ul>
        {props.runs.map((run) => (
          <li>
            <a href={runUrl(run)}>{formatDateTime(run.createdAt)}</a>
            {run.dryRun ? ` (${t('structure.import.run.dryRunShort')})` : ''}: {runStatusText(t, run)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A background import: how far it has come, polled every two seconds while it runs (or reloaded by the link). */
async function runPage(c: Context<AppEnv>, access: BodyAccess, run: ImportRun) {
  const t = c.get('t');
  const title = t('structure.import.run.title', { name: access.body.name });
  const running = !isFinished(run);
  const report = run.report as ImportReport | null;
  const url = runUrl(run);
  return renderPage(
    c,
    { title, breadcrumbs: await bodyCrumbs(c, access.body, t('structure.body.admin.import')) },
    <>
      <h1>{title}</h1>
      <p class="muted">
        {t('structure.import.run.started', { at: formatDateTime(run.createdAt) })}
        {run.dryRun ? ` ${t('structure.import.run.dryRunNote')}` : ''}
      </p>
      <div role="status" aria-live="polite">
        <div id="import-run" {...(running ? { 'hx-get': url, 'hx-trigger': 'every 2s', 'hx-select': '#import-run', 'hx-swap': 'outerHTML' } : {})}>
          <p>
            <label for="import-progress">{runStatusText(t, run)}</label>
          </p>
          <progress id="import-progress" max={String(Math.max(run.linesTotal, 1))} value={String(run.status === 'done' ? Math.max(run.linesTotal, 1) : run.linesDone)}>
            {run.linesDone} / {run.linesTotal}
          </progress>
          {running ? (
            <p>
              <a href={url}>{t('structure.import.run.reload')}</a>
            </p>
          ) : null}
          {run.status === 'done' && report ? <ReportFlash t={t} report={report} /> : null}
          {run.status === 'refused' ? (
            <div class="warning">
              <p>{t('structure.import.problems')}</p>
              <ul>
                {(run.problems ?? []).map((p) => (
                  <li>{storedText(p, t)}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      <p>
        <a href={`/bodies/${access.body.id}/import`}>{t('structure.import.run.back')}</a>
      </p>
      <p>
        <a href={`/bodies/${access.body.id}/seats`}>{t('structure.import.run.seats')}</a>
      </p>
    </>,
  );
}

async function manageable(c: Context<AppEnv>) {
  const access = await bodyAccess(c, c.req.param('id') ?? '');
  if (!access.can.manage) throw new ForbiddenError();
  return access;
}

export function importPages(app: Hono<AppEnv>) {
  app.get('/bodies/:id/import', async (c) => {
    const access = await manageable(c);
    return importPage(c, access, { runs: await recentImportRuns(c.get('deps').database.db, access.body.id) });
  });
  app.get('/bodies/:id/import/runs/:runId', async (c) => {
    const access = await manageable(c);
    return runPage(c, access, await importRunOf(c.get('deps').database.db, access.body.id, c.req.param('runId')));
  });
  app.post('/bodies/:id/import', async (c) => {
    const access = await manageable(c);
    const body = await c.req.parseBody();
    const file = body.file;
    const text = typeof body.csv === 'string' ? body.csv : '';
    const dryRun = body.dryRun === '1';
    const bytes = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : undefined;
    const input = bytes ? { bodyId: access.body.id, csvBase64: Buffer.from(bytes).toString('base64'), dryRun } : { bodyId: access.body.id, csv: text, dryRun };
    if (dataLinesIn(bytes ?? text) > LARGE_IMPORT_LINES) {
      // A large file runs in the background; its page shows how far it has come.
      const started = await tryCommand(c, startImportRun, input);
      if (started.ok) return c.redirect(runUrl(started.value), 303);
      return importPage(c, access, { text, dryRun, errors: started.errors.map((e) => ({ ...e, field: 'csv' })), status: started.status });
    }
    const result = await tryCommand(c, importMembers, input);
    if (!result.ok) return importPage(c, access, { text, dryRun, errors: result.errors.map((e) => ({ ...e, field: 'csv' })), status: result.status });
    return importPage(c, access, { text: dryRun ? text : '', dryRun, report: result.value });
  });

  /** The current composition as CSV (see members-csv.ts: e-mail addresses only for those who manage the body). */
  app.get('/bodies/:id/members.csv', membersCsv);
}
