import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { meetingCrumbs, meetingPage, dateLabel, agendaVisibility, refuseNotStarted } from '../../meetings/index.js';
import { loadLiveState, stateFor } from '../state.js';
import { LiveView, type LivePageData } from '../views/live.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

/**
 * The live view of a meeting: /meetings/:id/live shows the current item, the time used
 * against the planned time and the agenda; /meetings/:id/live/events streams the same
 * state (Server-Sent Events) to /static/js/live.js, which redraws the page in place.
 * Without JavaScript the page shows the state when it was loaded, with a reload link.
 * Those who manage the meeting move it through the agenda with plain forms.
 */

async function loadLivePage(c: Context<AppEnv>) {
  const data = await meetingPage(c);
  const { meeting } = data;
  const now = new Date();
  const state = stateFor((await loadLiveState(c.get('deps').database.db, meeting.id, now))!, agendaVisibility(c.get('actor'), data, now));
  const manage = data.can['meetings.manage'] && meeting.status !== 'cancelled';
  const d: LivePageData = { meeting, state, now, manage };
  return { data, d };
}

/** /meetings/:id/live */
export async function livePage(c: Context<AppEnv>): Promise<Response> {
  const t = c.get('t');
  const { data, d } = await loadLivePage(c);
  const notStarted = refuseNotStarted(c, data.meeting, meetingCrumbs(c, data, dateLabel(data), t('live.open')), d.now);
  if (notStarted) return notStarted;
  return renderPage(
    c,
    {
      title: t('live.title', { meeting: d.meeting.title }),
      breadcrumbs: meetingCrumbs(c, data, dateLabel(data), t('live.open')),
    },
    <LiveView t={t} lang={c.get('lang')} csrf={csrfToken(c)} d={d} />,
  );
}
