import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../commands.js';
import { forbidden, notFound } from '../../refusals.js';
import { isAdmin } from '../actor.js';
import { sessions } from '../schema.js';
import { createSession } from '../sessions.js';
import { samplePerson } from './samples.js';

/** identity.revokeSession: ends a session (one's own, or any for an administrator). Logout uses it too. */
export const revokeSession = defineCommand({
  name: 'identity.revokeSession',
  input: z.object({ sessionId: z.string().min(1).max(200) }),
  async run(ctx, input) {
    const rows = await ctx.tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, input.sessionId), isNull(sessions.revokedAt)))
      .limit(1);
    const session = rows[0];
    if (!session) return notFound('auth.refused.sessionNotFound');
    if (!isAdmin(ctx.actor) && !(ctx.actor.kind === 'person' && ctx.actor.personId === session.personId)) forbidden('auth.refused.notYourSession');
    await ctx.tx.update(sessions).set({ revokedAt: ctx.now }).where(eq(sessions.id, input.sessionId));
    await ctx.audit({ objectType: 'person', objectId: session.personId, before: { session: session.id.slice(0, 12) }, after: { revoked: true } });
    return { revoked: true };
  },
  async sample(sc) {
    const { actor, personId } = await samplePerson(sc);
    const s = await createSession(sc.database.db, personId, {});
    return { actor, input: { sessionId: s.id } };
  },
});
