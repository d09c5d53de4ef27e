import { describe, expect, it } from 'vitest';
import { and, asc, eq, lt } from 'drizzle-orm';
import { createTestDatabase, useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { composeApp } from '../../modules.js';
import { DEMO_STEPS, type DemoContext } from '../modules.js';
import { addTo } from '../registry.js';
import { isDemoSeeded, seedDemo } from './seed.js';
import { demoAccounts } from './accounts.js';
import type { Database } from '../db/client.js';
import { addDays, today } from '../days.js';
import { stockholmClock, stockholmDay } from '../time.js';
import { isoWeekday, isWeekend } from './dates.js';
import { meetings } from '../../modules/meetings/schema.js';
import { bodies } from '../../modules/structure/schema.js';
import { activities, caseAdoptions, caseAnchoring, caseDirectives, caseHistory, cases, caseStatusReports } from '../../modules/cases/schema.js';
import { auditLog } from '../audit/schema.js';

const db = useTestDatabase();
let seededAt = new Date();

describe('demo seeding through the modules', () => {
  it("runs every module's demo step in manifest order with the configuration, once per database", async () => {
    const registry = composeApp();
    expect(registry.all(DEMO_STEPS).map((s) => s.name)).toEqual(['accounts', 'structure', 'meetings', 'minutes', 'cases']);
    // A module added at the end of the root's list: its step runs last, with the configured address.
    const seen: DemoContext[] = [];
    const remove = addTo(DEMO_STEPS, {
      name: 'example',
      async run(ctx) {
        seen.push(ctx);
        return '1 example';
      },
    });
    try {
      const config = testConfig({ PUBLIC_URL: 'https://samverka.example.se' });
      const now = new Date();
      seededAt = now;
      const result = await seedDemo(db.current, config, { registry, password: 'demo-lösenord-2', now });
      expect(result.seeded).toBe(true);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.config.PUBLIC_URL).toBe('https://samverka.example.se');
      expect(seen[0]!.password).toBe('demo-lösenord-2');
      expect(seen[0]!.now).toEqual(now);
      expect(result.lines[0]).toMatch(new RegExp(`^Demo data: ${demoAccounts.length} demo accounts, \\d+ principals, .* cases .*, 1 example\\.$`));
      expect(await isDemoSeeded(db.current)).toBe(true);
      // The second start seeds nothing.
      expect(await seedDemo(db.current, config, { registry })).toEqual({ seeded: false, lines: [] });
      expect(seen).toHaveLength(1);
    } finally {
      remove();
    }
  }, 600_000);
});

/**
 * The demo's dates read as real use: meetings on weekdays in office hours, cases raised weeks
 * or months before their later steps, each case's history in the order of its steps, and
 * every date that follows a case's raising after it.
 */
async function checkDemoDates(database: Database, now: Date) {
  const d = database.db;
  const problems: string[] = [];
  const day = today(now);

  for (const m of await d.select().from(meetings)) {
    const on = stockholmDay(m.startsAt);
    if (isWeekend(on)) problems.push(`meeting ${m.title} on a ${isoWeekday(on) === 6 ? 'Saturday' : 'Sunday'} (${on})`);
    const hour = Number(stockholmClock(m.startsAt).slice(0, 2));
    if (hour < 8 || hour > 17) problems.push(`meeting ${m.title} at ${stockholmClock(m.startsAt)}`);
  }

  const all = await d.select().from(cases);
  expect(all.length).toBeGreaterThan(10);
  for (const c of all) if (c.state !== 'raised' && c.raisedOn >= day) problems.push(`case ${c.title} (${c.state}) raised today`);
  // Spread: raised on many days, the earliest months ago.
  expect(new Set(all.map((c) => c.raisedOn)).size).toBeGreaterThan(all.length / 2);
  expect(all.map((c) => c.raisedOn).sort()[0]! < addDays(day, -90)).toBe(true);

  const history = await d.select().from(caseHistory).orderBy(asc(caseHistory.at));
  for (const c of all) {
    const rows = history.filter((h) => h.caseId === c.id);
    let state: string = 'raised';
    let last: Date | undefined;
    for (const h of rows) {
      if (h.fromState !== state) problems.push(`case ${c.title}: ${h.transition} from ${h.fromState} after reaching ${state}`);
      if (last && h.at.getTime() <= last.getTime()) problems.push(`case ${c.title}: ${h.transition} at the same instant as the step before`);
      if (stockholmDay(h.at) < c.raisedOn) problems.push(`case ${c.title}: ${h.transition} before it was raised`);
      if (h.at.getTime() > now.getTime()) problems.push(`case ${c.title}: ${h.transition} in the future`);
      state = h.toState;
      last = h.at;
    }
    if (state !== c.state) problems.push(`case ${c.title}: history ends in ${state}, the case is ${c.state}`);
    if (c.state !== 'raised' && !rows.length) problems.push(`case ${c.title}: ${c.state} without history`);
    if (last && c.stateChangedAt.getTime() !== last.getTime()) problems.push(`case ${c.title}: state changed at another time than its last step`);
  }

  // Dates after the raising: the directive's end, status reports, anchoring answers, adoptions.
  const raisedOn = new Map(all.map((c) => [c.id, c.raisedOn]));
  for (const r of await d.select().from(caseDirectives)) {
    if (r.endDate && r.endDate <= raisedOn.get(r.caseId)!) problems.push(`directive ends ${r.endDate}, before its case was raised`);
    if (r.issuedAt && stockholmDay(r.issuedAt) < raisedOn.get(r.caseId)!) problems.push(`directive issued before its case was raised`);
  }
  for (const r of await d.select().from(caseStatusReports)) if (r.reportedOn < raisedOn.get(r.caseId)!) problems.push(`status report before its case was raised`);
  for (const r of await d.select().from(caseAnchoring)) if (r.answeredAt && r.answeredAt < r.openedAt) problems.push('anchoring answered before it was opened');
  for (const r of await d.select().from(caseAdoptions)) if (r.decidedOn && r.decidedOn < raisedOn.get(r.caseId)!) problems.push('adoption decided before its case was raised');
  expect(problems).toEqual([]);

  // The change history tells the same story: a case step is audited on the day it was taken, not when the demo was seeded.
  const steps = await d
    .select({ at: auditLog.at })
    .from(auditLog)
    .where(and(eq(auditLog.objectType, 'case'), lt(auditLog.at, new Date(now.getTime() - 30 * 86_400_000))));
  expect(steps.length).toBeGreaterThan(5);

  // The plan of the year holds every SAMS case being worked on, carried from last year where it began then.
  const [sams] = await d.select().from(bodies).where(eq(bodies.slug, 'sams'));
  const year = Number(day.slice(0, 4));
  const lines = await d
    .select()
    .from(activities)
    .where(and(eq(activities.bodyId, sams!.id), eq(activities.year, year)));
  const working = all.filter(
    (c) => c.bodyId === sams!.id && ['waiting', 'accepted', 'working_group', 'assigned', 'in_progress', 'anchoring', 'prepared', 'implementation', 'follow_up'].includes(c.state),
  );
  expect(working.length).toBeGreaterThan(5);
  expect(working.filter((c) => !lines.some((l) => l.caseId === c.id)).map((c) => c.title)).toEqual([]);
}

describe('the demo’s dates', () => {
  it('puts meetings on weekdays and spreads the cases over the months before today', async () => {
    // The database the test above seeded, today.
    await checkDemoDates(db.current, seededAt);
  });

  it('does the same for a demo seeded early in January, its cases begun the year before', async () => {
    const database = await createTestDatabase();
    try {
      // Tuesday 13 January 2026, 10:00 in Stockholm: the held meetings and most cases are in 2025.
      const now = new Date('2026-01-13T09:00:00Z');
      const result = await seedDemo(database, testConfig(), { registry: composeApp(), password: 'demo-lösenord-3', now });
      expect(result.seeded).toBe(true);
      await checkDemoDates(database, now);
      // Cases raised last year keep last year's numbers.
      const years = new Set((await database.db.select({ year: cases.year }).from(cases)).map((c) => c.year));
      expect([...years].sort()).toEqual([2025, 2026]);
    } finally {
      await database.dispose();
    }
  }, 600_000);
});
