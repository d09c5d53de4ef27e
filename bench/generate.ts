// Large invented data for the benchmark (BENCH_PRINCIPALS=<n>): principals with Swedish
// names, inserted in batches. Later issues add bodies, meetings and cases here.
import type { Database } from '../src/platform/db/client.js';
import { principals } from '../src/modules/structure/schema.js';
import { sortKey } from '../src/platform/sortkey.js';

const PLACES = ['Åre', 'Älvdalen', 'Östhammar', 'Borås', 'Gävle', 'Skövde', 'Umeå', 'Växjö', 'Luleå', 'Örnsköldsvik', 'Ystad', 'Karlstad', 'Malå', 'Säter', 'Tranås'];
const KINDS = [
  { suffix: 'kommun', kind: 'municipality' },
  { suffix: 'vårdcentral', kind: 'other' },
  { suffix: 'region', kind: 'region' },
] as const;

/** Inserts `count` principals named "<place> <suffix> <n>"; returns how many were inserted. */
export async function generatePrincipals(database: Database, count: number, batchSize = 500): Promise<number> {
  let inserted = 0;
  while (inserted < count) {
    const rows = [];
    for (let i = 0; i < batchSize && inserted + i < count; i++) {
      const n = inserted + i;
      const place = PLACES[n % PLACES.length]!;
      const { suffix, kind } = KINDS[n % KINDS.length]!;
      const name = `${place} ${suffix} ${String(n + 1).padStart(6, '0')}`;
      rows.push({ name, kind, sortKey: sortKey(name) });
    }
    await database.db.insert(principals).values(rows);
    inserted += rows.length;
  }
  return inserted;
}
