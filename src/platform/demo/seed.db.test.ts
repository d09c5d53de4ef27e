import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { composeApp } from '../../modules.js';
import { DEMO_STEPS, type DemoContext } from '../modules.js';
import { addTo } from '../registry.js';
import { isDemoSeeded, seedDemo } from './seed.js';
import { demoAccounts } from './accounts.js';

const db = useTestDatabase();

describe('demo seeding through the modules', () => {
  it("runs every module's demo step in manifest order with the configuration, once per database", async () => {
    const registry = composeApp();
    expect(registry.all(DEMO_STEPS).map((s) => s.name)).toEqual(['accounts', 'structure', 'meetings', 'minutes', 'cases']);
    // A module added at the end of the root's list: its step runs last, with the configured address.
    const seen: DemoContext[] = [];
    const remove = addTo(DEMO_STEPS, {
      name: 'example',
      async run(ctx) {
        seen.push(ctx);
        return '1 example';
      },
    });
    try {
      const config = testConfig({ PUBLIC_URL: 'https://samverka.example.se' });
      const now = new Date();
      const result = await seedDemo(db.current, config, { registry, password: 'demo-lösenord-2', now });
      expect(result.seeded).toBe(true);
      expect(seen).toHaveLength(1);
      expect(seen[0]!.config.PUBLIC_URL).toBe('https://samverka.example.se');
      expect(seen[0]!.password).toBe('demo-lösenord-2');
      expect(seen[0]!.now).toEqual(now);
      expect(result.lines[0]).toMatch(new RegExp(`^Demo data: ${demoAccounts.length} demo accounts, \\d+ principals, .* cases .*, 1 example\\.$`));
      expect(await isDemoSeeded(db.current)).toBe(true);
      // The second start seeds nothing.
      expect(await seedDemo(db.current, config, { registry })).toEqual({ seeded: false, lines: [] });
      expect(seen).toHaveLength(1);
    } finally {
      remove();
    }
  }, 600_000);
});
