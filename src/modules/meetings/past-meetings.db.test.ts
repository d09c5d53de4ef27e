import { describe, expect, it } from 'vitest';
import { eq, like, or, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { pdfText } from '../../../tests/helpers/documents.js';
import { outbox } from '../../platform/outbox/schema.js';
import { stockholmInstant } from '../../platform/time.js';
import { fixtureMembership } from '../structure/samples.js';
import { meetingsTestKit } from './test-kit.js';
import { createMeeting, registerPastMeeting, updateMeeting } from './commands/index.js';
import { passedAgendaDates } from './commands/create-meeting.js';
import { fixtureItem, dayFromNow } from './samples.js';
import { meetings } from './schema.js';
import './index.js';

/*
 * Meetings recorded afterwards: the times may be left out (the day is kept, only the date is
 * shown), they are headed as held, send no notices, and the agenda document says they were
 * registered afterwards. A planned meeting whose call or deadline dates have passed is
 * accepted with a warning naming them (page flash, API `warnings`).
 */

const db = useTestDatabase();
const kit = meetingsTestKit(db);

async function secretaryClient(bodyId: string) {
  const person = await inboxPerson(db.current, { login: true, name: 'Siv Sekreterare' });
  await fixtureMembership(db.current.db, { bodyId, personId: person.id, role: 'secretary', startOn: '2020-01-01' });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(person.email, person.password)).status).toBe(303);
  return c;
}

async function jobsOf(meetingId: string) {
  return db.current.db
    .select()
    .from(outbox)
    .where(or(like(outbox.dedupeKey, `%${meetingId}%`), sql`${outbox.payload}::text like ${`%${meetingId}%`}`));
}

describe('a meeting registered afterwards', () => {
  it('may leave out the times: the day is kept, pages and the agenda document show the date only, headed as held, and no notice is sent', async () => {
    const { body, secretary } = await kit.body();
    const day = dayFromNow(-12);
    const past = await kit.run(secretary.actor, registerPastMeeting, { bodyId: body.id, title: 'Möte i efterhand', date: day, format: 'physical', address: 'Stadshuset' });
    expect(past).toMatchObject({ status: 'held', registeredAfterwards: true, timesKnown: false, callOpensOn: null, submissionDeadline: null, agendaPublishOn: null });
    expect(past.startsAt.getTime()).toBe(stockholmInstant(day, '00:00').getTime());
    expect(await jobsOf(past.id)).toEqual([]);
    await fixtureItem(db.current.db, past, 1, { title: 'Lägesbild från länet' });

    const c = await secretaryClient(body.id);
    const page = await (await c.get(`/meetings/${past.id}`)).text();
    expect(page).toContain('Punkter som behandlades');
    expect(page).not.toContain('Förslag till dagordning');
    expect(page).not.toContain('00:00–23:59');
    const time = page.slice(page.indexOf('<time'), page.indexOf('</time>'));
    expect(time).toContain(`datetime="${day}"`);
    expect(time.slice(time.indexOf('>'))).not.toMatch(/\d\d:\d\d/);

    const pdf = await c.get(`/meetings/${past.id}/agenda.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ');
    expect(text).toContain('Mötet har hållits och registrerades i efterhand.');
    expect(text).toContain('Punkter som behandlades');
    expect(text).not.toContain('Förslag till dagordning');
    expect(text).not.toContain('00:00');
  });

  it('keeps the times when given, and refuses one time without the other and a day still to come', async () => {
    const { body, secretary } = await kit.body();
    const past = await kit.run(secretary.actor, registerPastMeeting, { bodyId: body.id, date: dayFromNow(-30), startTime: '13:00', endTime: '16:00', format: 'digital' });
    expect(past.timesKnown).toBe(true);
    expect(await jobsOf(past.id)).toEqual([]);
    const c = await secretaryClient(body.id);
    const page = await (await c.get(`/meetings/${past.id}`)).text();
    expect(page).toContain('13:00–16:00');
    expect(page).toContain('Punkter som behandlades');
    const pdf = pdfText(Buffer.from(await (await c.get(`/meetings/${past.id}/agenda.pdf`)).arrayBuffer())).replace(/\s+/g, ' ');
    expect(pdf).toContain('registrerades i efterhand');

    const one = await kit.refusal(secretary.actor, registerPastMeeting, { bodyId: body.id, date: dayFromNow(-3), startTime: '13:00', format: 'digital' });
    expect(one.message).toContain('både start- och sluttid');
    const future = await kit.refusal(secretary.actor, registerPastMeeting, { bodyId: body.id, date: dayFromNow(2), format: 'digital' });
    expect(future.message).toContain('inte ägt rum');
    // The page form: the times are not required, and the same refusal comes back on the field.
    const form = await (await c.get(`/bodies/${body.id}/meetings/past`)).text();
    expect(form.slice(form.indexOf('name="startTime"') - 200, form.indexOf('name="startTime"') + 200)).not.toContain('required');
    const refused = await c.post(`/bodies/${body.id}/meetings/past`, { title: '', date: dayFromNow(-3), startTime: '', endTime: '15:00', format: 'digital' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Fyll i både start- och sluttid');
    const ok = await c.post(`/bodies/${body.id}/meetings/past`, { title: '', date: dayFromNow(-3), startTime: '', endTime: '', format: 'digital' });
    expect(ok.status).toBe(303);

    // Editing: a meeting registered afterwards may lose or get its times; a planned one keeps needing them.
    const dayOnly = await kit.run(secretary.actor, updateMeeting, { meetingId: past.id, date: dayFromNow(-30), format: 'digital' });
    expect(dayOnly.timesKnown).toBe(false);
    const edit = await (await c.get(`/meetings/${past.id}/edit`)).text();
    expect(edit).toMatch(/name="startTime"[^>]*value=""/);
    const timed = await kit.run(secretary.actor, updateMeeting, { meetingId: past.id, date: dayFromNow(-30), startTime: '10:00', endTime: '11:00', format: 'digital' });
    expect(timed.timesKnown).toBe(true);
    const planned = await kit.run(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(40), startTime: '09:00', endTime: '12:00', format: 'digital' });
    const noTimes = await kit.refusal(secretary.actor, updateMeeting, { meetingId: planned.id, date: dayFromNow(40), format: 'digital' });
    expect(noTimes.message).toContain('både start- och sluttid');
  });
});

describe('a planned meeting whose agenda dates have passed', () => {
  it('is planned with a warning naming the passed dates (API `warnings`, page flash), and none when the dates are ahead', async () => {
    const { body, secretary } = await kit.body({ callOpensDays: 14, submissionDeadlineDays: 7, agendaPublishDays: 2 });
    const c = await secretaryClient(body.id);
    const date = dayFromNow(5);
    const res = await c.json('POST', `/api/bodies/${body.id}/meetings`, { date, startTime: '09:00', endTime: '12:00', format: 'digital' }, { 'x-csrf-token': await c.csrf() });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; warnings: string[] };
    const [row] = await db.current.db.select().from(meetings).where(eq(meetings.id, created.id));
    expect(row!.status).toBe('planned');
    expect(created.warnings).toHaveLength(1);
    expect(created.warnings[0]).toContain('inbjudan att lämna punkter');
    expect(created.warnings[0]).toContain('sista dag för inspel');
    expect(created.warnings[0]).not.toContain('dagordningen publiceras senast');
    expect(passedAgendaDates(row!, new Date()).length).toBe(1);

    c.cookies.set('lang', 'en');
    const en = (await (await c.json('POST', `/api/bodies/${body.id}/meetings`, { date, startTime: '13:00', endTime: '14:00', format: 'digital' }, { 'x-csrf-token': await c.csrf() })).json()) as {
      warnings: string[];
    };
    expect(en.warnings[0]).toContain('these dates have already passed: call for items');
    c.cookies.set('lang', 'sv');

    const page = await c.post(`/bodies/${body.id}/meetings/new`, { title: '', date, startTime: '13:00', endTime: '15:00', format: 'digital' });
    expect(page.status).toBe(303);
    const shown = await (await c.get(page.headers.get('location')!)).text();
    expect(shown).toContain('Mötet är planerat, men de här datumen har redan passerat: inbjudan att lämna punkter');

    // Planning several at once: the late one's passed dates are named in the flash.
    const plan = await c.post(`/bodies/${body.id}/meetings/plan`, { year: date.slice(0, 4), title: '', format: 'physical', lines: `${date} 15:00-16:00 Eklundavägen 2` });
    expect(plan.status).toBe(303);
    expect(await (await c.get(plan.headers.get('location')!)).text()).toContain('de här datumen har redan passerat: inbjudan att lämna punkter');

    const ahead = await kit.run(secretary.actor, createMeeting, { bodyId: body.id, date: dayFromNow(40), startTime: '09:00', endTime: '12:00', format: 'digital' });
    expect(passedAgendaDates(ahead, new Date())).toEqual([]);
    const aheadApi = (await (
      await c.json('POST', `/api/bodies/${body.id}/meetings`, { date: dayFromNow(41), startTime: '09:00', endTime: '12:00', format: 'digital' }, { 'x-csrf-token': await c.csrf() })
    ).json()) as { warnings: string[] };
    expect(aheadApi.warnings).toEqual([]);
  });
});
