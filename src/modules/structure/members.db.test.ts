import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { bodyRoles } from '../../platform/auth/roles.js';
import { countsAsMember, countsAsMemberSql } from './members.js';
import { memberCount } from './queries/index.js';
import { memberships } from './schema.js';
import { structureTestKit } from './test-helpers.js';

const db = useTestDatabase();
const kit = structureTestKit(db);

describe('who counts as a member', () => {
  it('is the same in TypeScript and in SQL for every role, with and without a seat, on and off its dates', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { activeFrom: '2024-01-01' });
    const cases = bodyRoles.flatMap((role) => [true, false].flatMap((seated) => ['2024-01-01', '2025-07-01'].map((startOn) => ({ role, seated, startOn }))));
    const rows = [];
    for (const c of cases) {
      const person = await kit.person();
      const seat = c.seated ? await kit.seat(body.id, 'region') : null;
      rows.push({ ...c, m: await kit.membership({ bodyId: body.id, personId: person.id, role: c.role, seatId: seat?.id ?? null, startOn: c.startOn }) });
    }
    const counted = await db.current.db
      .select({ id: memberships.id, counts: countsAsMemberSql(memberships.role, memberships.seatId).mapWith(Boolean) })
      .from(memberships)
      .where(eq(memberships.bodyId, body.id));
    const bySql = new Map(counted.map((r) => [r.id, r.counts]));
    for (const r of rows) expect(bySql.get(r.m.id), `${r.role} ${r.seated ? 'in a seat' : 'without a seat'}`).toBe(countsAsMember(r.role, r.m.seatId));
    // The body's size on a day counts exactly those the TypeScript rule counts among the engagements of that day.
    for (const on of ['2024-06-01', '2025-08-01']) {
      const expected = rows.filter((r) => r.startOn <= on && countsAsMember(r.role, r.m.seatId)).length;
      expect(await memberCount(db.current.db, body.id, on), on).toBe(expected);
    }
  });
});
