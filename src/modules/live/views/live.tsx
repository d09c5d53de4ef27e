import type { Lang, Translate } from '../../../platform/i18n/index.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { formatLongDate, formatTime } from '../../../platform/time.js';
import type { Meeting } from '../../meetings/schema.js';
import { formatDuration, secondsUsed, type LiveItem, type LiveState } from '../state.js';

/** What the live page shows (pages/live-page.tsx loads it). */
export interface LivePageData {
  meeting: Pick<Meeting, 'id' | 'title' | 'startsAt' | 'endsAt'>;
  /** The live state as this reader may see it. */
  state: LiveState;
  now: Date;
  /** The reader moves the meeting through the agenda. */
  manage: boolean;
}

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

/** The live view: the current item, the controls (for those who manage the meeting) and the agenda. */
export function LiveView({ t, lang, csrf, d }: { t: Translate; lang: Lang; csrf: string; d: LivePageData }) {
  const { meeting, state, now, manage } = d;
  const self = `/meetings/${meeting.id}/live`;
  const action = `${self}/current`;
  return (
    <>
      <h1>{t('live.title', { meeting: meeting.title })}</h1>
      <p>
        {formatLongDate(meeting.startsAt, lang)}, {formatTime(meeting.startsAt)}–{formatTime(meeting.endsAt)} · <a href={`/meetings/${meeting.id}`}>{t('live.backToMeeting')}</a>
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
    </>
  );
}
