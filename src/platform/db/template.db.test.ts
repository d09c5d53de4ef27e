import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { openPglite } from './client.js';

/*
 * A new embedded database starts from the migrated template (src/platform/db/template.ts):
 * the first start makes it, later starts on an empty folder unpack it, and a broken template
 * is replaced without losing the start.
 */

const work = mkdtempSync(join(tmpdir(), 'samverka-template-'));
const templates = join(work, 'templates');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const templateFiles = () => (existsSync(templates) ? readdirSync(templates).filter((n) => n.endsWith('.tar.gz')) : []);

describe.skipIf(testDbKind() !== 'pglite')('a new data folder', () => {
  it('is made from the template after the first start migrated one', async () => {
    const first = await openPglite(join(work, 'first'), { templates });
    expect(await first.migrationsApplied()).toBe(false);
    await first.migrate();
    await first.close();
    const [made] = templateFiles();
    expect(made).toMatch(/^pglite-[0-9a-f]{16}\.tar\.gz$/);
    const madeAt = statSync(join(templates, made!)).mtimeMs;

    const second = await openPglite(join(work, 'second'), { templates });
    // the migrations are there before migrate(): the folder was unpacked from the template
    expect(await second.migrationsApplied()).toBe(true);
    expect(readFileSync(join(work, 'second', 'samverka.lock'), 'utf8')).toBe(String(process.pid));
    await second.migrate();
    const [{ n }] = (await second.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations')) as [{ n: number }];
    expect(n).toBeGreaterThan(10);
    await second.close();
    expect(existsSync(join(work, 'second', 'samverka.lock'))).toBe(false);
    expect(statSync(join(templates, made!)).mtimeMs).toBe(madeAt);

    // an existing folder opens as it was, without the template
    const again = await openPglite(join(work, 'second'), { templates });
    expect(await again.migrationsApplied()).toBe(true);
    await again.close();
  }, 240_000);

  it('starts without a broken template, and a new one replaces it', async () => {
    const [made] = templateFiles();
    writeFileSync(join(templates, made!), 'not a tarball');
    const third = await openPglite(join(work, 'third'), { templates });
    expect(await third.migrationsApplied()).toBe(false);
    await third.migrate();
    expect(await third.migrationsApplied()).toBe(true);
    await third.close();
    expect(templateFiles()).toEqual([made]);
    expect(statSync(join(templates, made!)).size).toBeGreaterThan(100_000);
  }, 240_000);
});
