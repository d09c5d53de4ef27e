import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../src/platform/db/client.js';
import { people } from '../../src/platform/auth/schema.js';
import { bodies, importRuns, principals, organisations } from '../../src/modules/structure/schema.js';
import { personIdOf } from './roles.js';
import type { CatalogEntry } from './route-catalog.js';

/**
 * Example URLs of the structure module's pages in the demo data (src/demo/structure-data.ts):
 * SSÖ and SAMS are public bodies, the Chefsgrupp internal, and the secretary manages SSÖ and
 * SAMS.
 */

const EVERYONE = ['anonymous', 'person', 'admin'];
const LOGGED_IN = ['person', 'admin', 'secretary'];
const MANAGERS = ['secretary', 'admin'];

/** A demo body by its short name (or name). */
export async function demoBody(database: Database, shortName: string): Promise<{ id: string; structureId: string }> {
  const [row] = await database.db.select({ id: bodies.id, structureId: bodies.structureId }).from(bodies).where(eq(bodies.shortName, shortName)).limit(1);
  if (!row) throw new Error(`Demo body ${shortName} is missing: was the demo seeded?`);
  return row;
}

async function ended(database: Database) {
  const [row] = await database.db.select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, 'lakemedelsgenomgangar')).limit(1);
  return row!.id;
}

export const demoStructurePages: CatalogEntry[] = [
  { pattern: '/structures', examples: () => ['/structures'], roles: EVERYONE },
  { pattern: '/structures/:slug', examples: () => ['/structures/sso', '/structures/samla', '/structures/orebro'], roles: EVERYONE },
  { pattern: '/structures/:slug/settings', examples: () => ['/structures/samla/settings'], roles: ['admin'] },
  {
    pattern: '/structures/:slug/bodies/new',
    // The secretary manages SAMS and may commission a working group under it.
    examples: async ({ database }) => [`/structures/orebro/bodies/new?parent=${(await demoBody(database, 'SAMS')).id}`],
    roles: MANAGERS,
  },
  {
    pattern: '/bodies/:id',
    examples: async ({ database }) => [
      `/bodies/${(await demoBody(database, 'SSÖ')).id}`,
      `/bodies/${(await demoBody(database, 'Samordningsgruppen')).id}`,
      `/bodies/${(await demoBody(database, 'SAMS')).id}`,
      `/bodies/${(await demoBody(database, 'Chefsgruppen')).id}`,
      `/bodies/${await ended(database)}`,
    ],
    roles: [...EVERYONE, 'secretary'],
  },
  { pattern: '/bodies/:id/mandate', examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/mandate`], roles: [...EVERYONE, 'secretary'] },
  {
    pattern: '/bodies/:id/admin',
    examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/admin`, `/bodies/${(await demoBody(database, 'SSÖ')).id}/admin`],
    roles: MANAGERS,
  },
  {
    pattern: '/bodies/:id/seats',
    examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/seats`, `/bodies/${(await demoBody(database, 'SSÖ')).id}/seats`],
    roles: MANAGERS,
  },
  { pattern: '/bodies/:id/settings', examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'Samordningsgruppen')).id}/settings`], roles: ['admin'] },
  { pattern: '/bodies/:id/engagements', examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/engagements`], roles: ['person', ...MANAGERS] },
  // The change history: the body's managers and administrators (with a filter, to show the form filled in).
  {
    pattern: '/bodies/:id/history',
    examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/history`, `/bodies/${(await demoBody(database, 'SAMS')).id}/history?type=membership&from=2020-01-01`],
    roles: MANAGERS,
  },
  { pattern: '/bodies/:id/import', examples: async ({ database }) => [`/bodies/${(await demoBody(database, 'SAMS')).id}/import`], roles: MANAGERS },
  {
    pattern: '/bodies/:id/import/runs/:runId',
    // A background import under way (as the worker leaves it between two chunks of lines).
    examples: async ({ database }) => {
      const body = await demoBody(database, 'SAMS');
      const [run] = await database.db
        .insert(importRuns)
        .values({ bodyId: body.id, personId: await personIdOf(database, 'secretary'), dryRun: false, status: 'checking', linesTotal: 1800, linesDone: 600 })
        .returning();
      return [`/bodies/${body.id}/import/runs/${run!.id}`];
    },
    roles: MANAGERS,
  },
  {
    pattern: '/principals/:id',
    examples: async ({ database }) => {
      const [p] = await database.db.select({ id: principals.id }).from(principals).where(eq(principals.name, 'Region Örebro län'));
      return [`/principals/${p!.id}`];
    },
    roles: EVERYONE,
  },
  {
    pattern: '/organisations/:id',
    examples: async ({ database }) => {
      const [o] = await database.db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.name, 'Närsjukvården i östra Östergötland')));
      return [`/organisations/${o!.id}`];
    },
    roles: EVERYONE,
  },
  { pattern: '/my/bodies', examples: () => ['/my/bodies'], roles: LOGGED_IN },
  { pattern: '/people', examples: () => ['/people', '/people?q=kar', '/people?page=2'], roles: LOGGED_IN },
  {
    pattern: '/people/:id',
    examples: async ({ database, role }) => {
      const [contact] = await database.db
        .select({ id: people.id })
        .from(people)
        .where(and(isNull(people.passwordHash), eq(people.email, 'agnes.andersson@example.org')))
        .limit(1);
      return [`/people/${await personIdOf(database, role === 'admin' ? 'person' : role)}`, ...(contact ? [`/people/${contact.id}`] : [])];
    },
    roles: LOGGED_IN,
  },
  { pattern: '/people/:id/leave', examples: async ({ database }) => [`/people/${await personIdOf(database, 'person')}/leave`], roles: ['admin'] },
];
