import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { touchSession } from '../../../platform/auth/sessions.js';
import { meetingPage, agendaVisibility, assertOpenForRecording } from '../../meetings/index.js';
import { liveHub, sseMessage } from '../hub.js';
import { loadLiveState, stateFor } from '../state.js';

/** How often an open live stream marks its session as in use (well inside the shortest idle timeout). */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The SSE stream: the state at once, then again after every change. The stream joins the
 * meeting's followers before it reads the first state, and reads again if a change came
 * in meanwhile, so that no change between the two is lost.
 */
export async function liveEvents(c: Context<AppEnv>): Promise<Response> {
  const loaded = await meetingPage(c);
  const { meeting } = loaded;
  assertOpenForRecording(meeting, new Date());
  const sees = agendaVisibility(c.get('actor'), loaded);
  const { database } = c.get('deps');
  const hub = liveHub(database);
  // Following a meeting is activity: the session is kept from its idle timeout while the stream is open.
  const sessionId = c.get('sessionId');
  const keepAlive = sessionId ? setInterval(() => void touchSession(database.db, sessionId).catch(() => undefined), SESSION_TOUCH_MS) : undefined;
  keepAlive?.unref?.();
  let leave = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      let starting = true;
      let missed = false;
      const send = (chunk: Uint8Array) => {
        if (!open) return;
        try {
          controller.enqueue(chunk);
        } catch {
          open = false;
        }
      };
      leave = hub.join(meeting.id, {
        sees,
        write(chunk) {
          if (starting) missed = true;
          else send(chunk);
        },
        close() {
          if (!open) return;
          open = false;
          clearInterval(keepAlive);
          leave();
          try {
            controller.close();
          } catch {
            /* already closed */
          }
        },
      });
      send(new TextEncoder().encode('retry: 3000\n\n'));
      do {
        missed = false;
        const state = await loadLiveState(database.db, meeting.id);
        send(state ? sseMessage('state', stateFor(state, sees)) : sseMessage('gone', { meetingId: meeting.id }));
      } while (missed && open);
      starting = false;
    },
    cancel() {
      clearInterval(keepAlive);
      leave();
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
