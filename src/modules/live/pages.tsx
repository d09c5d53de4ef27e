import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/http/context.js';
import { renderPage } from '../../platform/http/render.js';
import { readForm, runCommand } from '../../platform/http/forms.js';
import { setFlash } from '../../platform/http/flash.js';
import { parseOrThrow } from '../../platform/http/validation.js';
import { requireLogin } from '../../platform/auth/middleware.js';
import { touchSession } from '../../platform/auth/sessions.js';
import type { Translate } from '../../platform/i18n/index.js';
import { CsrfInput } from '../../platform/views/components.js';
import { formatLongDate, formatTime } from '../../platform/time.js';
import { meetingCrumbs, meetingPage, dateLabel, type MeetingLinks, agendaVisibility } from '../meetings/index.js';
import { setCurrentItem } from './commands/index.js';
import { liveHub, sseMessage } from './hub.js';
import { formatDuration, loadLiveState, secondsUsed, stateFor, type LiveItem, type LiveState } from './state.js';

/**
 * The live view of a meeting: /meetings/:id/live shows the current item, the time used
 * against the planned time and the agenda; /meetings/:id/live/events streams the same
 * state (Server-Sent Events) to /static/js/live.js, which redraws the page in place.
 * Without JavaScript the page shows the state when it was loaded, with a reload link.
 * Those who manage the meeting move it through the agenda with plain forms.
 */

function plannedText(t: Translate, item: LiveItem): string {
  return item.plannedMinutes ? t('live.minutes', { minutes: item.plannedMinutes }) : t('live.noPlan');
}

function CurrentItem(props: { t: Translate; state: LiveState; now: Date }) {
  const { t, state } = props;
  const current = state.items.find((i) => i.id === state.currentItemId);
  const used = current ? secondsUsed(state, current, props.now) : 0;
  const over = !!current?.plannedMinutes && used > current.plannedMinutes * 60;
  const empty = state.status === 'cancelled' ? t('live.cancelled') : state.startedAt ? t('live.paused') : t('live.notStarted');
  return (
    <section class="live-current" aria-labelledby="live-current-heading">
      <h2 id="live-current-heading">{t('live.current')}</h2>
      {/* Announced when it changes; the ticking clock below is outside this region. */}
      <div id="live-current-item" aria-live="polite" aria-atomic="true">
        <p class="live-current-title" hidden={!current}>
          <span data-live="number">{current ? `${current.number}.` : ''}</span> <span data-live="title">{current?.title ?? ''}</span>
        </p>
        <p data-live="presenter" hidden={!current?.presenter}>
          {current?.presenter ? t('live.presenter', { name: current.presenter }) : ''}
        </p>
        <p data-live="empty" hidden={!!current}>
          {empty}
        </p>
      </div>
      <dl class={`live-clock${over ? ' live-over' : ''}`} hidden={!current}>
        <div>
          <dt>{t('live.timeUsed')}</dt>
          <dd data-live="used">{formatDuration(used)}</dd>
        </div>
        <div>
          <dt>{t('live.timePlanned')}</dt>
          <dd data-live="planned">{current ? plannedText(t, current) : ''}</dd>
        </div>
      </dl>
      <p data-live="since" hidden={!current}>
        {state.itemStartedAt ? t('live.since', { time: formatTime(new Date(state.itemStartedAt)) }) : ''}
      </p>
      <p class="live-overtime" data-live="overtime" hidden={!over}>
        {t('live.overtime')}
      </p>
    </section>
  );
}

function Controls(props: { t: Translate; state: LiveState; csrf: string; action: string }) {
  const { t, state } = props;
  const index = state.items.findIndex((i) => i.id === state.currentItemId);
  const move = (name: string, label: string, disabled: boolean) => (
    <form method="post" action={props.action} class="inline-form">
      <CsrfInput token={props.csrf} />
      <input type="hidden" name="move" value={name} />
      <button type="submit" class={name === 'next' || name === 'start' ? 'button' : 'button button-secondary'} disabled={disabled}>
        {label}
      </button>
    </form>
  );
  return (
    <section class="live-controls" aria-labelledby="live-controls-heading">
      <h2 id="live-controls-heading">{t('live.controls')}</h2>
      <div class="button-row">
        {move('previous', t('live.previous'), index <= 0)}
        {index < 0 ? move('start', t('live.start'), state.items.length === 0) : move('next', t('live.next'), index >= state.items.length - 1)}
        {move('pause', t('live.pause'), index < 0)}
      </div>
    </section>
  );
}

function AgendaTable(props: { t: Translate; state: LiveState; now: Date; manage: boolean; csrf: string; action: string }) {
  const { t, state } = props;
  return (
    <section aria-labelledby="live-agenda-heading">
      <h2 id="live-agenda-heading">{t('live.agenda')}</h2>
      <div class="table-wrap">
        <table class="live-agenda">
          <thead>
            <tr>
              <th scope="col">{t('live.col.number')}</th>
              <th scope="col">{t('live.col.time')}</th>
              <th scope="col">{t('live.col.item')}</th>
              <th scope="col">{t('live.col.presenter')}</th>
              <th scope="col">{t('live.col.used')}</th>
              {props.manage ? <th scope="col">{t('live.col.action')}</th> : null}
            </tr>
          </thead>
          <tbody id="live-agenda-rows">
            {state.items.map((item) => {
              const current = item.id === state.currentItemId;
              return (
                <tr data-item-id={item.id} class={current ? 'live-row-current' : undefined} aria-current={current ? 'step' : undefined}>
                  <td>{item.number}</td>
                  <td>{`${item.plannedStart}–${item.plannedEnd}`}</td>
                  <td>
                    {item.title}
                    {current ? <strong class="live-now"> ({t('live.now')})</strong> : null}
                  </td>
                  <td>{item.presenter ?? ''}</td>
                  <td data-live="item-used">{`${formatDuration(secondsUsed(state, item, props.now))} / ${plannedText(t, item)}`}</td>
                  {props.manage ? (
                    <td>
                      <form method="post" action={props.action} class="inline-form">
                        <CsrfInput token={props.csrf} />
                        <input type="hidden" name="itemId" value={item.id} />
                        <button type="submit" class="button button-secondary" disabled={current} aria-label={t('live.makeCurrentItem', { number: item.number })}>
                          {t('live.makeCurrent')}
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// The meeting page links here once there is an agenda to follow.
export const liveMeetingLinks: MeetingLinks = { order: 10, links: ({ meeting, agendaVisible }) => (agendaVisible ? { href: `/meetings/${meeting.id}/live`, label: 'live.open' } : null) };

async function livePage(c: Context<AppEnv>): Promise<Response> {
  const t = c.get('t');
  const data = await meetingPage(c);
  const { meeting } = data;
  const now = new Date();
  const state = stateFor((await loadLiveState(c.get('deps').database.db, meeting.id, now))!, agendaVisibility(c.get('actor'), data, now));
  const manage = data.can['meetings.manage'] && meeting.status !== 'cancelled';
  const self = `/meetings/${meeting.id}/live`;
  const action = `${self}/current`;
  const csrf = c.get('csrfToken');
  return renderPage(
    c,
    {
      title: t('live.title', { meeting: meeting.title }),
      breadcrumbs: meetingCrumbs(c, data, dateLabel(data), t('live.open')),
    },
    <>
      <h1>{t('live.title', { meeting: meeting.title })}</h1>
      <p>
        {formatLongDate(meeting.startsAt, c.get('lang'))}, {formatTime(meeting.startsAt)}–{formatTime(meeting.endsAt)} · <a href={`/meetings/${meeting.id}`}>{t('live.backToMeeting')}</a>
      </p>
      <div
        id="live"
        data-events={`${self}/events`}
        data-t-used={t('live.timeUsed')}
        data-t-now={t('live.now')}
        data-t-no-plan={t('live.noPlan')}
        data-t-minutes={t('live.minutes', { minutes: '{minutes}' })}
        data-t-presenter={t('live.presenter', { name: '{name}' })}
        data-t-since={t('live.since', { time: '{time}' })}
        data-t-not-started={t('live.notStarted')}
        data-t-paused={t('live.paused')}
        data-t-cancelled={t('live.cancelled')}
        data-t-connected={t('live.connected')}
        data-t-reconnecting={t('live.reconnecting')}
        data-t-make-current={t('live.makeCurrent')}
        data-t-make-current-item={t('live.makeCurrentItem', { number: '{number}' })}
        data-manage={manage ? 'true' : 'false'}
        data-action={action}
        data-csrf={csrf}
      >
        <p class="live-connection" id="live-connection" role="status">
          <span data-live="connection">{t('live.reloadHint')}</span>{' '}
          <a href={self} data-live="reload">
            {t('live.reload')}
          </a>
        </p>
        <CurrentItem t={t} state={state} now={now} />
        {manage ? <Controls t={t} state={state} csrf={csrf} action={action} /> : null}
        <AgendaTable t={t} state={state} now={now} manage={manage} csrf={csrf} action={action} />
      </div>
      <p>
        {t('live.documents')}: <a href={`/meetings/${meeting.id}/agenda.pdf`}>{t('meetings.agendaDoc.pdf')}</a> · <a href={`/meetings/${meeting.id}/agenda.docx`}>{t('meetings.agendaDoc.docx')}</a>
      </p>
      <script src="/static/js/live.js" defer></script>
    </>,
  );
}

/** How often an open live stream marks its session as in use (well inside the shortest idle timeout). */
export const SESSION_TOUCH_MS = 60_000;

/**
 * The SSE stream: the state at once, then again after every change. The stream joins the
 * meeting's followers before it reads the first state, and reads again if a change came
 * in meanwhile, so that no change between the two is lost.
 */
async function liveEvents(c: Context<AppEnv>): Promise<Response> {
  const loaded = await meetingPage(c);
  const { meeting } = loaded;
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

const moveInput = z.object({
  itemId: z.uuid().optional(),
  move: z.enum(['next', 'previous', 'start', 'pause']).optional(),
});

export function livePages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id/live', requireLogin);
  app.use('/meetings/:id/live/*', requireLogin);

  app.get('/meetings/:id/live', livePage);
  app.get('/meetings/:id/live/events', liveEvents);

  app.post('/meetings/:id/live/current', async (c) => {
    const t = c.get('t');
    const loaded = await meetingPage(c);
    const values = parseOrThrow(moveInput, await readForm(c), c.get('t'));
    const state = (await loadLiveState(c.get('deps').database.db, loaded.meeting.id))!;
    const index = state.items.findIndex((i) => i.id === state.currentItemId);
    let itemId: string | null = values.itemId ?? null;
    if (values.move === 'next' || values.move === 'start') itemId = state.items[Math.min(index + 1, state.items.length - 1)]?.id ?? null;
    if (values.move === 'previous') itemId = state.items[Math.max(index - 1, 0)]?.id ?? null;
    if (values.move === 'pause') itemId = null;
    await runCommand(c, setCurrentItem, { meetingId: loaded.meeting.id, itemId });
    const item = state.items.find((i) => i.id === itemId);
    setFlash(c, { kind: 'success', message: item ? t('live.moved', { item: `${item.number}. ${item.title}` }) : t('live.pausedFlash') });
    return c.redirect(`/meetings/${loaded.meeting.id}/live`, 303);
  });

  return app;
}
