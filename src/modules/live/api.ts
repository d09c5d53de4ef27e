import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/http/context.js';
import { apiRoute, describeApiTag } from '../../platform/http/api.js';
import { runCommand } from '../../platform/http/forms.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { agendaVisibility, assertOpenForRecording, meetingPage } from '../meetings/index.js';
import { meetingStatuses } from '../meetings/schema.js';
import { setCurrentItem } from './commands/index.js';
import { loadLiveState, stateFor } from './state.js';

/**
 * The live view's JSON API: the state of a meeting in progress (the same the event stream
 * of the live page sends), and moving the meeting to an agenda item.
 */

describeApiTag('live', 'A meeting in progress: the current agenda item, the time used per item, and moving the meeting on.');

const liveStateSchema = z.object({
  meetingId: z.uuid(),
  title: z.string(),
  status: z.enum(meetingStatuses),
  currentItemId: z.uuid().nullable(),
  itemStartedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  serverTime: z.string(),
  items: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      section: z.string().nullable(),
      presenter: z.string().nullable(),
      plannedMinutes: z.number().int().nullable(),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      usedSeconds: z.number().int(),
      internal: z.boolean(),
    }),
  ),
});

export function liveApi(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/api/meetings/:id/live', requireLogin);
  app.use('/api/meetings/:id/live/*', requireLogin);

  apiRoute(
    app,
    {
      method: 'get',
      path: '/api/meetings/:id/live',
      operationId: 'live.state',
      summary: 'The state of a meeting in progress: current item, times, agenda',
      tags: ['live'],
      params: z.object({ id: z.uuid() }),
      response: liveStateSchema,
      errors: [401, 403, 404, 409],
    },
    async (c) => {
      const loaded = await meetingPage(c);
      assertOpenForRecording(loaded.meeting, new Date());
      return stateFor((await loadLiveState(c.get('deps').database.db, loaded.meeting.id))!, agendaVisibility(c.get('actor'), loaded));
    },
  );

  apiRoute(
    app,
    {
      method: 'post',
      path: '/api/meetings/:id/live/current',
      operationId: 'live.setCurrentItem',
      summary: 'Moves a meeting in progress to an agenda item (null pauses it)',
      tags: ['live'],
      params: z.object({ id: z.uuid() }),
      body: z.object({ itemId: z.uuid().nullable() }),
      response: liveStateSchema,
      errors: [401, 403, 404, 409],
    },
    async (c, { params, body }) => {
      await runCommand(c, setCurrentItem, { meetingId: params.id, itemId: body.itemId });
      return (await loadLiveState(c.get('deps').database.db, params.id))!;
    },
  );

  return app;
}
