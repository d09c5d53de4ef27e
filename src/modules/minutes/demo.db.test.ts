import { composeApp } from '../../modules.js';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { seedDemo } from '../../platform/demo/seed.js';
import { outbox } from '../../platform/outbox/schema.js';
import { openProposals } from '../meetings/sources.js';
import { bodies } from '../structure/schema.js';
import { meetings } from '../meetings/schema.js';
import { actionItems, decisions, minuteItems, minutes } from './schema.js';
import { TABLED_SOURCE } from './sources.js';

const db = useTestDatabase();

describe('the demo minutes', () => {
  it('gives every held meeting minutes, with decisions, a tabled item proposed for the next meeting and open actions', async () => {
    // The demo's mails link to the configured PUBLIC_URL (commands read it from their context).
    const config = testConfig({ PUBLIC_URL: 'https://samverka.example.se' });
    await seedDemo(db.current, config, { registry: composeApp(), password: 'demo-test-password' });
    const d = db.current.db;
    const mails = JSON.stringify(await d.select({ payload: outbox.payload }).from(outbox).where(eq(outbox.kind, 'mail')));
    expect(mails).toContain('https://samverka.example.se/');
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
});
