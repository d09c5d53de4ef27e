import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { bodies, memberships, seats } from './schema.js';
import { compositionOf } from './queries/composition.js';
import { today } from '../../platform/days.js';
import { people } from '../../platform/auth/schema.js';

// The run's seeded demo (tests/helpers/db.ts); the seeding itself is src/platform/demo/seed.db.test.ts's to test.
const db = useTestDatabase({ demo: true });

describe('demo structures', () => {
  it('builds SSÖ, SAMLA and Örebro with every demo account in its role, under the rules', async () => {
    const all = await db.current.db.select().from(bodies);
    const byName = (n: string) => all.find((b) => b.shortName === n || b.name === n)!;
    const sso = byName('SSÖ');
    const ssoComp = await compositionOf(db.current.db, sso, today());
    expect(ssoComp.memberCount).toBe(15);
    expect(ssoComp.chair.chairName).toBe('Karin Ekström');
    expect(ssoComp.chair.viceName).toBe('Johan Björk');
    const exOfficio = ssoComp.groups.flatMap((g) => g.seats).filter((s) => s.exOfficio);
    expect(exOfficio).toHaveLength(3);
    expect(exOfficio.every((s) => s.holders.length === 1)).toBe(true);
    const samla = byName('Samordningsgruppen');
    expect(samla.substitutesAllowed).toBe(false);
    const samlaComp = await compositionOf(db.current.db, samla, today());
    expect(samlaComp.warnings).toContainEqual({ kind: 'vacant', params: { seat: 'Habilitering och hälsa' } });
    const roles = await db.current.db.select({ email: people.email, role: memberships.role }).from(memberships).innerJoin(people, eq(people.id, memberships.personId));
    for (const [email, role] of [
      ['ordforande@example.org', 'chair'],
      ['vice.ordforande@example.org', 'vice_chair'],
      ['sekreterare@example.org', 'secretary'],
      ['processledare@example.org', 'process_leader'],
      ['sammankallande@example.org', 'convenor'],
      ['ledamot@example.org', 'member'],
      ['ersattare@example.org', 'substitute'],
      ['adjungerad@example.org', 'adjunct'],
      ['sakkunnig@example.org', 'expert'],
      ['lasare@example.org', 'reader'],
    ]) {
      expect(
        roles.some((r) => r.email === email && r.role === role),
        `${email} as ${role}`,
      ).toBe(true);
    }
    expect((await db.current.db.select().from(seats)).length).toBeGreaterThan(80);
  });
});
