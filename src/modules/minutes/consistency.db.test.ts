import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { pdfText } from '../../../tests/helpers/documents.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { fixtureMembership, fixturePerson } from '../structure/samples.js';
import { personWithRole } from '../meetings/samples.js';
import { attendance } from '../meetings/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { finaliseMinutes, saveHeader, sendForApproval, startMinutes } from './commands/index.js';
import { contentVersion } from './queries/index.js';
import { minutesContradictions } from './consistency.js';
import { approvals, minutes } from './schema.js';

/*
 * Consistency before locking (consistency.ts): an absent person cannot be the chair who opens
 * and signs, an adjuster, or a note taker. Sending a protocol for approval and finalising
 * notes are refused (409, one error per contradiction) in the API and the page, which warns
 * before its button; the chair's place goes to the vice chair or a person present.
 */

const db = useTestDatabase();

async function world(kind: 'protocol' | 'notes' = 'protocol') {
  const w = await minutesWorld(db.current, { minutesKind: kind });
  const secretary = await inboxPerson(db.current, { login: true, name: 'Stina Skrivare' });
  await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  const vice = await personWithRole(db.current.db, w.body, 'vice_chair');
  await db.current.db.insert(attendance).values({ meetingId: w.meeting.id, personId: vice.person.id, membershipId: vice.membership.id, status: 'present', organisationLabel: 'Region Örebro län' });
  await run(db.current, secretary.actor, startMinutes, { meetingId: w.meeting.id });
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(secretary.email, secretary.password)).status).toBe(303);
  const m = async () => (await db.current.db.select().from(minutes).where(eq(minutes.meetingId, w.meeting.id)))[0]!;
  return { ...w, secretary, vice, c, m, base: `/meetings/${w.meeting.id}/minutes` };
}

async function markAbsent(meetingId: string, personId: string, status: 'absent' | 'excused' = 'excused') {
  await db.current.db
    .update(attendance)
    .set({ status })
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)));
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('minutes that contradict the attendance are not locked', () => {
  it('refuses sending for approval while the chair is absent, in the API (409 listing it) and the page (warning, then the list); the vice chair then chairs and approves', async () => {
    const w = await world();
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: w.chair.person.id, adjusterIds: [w.adjuster.person.id] });
    await markAbsent(w.meeting.id, w.chair.person.id);

    // The one list: the chair, with the vice chair who was present.
    expect(await minutesContradictions(db.current.db, w.meeting, await w.m())).toEqual([{ role: 'chair', personId: w.chair.person.id, name: w.chair.person.name, standIn: w.vice.person.name }]);

    // The page warns before the button.
    const page = await (await w.c.get(w.base)).text();
    const form = page.indexOf(`action="${w.base}/approval"`);
    const warn = page.indexOf('id="minutes-contradictions"', form);
    expect(form).toBeGreaterThan(-1);
    expect(warn).toBeGreaterThan(form);
    expect(warn).toBeLessThan(page.indexOf('<button', form));
    const warning = page.slice(warn, page.indexOf('</div>', warn));
    expect(warning).toContain(`${w.chair.person.name} är ordförande i anteckningarna men antecknad som frånvarande.`);
    expect(warning).toContain(`Vice ordförande ${w.vice.person.name} var närvarande`);

    // The API lists it and refuses the command with 409.
    const listed = await w.c.json('GET', `/api/meetings/${w.meeting.id}/minutes/contradictions`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual([expect.objectContaining({ role: 'chair', name: w.chair.person.name, standIn: w.vice.person.name, field: 'chairPersonId' })]);
    const api = await w.c.json('POST', `/api/meetings/${w.meeting.id}/minutes/send-for-approval`, {}, { 'x-csrf-token': await w.c.csrf() });
    expect(api.status).toBe(409);
    const problem = (await api.json()) as { type: string; detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem.type).toMatch(/contradictions$/);
    expect(problem.errors).toEqual([{ pointer: '/chairPersonId', detail: expect.stringContaining(`${w.chair.person.name} är ordförande`) }]);

    // The page's button: 409 and the list.
    const refused = await w.c.post(`${w.base}/approval`, { deadline: '' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(`${w.chair.person.name} är ordförande i anteckningarna men antecknad som frånvarande.`);
    expect((await w.m()).status).toBe('draft');

    // The vice chair chairs in the chair's place: the minutes say so and the approval goes to the vice chair.
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: w.vice.person.id, adjusterIds: [w.adjuster.person.id] });
    expect(await (await w.c.get(w.base)).text()).toContain(`Ordförande i ${w.chair.person.name}s ställe`);
    // And so do the documents: the PDF names the chair and in whose place.
    const pdf = await w.c.get(`${w.base}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdfText(Buffer.from(await pdf.arrayBuffer())).replace(/\s+/g, ' ')).toContain(`${w.vice.person.name} (Ordförande i ${w.chair.person.name}s ställe)`);
    await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
    const round = await db.current.db
      .select()
      .from(approvals)
      .where(eq(approvals.minutesId, (await w.m()).id));
    expect(round.map((a) => [a.personId, a.role]).sort()).toEqual(
      [
        [w.vice.person.id, 'chair'],
        [w.adjuster.person.id, 'adjuster'],
      ].sort(),
    );
  });

  it('offers and accepts a person present as chair only when the chair is absent (a person chosen for the meeting)', async () => {
    const w = await world();
    const guest = await fixturePerson(db.current.db, `Gun Gäst ${Date.now()}`);
    await db.current.db.insert(attendance).values({ meetingId: w.meeting.id, personId: guest.id, status: 'present', organisationLabel: 'Inbjuden' });
    const chairSelect = (html: string) => html.slice(html.indexOf('id="field-header-chairPersonId"'), html.indexOf('</select>', html.indexOf('id="field-header-chairPersonId"')));
    expect(chairSelect(await (await w.c.get(w.base)).text())).not.toContain(guest.name);
    const refused = await refusal(run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: guest.id }));
    expect(refused.status).toBe(422);

    await markAbsent(w.meeting.id, w.chair.person.id, 'absent');
    await markAbsent(w.meeting.id, w.vice.person.id, 'absent');
    expect(chairSelect(await (await w.c.get(w.base)).text())).toContain(guest.name);
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: guest.id, adjusterIds: [w.adjuster.person.id] });
    expect(await minutesContradictions(db.current.db, w.meeting, await w.m())).toEqual([]);
    await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
    const round = await db.current.db
      .select()
      .from(approvals)
      .where(eq(approvals.minutesId, (await w.m()).id));
    expect(round.find((a) => a.role === 'chair')?.personId).toBe(guest.id);
  });

  it('refuses sending for approval with an absent adjuster and an absent note taker, listing each', async () => {
    const w = await world();
    await run(db.current, w.secretary.actor, saveHeader, {
      meetingId: w.meeting.id,
      version: (await w.m()).version,
      chairPersonId: w.chair.person.id,
      adjusterIds: [w.adjuster.person.id],
      noteTakerIds: [w.member.person.id],
    });
    await markAbsent(w.meeting.id, w.adjuster.person.id);
    await markAbsent(w.meeting.id, w.member.person.id, 'absent');
    const err = await refusal(run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id }));
    expect(err.status).toBe(409);
    expect(err.code).toBe('contradictions');
    expect(err.fieldErrors.map((e) => [e.field, e.key])).toEqual([
      ['adjusterIds', 'minutes.contradiction.adjusterAbsent'],
      ['noteTakerIds', 'minutes.contradiction.noteTakerAbsent'],
    ]);
    expect(err.fieldErrors[0]!.message).toContain(w.adjuster.person.name);
    expect(err.fieldErrors[1]!.message).toContain(w.member.person.name);
    expect(
      await db.current.db
        .select()
        .from(approvals)
        .where(eq(approvals.minutesId, (await w.m()).id)),
    ).toEqual([]);
  });

  it('refuses finalising notes whose note taker or chair is absent (page and API), and finalises once corrected', async () => {
    const w = await world('notes');
    // The secretary who started the notes is their note taker; recorded absent.
    await db.current.db.insert(attendance).values({ meetingId: w.meeting.id, personId: w.secretary.id, status: 'absent', organisationLabel: 'Region Örebro län' });
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: w.chair.person.id, noteTakerIds: [w.secretary.id] });
    await markAbsent(w.meeting.id, w.chair.person.id);
    const version = await contentVersion(db.current.db, await w.m());
    const err = await refusal(run(db.current, w.secretary.actor, finaliseMinutes, { meetingId: w.meeting.id, version }));
    expect(err.status).toBe(409);
    expect(err.fieldErrors.map((e) => e.key)).toEqual(['minutes.contradiction.chairAbsentVice', 'minutes.contradiction.noteTakerAbsent']);

    w.c.cookies.set('lang', 'en');
    const api = await w.c.json('POST', `/api/meetings/${w.meeting.id}/minutes/finalise`, { version }, { 'x-csrf-token': await w.c.csrf() });
    expect(api.status).toBe(409);
    const problem = (await api.json()) as { detail: string; errors: { pointer: string; detail: string }[] };
    expect(problem.detail).toContain('The minutes contradict the attendance (2)');
    expect(problem.errors.map((e) => e.pointer)).toEqual(['/chairPersonId', '/noteTakerIds']);
    expect(problem.errors[1]!.detail).toContain(`${w.secretary.name} is a note taker but recorded as absent.`);
    w.c.cookies.set('lang', 'sv');
    const page = await w.c.post(`${w.base}/finalise`, { version: String(version) });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain(`${w.secretary.name} står vid anteckningarna men är antecknad som frånvarande.`);

    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: (await w.m()).version, chairPersonId: w.vice.person.id, noteTakerNames: ['Stina Skrivare'] });
    await run(db.current, w.secretary.actor, finaliseMinutes, { meetingId: w.meeting.id, version: await contentVersion(db.current.db, await w.m()) });
    expect((await w.m()).status).toBe('final');
  });
});
