import { eq } from 'drizzle-orm';
import { notFound, refuse } from '../../../platform/refusals.js';
import type { CommandContext } from '../../../platform/commands.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize, type PolicyTargets } from '../../../platform/auth/authorize.js';
import { people } from '../../../platform/auth/schema.js';
import { one } from '../../../platform/db/rows.js';
import { sortKey } from '../../../platform/sortkey.js';
import { today } from '../../../platform/days.js';
import { rolesOf } from '../policy.js';
import { bodies, type Body } from '../schema.js';
import { personByEmail } from '../queries/index.js';

type BodyAction = { [A in keyof PolicyTargets]: PolicyTargets[A] extends { body: unknown; roles: unknown } ? A : never }[keyof PolicyTargets];

/** Loads a body, locks its row for the transaction, and authorizes the actor on it. */
export async function bodyFor(ctx: CommandContext, bodyId: string, action: BodyAction): Promise<Body> {
  return authorizedBody(ctx.tx, ctx.actor, bodyId, action, ctx.now, { lock: true });
}

/** Loads a body and authorizes the actor on it; outside a transaction (no lock) for work done before one. */
export async function authorizedBody(db: DbOrTx, actor: Actor, bodyId: string, action: BodyAction, now: Date, options: { lock?: boolean } = {}): Promise<Body> {
  const query = db.select().from(bodies).where(eq(bodies.id, bodyId));
  const [body] = options.lock ? await query.for('update') : await query;
  if (!body) notFound('structure.refuse.bodyNotFound');
  const roles = await rolesOf(db, actor, body.id, today(now));
  authorize(actor, action, { body, roles });
  return body;
}

/**
 * The person a membership is for: by id, else by e-mail address; a new contact (a person
 * without a login) is created when the address is unknown and a name is given.
 */
export async function resolvePerson(
  ctx: CommandContext,
  input: { personId?: string | undefined; personEmail?: string | undefined; personName?: string | undefined },
  fields = { personId: 'personId', personEmail: 'personEmail', personName: 'personName' },
): Promise<{ id: string; name: string; created: boolean }> {
  if (input.personId) {
    const [p] = await ctx.tx.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, input.personId));
    if (!p) refuse(fields.personId, 'structure.refuse.personNotFound');
    return { ...p, created: false };
  }
  if (input.personEmail) {
    const found = await personByEmail(ctx.tx, input.personEmail);
    if (found) return { id: found.id, name: found.name, created: false };
  }
  if (!input.personName) {
    if (input.personEmail) refuse(fields.personName, 'structure.refuse.unknownEmail', { email: input.personEmail });
    refuse(fields.personEmail, 'structure.refuse.askEmailOrName');
  }
  const row = one(
    await ctx.tx
      .insert(people)
      .values({ name: input.personName, sortKey: sortKey(input.personName), email: input.personEmail ?? null })
      .returning(),
  );
  const { passwordHash: _hidden, ...visible } = row;
  await ctx.audit({ objectType: 'person', objectId: row.id, after: visible });
  return { id: row.id, name: row.name, created: true };
}
