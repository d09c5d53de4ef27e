import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { formMany, formValues, readForm, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { CsrfInput, Pager } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { formatDate, stockholmParts } from '../../../platform/time.js';
import { subBodies } from '../../structure/index.js';
import { evaluateFrequency } from '../frequency.js';
import { parsePlanLines } from '../plan-lines.js';
import { stockholmInstant } from '../../../platform/time.js';
import { attendanceStatistics, frequencyFacts, jointMeetingIds, listBodyMeetings, meetingYears, yearBounds } from '../queries/index.js';
import { agendaTemplateItems, agendaItemKinds, meetingFormats } from '../schema.js';
import { defaultTemplate } from '../sources.js';
import { planYear } from '../commands/plan-year.js';
import { createMeeting } from '../commands/create-meeting.js';
import { registerPastMeeting } from '../commands/register-past.js';
import { passedAgendaDates } from '../commands/create-meeting.js';
import { setAgendaTemplate } from '../commands/set-agenda-template.js';
import { FrequencyPanel } from '../views/frequency.js';
import { StatusTag, whenText, whereText } from '../views/meeting.js';
import { bodyCrumbs, bodyPage, onlyKnown, pageDeps, type C } from './common.js';
import { asc, eq } from 'drizzle-orm';

const listQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

function thisYear(): number {
  return stockholmParts(new Date()).year;
}

async function bodyMeetingsPage(c: C) {
  const { t, lang, db } = pageDeps(c);
  const data = await bodyPage(c);
  const { body } = data;
  const q = parseOrThrow(listQuery, c.req.query(), t);
  const year = q.year ?? thisYear();
  const joint = await jointMeetingIds(db, body.id);
  const [list, years] = await Promise.all([listBodyMeetings(db, body.id, year, q.page, undefined, joint), meetingYears(db, body.id, joint)]);
  // The frequency needs the whole year: the list has it when it fits on one page.
  const facts = list.pages === 1 ? list.items : await frequencyFacts(db, body.id, year, joint);
  const now = new Date();
  const at = year === thisYear() ? now : yearBounds(year).from;
  const frequency = evaluateFrequency(body, facts, now, year === thisYear() ? now : new Date(at.getTime() + 24 * 3600_000));
  const yearLinks = [...new Set([...years, thisYear(), thisYear() + 1])].sort((a, b) => b - a);
  const title = t('meetings.body.title', { body: body.name });
  return renderPage(
    c,
    { title, breadcrumbs: bodyCrumbs(c, data) },
    <>
      <h1>{title}</h1>
      {frequency.warnings.length ? (
        <ul class="warnings" aria-label={t('meetings.frequency.warnings')}>
          {frequency.warnings.map((w) => (
            <li>
              {t(`meetings.frequency.warning.${w.state}`, {
                period: w.period,
                what: t(`meetings.frequency.what.${w.key}`),
                min: w.min ?? 0,
                max: w.max ?? 0,
                count: w.held + w.planned,
              })}
            </li>
          ))}
        </ul>
      ) : null}
      {data.can['meetings.manage'] ? (
        <ul class="actions">
          <li>
            <a class="button" href={`/bodies/${body.id}/meetings/plan?year=${year}`}>
              {t('meetings.plan.link')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/bodies/${body.id}/meetings/new`}>
              {t('meetings.new.link')}
            </a>
          </li>
          <li>
            <a class="button button-secondary" href={`/bodies/${body.id}/meetings/past`}>
              {t('meetings.past.link')}
            </a>
          </li>
          <li>
            <a href={`/bodies/${body.id}/meetings/template`}>{t('meetings.template.link')}</a>
          </li>
        </ul>
      ) : null}
      <FrequencyPanel t={t} checks={frequency.checks} />
      <nav aria-label={t('meetings.years.label')}>
        <ul class="year-links">
          {yearLinks.map((y) => (
            <li>
              <a href={`/bodies/${body.id}/meetings?year=${y}`} aria-current={y === year ? 'page' : undefined}>
                {y}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('meetings.body.yearHeading', { year })}</h2>
      {list.items.length === 0 ? (
        <p>{t('meetings.body.empty', { year })}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('meetings.body.caption', { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.when')}</th>
                <th scope="col">{t('meetings.meeting')}</th>
                <th scope="col">{t('meetings.where')}</th>
                <th scope="col">{t('meetings.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr>
                  <td>
                    <time datetime={m.startsAt.toISOString()}>{whenText(m, lang)}</time>
                  </td>
                  <td>
                    <a href={`/meetings/${m.id}`}>{m.title}</a>
                    {m.isJoint ? <span class="muted"> · {t('meetings.joint')}</span> : null}
                    {m.bodyId !== body.id ? <span class="muted"> · {m.bodyName}</span> : null}
                  </td>
                  <td>{whereText(m, t)}</td>
                  <td>
                    <StatusTag t={t} meeting={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/bodies/${body.id}/meetings?year=${year}&page=${p}`} />
      <p>
        <a href={`/bodies/${body.id}/meetings/attendance?year=${year}`}>{t('meetings.stats.link')}</a>
      </p>
    </>,
  );
}

// ---------------------------------------------------------------------------------------
// Plan a year

const formatOptions = (t: C['var']['t']) => meetingFormats.map((f) => ({ value: f, label: t(`meetings.format.${f}`) }));

async function planForm(c: C, extra: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {}) {
  const { t } = pageDeps(c);
  const data = await bodyPage(c, 'meetings.manage');
  const values = extra.values ?? {};
  const errors = extra.errors ?? [];
  const year = values.year ?? c.req.query('year') ?? String(thisYear() + (stockholmParts(new Date()).month >= 10 ? 1 : 0));
  const title = t('meetings.plan.title', { body: data.body.name });
  return renderPage(
    c,
    { title, status: extra.status, breadcrumbs: bodyCrumbs(c, data, t('meetings.plan.crumb')) },
    <>
      <h1>{title}</h1>
      <p>{t('meetings.plan.intro')}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${data.body.id}/meetings/plan`}>
        <CsrfInput token={csrfToken(c)} />
        <Field t={t} name="year" label={t('meetings.plan.year')} type="number" value={year} errors={errors} required />
        <Field
          t={t}
          name="title"
          label={t('meetings.plan.defaultTitle')}
          hint={t('meetings.plan.defaultTitleHint', { body: data.body.shortName ?? data.body.name })}
          value={values.title}
          errors={errors}
          maxlength={200}
        />
        <SelectField t={t} name="format" label={t('meetings.plan.defaultFormat')} value={values.format ?? 'physical'} options={formatOptions(t)} errors={errors} />
        <Field t={t} name="lines" label={t('meetings.plan.lines')} hint={t('meetings.plan.linesHint')} multiline rows={12} value={values.lines} errors={errors} required />
        <button type="submit" class="button">
          {t('meetings.plan.submit')}
        </button>
      </form>
    </>,
  );
}

// ---------------------------------------------------------------------------------------
// One meeting: planned, or registered afterwards

async function meetingForm(c: C, past: boolean, extra: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {}) {
  const { t, db } = pageDeps(c);
  const data = await bodyPage(c, 'meetings.manage');
  const values = extra.values ?? {};
  const errors = extra.errors ?? [];
  const subs = past ? [] : await subBodies(db, data.body.id);
  const title = past ? t('meetings.past.title', { body: data.body.name }) : t('meetings.new.title', { body: data.body.name });
  const chosen = new Set((values.jointBodyIds ?? '').split(',').filter(Boolean));
  return renderPage(
    c,
    { title, status: extra.status, breadcrumbs: bodyCrumbs(c, data, past ? t('meetings.past.crumb') : t('meetings.new.crumb')) },
    <>
      <h1>{title}</h1>
      <p>{past ? t('meetings.past.intro') : t('meetings.new.intro', { call: data.body.callOpensDays, deadline: data.body.submissionDeadlineDays, publish: data.body.agendaPublishDays })}</p>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${data.body.id}/meetings/${past ? 'past' : 'new'}`}>
        <CsrfInput token={csrfToken(c)} />
        <MeetingFields t={t} values={values} errors={errors} defaultTitle={data.body.shortName ?? data.body.name} past={past} />
        {subs.length ? (
          <fieldset>
            <legend>{t('meetings.joint.legend')}</legend>
            <p class="hint">{t('meetings.joint.hint')}</p>
            <ul class="checkbox-list">
              {subs.map((s) => (
                <li>
                  <input type="checkbox" id={`joint-${s.id}`} name="jointBodyIds" value={s.id} checked={chosen.has(s.id)} />
                  <label for={`joint-${s.id}`}>{s.name}</label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <button type="submit" class="button">
          {past ? t('meetings.past.submit') : t('meetings.new.submit')}
        </button>
      </form>
    </>,
  );
}

/** Date, times, format and place: shared by the new, past and edit forms. */
export function MeetingFields(props: { t: C['var']['t']; values: Record<string, string>; errors: FieldError[]; defaultTitle: string; past?: boolean }) {
  const { t, values, errors } = props;
  const past = props.past ?? false;
  return (
    <>
      <Field t={t} name="title" label={t('meetings.field.title')} hint={t('meetings.plan.defaultTitleHint', { body: props.defaultTitle })} value={values.title} errors={errors} maxlength={200} />
      <Field t={t} name="date" label={t('meetings.field.date')} type="date" value={values.date} errors={errors} required />
      <Field
        t={t}
        name="startTime"
        label={t('meetings.field.startTime')}
        type="time"
        value={values.startTime}
        errors={errors}
        required={!past}
        hint={past ? t('meetings.past.timesHint') : undefined}
      />
      <Field t={t} name="endTime" label={t('meetings.field.endTime')} type="time" value={values.endTime} errors={errors} required={!past} />
      <Field t={t} name="endDate" label={t('meetings.field.endDate')} hint={t('meetings.field.endDateHint')} type="date" value={values.endDate} errors={errors} />
      <SelectField t={t} name="format" label={t('meetings.field.format')} value={values.format ?? 'physical'} options={formatOptions(t)} errors={errors} />
      <Field t={t} name="address" label={t('meetings.field.address')} value={values.address} errors={errors} maxlength={300} />
      <Field t={t} name="room" label={t('meetings.field.room')} value={values.room} errors={errors} maxlength={100} />
      <Field t={t} name="link" label={t('meetings.field.link')} type="url" value={values.link} errors={errors} />
      <Field t={t} name="notes" label={t('meetings.field.notes')} multiline rows={3} value={values.notes} errors={errors} />
    </>
  );
}

export const meetingFieldNames = ['title', 'date', 'startTime', 'endTime', 'endDate', 'format', 'address', 'room', 'link', 'notes'] as const;

function meetingValues(values: Record<string, string>) {
  const out: Record<string, string> = {};
  for (const k of meetingFieldNames) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

// ---------------------------------------------------------------------------------------
// Attendance statistics

const statsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  from: z.iso
    .date()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  to: z.iso
    .date()
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

async function statisticsPage(c: C) {
  const { t, db } = pageDeps(c);
  const data = await bodyPage(c);
  const q = parseOrThrow(statsQuery, c.req.query(), t);
  const year = q.year ?? thisYear();
  const from = q.from ?? `${year}-01-01`;
  const to = q.to ?? `${year}-12-31`;
  const next = new Date(Date.parse(`${to}T12:00:00Z`) + 24 * 3600_000).toISOString().slice(0, 10);
  const stats = await attendanceStatistics(db, data.body.id, stockholmInstant(from, '00:00'), stockholmInstant(next, '00:00'));
  const title = t('meetings.stats.title', { body: data.body.name });
  const table = (caption: string, head: string, rows: typeof stats.people) =>
    rows.length ? (
      <div class="table-wrap">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col">{t('meetings.attendance.present')}</th>
              <th scope="col">{t('meetings.attendance.excused')}</th>
              <th scope="col">{t('meetings.attendance.absent')}</th>
              <th scope="col">{t('meetings.stats.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const total = r.present + r.absent + r.excused;
              return (
                <tr>
                  <th scope="row">{r.label || t('meetings.stats.noOrganisation')}</th>
                  <td>{r.present}</td>
                  <td>{r.excused}</td>
                  <td>{r.absent}</td>
                  <td>{total ? `${Math.round((100 * r.present) / total)} %` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    ) : null;
  return renderPage(
    c,
    { title, breadcrumbs: bodyCrumbs(c, data, t('meetings.stats.crumb')) },
    <>
      <h1>{title}</h1>
      <form method="get" action={`/bodies/${data.body.id}/meetings/attendance`} class="filter-form">
        <Field t={t} name="from" label={t('meetings.stats.from')} type="date" value={from} />
        <Field t={t} name="to" label={t('meetings.stats.to')} type="date" value={to} />
        <button type="submit" class="button button-secondary">
          {t('meetings.stats.show')}
        </button>
      </form>
      <p>{t('meetings.stats.summary', { count: stats.meetings, from: formatDate(new Date(`${from}T12:00:00Z`)), to: formatDate(new Date(`${to}T12:00:00Z`)) })}</p>
      {stats.people.length === 0 ? <p>{t('meetings.stats.empty')}</p> : null}
      {table(t('meetings.stats.byOrganisation'), t('meetings.stats.organisation'), stats.organisations)}
      {table(t('meetings.stats.byPerson'), t('meetings.stats.person'), stats.people)}
    </>,
  );
}

// ---------------------------------------------------------------------------------------
// The body's agenda template

function templateLines(items: { title: string; section: string | null; durationMinutes: number | null; kind: string }[]): string {
  return items.map((i) => [i.title, i.section ?? '', i.durationMinutes ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n');
}

async function templateForm(c: C, extra: { values?: Record<string, string>; errors?: FieldError[]; status?: number } = {}) {
  const { t, db } = pageDeps(c);
  const data = await bodyPage(c, 'meetings.manage');
  const own = await db.select().from(agendaTemplateItems).where(eq(agendaTemplateItems.bodyId, data.body.id)).orderBy(asc(agendaTemplateItems.position));
  const lines = extra.values?.lines ?? templateLines(own.length ? own : defaultTemplate);
  const errors = extra.errors ?? [];
  const title = t('meetings.template.title', { body: data.body.name });
  return renderPage(
    c,
    { title, status: extra.status, breadcrumbs: bodyCrumbs(c, data, t('meetings.template.crumb')) },
    <>
      <h1>{title}</h1>
      <p>{t('meetings.template.intro')}</p>
      {own.length ? null : <p class="muted">{t('meetings.template.builtIn')}</p>}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action={`/bodies/${data.body.id}/meetings/template`}>
        <CsrfInput token={csrfToken(c)} />
        <Field t={t} name="lines" label={t('meetings.template.lines')} hint={t('meetings.template.linesHint')} multiline rows={10} value={lines} errors={errors} />
        <button type="submit" class="button">
          {t('form.save')}
        </button>
      </form>
    </>,
  );
}

function parseTemplate(text: string) {
  const firstSection = { seen: false };
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [title = '', section = '', minutes = ''] = line.split('|').map((p) => p.trim());
      if (section) firstSection.seen = true;
      return {
        title,
        section: section || undefined,
        durationMinutes: minutes ? Number(minutes) : undefined,
        kind: (section || firstSection.seen ? 'other' : 'formal') as (typeof agendaItemKinds)[number],
      };
    });
}

// ---------------------------------------------------------------------------------------

export function bodyMeetingPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/bodies/:bodyId/meetings', requireLogin);
  app.use('/bodies/:bodyId/meetings/*', requireLogin);

  app.get('/bodies/:bodyId/meetings', (c) => bodyMeetingsPage(c));
  app.get('/bodies/:bodyId/meetings/attendance', (c) => statisticsPage(c));

  app.get('/bodies/:bodyId/meetings/plan', (c) => planForm(c));
  app.post('/bodies/:bodyId/meetings/plan', async (c) => {
    const t = c.get('t');
    const values = await readForm(c);
    const format = meetingFormats.find((f) => f === values.format) ?? 'physical';
    const parsed = parsePlanLines(values.lines ?? '', format);
    const errors: FieldError[] = parsed.errors.map((e) => ({ field: 'lines', message: t(`meetings.plan.lineError.${e.reason}`, { line: e.line, text: e.text }) }));
    if (!errors.length && parsed.meetings.length === 0) errors.push({ field: 'lines', message: t('meetings.plan.noLines') });
    if (errors.length) return planForm(c, { values, errors, status: 422 });
    const result = await tryCommand(c, planYear, {
      bodyId: c.req.param('bodyId'),
      year: values.year,
      title: values.title,
      meetings: parsed.meetings,
    });
    if (!result.ok) {
      const lineErrors = result.errors.map((e) => {
        const m = /^meetings\.(\d+)\./.exec(e.field);
        return m ? { field: 'lines', message: `${t('meetings.plan.meetingNumber', { n: Number(m[1]) + 1 })}: ${e.message}` } : e;
      });
      return planForm(c, { values, errors: onlyKnown(lineErrors, ['year', 'title', 'format', 'lines']), status: result.status });
    }
    // Meetings planned after their call or deadline dates: planned, with the passed dates named.
    const late = result.value.flatMap((m) => passedAgendaDates(m, new Date()).map((w) => `${formatDate(m.startsAt)}: ${t(w.key, w.params)}`));
    setFlash(c, { kind: late.length ? 'info' : 'success', message: [t('meetings.plan.done', { count: result.value.length }), ...late].join(' ') });
    const firstYear = result.value[0] ? stockholmParts(result.value[0].startsAt).year : thisYear();
    return c.redirect(`/bodies/${c.req.param('bodyId')}/meetings?year=${firstYear}`, 303);
  });

  for (const past of [false, true]) {
    const path = `/bodies/:bodyId/meetings/${past ? 'past' : 'new'}`;
    app.get(path, (c) => meetingForm(c, past));
    app.post(path, async (c) => {
      const form = await readFormAll(c);
      const values = formValues(form);
      const jointBodyIds = formMany(form, 'jointBodyIds');
      const input = { bodyId: c.req.param('bodyId'), ...meetingValues(values), ...(past ? {} : { jointBodyIds, isJoint: jointBodyIds.length > 0 }) };
      const result = past ? await tryCommand(c, registerPastMeeting, input) : await tryCommand(c, createMeeting, input);
      if (!result.ok) return meetingForm(c, past, { values: { ...values, jointBodyIds: jointBodyIds.join(',') }, errors: onlyKnown(result.errors, meetingFieldNames), status: result.status });
      // A meeting planned after its call or deadline dates: planned, with a warning naming them.
      const warnings = passedAgendaDates(result.value, new Date());
      setFlash(
        c,
        warnings.length
          ? { kind: 'info', message: warnings.map((w) => c.get('t')(w.key, w.params)).join(' ') }
          : { kind: 'success', message: c.get('t')(past ? 'meetings.past.done' : 'meetings.new.done') },
      );
      return c.redirect(`/meetings/${result.value.id}`, 303);
    });
  }

  app.get('/bodies/:bodyId/meetings/template', (c) => templateForm(c));
  app.post('/bodies/:bodyId/meetings/template', async (c) => {
    const values = await readForm(c);
    const items = parseTemplate(values.lines ?? '');
    const result = await tryCommand(c, setAgendaTemplate, { bodyId: c.req.param('bodyId'), items });
    if (!result.ok) return templateForm(c, { values, errors: result.errors.map((e) => ({ field: 'lines', message: e.message })), status: result.status });
    setFlash(c, { kind: 'success', message: c.get('t')('meetings.template.saved') });
    return c.redirect(`/bodies/${c.req.param('bodyId')}/meetings`, 303);
  });

  return app;
}
