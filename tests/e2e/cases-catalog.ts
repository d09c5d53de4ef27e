import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { bodies, structures } from '../../src/modules/structure/schema.js';
import { cases } from '../../src/modules/cases/schema.js';
import type { CaseState } from '../../src/modules/cases/flow.js';

/** Where the demo cases are (src/demo/cases.ts): SAMS in Örebro, the Samordningsgrupp in SAMLA. */
export interface DemoCases {
  samsId: string;
  structureSlug: string;
  /** A demo case in each state (the first one found). */
  byState: Partial<Record<CaseState, string>>;
}

const cache = new WeakMap<Database, Promise<DemoCases>>();

export function demoCases(database: Database): Promise<DemoCases> {
  let found = cache.get(database);
  if (!found) {
    found = (async () => {
      const [sams] = await database.db
        .select({ id: bodies.id, slug: structures.slug })
        .from(bodies)
        .innerJoin(structures, eq(structures.id, bodies.structureId))
        .where(and(eq(structures.slug, 'orebro'), eq(bodies.slug, 'sams')));
      if (!sams) throw new Error('The demo data has no SAMS body (src/demo/structure-data.ts)');
      const rows = await database.db.select({ id: cases.id, state: cases.state }).from(cases).orderBy(asc(cases.year), asc(cases.number));
      const byState: Partial<Record<CaseState, string>> = {};
      for (const r of rows) byState[r.state] ??= r.id;
      return { samsId: sams.id, structureSlug: sams.slug, byState };
    })();
    cache.set(database, found);
  }
  return found;
}

/** Case pages worth checking as each role: the states whose forms that role sees. */
export const casePageStates: Record<string, CaseState[]> = {
  person: ['raised', 'anchoring', 'returned'],
  secretary: ['on_agenda', 'accepted', 'working_group', 'in_progress', 'implementation', 'follow_up'],
  convenor: ['in_progress', 'assigned'],
  chair: ['prepared'],
  admin: ['recommended', 'closed', 'no_change', 'waiting', 'withdrawn'],
};
