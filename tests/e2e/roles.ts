import { eq } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { people } from '../../src/platform/auth/schema.js';
import type { TrackedPage } from '../helpers/browser.js';
import { TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';

/**
 * How a browser page becomes each role named in the route catalog. 'anonymous' does
 * nothing; the others log in through the login form as a demo account. A catalog role
 * without an entry here fails the accessibility test (unless the entry is pending).
 */
export type RoleLogin = (tracked: TrackedPage, server: TestServer) => Promise<void>;

/** The demo account (src/demo/people.ts) that plays each logged-in role. */
export const roleAccounts: Record<string, string> = {
  person: 'ledamot@example.org',
  admin: 'admin@example.org',
  secretary: 'sekreterare@example.org',
  convenor: 'sammankallande@example.org',
  chair: 'ordforande@example.org',
};

/** The id of the person playing a role, for example URLs such as the person's own history. */
export async function personIdOf(database: Database, role: string): Promise<string> {
  const email = roleAccounts[role];
  if (!email) throw new Error(`No demo account plays the role '${role}'`);
  const [row] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, email));
  if (!row) throw new Error(`The demo account ${email} (${role}) is missing from the test database`);
  return row.id;
}

function loginAs(email: string): RoleLogin {
  return async ({ page }, server) => {
    await page.goto(`${server.url}/login`);
    const form = page.locator('form', { has: page.locator('#field-password') });
    await form.locator('#field-email').fill(email);
    await form.locator('#field-password').fill(TEST_DEMO_PASSWORD);
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'), form.locator('button[type=submit]').click()]);
    await page.waitForLoadState();
    if (new URL(page.url()).pathname === '/login') {
      const summary = await page
        .locator('#error-summary')
        .innerText()
        .catch(() => '(no error summary)');
      throw new Error(`Logging in as ${email} failed: ${summary}`);
    }
    // Leaves the flash message of the login behind, so that the next page starts clean.
    await page.goto(`${server.url}/`);
  };
}

export const roleLogins: Record<string, RoleLogin> = {
  anonymous: async () => {},
  person: loginAs(roleAccounts.person!),
  admin: loginAs(roleAccounts.admin!),
  secretary: loginAs(roleAccounts.secretary!),
  convenor: loginAs(roleAccounts.convenor!),
  chair: loginAs(roleAccounts.chair!),
};
