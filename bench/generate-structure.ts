// Large invented structure data for the benchmark: one collaboration structure
// ("bench-struktur") with 500 bodies in four levels and 10,000 memberships in all, held by
// 4,000 invented people. One body (fixed id) is large: 40 seats and 1,000 memberships, of
// which 400 ended, so that its lists are paged. Idempotent per database.
import { eq } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { bodies, memberships, principals, seats, structurePrincipals, structures } from '../src/modules/structure/schema.js';
import { people } from '../src/platform/auth/schema.js';
import { sortKey } from '../src/platform/sortkey.js';
import type { BodyRole } from '../src/platform/auth/roles.js';

export const BENCH_STRUCTURE = 'bench-struktur';
/** The large body: 40 seats, 1,000 memberships. */
export const BENCH_LARGE_BODY_ID = '00000000-0000-4000-8000-00000000b0d5';
export const BENCH_BODIES = 500;
export const BENCH_MEMBERSHIPS = 10_000;
const PEOPLE = 4_000;
const LARGE = 1_000;

/** Invented first and last names of the generated people (also bench/generate-national.ts). */
export const FIRST = [
  'Anna',
  'Bo',
  'Cecilia',
  'Dan',
  'Eva',
  'Filip',
  'Gun',
  'Hans',
  'Ida',
  'Jan',
  'Karin',
  'Lars',
  'Maria',
  'Nils',
  'Olle',
  'Petra',
  'Rut',
  'Sven',
  'Tora',
  'Ulla',
  'Åsa',
  'Örjan',
  'Ärla',
  'Zara',
];
export const LAST = [
  'Andersson',
  'Berg',
  'Ceder',
  'Dahl',
  'Ek',
  'Falk',
  'Gran',
  'Holm',
  'Isberg',
  'Jonsson',
  'Kvist',
  'Lund',
  'Moberg',
  'Nord',
  'Ohlin',
  'Palm',
  'Rask',
  'Strand',
  'Tell',
  'Udd',
  'Vik',
  'Åberg',
  'Ängström',
  'Östlund',
];

async function insertAll<T>(database: Database, rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  void database;
}

/** Creates the structure, its bodies, seats, people and memberships (once). */
export async function generateStructure(database: Database): Promise<{ bodies: number; memberships: number }> {
  const db = database.db;
  const [existing] = await db.select({ id: structures.id }).from(structures).where(eq(structures.slug, BENCH_STRUCTURE));
  if (existing) return { bodies: 0, memberships: 0 };
  const [region] = await db
    .insert(principals)
    .values({ name: 'Benchregionen', kind: 'region', sortKey: sortKey('Benchregionen') })
    .returning();
  const [kommun] = await db
    .insert(principals)
    .values({ name: 'Benchkommunen', kind: 'municipality', sortKey: sortKey('Benchkommunen') })
    .returning();
  const [structure] = await db
    .insert(structures)
    .values({ slug: BENCH_STRUCTURE, name: 'Benchmark: stor samverkansstruktur', sortKey: sortKey('Benchmark: stor samverkansstruktur') })
    .returning();
  await db.insert(structurePrincipals).values([
    { structureId: structure!.id, principalId: region!.id },
    { structureId: structure!.id, principalId: kommun!.id },
  ]);

  // 1 top, 9 strategic, 90 operational, 400 local bodies; the large one is strategic.
  const rows: (typeof bodies.$inferInsert)[] = [];
  const ids: string[] = [];
  const levelOf = (i: number) => (i === 0 ? 'political' : i < 10 ? 'strategic' : i < 100 ? 'operational' : 'local') as 'political' | 'strategic' | 'operational' | 'local';
  for (let i = 0; i < BENCH_BODIES; i++) {
    const id = i === 1 ? BENCH_LARGE_BODY_ID : crypto.randomUUID();
    ids.push(id);
    const parent = i === 0 ? null : i < 10 ? ids[0]! : i < 100 ? ids[1 + (i % 9)]! : ids[10 + (i % 90)]!;
    const name =
      i === 0
        ? 'Politisk samrådsgrupp'
        : i === 1
          ? 'Stora samordningsgruppen'
          : `${levelOf(i) === 'local' ? 'Lokal grupp' : levelOf(i) === 'operational' ? 'Operativ grupp' : 'Strategisk grupp'} ${String(i).padStart(3, '0')}`;
    rows.push({
      id,
      structureId: structure!.id,
      parentId: parent,
      slug: `grupp-${i}`,
      name,
      sortKey: sortKey(name),
      level: levelOf(i),
      kind: i >= 100 && i % 5 === 0 ? 'working_group' : 'standing_group',
      isPublic: i % 2 === 0 || i === 1,
      activeFrom: '2020-01-01',
      sizeMin: i === 1 ? 30 : 5,
      sizeMax: i === 1 ? 700 : 25,
      ...(i === 1 ? { chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', chairKindRule: 'alternate' as const, chairFirstKind: 'region' as const, viceChairOtherKind: true } : {}),
    });
  }
  // Parents before children (ids are referenced by later rows only).
  await insertAll(database, rows, (chunk) => db.insert(bodies).values(chunk));

  const seatRows: (typeof seats.$inferInsert & { id: string })[] = [];
  const seatsOf = new Map<string, string[]>();
  for (const [i, id] of ids.entries()) {
    const count = i === 1 ? 40 : 8;
    const list: string[] = [];
    for (let s = 0; s < count; s++) {
      const seatId = crypto.randomUUID();
      const fn = `Plats ${String(s + 1).padStart(2, '0')}`;
      seatRows.push({
        id: seatId,
        bodyId: id,
        function: fn,
        sortKey: sortKey(fn),
        position: s,
        representation: 'principal',
        principalId: s % 2 ? kommun!.id : region!.id,
        principalKind: s % 2 ? 'municipality' : 'region',
        createdOn: '2020-01-01',
      });
      list.push(seatId);
    }
    seatsOf.set(id, list);
  }
  await insertAll(database, seatRows, (chunk) => db.insert(seats).values(chunk));

  const personRows: (typeof people.$inferInsert & { id: string })[] = [];
  for (let p = 0; p < PEOPLE; p++) {
    const name = `${FIRST[p % FIRST.length]} ${LAST[Math.floor(p / FIRST.length) % LAST.length]} ${Math.floor(p / (FIRST.length * LAST.length)) + 1}`;
    personRows.push({ id: crypto.randomUUID(), name, sortKey: sortKey(name), email: `bench.person.${p}@example.org` });
  }
  await insertAll(database, personRows, (chunk) => db.insert(people).values(chunk));

  const mRows: (typeof memberships.$inferInsert)[] = [];
  let person = 0;
  const nextPerson = () => personRows[person++ % PEOPLE]!.id;
  // The large body: 40 seat holders, 560 others now, 400 ended.
  const largeSeats = seatsOf.get(BENCH_LARGE_BODY_ID)!;
  const roles: BodyRole[] = ['member', 'reader', 'expert', 'adjunct'];
  for (let k = 0; k < LARGE; k++) {
    const seated = k < largeSeats.length;
    const ended = k >= 600;
    mRows.push({
      bodyId: BENCH_LARGE_BODY_ID,
      personId: nextPerson(),
      seatId: seated ? largeSeats[k]! : null,
      role: seated ? 'member' : roles[k % roles.length]!,
      reason: seated ? null : 'Deltar i ett uppdrag',
      startOn: ended ? '2020-01-01' : '2024-01-01',
      endOn: ended ? '2023-12-31' : null,
    });
  }
  // The rest spread over the other bodies: seat holders first, then former members.
  let b = 0;
  while (mRows.length < BENCH_MEMBERSHIPS) {
    const bodyId = ids[b % ids.length]!;
    if (bodyId !== BENCH_LARGE_BODY_ID) {
      const round = Math.floor(b / ids.length);
      const seatIds = seatsOf.get(bodyId)!;
      const seated = round < seatIds.length;
      mRows.push({
        bodyId,
        personId: nextPerson(),
        seatId: seated ? seatIds[round]! : null,
        role: seated ? 'member' : round % 3 === 0 ? 'secretary' : 'reader',
        startOn: round > 15 ? '2020-01-01' : '2024-01-01',
        endOn: round > 15 ? '2023-12-31' : null,
      });
    }
    b++;
  }
  await insertAll(database, mRows, (chunk) => db.insert(memberships).values(chunk));
  await database.query('analyze');
  return { bodies: ids.length, memberships: mRows.length };
}
