import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize, type PolicyTargets } from '../../../platform/auth/authorize.js';
import { ConflictError, NotFoundError } from '../../../platform/http/errors.js';
import { people } from '../../../platform/auth/schema.js';
import { sortKey } from '../../../platform/sortkey.js';
import { today } from '../dates.js';
import { rolesOf } from '../policy.js';
import { bodies, type Body } from '../schema.js';
import { refuse } from '../membership-rules.js';
import { personByEmail } from '../queries.js';

type BodyAction = { [A in keyof PolicyTargets]: PolicyTargets[A] extends { body: unknown; roles: unknown } ? A : never }[keyof PolicyTargets];

/** Loads a body, locks its row for the transaction, and authorizes the actor on it. */
export async function bodyFor(ctx: CommandContext, bodyId: string, action: BodyAction): Promise<Body> {
  return authorizedBody(ctx.tx, ctx.actor, bodyId, action, ctx.now, { lock: true });
}

/** Loads a body and authorizes the actor on it; outside a transaction (no lock) for work done before one. */
export async function authorizedBody(db: DbOrTx, actor: Actor, bodyId: string, action: BodyAction, now: Date, options: { lock?: boolean } = {}): Promise<Body> {
  const query = db.select().from(bodies).where(eq(bodies.id, bodyId));
  const [body] = options.lock ? await query.for('update') : await query;
  if (!body) throw new NotFoundError('Gruppen finns inte.');
  const roles = await rolesOf(db, actor, body.id, today(now));
  authorize(actor, action, { body, roles });
  return body;
}

/** Refuses a save made from an older version than the stored one. */
export function checkVersion(stored: number, sent: number | undefined, what: string) {
  if (sent !== undefined && sent !== stored) {
    throw new ConflictError(`${what} har ändrats av någon annan sedan du öppnade sidan. Ladda om sidan och gör ändringen igen.`, 'stale');
  }
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
    if (!p) refuse(fields.personId, 'Personen finns inte.');
    return { ...p, created: false };
  }
  if (input.personEmail) {
    const found = await personByEmail(ctx.tx, input.personEmail);
    if (found) return { id: found.id, name: found.name, created: false };
  }
  if (!input.personName) {
    refuse(
      input.personEmail ? fields.personName : fields.personEmail,
      input.personEmail
        ? `Det finns ingen person med e-postadressen ${input.personEmail}. Fyll i namnet så läggs personen till som kontakt.`
        : 'Ange personens e-postadress, eller namn för en ny kontakt.',
    );
  }
  const [row] = await ctx.tx
    .insert(people)
    .values({ name: input.personName, sortKey: sortKey(input.personName), email: input.personEmail ?? null })
    .returning();
  const { passwordHash: _hidden, ...visible } = row!;
  await ctx.audit({ objectType: 'person', objectId: row!.id, after: visible });
  return { id: row!.id, name: row!.name, created: true };
}
