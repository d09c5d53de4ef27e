import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import type { Crumb } from '../../../platform/views/layout.js';
import { openForRecording } from '../policy.js';
import { deadlineLabel } from '../notices.js';
import type { Meeting } from '../schema.js';

/**
 * The page shown instead of the minutes, the roll call or the live view of a meeting that
 * has not started yet (409): what is wrong, when the meeting starts, and the way back to the
 * meeting. The commands behind those pages refuse the same (assertOpenForRecording).
 */
export function notStartedPage(c: Context<AppEnv>, meeting: Pick<Meeting, 'id' | 'startsAt'>, crumbs: Crumb[]): Response | Promise<Response> {
  const t = c.get('t');
  const title = t('meetings.notStarted.title');
  return renderPage(
    c,
    { title, status: 409, breadcrumbs: crumbs },
    <>
      <h1>{title}</h1>
      <p>{t('meetings.refusal.notStarted', { when: deadlineLabel(meeting.startsAt, c.get('lang')) })}</p>
      <p>
        <a href={`/meetings/${meeting.id}`}>{t('meetings.notStarted.back')}</a>
      </p>
    </>,
  );
}

/** The not-started page when the meeting has not started (and was not registered afterwards), else undefined. */
export function refuseNotStarted(c: Context<AppEnv>, meeting: Pick<Meeting, 'id' | 'startsAt' | 'registeredAfterwards'>, crumbs: Crumb[], now = new Date()): Response | Promise<Response> | undefined {
  return openForRecording(meeting, now) ? undefined : notStartedPage(c, meeting, crumbs);
}
