import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { TEST_DEMO_PUBLIC_URL } from '../../../tests/helpers/demo-password.js';
import { outbox } from '../../platform/outbox/schema.js';
import { openProposals } from '../meetings/sources.js';
import { bodies } from '../structure/schema.js';
import { attendance, meetings } from '../meetings/schema.js';
import { minutesContradictions } from './consistency.js';
import { actionItems, decisions, minuteItems, minutes, minuteVersions } from './schema.js';
import { TABLED_SOURCE } from './sources.js';

// The run's seeded demo (tests/helpers/db.ts), seeded with PUBLIC_URL TEST_DEMO_PUBLIC_URL.
const db = useTestDatabase({ demo: true });

// The demo is seeded once per run into a template (tests/helpers/db.ts); the demo's mails
// link to the configured PUBLIC_URL (commands read it from their context).

describe('the demo minutes', () => {
  it('gives every held meeting minutes, with decisions, a tabled item proposed for the next meeting and open actions', async () => {
    const d = db.current.db;
    const mails = JSON.stringify(await d.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.kind, 'mail')));
    expect(mails).toContain(`${TEST_DEMO_PUBLIC_URL}/`);
    expect(mails).not.toContain('localhost:3000');
    // Every held meeting, those the cases demo registers afterwards for its own flow included.
    const held = await d.select().from(meetings).where(eq(meetings.status, 'held'));
    const all = await d.select().from(minutes);
    expect(held.length).toBeGreaterThan(0);
    expect(all.map((m) => m.meetingId).sort()).toEqual(held.map((m) => m.id).sort());
    expect(all.some((m) => m.status === 'approved' || m.status === 'final')).toBe(true);
    expect(all.some((m) => m.publishedAt)).toBe(true);
    expect((await d.select().from(decisions)).length).toBeGreaterThan(0);
    expect((await d.select().from(actionItems).where(eq(actionItems.status, 'open'))).length).toBeGreaterThan(0);
    const tabled = await d.select().from(minuteItems).where(eq(minuteItems.outcome, 'tabled'));
    expect(tabled.length).toBeGreaterThan(0);
    // The tabled item is among the proposals of its body's next meeting.
    const [origin] = await d.select().from(meetings).where(eq(meetings.id, tabled[0]!.meetingId));
    const [body] = await d.select().from(bodies).where(eq(bodies.id, origin!.bodyId));
    const next = (await d.select().from(meetings).where(eq(meetings.bodyId, body!.id))).filter((m) => m.startsAt > new Date()).sort((a, b) => +a.startsAt - +b.startsAt)[0]!;
    const proposals = await openProposals({ tx: d, meeting: next, body: body!, lang: 'sv' });
    expect(proposals.find((s) => s.source.id === TABLED_SOURCE)!.proposals.map((p) => p.key)).toContain(tabled[0]!.id);
  }, 300_000);

  it('are consistent: no absent chair, adjuster or note taker in any minutes, and no absent person signed a locked version', async () => {
    const d = db.current.db;
    const all = await d.select().from(minutes);
    expect(all.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const m of all) {
      const [meeting] = await d.select().from(meetings).where(eq(meetings.id, m.meetingId));
      for (const c of await minutesContradictions(d, meeting!, m)) found.push(`${meeting!.title} ${meeting!.startsAt.toISOString()}: ${c.role} ${c.name}`);
      const absent = new Set((await d.select().from(attendance).where(eq(attendance.meetingId, m.meetingId))).filter((a) => a.status === 'absent' || a.status === 'excused').map((a) => a.personId));
      for (const v of await d.select().from(minuteVersions).where(eq(minuteVersions.minutesId, m.id))) {
        for (const a of v.approvers) if (absent.has(a.personId)) found.push(`${meeting!.title} version ${v.number}: signed by absent ${a.name}`);
      }
    }
    expect(found).toEqual([]);
  });
});
