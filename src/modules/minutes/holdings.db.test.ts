import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { translator } from '../../platform/i18n/index.js';
import { people } from '../../platform/auth/schema.js';
import { auditLog } from '../../platform/audit/schema.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { defineCommand } from '../../platform/commands.js';
import { fixtureMembership, fixturePerson } from '../structure/samples.js';
import { addAction, approveMinutes, saveHeader, sendForApproval, startMinutes } from './commands/index.js';
import { contentVersion } from './queries/index.js';
import { handOverMinutesHoldings } from './holdings.js';
import { minutesHoldings } from './queries/index.js';
import { actionItems, approvals, minutes } from './schema.js';

const db = useTestDatabase();

/** The hand-over as the leaving flow would run it: inside a command's transaction. */
const handOver = defineCommand({
  name: 'test.handOverMinutes',
  input: z.object({ personId: z.uuid(), successorId: z.uuid() }),
  run: (ctx, input) => handOverMinutesHoldings(ctx, input.personId, input.successorId),
  sample: () => Promise.reject(new Error('not a registered command')),
});

describe("a leaving person's holdings in the minutes", () => {
  it('lists their open actions and pending approvals, and hands them to the successor', async () => {
    const w = await minutesWorld(db.current);
    const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: w.meeting.id });
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: m.version, chairPersonId: w.chair.person.id, adjusterIds: [w.adjuster.person.id] });
    const open = await run(db.current, w.secretary.actor, addAction, { meetingId: w.meeting.id, title: 'Boka lokal till hösten', ownerPersonId: w.adjuster.person.id });
    const done = await run(db.current, w.secretary.actor, addAction, { meetingId: w.meeting.id, title: 'Skicka ut kallelsen', ownerPersonId: w.adjuster.person.id });
    await db.current.db.update(actionItems).set({ status: 'done' }).where(eq(actionItems.id, done.id));
    await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
    // The chair has approved the current version: nothing of theirs is pending.
    const [current] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    await run(db.current, w.chair.actor, approveMinutes, { meetingId: w.meeting.id, version: await contentVersion(db.current.db, current!) });

    const held = await minutesHoldings(db.current.db, w.adjuster.person.id);
    const t = translator('sv');
    expect(held.map((h) => t(h.text.key, h.text.params))).toEqual([
      expect.stringMatching(/^Åtgärd: Boka lokal till hösten \(Strategisk samverkansgrupp, mötet /),
      expect.stringMatching(/^Justera protokollet från Strategisk samverkansgrupp, mötet /),
    ]);
    expect(held.map((h) => h.href)).toEqual([`/meetings/${w.meeting.id}/minutes#minutes-actions`, `/meetings/${w.meeting.id}/minutes#minutes-approval`]);
    expect(await minutesHoldings(db.current.db, w.chair.person.id)).toEqual([]);

    const successor = await fixturePerson(db.current.db, 'Sam Efterträdare');
    await fixtureMembership(db.current.db, { bodyId: w.body.id, personId: successor.id, role: 'member', startOn: '2020-01-01' });
    const result = await run(db.current, w.secretary.actor, handOver, { personId: w.adjuster.person.id, successorId: successor.id });
    expect(result).toEqual({ actions: 1, approvals: 1 });

    const [moved] = await db.current.db.select().from(actionItems).where(eq(actionItems.id, open.id));
    expect(moved).toMatchObject({ ownerPersonId: successor.id, ownerName: null, status: 'open', version: open.version + 1 });
    const [kept] = await db.current.db.select().from(actionItems).where(eq(actionItems.id, done.id));
    expect(kept!.ownerPersonId).toBe(w.adjuster.person.id);
    const round = await db.current.db.select().from(approvals).where(eq(approvals.minutesId, m.id));
    expect(round.map((a) => a.personId).sort()).toEqual([w.chair.person.id, successor.id].sort());
    expect(await minutesHoldings(db.current.db, w.adjuster.person.id)).toEqual([]);
    expect(await minutesHoldings(db.current.db, successor.id)).toHaveLength(2);

    // The successor approves in the leaver's place, and the version locks.
    const successorActor = { kind: 'person' as const, personId: successor.id, name: successor.name, isAdmin: false, via: 'session' as const };
    const [after] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    const approved = await run(db.current, successorActor, approveMinutes, { meetingId: w.meeting.id, version: await contentVersion(db.current.db, after!) });
    expect(approved.locked?.approvers.map((a) => a.personId).sort()).toEqual([w.chair.person.id, successor.id].sort());
  });

  it("are listed on the leaving page and through the API in the reader's language, and handed over with the leaving", async () => {
    const w = await minutesWorld(db.current);
    const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: w.meeting.id });
    await run(db.current, w.secretary.actor, saveHeader, { meetingId: w.meeting.id, version: m.version, chairPersonId: w.chair.person.id, adjusterIds: [w.adjuster.person.id] });
    const open = await run(db.current, w.secretary.actor, addAction, { meetingId: w.meeting.id, title: 'Boka lokal till hösten', ownerPersonId: w.adjuster.person.id });
    await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
    const successor = await inboxPerson(db.current, { name: 'Sam Efterträdare' });
    const admin = await inboxPerson(db.current, { login: true, name: 'Alva Administratör' });
    await db.current.db.update(people).set({ isAdmin: true }).where(eq(people.id, admin.id));
    const { app } = createTestApp(db.current);
    const client = new TestClient(app);
    expect((await client.login(admin.email, admin.password!)).status).toBe(303);

    // The leaving page lists them in Swedish with a field for the successor.
    const page = await (await client.get(`/people/${w.adjuster.person.id}/leave`)).text();
    expect(page).toContain('Åtgärd: Boka lokal till hösten');
    expect(page).toContain('name="otherSuccessorEmail"');
    // The API, in English.
    client.cookies.set('lang', 'en');
    const listed = (await (await client.get(`/api/people/${w.adjuster.person.id}/holdings`)).json()) as { other: { label: string; href: string }[] };
    expect(listed.other.map((o) => o.href)).toEqual([`/meetings/${w.meeting.id}/minutes#minutes-actions`, `/meetings/${w.meeting.id}/minutes#minutes-approval`]);
    expect(listed.other[0]!.label).toMatch(/^Action: Boka lokal till hösten/);

    // An unknown successor is refused on the field, in English; nothing moves.
    const csrf = { 'x-csrf-token': await client.csrf() };
    const unknown = await client.json('POST', `/api/people/${w.adjuster.person.id}/leave`, { endOn: '2030-06-30', otherSuccessorEmail: 'ingen@example.org' }, csrf);
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(await unknown.json())).toContain('/otherSuccessorEmail');
    expect((await db.current.db.select().from(actionItems).where(eq(actionItems.id, open.id)))[0]!.ownerPersonId).toBe(w.adjuster.person.id);

    const left = await client.json('POST', `/api/people/${w.adjuster.person.id}/leave`, { endOn: '2030-06-30', otherSuccessorEmail: successor.email }, csrf);
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({ otherHandedOver: 2 });
    expect((await db.current.db.select().from(actionItems).where(eq(actionItems.id, open.id)))[0]!.ownerPersonId).toBe(successor.id);
    expect((await db.current.db.select().from(approvals).where(eq(approvals.minutesId, m.id))).map((a) => a.personId)).toContain(successor.id);
    const audited = await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, open.id));
    expect(audited.map((a) => a.operation)).toContain('minutes.handOverAction');
  });
});
