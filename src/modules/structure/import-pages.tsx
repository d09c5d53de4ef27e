import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../platform/http/context.js';
import { renderPage } from '../../platform/http/render.js';
import { tryCommand } from '../../platform/http/forms.js';
import { ForbiddenError, type FieldError } from '../../platform/http/errors.js';
import { CsrfInput, ErrorSummary, Field } from '../../platform/views/components.js';
import { importMembers } from './commands/index.js';
import type { ImportReport } from './import-plan.js';
import { membersCsv } from './members-csv.js';
import { bodyAccess, type BodyAccess } from './form-helpers.js';
import { bodyCrumbs } from './body-pages.js';
import { Checkbox } from './views.js';

async function importPage(c: Context<AppEnv>, access: BodyAccess, state: { text?: string; dryRun?: boolean; errors?: FieldError[]; report?: ImportReport; status?: number } = {}) {
  const t = c.get('t');
  const title = t('import.title', { name: access.body.name });
  const errors = state.errors ?? [];
  const r = state.report;
  return renderPage(
    c,
    { title, status: state.status ?? 200, breadcrumbs: await bodyCrumbs(c, access.body, t('body.admin.import')) },
    <>
      <h1>{title}</h1>
      <p>{t('import.intro')}</p>
      <p>
        {t('import.example')}: <code>{t('import.exampleText')}</code>
      </p>
      {errors.length ? <p class="warning">{t('import.problems')}</p> : null}
      <ErrorSummary t={t} errors={errors} />
      {r ? (
        <div class="flash flash-success" role="status">
          <p>
            {r.dryRun
              ? t('import.dryRunOk', { rows: r.rows, seats: r.seatsCreated, members: r.membershipsCreated, people: r.peopleCreated })
              : t('import.done', { rows: r.rows, seats: r.seatsCreated, members: r.membershipsCreated, people: r.peopleCreated })}
          </p>
          <p>{t('import.encoding', { encoding: r.encoding })}</p>
        </div>
      ) : null}
      <form method="post" action={`/bodies/${access.body.id}/import`} enctype="multipart/form-data" novalidate>
        <CsrfInput token={c.get('csrfToken')} />
        <div class="field">
          <label for="field-file">{t('import.file')}</label>
          <input type="file" id="field-file" name="file" accept=".csv,text/csv,text/plain" />
        </div>
        <Field t={t} name="csv" label={t('import.text')} value={state.text} errors={[]} multiline rows={8} />
        <Checkbox name="dryRun" label={t('import.dryRun')} checked={state.dryRun ?? true} />
        <p class="hint">{t('import.large')}</p>
        <button type="submit" class="button">{t('import.run')}</button>
      </form>
      <p>
        <a href={`/bodies/${access.body.id}/admin`}>{t('body.manage')}</a>
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
  app.get('/bodies/:id/import', async (c) => importPage(c, await manageable(c)));
  app.post('/bodies/:id/import', async (c) => {
    const access = await manageable(c);
    const body = await c.req.parseBody();
    const file = body.file;
    const text = typeof body.csv === 'string' ? body.csv : '';
    const dryRun = body.dryRun === '1';
    const input =
      file instanceof File && file.size > 0
        ? { bodyId: access.body.id, csvBase64: Buffer.from(await file.arrayBuffer()).toString('base64'), dryRun }
        : { bodyId: access.body.id, csv: text, dryRun };
    const result = await tryCommand(c, importMembers, input);
    if (!result.ok) return importPage(c, access, { text, dryRun, errors: result.errors.map((e) => ({ ...e, field: 'csv' })), status: result.status });
    return importPage(c, access, { text: dryRun ? text : '', dryRun, report: result.value });
  });

  /** The current composition as CSV (see members-csv.ts: e-mail addresses only for those who manage the body). */
  app.get('/bodies/:id/members.csv', membersCsv);
}
