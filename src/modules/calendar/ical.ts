import ical, { ICalCalendarMethod, ICalEventStatus, ICalAttendeeRole, ICalAttendeeStatus } from 'ical-generator';
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { stockholmDay, stockholmInstant, TIME_ZONE } from '../../platform/time.js';
import { addDays } from '../../platform/days.js';
import type { Meeting } from '../meetings/schema.js';

/**
 * iCalendar (RFC 5545) for meetings, with ical-generator. Times are written as local
 * Europe/Stockholm times with a TZID and the zone's VTIMEZONE (from @touch4it/ical-timezones):
 * ical-generator formats local times with the clock of the Date it is given, so each
 * instant is wrapped in a TZDate of Stockholm, whatever the process's own zone is.
 * Invitations (METHOD:REQUEST) and cancellations (METHOD:CANCEL) carry the meeting's
 * stable UID and its SEQUENCE, so calendars update the one entry (RFC 5546).
 *
 * The zone is given per event, not to the calendar: ical-generator writes DTSTAMP, CREATED
 * and LAST-MODIFIED in the calendar's zone as local times without a TZID, which RFC 5545
 * (3.8.7.1–3.8.7.3) forbids (they must be UTC, with Z), and a calendar zone also adds the
 * non-standard TIMEZONE-ID property (and X-WR-TIMEZONE, which is not needed: every time has
 * its TZID). The VTIMEZONE is written for the events' zone.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export type CalendarMeeting = Pick<Meeting, 'id' | 'uid' | 'sequence' | 'title' | 'startsAt' | 'endsAt' | 'status' | 'format' | 'address' | 'room' | 'link' | 'notes' | 'updatedAt' | 'createdAt'> &
  Partial<Pick<Meeting, 'timesKnown'>>;

/**
 * The event's start and end: the meeting's times in Stockholm, or, for a meeting whose times
 * are not known (registered afterwards with its day only), all-day dates from its first day
 * to the day after its last (DTEND is exclusive, RFC 5545 3.6.1).
 */
function eventTimes(meeting: CalendarMeeting) {
  if (meeting.timesKnown !== false) return { start: new TZDate(meeting.startsAt.getTime(), TIME_ZONE), end: new TZDate(meeting.endsAt.getTime(), TIME_ZONE), allDay: false };
  const first = stockholmDay(meeting.startsAt);
  const last = stockholmDay(new Date(meeting.endsAt.getTime() - 1));
  const midnight = (day: string) => new TZDate(stockholmInstant(day, '00:00').getTime(), TIME_ZONE);
  return { start: midnight(first), end: midnight(addDays(last < first ? first : last, 1)), allDay: true };
}

interface CalendarPerson {
  name: string;
  email: string;
}

interface EventOptions {
  /** Text of the event's DESCRIPTION (agenda, link). */
  description?: string;
  /** Absolute URL of the meeting page. */
  url?: string;
  organizer?: CalendarPerson;
  attendees?: CalendarPerson[];
}

const PROD_ID = { company: 'Samverka', product: 'Samverka', language: 'SV' };

/** "Eklundavägen 2, Örebro, rum Älvsjö" / the link / both for a hybrid meeting. */
export function meetingLocation(meeting: Pick<Meeting, 'format' | 'address' | 'room' | 'link'>): string {
  const place = [meeting.address, meeting.room].filter(Boolean).join(', ');
  if (meeting.format === 'digital') return meeting.link || place;
  if (meeting.format === 'hybrid') return [place, meeting.link].filter(Boolean).join(' – ');
  return place;
}

function statusOf(meeting: CalendarMeeting, method: CalendarMethod): ICalEventStatus {
  if (method === 'CANCEL' || meeting.status === 'cancelled') return ICalEventStatus.CANCELLED;
  if (meeting.status === 'planned') return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

/** Parses "Samverka <noreply@example.se>" (or a bare address) into a name and an address. */
export function parseMailbox(value: string): CalendarPerson {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(value);
  if (m) return { name: m[1]!.trim() || m[2]!.trim(), email: m[2]!.trim() };
  return { name: value.trim(), email: value.trim() };
}

interface CalendarOptions {
  method?: CalendarMethod;
  /** X-WR-CALNAME of a subscribed feed. */
  name?: string;
  now?: Date;
}

/** One calendar with the Stockholm VTIMEZONE and an event per meeting. */
export function meetingsCalendar(entries: { meeting: CalendarMeeting; options?: EventOptions }[], options: CalendarOptions = {}): string {
  const method = options.method;
  const calendar = ical({
    prodId: PROD_ID,
    ...(options.name ? { name: options.name } : {}),
    timezone: { name: null, generator: getVtimezoneComponent },
    ...(method ? { method: ICalCalendarMethod[method] } : {}),
  });
  const stamp = options.now ?? new Date();
  for (const { meeting, options: event = {} } of entries) {
    calendar.createEvent({
      id: meeting.uid,
      sequence: meeting.sequence,
      stamp,
      created: meeting.createdAt,
      lastModified: meeting.updatedAt,
      ...eventTimes(meeting),
      timezone: TIME_ZONE,
      summary: meeting.title,
      location: meetingLocation(meeting) || null,
      description: event.description ?? null,
      url: event.url ?? null,
      status: statusOf(meeting, method ?? 'PUBLISH'),
      ...(event.organizer ? { organizer: event.organizer } : {}),
      attendees: (event.attendees ?? []).map((a) => ({
        name: a.name,
        email: a.email,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
        rsvp: false,
      })),
    });
  }
  return calendar.toString();
}
