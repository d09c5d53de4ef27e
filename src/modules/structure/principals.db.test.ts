import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { principals } from './schema.js';
import { listPrincipals } from './queries/index.js';
import { sortKey } from '../../platform/sortkey.js';

const db = useTestDatabase();

describe('principals sorted the Swedish way in SQL', () => {
  it('pages in Swedish order with Å, Ä, Ö after Z on this database', async () => {
    const names = ['Örebro kommun', 'Ödeshögs kommun', 'Åtvidabergs kommun', 'Ale kommun', 'Ärla församling', 'Zinkgruvan', 'Borås stad'];
    await db.current.db.insert(principals).values(names.map((name) => ({ name, kind: 'municipality' as const, sortKey: sortKey(name) })));
    const first = await listPrincipals(db.current.db, 1, 4);
    const second = await listPrincipals(db.current.db, 2, 4);
    expect(first.total).toBe(7);
    expect(first.pages).toBe(2);
    expect([...first.items, ...second.items].map((p) => p.name)).toEqual(['Ale kommun', 'Borås stad', 'Zinkgruvan', 'Åtvidabergs kommun', 'Ärla församling', 'Ödeshögs kommun', 'Örebro kommun']);
  });
  it('sorts by the column alone in SQL (not by the database collation)', async () => {
    const rows = await db.current.query<{ name: string }>('select name from principals order by sort_key, id');
    expect(rows.at(-1)?.name).toBe('Örebro kommun');
    const plan = await db.current.query<{ collation: string }>("select collation_name as collation from information_schema.columns where table_name = 'principals' and column_name = 'sort_key'");
    expect(plan[0]?.collation).toBe('C');
  });
});
