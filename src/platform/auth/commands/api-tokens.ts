import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { forbidden, notFound } from '../../refusals.js';
import { one } from '../../db/rows.js';
import { isAdmin } from '../actor.js';
import { apiTokens } from '../schema.js';
import { newToken, sha256 } from '../tokens.js';
import { freeText } from '../../pin.js';
import { samplePerson } from './samples.js';

export const API_TOKEN_PREFIX = 'svk_';

/** identity.createApiToken: a personal access token, shown once and stored hashed. */
export const createApiToken = defineCommand({
  name: 'identity.createApiToken',
  input: z.object({ name: freeText({ min: 1, max: 100 }) }),
  labels: (t) => ({ name: t('tokens.name') }),
  async run(ctx, input) {
    if (ctx.actor.kind !== 'person') return forbidden('auth.refused.personOnly');
    const token = API_TOKEN_PREFIX + newToken();
    const row = one(
      await ctx.tx
        .insert(apiTokens)
        .values({ personId: ctx.actor.personId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 10), createdAt: ctx.now })
        .returning(),
    );
    await ctx.audit({ objectType: 'api_token', objectId: row.id, after: { name: row.name, prefix: row.prefix, personId: row.personId } });
    return { id: row.id, name: row.name, token };
  },
  async sample(sc) {
    const { actor } = await samplePerson(sc);
    return { actor, input: { name: 'Integration med intranätet' } };
  },
});

/** identity.revokeApiToken: the owner (or an administrator) revokes a token. */
export const revokeApiToken = defineCommand({
  name: 'identity.revokeApiToken',
  input: z.object({ tokenId: z.uuid() }),
  async run(ctx, input) {
    const rows = await ctx.tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, input.tokenId), isNull(apiTokens.revokedAt)))
      .limit(1);
    const token = rows[0];
    if (!token) return notFound('auth.refused.tokenNotFound');
    if (!isAdmin(ctx.actor) && !(ctx.actor.kind === 'person' && ctx.actor.personId === token.personId)) forbidden('auth.refused.notYourToken');
    await ctx.tx.update(apiTokens).set({ revokedAt: ctx.now }).where(eq(apiTokens.id, token.id));
    await ctx.audit({ objectType: 'api_token', objectId: token.id, before: { name: token.name }, after: { revoked: true } });
    return { revoked: true };
  },
  async sample(sc) {
    const { actor, personId } = await samplePerson(sc);
    const row = one(
      await sc.database.db
        .insert(apiTokens)
        .values({ personId, name: 'x', tokenHash: sha256(newToken()), prefix: 'svk_x' })
        .returning(),
    );
    return { actor, input: { tokenId: row.id } };
  },
});
