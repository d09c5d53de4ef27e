import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { formMany, formOne, readFormAll, tryCommand, type FormData } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { AppError, fieldErrorsIn, messageIn, type FieldError } from '../../../platform/http/errors.js';
import { StaleError } from '../../../platform/refusals.js';
import type { MessageKey } from '../../../platform/i18n/index.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { formatDateTime } from '../../../platform/time.js';
import type { CommandDef } from '../../../platform/commands.js';
import type { z } from 'zod';
import {
  addAction,
  addMinuteItem,
  approveMinutes,
  commentMinutes,
  completeAction,
  finaliseMinutes,
  publishMinutes,
  saveHeader,
  saveItem,
  sendForApproval,
  setDistribution,
  startCorrection,
  startMinutes,
  unpublishMinutes,
} from '../commands/index.js';
import { autosaveItem } from '../commands/save-item.js';
import type { MinuteItem } from '../schema.js';
import { pageDeps, type C } from './common.js';
import { loadMinutesMain, type PageState } from './minutes-main.js';
import { MinutesMainView, NoMinutesView } from '../views/minutes-main.js';
import { refuseNotStarted } from '../../meetings/index.js';
import { presentersFromForm } from '../../meetings/index.js';

/** A form's values with one value per name (the last of repeated names). */
const singleValues = (values: Record<string, string | string[]>): Record<string, string> => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? (v.at(-1) ?? '') : v]));

async function minutesMain(c: C, state: PageState = {}) {
  const { t, lang, csrf } = pageDeps(c);
  const d = await loadMinutesMain(c, state);
  // Nothing to write before the meeting has started (existing minutes of a meeting moved later stay readable).
  if (!d.started) {
    const notStarted = refuseNotStarted(c, d.data.meeting, d.crumbs);
    if (notStarted) return notStarted;
  }
  return renderPage(
    c,
    { title: d.title, breadcrumbs: d.crumbs, status: state.status },
    d.started ? <MinutesMainView t={t} lang={lang} csrf={csrf} d={d} s={d.started} state={state} /> : <NoMinutesView t={t} csrf={csrf} d={d} state={state} />,
  );
}

const flash = (c: C, key: MessageKey) => setFlash(c, { kind: 'success', message: c.get('t')(key) });
const back = (c: C, anchor = '') => c.redirect(`/meetings/${c.req.param('id')}/minutes${anchor}`, 303);

/** Errors of a form whose fields are not shown in it go to the summary as they are. */
const general = (errors: readonly FieldError[]): FieldError[] => errors.map((e) => ({ field: '_', message: e.message }));

export function minutesEditorRoutes(app: Hono<AppEnv>): void {
  app.use('/meetings/:id/minutes', requireLogin);
  app.use('/meetings/:id/minutes/*', requireLogin);
  app.use('/actions/*', requireLogin);

  app.get('/meetings/:id/minutes', (c) => minutesMain(c));

  app.post('/meetings/:id/minutes', async (c) => {
    const r = await tryCommand(c, startMinutes, { meetingId: c.req.param('id') });
    if (!r.ok && r.error.code !== 'exists') return minutesMain(c, { errors: general(r.errors), status: r.status });
    if (r.ok) flash(c, 'minutes.started');
    return back(c);
  });

  app.post('/meetings/:id/minutes/header', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, saveHeader, { meetingId: c.req.param('id'), ...values });
    // A stale save keeps what the person wrote; the refusal (with both versions' numbers) heads the form.
    if (!r.ok) return minutesMain(c, { header: { values, errors: r.errors }, status: r.status });
    flash(c, 'minutes.header.saved');
    return back(c, '#minutes-header');
  });

  app.post('/meetings/:id/minutes/items', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, addMinuteItem, { meetingId: c.req.param('id'), title: formOne(values, 'title'), number: formOne(values, 'number'), parentId: formOne(values, 'parentId') });
    if (!r.ok) return minutesMain(c, { errors: r.errors.map((e) => ({ field: ['title', 'number', 'parentId'].includes(e.field) ? `add-${e.field}` : '_', message: e.message })), status: r.status });
    flash(c, 'minutes.item.added');
    return back(c, `#item-${r.value.id}`);
  });

  app.post('/meetings/:id/minutes/items/:itemId', async (c) => {
    const values = await readFormAll(c);
    const itemId = c.req.param('itemId');
    const r = await tryCommand(c, saveItem, { ...values, presenters: presentersFromForm(singleValues(values)), itemId });
    if (!r.ok) {
      // A stale save: the person's text is kept beside the stored version, and the form now saves from the stored one.
      if (r.error instanceof StaleError) {
        return minutesMain(c, { item: { id: itemId, state: { values, errors: [] }, conflict: r.error.current as MinuteItem }, status: r.status });
      }
      return minutesMain(c, { item: { id: itemId, state: { values, errors: r.errors } }, status: r.status });
    }
    flash(c, 'minutes.item.saved');
    return back(c, `#item-${itemId}`);
  });

  // The autosave of a draft (htmx): answers a status line and the form's new version.
  app.post('/meetings/:id/minutes/items/:itemId/autosave', async (c) => {
    const t = c.get('t');
    const values = await readFormAll(c);
    const itemId = c.req.param('itemId');
    try {
      const item = await autosaveItem(c.get('deps'), c.get('actor'), { ...values, presenters: presentersFromForm(singleValues(values)), itemId }, t);
      const now = new Date();
      return c.html(
        `${escape(t('minutes.item.autosaved', { time: formatDateTime(now).slice(11) }))}<input type="hidden" name="version" id="version-${item.id}" value="${item.version}" hx-swap-oob="true">`,
      );
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        const message = err.fieldErrors.length
          ? fieldErrorsIn(err.fieldErrors, t)
              .map((e) => e.message)
              .join(' ')
          : messageIn(err, t);
        return c.html(`<strong>${escape(t('minutes.item.autosaveFailed', { message }))}</strong>`);
      }
      throw err;
    }
  });

  app.post('/meetings/:id/minutes/actions', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, addAction, { meetingId: c.req.param('id'), ...values });
    if (!r.ok) return minutesMain(c, { action: { values, errors: r.errors }, status: r.status });
    flash(c, 'minutes.action.added');
    return back(c, '#minutes-actions');
  });

  app.post('/actions/:actionId/complete', async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, completeAction, { actionId: c.req.param('actionId'), note: formOne(values, 'note') });
    if (!r.ok) throw r.error;
    flash(c, 'minutes.action.completed');
    const returnTo = formOne(values, 'returnTo');
    return c.redirect(returnTo && /^\/(meetings\/[0-9a-f-]{36}\/minutes|actions)$/.test(returnTo) ? returnTo : '/actions', 303);
  });

  const simple = <S extends z.ZodType, O>(path: string, def: CommandDef<S, O>, done: MessageKey, fields: (v: FormData) => Record<string, unknown>) => {
    app.post(`/meetings/:id/minutes/${path}`, async (c) => {
      const values = await readFormAll(c);
      const r = await tryCommand(c, def, { meetingId: c.req.param('id'), ...fields(values) });
      if (!r.ok) return minutesMain(c, { errors: general(r.errors), status: r.status });
      flash(c, done);
      return back(c, '#minutes-approval');
    });
  };
  simple('approval', sendForApproval, 'minutes.approval.sent', (v) => ({ deadline: formOne(v, 'deadline') }));
  simple('approve', approveMinutes, 'minutes.approval.approved', (v) => ({ version: formOne(v, 'version') }));
  simple('comment', commentMinutes, 'minutes.approval.commented', (v) => ({ comment: formOne(v, 'comment') }));
  simple('finalise', finaliseMinutes, 'minutes.finalised', (v) => ({ version: formOne(v, 'version') }));
  simple('correction', startCorrection, 'minutes.correction.started', (v) => ({ reason: formOne(v, 'reason') }));
  simple('publish', publishMinutes, 'minutes.publish.done', (v) => ({ attachmentIds: formMany(v, 'attachmentIds') }));
  simple('unpublish', unpublishMinutes, 'minutes.publish.undone', () => ({}));

  app.post('/bodies/:bodyId/minutes-distribution', requireLogin, async (c) => {
    const values = await readFormAll(c);
    const r = await tryCommand(c, setDistribution, { bodyId: c.req.param('bodyId'), emails: formOne(values, 'emails') });
    if (!r.ok) throw new AppError(r.status, r.error.code, r.errors.map((e) => e.message).join(' '), r.errors);
    flash(c, 'minutes.distribution.saved');
    const returnTo = formOne(values, 'returnTo');
    return c.redirect(returnTo && /^\/meetings\/[0-9a-f-]{36}\/minutes$/.test(returnTo) ? returnTo : `/bodies/${c.req.param('bodyId')}/decisions`, 303);
  });
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
