import { asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { one } from '../../../platform/db/rows.js';
import { defineCommand } from '../../../platform/commands.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { checkVersion, notFound, refuse } from '../../../platform/refusals.js';
import { freeSlug, slugFrom } from '../../../platform/slug.js';
import { name } from '../inputs.js';
import { bodies, principalKindsTable, principals, seats, type PrincipalKindRow } from '../schema.js';

/*
 * Principal kinds an administrator extends: a kind is added with its names in Swedish and
 * English (its key made from the Swedish name), renamed, and removed while nothing uses it.
 * The three built-in kinds (region, municipality, other) cannot be removed.
 */

/** A kind's key as given, refused with a clear message when there is no such kind. */
export async function requirePrincipalKind(db: DbOrTx, key: string, field = 'kind'): Promise<PrincipalKindRow> {
  const [row] = await db.select().from(principalKindsTable).where(eq(principalKindsTable.key, key));
  if (!row) refuse(field, 'structure.refuse.kindNotFound', { kind: key });
  return row;
}

/** An added kind for a command's sample. */
async function sampleKind(db: DbOrTx, unique: string): Promise<PrincipalKindRow> {
  const key = slugFrom(unique, 40);
  return one(
    await db
      .insert(principalKindsTable)
      .values({ key, nameSv: `Typ ${unique}`, nameEn: `Kind ${unique}`, position: 100 })
      .returning(),
  );
}

/** No two kinds share a name (in either language); the kind already there is named in the reader's language. */
function refuseSameName(kinds: PrincipalKindRow[], input: { nameSv: string; nameEn: string }): void {
  const same = kinds.find((k) => k.nameSv.toLowerCase() === input.nameSv.toLowerCase() || k.nameEn.toLowerCase() === input.nameEn.toLowerCase());
  if (same) refuse(same.nameSv.toLowerCase() === input.nameSv.toLowerCase() ? 'nameSv' : 'nameEn', 'structure.refuse.kindExists', { name: { sv: same.nameSv, en: same.nameEn } });
}

const kindLabels = (t: (k: 'structure.kinds.nameSv' | 'structure.kinds.nameEn') => string) => ({ nameSv: t('structure.kinds.nameSv'), nameEn: t('structure.kinds.nameEn') });

/** structure.createPrincipalKind: an administrator adds a kind of principal ("Privat utförare"). */
export const createPrincipalKind = defineCommand({
  name: 'structure.createPrincipalKind',
  input: z.object({ nameSv: name, nameEn: name }),
  labels: kindLabels,
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const existing = await ctx.tx.select().from(principalKindsTable).orderBy(asc(principalKindsTable.position));
    refuseSameName(existing, input);
    // The key: made from the name (at most 40 characters, starting with a letter or digit, as the table's check asks).
    const base = slugFrom(input.nameSv, 36) || slugFrom(input.nameEn, 36) || 'kind';
    const key = freeSlug(base, new Set(existing.map((k) => k.key)), 40);
    const position = existing.reduce((n, k) => Math.max(n, k.position), 0) + 1;
    const row = one(await ctx.tx.insert(principalKindsTable).values({ key, nameSv: input.nameSv, nameEn: input.nameEn, position, builtIn: false }).returning());
    await ctx.audit({ objectType: 'principal_kind', objectId: row.key, after: row });
    return row;
  },
  async sample(sc) {
    const u = sc.unique('kind');
    return { actor: await sc.admin(), input: { nameSv: `Privat utförare ${u}`, nameEn: `Private provider ${u}` } };
  },
});

/** structure.updatePrincipalKind: an administrator renames a kind (its key stays). */
export const updatePrincipalKind = defineCommand({
  name: 'structure.updatePrincipalKind',
  input: z.object({ key: z.string().trim().min(1).max(40), nameSv: name, nameEn: name, version: z.coerce.number().int().optional() }),
  labels: kindLabels,
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [before] = await ctx.tx.select().from(principalKindsTable).where(eq(principalKindsTable.key, input.key)).for('update');
    if (!before) notFound('structure.refuse.kindNotFound', { kind: input.key });
    checkVersion(before.version, input.version, 'structure.refuse.stale.principalKind');
    const others = await ctx.tx
      .select()
      .from(principalKindsTable)
      .where(sql`${principalKindsTable.key} <> ${before.key}`);
    refuseSameName(others, input);
    const row = one(
      await ctx.tx
        .update(principalKindsTable)
        .set({ nameSv: input.nameSv, nameEn: input.nameEn, version: before.version + 1 })
        .where(eq(principalKindsTable.key, before.key))
        .returning(),
    );
    await ctx.audit({ objectType: 'principal_kind', objectId: before.key, before, after: row });
    return row;
  },
  async sample(sc) {
    const created = await sampleKind(sc.database.db, sc.unique('stiftelse'));
    return { actor: await sc.admin(), input: { key: created.key, nameSv: `${created.nameSv} (ny)`, nameEn: `${created.nameEn} (new)` } };
  },
});

/** structure.removePrincipalKind: an administrator removes an added kind nothing uses; built-in kinds stay. */
export const removePrincipalKind = defineCommand({
  name: 'structure.removePrincipalKind',
  input: z.object({ key: z.string().trim().min(1).max(40) }),
  labels: () => ({}),
  async run(ctx, input) {
    authorize(ctx.actor, 'structure.administer', null);
    const [before] = await ctx.tx.select().from(principalKindsTable).where(eq(principalKindsTable.key, input.key)).for('update');
    if (!before) notFound('structure.refuse.kindNotFound', { kind: input.key });
    if (before.builtIn) refuse('key', 'structure.refuse.kindBuiltIn', { name: { sv: before.nameSv, en: before.nameEn } });
    const [p] = await ctx.tx.select({ n: count() }).from(principals).where(eq(principals.kind, before.key));
    const [s] = await ctx.tx.select({ n: count() }).from(seats).where(eq(seats.principalKind, before.key));
    const [b] = await ctx.tx.select({ n: count() }).from(bodies).where(eq(bodies.chairFirstKind, before.key));
    if ((p?.n ?? 0) + (s?.n ?? 0) + (b?.n ?? 0) > 0) refuse('key', 'structure.refuse.kindInUse', { name: { sv: before.nameSv, en: before.nameEn } });
    await ctx.tx.delete(principalKindsTable).where(eq(principalKindsTable.key, before.key));
    await ctx.audit({ objectType: 'principal_kind', objectId: before.key, before, after: null });
    return { removed: before.key };
  },
  async sample(sc) {
    const created = await sampleKind(sc.database.db, sc.unique('forening'));
    return { actor: await sc.admin(), input: { key: created.key } };
  },
});
