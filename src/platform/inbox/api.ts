import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.js';
import { apiRoute, describeApiTag } from '../http/api.js';
import { runCommand } from '../http/forms.js';
import { pagedSchema, pageQuery } from '../http/paging.js';
import { requireLogin } from '../auth/middleware.js';
import { kindLabel } from './kinds.js';
import { effectivePreferences, listNotifications, unreadCount } from './queries.js';
import { DELIVERIES } from './schema.js';
import { markNotificationRead } from './commands/mark-read.js';
import { markAllNotificationsRead } from './commands/mark-all-read.js';
import { preferencesInput, setNotificationPreferences } from './commands/set-preferences.js';
import { collectWaiting } from './waiting.js';

const notificationOut = z.object({
  id: z.uuid(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().describe('Relative URL of the object'),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const notificationsOut = pagedSchema(notificationOut).extend({ unread: z.number().int() });

const preferencesOut = z.object({
  items: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      delivery: z.enum(DELIVERIES),
      defaultDelivery: z.enum(DELIVERIES),
      chosen: z.boolean(),
    }),
  ),
});

const waitingOut = z.object({
  items: z.array(z.object({ kind: z.string(), title: z.string(), due: z.string().nullable(), link: z.string() })),
  unread: z.number().int(),
});

function personId(c: Context<AppEnv>): string {
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new Error('unreachable: behind requireLogin');
  return actor.personId;
}

const tags = ['inbox'];

describeApiTag('inbox', 'Notifications, e-mail preferences and what waits for the signed-in person.');

export function inboxApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/me/notifications', requireLogin);
  app.use('/api/me/notifications/*', requireLogin);
  app.use('/api/me/notification-preferences', requireLogin);
  app.use('/api/me/waiting', requireLogin);

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/notifications',
      operationId: 'inbox.listNotifications',
      summary: 'My notifications, newest first (50 a page), and how many are unread',
      tags,
      query: pageQuery,
      response: notificationsOut,
      errors: [401],
    },
    async (c, { query }) => {
      const db = c.get('deps').database.db;
      const me = personId(c);
      const lang = c.get('lang');
      const list = await listNotifications(db, me, query.page);
      return {
        ...list,
        items: list.items.map((n) => ({
          id: n.id,
          kind: n.kind,
          kindLabel: kindLabel(n.kind, lang),
          title: n.title,
          body: n.body,
          link: n.link,
          objectType: n.objectType,
          objectId: n.objectId,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
        unread: await unreadCount(db, me),
      };
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/me/notifications/read-all',
      operationId: markAllNotificationsRead.name,
      summary: 'Mark all my notifications as read',
      tags,
      response: z.object({ count: z.number().int() }),
      errors: [401],
    },
    (c) => runCommand(c, markAllNotificationsRead, {}),
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/me/notifications/:id/read',
      operationId: markNotificationRead.name,
      summary: 'Mark one of my notifications as read',
      tags,
      params: z.object({ id: z.uuid() }),
      response: z.object({ id: z.uuid(), readAt: z.string() }),
      errors: [401, 404],
    },
    async (c, { params }) => {
      const result = await runCommand(c, markNotificationRead, { notificationId: params.id });
      return { id: result.id, readAt: result.readAt.toISOString() };
    },
  );

  const preferences = async (c: Context<AppEnv>) => ({
    items: await effectivePreferences(c.get('deps').database.db, personId(c), c.get('lang')),
  });

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/notification-preferences',
      operationId: 'inbox.getPreferences',
      summary: 'How I get e-mail for each kind of notification',
      tags,
      response: preferencesOut,
      errors: [401],
    },
    (c) => preferences(c),
  );

  apiRoute(
    app,
    {
      method: 'put',
      path: '/api/me/notification-preferences',
      operationId: setNotificationPreferences.name,
      summary: 'Choose e-mail at once, in the daily digest, or none, per kind (kinds left out keep their choice)',
      tags,
      body: preferencesInput,
      response: preferencesOut,
      errors: [401],
    },
    async (c, { body }) => {
      await runCommand(c, setNotificationPreferences, body);
      return preferences(c);
    },
  );

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/me/waiting',
      operationId: 'inbox.waiting',
      summary: 'What waits for me (deadlines, approvals, actions, reports due), the earliest due first',
      tags,
      response: waitingOut,
      errors: [401],
    },
    async (c) => {
      const { database, logger } = c.get('deps');
      const me = personId(c);
      const items = await collectWaiting({ db: database.db, personId: me, now: new Date(), lang: c.get('lang') }, logger);
      return {
        items: items.map((i) => ({ kind: i.kind, title: i.title, due: i.due?.toISOString() ?? null, link: i.link })),
        unread: await unreadCount(database.db, me),
      };
    },
  );

  return app;
}
