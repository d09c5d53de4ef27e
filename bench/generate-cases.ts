// Large invented case data for the benchmark: one structure ("bench-arenden") with a
// commissioning body and nine bodies under it, 160 meetings, and 50,000 cases over eight
// years, with directives, status reports and plan lines. As in a structure that has run for
// years, the cases of earlier years are finished (closed, returned, withdrawn, no change)
// and those of the last two years are in every state of the flow. Idempotent per database.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { people } from '../src/platform/auth/schema.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { sortKey } from '../src/platform/sortkey.js';
import { bodies, memberships, principals, structurePrincipals, structures } from '../src/modules/structure/schema.js';
import { meetings } from '../src/modules/meetings/schema.js';
import { activities, caseCounters, caseDirectives, cases, caseStatusReports } from '../src/modules/cases/schema.js';
import { caseStates, type CaseState } from '../src/modules/cases/flow.js';
import { reportingStates } from '../src/modules/cases/reports.js';

export const BENCH_CASES_SLUG = 'bench-arenden';
export const BENCH_CASES_STRUCTURE_ID = '00000000-0000-4000-8000-0000000ca5e5';
/** The body the filtered scenario looks at (one of nine under the commissioning body). */
export const BENCH_CASES_BODY_ID = '00000000-0000-4000-8000-0000000ca5e1';
export const BENCH_CASES = 50_000;

const DAY = 86400_000;
const TOPICS = [
  'Subkutan vätskebehandling',
  'Läkemedelsgenomgångar',
  'Insulinbehandling',
  'Palliativ vård',
  'Syrgas i hemmet',
  'Nutrition via PEG',
  'Katetervård',
  'Vaccination',
  'Egenvårdsbedömning',
  'Blodtrycksmätning',
  'Sårvård',
  'Trycksår',
  'Fallprevention',
  'Demensvård',
  'Psykiatrisk hemsjukvård',
];
/** How often each state occurs: most cases are closed; every state has some. */
const WEIGHTS: Record<CaseState, number> = {
  raised: 4,
  on_agenda: 3,
  waiting: 4,
  returned: 6,
  accepted: 3,
  working_group: 2,
  assigned: 2,
  in_progress: 8,
  anchoring: 3,
  prepared: 2,
  recommended: 2,
  no_change: 5,
  implementation: 4,
  follow_up: 4,
  closed: 44,
  withdrawn: 4,
};
const bag: CaseState[] = caseStates.flatMap((s) => Array.from({ length: WEIGHTS[s] }, () => s));
const FINISHED: CaseState[] = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'returned', 'withdrawn', 'no_change'];

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generateCases(database: Database, count = BENCH_CASES): Promise<{ cases: number }> {
  const db = database.db;
  const [existing] = await db.select({ id: structures.id }).from(structures).where(eq(structures.id, BENCH_CASES_STRUCTURE_ID));
  if (existing) return { cases: 0 };
  const ps = await db
    .insert(principals)
    .values(
      ['Benchregion Ärende', 'Benchkommun Östra', 'Benchkommun Västra'].map((name, i) => ({
        name,
        kind: i === 0 ? ('region' as const) : ('municipality' as const),
        sortKey: sortKey(name),
        distributionList: [`registrator-${i}@example.org`],
      })),
    )
    .returning();
  await db.insert(structures).values({ id: BENCH_CASES_STRUCTURE_ID, slug: BENCH_CASES_SLUG, name: 'Benchmark: ärenden', sortKey: sortKey('Benchmark: ärenden') });
  await db.insert(structurePrincipals).values(ps.map((p) => ({ structureId: BENCH_CASES_STRUCTURE_ID, principalId: p.id })));
  const bodyIds = [crypto.randomUUID(), BENCH_CASES_BODY_ID, ...Array.from({ length: 8 }, () => crypto.randomUUID())];
  await db.insert(bodies).values(
    bodyIds.map((id, i) => {
      const name = i === 0 ? 'Benchchefsgruppen' : `Benchgrupp ${i}`;
      return {
        id,
        structureId: BENCH_CASES_STRUCTURE_ID,
        parentId: i === 0 ? null : bodyIds[0]!,
        slug: `bench-${i}`,
        name,
        sortKey: sortKey(name),
        level: i === 0 ? ('strategic' as const) : ('operational' as const),
        kind: 'standing_group' as const,
        activeFrom: '2018-01-01',
      };
    }),
  );

  // Meetings: eight a year for each body, last year and this.
  const now = Date.now();
  const meetingRows = bodyIds.flatMap((bodyId, b) =>
    Array.from({ length: 16 }, (_, k) => {
      const id = crypto.randomUUID();
      const startsAt = new Date(now - 365 * DAY + k * 46 * DAY + b * DAY);
      return {
        id,
        uid: `${id}@bench`,
        bodyId,
        structureId: BENCH_CASES_STRUCTURE_ID,
        title: `Möte ${k + 1}`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        status: startsAt.getTime() < now ? ('held' as const) : ('planned' as const),
      };
    }),
  );
  await chunked(meetingRows, (c) => db.insert(meetings).values(c));

  // Cases: 2019–this year, numbered per year; nine in ten in the nine bodies, the rest at the top.
  const thisYear = new Date().getUTCFullYear();
  const years = Array.from({ length: 8 }, (_, i) => thisYear - 7 + i);
  const numbers = new Map<number, number>();
  const caseRows: (typeof cases.$inferInsert)[] = [];
  for (let i = 0; i < count; i++) {
    const year = years[i % years.length]!;
    const number = (numbers.get(year) ?? 0) + 1;
    numbers.set(year, number);
    const state = year >= thisYear - 1 ? bag[(i * 7919) % bag.length]! : FINISHED[(i * 7919) % FINISHED.length]!;
    const bodyId = i % 10 === 0 ? bodyIds[0]! : bodyIds[1 + (i % 9)]!;
    const raised = new Date(Date.UTC(year, (i * 13) % 12, 1 + ((i * 7) % 27)));
    const terminal = state === 'closed' || state === 'returned' || state === 'withdrawn';
    caseRows.push({
      id: crypto.randomUUID(),
      structureId: BENCH_CASES_STRUCTURE_ID,
      bodyId,
      year,
      number,
      title: `${TOPICS[i % TOPICS.length]} – fråga ${number}`,
      description: 'Genererat ärende för prestandamätning.',
      raisedByName: `Ledamot ${i % 97}`,
      raisedByOrganisationName: ps[i % 3]!.name,
      raisedOn: raised.toISOString().slice(0, 10),
      state,
      stateChangedAt: new Date(raised.getTime() + 30 * DAY),
      closedAt: terminal ? new Date(raised.getTime() + 200 * DAY) : null,
      createdAt: raised,
      updatedAt: raised,
    });
  }
  await chunked(caseRows, (c) => db.insert(cases).values(c));
  await db.insert(caseCounters).values([...numbers].map(([year, last]) => ({ structureId: BENCH_CASES_STRUCTURE_ID, year, last })));

  // Directives for the cases whose working groups report, half issued within the last year.
  const reporting = caseRows.filter((c) => reportingStates.includes(c.state as CaseState));
  await chunked(
    reporting.map((c, i) => ({
      caseId: c.id!,
      fromBodyId: c.bodyId,
      toBodyId: c.bodyId,
      shortDescription: 'Genererat uppdrag.',
      endDate: new Date(now + ((i % 5) - 1) * 120 * DAY).toISOString().slice(0, 10),
      reportAtMeetings: true,
      reportDates: i % 4 === 0 ? [new Date(now - (i % 60) * DAY).toISOString().slice(0, 10)] : [],
      status: 'issued' as const,
      issuedAt: new Date(now - (i % 2 === 0 ? 200 : 700) * DAY),
    })),
    (c) => db.insert(caseDirectives).values(c),
  );
  // A status report at most meetings (every third meeting is missed: those are overdue).
  const reports: (typeof caseStatusReports.$inferInsert)[] = [];
  for (const [i, c] of reporting.entries()) {
    if (i % 2 !== 0) continue;
    for (const [k, m] of meetingRows.filter((m) => m.bodyId === c.bodyId && m.status === 'held').entries()) {
      if (k % 3 === 2) continue;
      reports.push({ caseId: c.id!, meetingId: m.id, reportedOn: m.startsAt.toISOString().slice(0, 10), status: 'green', text: 'Enligt plan.' });
    }
    if (reports.length > 40_000) break;
  }
  await chunked(reports, (c) => db.insert(caseStatusReports).values(c));
  // Plan lines for the open cases of this year and last.
  const open = caseRows.filter((c) => (c.year === thisYear || c.year === thisYear - 1) && !['closed', 'returned', 'withdrawn'].includes(c.state as string)).slice(0, 3000);
  await chunked(
    open.map((c, i) => ({
      structureId: BENCH_CASES_STRUCTURE_ID,
      bodyId: c.bodyId,
      year: c.year,
      caseId: c.id!,
      title: c.title,
      status: (['green', 'yellow', 'red', 'not_started'] as const)[i % 4],
      endOn: new Date(now + ((i % 3) - 1) * 60 * DAY).toISOString().slice(0, 10),
      waiting: c.state === 'waiting',
      position: i,
    })),
    (c) => db.insert(activities).values(c),
  );
  // As autovacuum would after a while: statistics, and the visibility map for index-only scans.
  for (const table of ['cases', 'case_directives', 'case_status_reports', 'activities', 'meetings']) await db.execute(sql.raw(`vacuum analyze ${table}`));
  return { cases: caseRows.length };
}

/** A session of a reader of the commissioning body (a person, not an administrator). */
export async function benchCasesCookie(database: Database): Promise<string> {
  const email = 'bench-arenden@example.org';
  let [person] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!person) {
    [person] = await database.db
      .insert(people)
      .values({ name: 'Bench Läsare', sortKey: sortKey('Bench Läsare'), email })
      .returning({ id: people.id });
    // The top body of the cases structure (the structure benchmark has a 'bench-0' of its own).
    const [top] = await database.db
      .select({ id: bodies.id })
      .from(bodies)
      .where(and(eq(bodies.structureId, BENCH_CASES_STRUCTURE_ID), eq(bodies.slug, 'bench-0')));
    await database.db.insert(memberships).values({ bodyId: top!.id, personId: person!.id, role: 'reader', startOn: '2018-01-01' });
  }
  const { token } = await createSession(database.db, person!.id, { userAgent: 'bench' });
  return `samverka_session=${token}`;
}
