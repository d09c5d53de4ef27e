import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { readForm, runCommand, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { requireLogin, csrfToken } from '../../../platform/auth/middleware.js';
import { bodiesOfPerson } from '../../structure/index.js';
import { createFeed, revokeFeed } from '../commands/index.js';
import { feedByToken } from '../feeds.js';
import { feedsOf } from '../queries.js';
import { CalendarView, type CalendarPageData } from '../views/calendar.js';

/**
 * /calendar: a person's subscribable calendar links (create, revoke); the new link is
 * shown once. /calendar/<token>.ics: the feed itself, for calendar apps (no login: the
 * secret token is the key).
 */

interface PageExtra {
  errors?: FieldError[];
  values?: Record<string, string>;
  created?: { url: string; name: string };
  status?: number;
}

async function loadCalendarPage(c: Context<AppEnv>, extra: PageExtra): Promise<CalendarPageData> {
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new Error('unreachable');
  const db = c.get('deps').database.db;
  const [feeds, memberOf] = await Promise.all([feedsOf(db, actor.personId), bodiesOfPerson(db, actor.personId)]);
  const bodyOptions = [...new Map(memberOf.map((b) => [b.bodyId, `${b.bodyName} (${b.structureName})`])).entries()];
  // The choice of meetings is one field ("what"), sent as a scope and a body.
  const errors = (extra.errors ?? []).map((e) => (e.field === 'bodyId' || e.field === 'scope' ? { ...e, field: 'what' } : e));
  return { feeds, bodyOptions, errors, values: extra.values ?? {}, created: extra.created };
}

async function calendarPage(c: Context<AppEnv>, extra: PageExtra = {}) {
  const t = c.get('t');
  const d = await loadCalendarPage(c, extra);
  return renderPage(
    c,
    { title: t('calendar.title'), status: extra.status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('calendar.title') }] },
    <CalendarView t={t} csrf={csrfToken(c)} d={d} />,
  );
}

export function calendarPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/calendar', requireLogin);
  app.use('/calendar/feeds', requireLogin);
  app.use('/calendar/feeds/*', requireLogin);

  app.get('/calendar', (c) => calendarPage(c));

  app.post('/calendar/feeds', async (c) => {
    const values = await readForm(c);
    const what = values.what ?? 'person';
    const input = what === 'person' ? { scope: 'person', name: values.name } : { scope: 'body', bodyId: what, name: values.name };
    const result = await tryCommand(c, createFeed, input);
    if (!result.ok) return calendarPage(c, { errors: result.errors, values, status: result.status });
    return calendarPage(c, { created: { url: result.value.url, name: result.value.name } });
  });

  app.post('/calendar/feeds/revoke', async (c) => {
    const values = await readForm(c);
    await runCommand(c, revokeFeed, { feedId: values.feedId ?? '' });
    setFlash(c, { kind: 'success', message: c.get('t')('calendar.revoked') });
    return c.redirect('/calendar', 303);
  });

  // The feed: the token is the whole authority, so nothing here depends on a session.
  app.get('/calendar/:file{[A-Za-z0-9_-]{10,200}\\.ics}', async (c) => {
    const token = c.req.param('file').slice(0, -'.ics'.length);
    const { database, config } = c.get('deps');
    const found = await feedByToken(database.db, token, { publicUrl: config.PUBLIC_URL });
    if (!found) return c.text('Not found', 404, { 'cache-control': 'no-store' });
    return c.body(found.ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="samverka.ics"',
      'cache-control': 'private, max-age=300',
    });
  });

  return app;
}
