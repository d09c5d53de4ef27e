import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { createAdministrator } from './create-admin.js';
import { people } from './schema.js';
import { verifyPassword } from './password.js';

const db = useTestDatabase();

describe('first administrator', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD when there is none, once', async () => {
    const config = testConfig({ ADMIN_EMAIL: 'forsta.admin@example.org', ADMIN_PASSWORD: 'ett-startlösenord-1' });
    expect(await ensureFirstAdmin(db.current, config)).toBe('forsta.admin@example.org');
    expect(await ensureFirstAdmin(db.current, config)).toBeUndefined();
    const [row] = await db.current.db.select().from(people).where(eq(people.email, 'forsta.admin@example.org'));
    expect(row?.isAdmin).toBe(true);
    expect(await verifyPassword(row?.passwordHash, 'ett-startlösenord-1')).toBe(true);
  });

  it('is created by the CLI function with a generated password shown once, and refuses a taken address', async () => {
    const admin = await createAdministrator(db.current, testConfig(), { email: 'Cli.Admin@Example.org', name: 'Cecilia Cli' });
    expect(admin.generated).toBe(true);
    const [row] = await db.current.db.select().from(people).where(eq(people.email, 'cli.admin@example.org'));
    expect(await verifyPassword(row?.passwordHash, admin.password)).toBe(true);
    await expect(createAdministrator(db.current, testConfig(), { email: 'cli.admin@example.org', name: 'X' })).rejects.toThrow(/already/);
  });
});
