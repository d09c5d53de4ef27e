import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { meetingLocation, meetingsCalendar, parseMailbox, type CalendarMeeting } from './ical.js';
import { stockholmTime } from '../../platform/time.js';

function meeting(values: Partial<CalendarMeeting>): CalendarMeeting {
  return {
    id: '5b0a3b0e-2a47-4c64-9a1e-0d0f1f6f2c11',
    uid: '5b0a3b0e-2a47-4c64-9a1e-0d0f1f6f2c11@samverka.test',
    sequence: 0,
    title: 'Chefsgrupp för samverkan – möte',
    startsAt: stockholmTime(2026, 3, 27, 13, 0),
    endsAt: stockholmTime(2026, 3, 27, 16, 0),
    status: 'called',
    format: 'physical',
    address: 'Eklundavägen 2, Örebro',
    room: 'Rum Älvsjö',
    link: null,
    notes: null,
    createdAt: new Date('2026-01-10T08:00:00Z'),
    updatedAt: new Date('2026-01-12T08:00:00Z'),
    ...values,
  };
}

function parse(ics: string) {
  const component = new ICAL.Component(ICAL.parse(ics));
  const vevent = component.getFirstSubcomponent('vevent')!;
  return { component, vevent, event: new ICAL.Event(vevent) };
}

/** DTSTART/DTEND as written: local time and the TZID parameter. */
function written(vevent: ICAL.Component, name: 'dtstart' | 'dtend') {
  const prop = vevent.getFirstProperty(name)!;
  const time = prop.getFirstValue() as ICAL.Time;
  return { tzid: prop.getParameter('tzid'), local: time.toString(), utc: time.toJSDate().toISOString() };
}

describe('iCalendar for meetings', () => {
  it('writes Stockholm local times with TZID and the VTIMEZONE, in winter and in summer time', () => {
    const winter = meeting({ startsAt: stockholmTime(2026, 3, 27, 13, 0), endsAt: stockholmTime(2026, 3, 27, 16, 0) });
    const summer = meeting({ uid: 'summer@samverka.test', startsAt: stockholmTime(2026, 3, 30, 13, 0), endsAt: stockholmTime(2026, 3, 30, 16, 0) });
    const ics = meetingsCalendar([{ meeting: winter }, { meeting: summer }], { method: 'PUBLISH' });
    const component = new ICAL.Component(ICAL.parse(ics));
    const vtimezone = component.getFirstSubcomponent('vtimezone')!;
    expect(vtimezone.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    ICAL.TimezoneService.register(vtimezone);
    const [w, s] = component.getAllSubcomponents('vevent');
    expect(written(w!, 'dtstart')).toEqual({ tzid: 'Europe/Stockholm', local: '2026-03-27T13:00:00', utc: '2026-03-27T12:00:00.000Z' });
    expect(written(s!, 'dtstart')).toEqual({ tzid: 'Europe/Stockholm', local: '2026-03-30T13:00:00', utc: '2026-03-30T11:00:00.000Z' });
    expect(ics).toContain('DTSTART;TZID=Europe/Stockholm:20260327T130000');
    expect(ics).toContain('DTSTART;TZID=Europe/Stockholm:20260330T130000');
  });

  it('keeps a meeting across the change to summer time (late March) and back (late October) right', () => {
    const march = meeting({ startsAt: stockholmTime(2026, 3, 28, 18, 0), endsAt: stockholmTime(2026, 3, 29, 12, 0) });
    const october = meeting({ uid: 'oct@samverka.test', startsAt: stockholmTime(2026, 10, 24, 18, 0), endsAt: stockholmTime(2026, 10, 25, 12, 0) });
    for (const [m, start, end] of [
      [march, '2026-03-28T17:00:00.000Z', '2026-03-29T10:00:00.000Z'],
      [october, '2026-10-24T16:00:00.000Z', '2026-10-25T11:00:00.000Z'],
    ] as const) {
      const ics = meetingsCalendar([{ meeting: m }], { method: 'REQUEST' });
      const { component, vevent, event } = parse(ics);
      ICAL.TimezoneService.register(component.getFirstSubcomponent('vtimezone')!);
      expect(written(vevent, 'dtstart').local.slice(11)).toBe('18:00:00');
      expect(written(vevent, 'dtend').local.slice(11)).toBe('12:00:00');
      expect(event.startDate.toJSDate().toISOString()).toBe(start);
      expect(event.endDate.toJSDate().toISOString()).toBe(end);
      expect(event.startDate.zone?.tzid).toBe('Europe/Stockholm');
    }
  });

  it('writes a meeting whose times are not known (registered afterwards) as an all-day event on its day', () => {
    const ics = meetingsCalendar([{ meeting: meeting({ timesKnown: false, startsAt: stockholmTime(2026, 11, 3, 0, 0), endsAt: stockholmTime(2026, 11, 3, 23, 59) }) }]);
    expect(ics).toMatch(/DTSTART;VALUE=DATE:20261103\r\n/);
    expect(ics).toMatch(/DTEND;VALUE=DATE:20261104\r\n/);
    const { event } = parse(ics);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe('2026-11-03');
  });

  it('does not depend on the process time zone', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const ics = meetingsCalendar([{ meeting: meeting({}) }]);
      expect(ics).toContain('DTSTART;TZID=Europe/Stockholm:20260327T130000');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('writes METHOD, UID, SEQUENCE, STATUS, organizer and attendee for invitations and cancellations', () => {
    const m = meeting({ sequence: 3 });
    const request = meetingsCalendar(
      [{ meeting: m, options: { organizer: { name: 'Chefsgruppen', email: 'noreply@samverka.test' }, attendees: [{ name: 'Elin Åberg', email: 'elin@example.se' }] } }],
      {
        method: 'REQUEST',
      },
    );
    const { component, event } = parse(request);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(m.uid);
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe('Chefsgrupp för samverkan – möte');
    expect(event.location).toBe('Eklundavägen 2, Örebro, Rum Älvsjö');
    expect(event.organizer).toBe('mailto:noreply@samverka.test');
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(['mailto:elin@example.se']);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const cancel = parse(meetingsCalendar([{ meeting: { ...m, sequence: 4 } }], { method: 'CANCEL' }));
    expect(cancel.component.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.sequence).toBe(4);
  });

  it('writes DTSTAMP, CREATED and LAST-MODIFIED in UTC with Z (RFC 5545), whatever the process zone, and no TIMEZONE-ID', () => {
    const before = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const m = meeting({ createdAt: new Date('2026-01-10T08:00:00Z'), updatedAt: new Date('2026-07-12T21:30:05Z') });
      const ics = meetingsCalendar([{ meeting: m }], { method: 'REQUEST', now: new Date('2026-02-01T23:15:00Z') });
      const lines = ics.split('\r\n');
      expect(lines).toContain('DTSTAMP:20260201T231500Z');
      expect(lines).toContain('CREATED:20260110T080000Z');
      expect(lines).toContain('LAST-MODIFIED:20260712T213005Z');
      // Every date-time property is UTC with Z or local with a TZID: none is floating.
      for (const line of lines.filter((l) => /^(DTSTAMP|CREATED|LAST-MODIFIED|DTSTART|DTEND)[:;]/.test(l))) {
        if (/^DTSTART:19/.test(line)) continue; // the VTIMEZONE's own onsets are local by definition
        expect(line, line).toMatch(/(^[A-Z-]+:\d{8}T\d{6}Z$)|(^[A-Z-]+;TZID=Europe\/Stockholm:\d{8}T\d{6}$)/);
      }
      expect(ics).not.toMatch(/^TIMEZONE-ID/m);
      const { event } = parse(ics);
      const stamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
      expect(stamp.zone?.tzid).toBe('UTC');
      expect(stamp.toJSDate().toISOString()).toBe('2026-02-01T23:15:00.000Z');
      const modified = event.component.getFirstPropertyValue('last-modified') as ICAL.Time;
      expect(modified.zone?.tzid).toBe('UTC');
      // The VTIMEZONE is still there for the events' TZID.
      expect(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Stockholm');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('describes the place by the meeting format and parses the sender', () => {
    expect(meetingLocation({ format: 'digital', address: null, room: null, link: 'https://meet.example.se/abc' })).toBe('https://meet.example.se/abc');
    expect(meetingLocation({ format: 'hybrid', address: 'Storgatan 1', room: null, link: 'https://meet.example.se/abc' })).toBe('Storgatan 1 – https://meet.example.se/abc');
    expect(parseMailbox('Samverka <noreply@samverka.local>')).toEqual({ name: 'Samverka', email: 'noreply@samverka.local' });
    expect(parseMailbox('noreply@samverka.local')).toEqual({ name: 'noreply@samverka.local', email: 'noreply@samverka.local' });
  });
});
