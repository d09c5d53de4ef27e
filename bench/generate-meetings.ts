// Large invented meeting data for the benchmark: one collaboration structure ("bench-moten")
// with 40 bodies and 10,000 meetings in all; one body (fixed id) has ten years of monthly
// meetings with agendas. Idempotent: a second call on the same database does nothing.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { bodies, structures } from '../src/modules/structure/schema.js';
import { agendaItems, meetings } from '../src/modules/meetings/schema.js';
import { agendaDates } from '../src/modules/meetings/dates.js';
import { stockholmInstant } from '../src/platform/time.js';
import { sortKey } from '../src/platform/sortkey.js';
import { people } from '../src/platform/auth/schema.js';
import { createSession } from '../src/platform/auth/sessions.js';

export const BENCH_STRUCTURE_SLUG = 'bench-moten';
/** The body with ten years of meetings. */
export const BENCH_BODY_ID = '00000000-0000-4000-8000-0000000b0d1e';
export const BENCH_MEETINGS = 10_000;
const BODIES = 40;

const SETTINGS = { callOpensDays: 14, submissionDeadlineDays: 7, agendaPublishDays: 5 };

function meetingRow(structureId: string, bodyId: string, title: string, day: string, n: number) {
  const id = randomUUID();
  const startsAt = stockholmInstant(day, n % 2 ? '13:00' : '09:00');
  const past = startsAt.getTime() < Date.now();
  return {
    id,
    uid: `${id}@bench.samverka`,
    bodyId,
    structureId,
    title,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    format: (n % 3 === 0 ? 'digital' : 'physical') as 'digital' | 'physical',
    address: n % 3 === 0 ? null : 'Eklundavägen 2, Örebro',
    room: n % 3 === 0 ? null : `Rum ${100 + (n % 20)}`,
    status: (past ? 'held' : 'planned') as 'held' | 'planned',
    ...agendaDates(startsAt, SETTINGS),
  };
}

const dayOf = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Creates the structure, its bodies and meetings (once). Returns the number of meetings. */
export async function generateMeetings(database: Database, total = BENCH_MEETINGS): Promise<number> {
  const db = database.db;
  const [existing] = await db.select({ id: structures.id }).from(structures).where(eq(structures.slug, BENCH_STRUCTURE_SLUG));
  if (existing) return 0;
  const [structure] = await db
    .insert(structures)
    .values({ slug: BENCH_STRUCTURE_SLUG, name: 'Benchmark: mötesstruktur', sortKey: sortKey('Benchmark: mötesstruktur') })
    .returning();
  const bodyIds: string[] = [];
  for (let b = 0; b < BODIES; b++) {
    const name = b === 0 ? 'Ledningsgrupp med tio års möten' : `Arbetsgrupp ${String(b).padStart(2, '0')}`;
    const [row] = await db
      .insert(bodies)
      .values({
        ...(b === 0 ? { id: BENCH_BODY_ID } : {}),
        structureId: structure!.id,
        parentId: b === 0 ? null : BENCH_BODY_ID,
        slug: `bench-${b}`,
        name,
        sortKey: sortKey(name),
        level: b === 0 ? 'strategic' : 'operational',
        kind: 'standing_group',
        activeFrom: '2015-01-01',
        meetingsMin: 6,
        meetingsMax: 12,
      })
      .returning({ id: bodies.id });
    bodyIds.push(row!.id);
  }
  const thisYear = new Date().getUTCFullYear();
  const rows: ReturnType<typeof meetingRow>[] = [];
  // Ten years of monthly meetings for the first body (ending next year).
  for (let year = thisYear - 8; year <= thisYear + 1; year++) {
    for (let month = 1; month <= 12; month++) rows.push(meetingRow(structure!.id, BENCH_BODY_ID, 'Ledningsgruppen', dayOf(year, month, 10 + (month % 10)), rows.length));
  }
  // The rest spread over the other bodies and the same ten years.
  let n = 0;
  while (rows.length < total) {
    const bodyId = bodyIds[1 + (n % (BODIES - 1))]!;
    const year = thisYear - 8 + (Math.floor(n / (BODIES - 1)) % 10);
    const month = 1 + (Math.floor(n / ((BODIES - 1) * 10)) % 12);
    const day = 1 + (Math.floor(n / ((BODIES - 1) * 120)) % 28);
    rows.push(meetingRow(structure!.id, bodyId, `Arbetsgrupp ${String(1 + (n % (BODIES - 1))).padStart(2, '0')}`, dayOf(year, month, day), n));
    n++;
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(meetings).values(rows.slice(i, i + 500));
  // Agendas for the first body's meetings: six items each.
  const items = rows
    .filter((r) => r.bodyId === BENCH_BODY_ID)
    .flatMap((m) =>
      ['Mötets öppnande och upprop', 'Godkännande av dagordning', 'Föregående mötes anteckningar', 'Information och dialog', 'Beslut', 'Övriga frågor'].map((title, i) => ({
        meetingId: m.id,
        position: i + 1,
        title,
        durationMinutes: 15,
      })),
    );
  for (let i = 0; i < items.length; i += 500) await db.insert(agendaItems).values(items.slice(i, i + 500));
  // Fresh statistics, as autovacuum gives PostgreSQL after a bulk load (PGlite has no autovacuum).
  await database.query('analyze meetings');
  await database.query('analyze agenda_items');
  await database.query('analyze bodies');
  return rows.length;
}

/** A session cookie of an administrator made for the benchmark. */
export async function benchAdminCookie(database: Database): Promise<string> {
  const email = 'bench-admin@example.org';
  let [person] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!person)
    [person] = await database.db
      .insert(people)
      .values({ name: 'Bench Administratör', sortKey: sortKey('Bench Administratör'), email, isAdmin: true })
      .returning({ id: people.id });
  const { token } = await createSession(database.db, person!.id, { userAgent: 'bench' });
  return `samverka_session=${token}`;
}
