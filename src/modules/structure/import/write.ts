import { eq, sql } from 'drizzle-orm';
import { conflict } from '../../../platform/refusals.js';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { CommandContext } from '../../../platform/commands.js';
import { insertAudited } from '../../../platform/audit/audit.js';
import { people } from '../../../platform/auth/schema.js';
import { sortKey } from '../../../platform/sortkey.js';
import { endMembership } from '../membership-rules.js';
import { syncExOfficio } from '../ex-officio.js';
import { scheduleChairReminder } from '../reminders.js';
import { bodyFingerprint } from './model.js';
import type { ImportPlan } from './plan.js';
import { contactSurfaces, memberships, seats, type Body } from '../schema.js';

/*
 * Carries out a checked import in the command's transaction: one statement per kind of
 * object that inserts the rows and their audit rows (one per created object, as the forms
 * write them), the few appointments that end a current chair, and the ex-officio seats that
 * follow the body. The checking happened before, outside the transaction.
 */

/** Refuses when the body changed, or a new contact's address was taken, since the file was checked. */
async function checkUnchanged(ctx: CommandContext, body: Body, plan: ImportPlan, fingerprint: string) {
  const emails = plan.people.flatMap((p) => (p.email ? [p.email] : []));
  const taken = emails.length
    ? await ctx.tx
        .select({ email: people.email })
        .from(people)
        .where(sql`${people.email} in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`)
        .limit(1)
    : [];
  if (taken.length || (await bodyFingerprint(ctx.tx, body.id)) !== fingerprint) {
    conflict('structure.refuse.importChanged', { body: body.name }, 'stale');
  }
}

export async function writeImport(ctx: CommandContext, body: Body, plan: ImportPlan, fingerprint: string): Promise<void> {
  await checkUnchanged(ctx, body, plan, fingerprint);
  const insert = <T extends PgTable>(table: T, objectType: string, rows: Partial<T['$inferInsert']>[]) =>
    insertAudited(ctx.tx, ctx.actor, table, rows, { operation: 'structure.importMembers', objectType, requestId: ctx.requestId });
  await insert(contactSurfaces, 'contact_surface', plan.surfaces);
  await insert(
    seats,
    'seat',
    plan.seats.map(({ createdAt: _at, ...seat }) => seat),
  );
  await insert(
    people,
    'person',
    plan.people.map((p) => ({ id: p.id, name: p.name, sortKey: sortKey(p.name), email: p.email })),
  );
  // Members before their substitutes, whom they are named in.
  const kept = plan.memberships.filter((m) => !plan.model.gone.has(m.id)).map(({ createdAt: _at, ...m }) => m);
  await insert(
    memberships,
    'membership',
    kept.filter((m) => !m.substituteForMembershipId),
  );
  await insert(
    memberships,
    'membership',
    kept.filter((m) => m.substituteForMembershipId),
  );

  for (const end of plan.ends) {
    const [current] = await ctx.tx.select().from(memberships).where(eq(memberships.id, end.membershipId));
    if (current) await endMembership(ctx, current, end.endOn);
  }
  if (plan.memberships.length) await syncExOfficio(ctx, { sourceBodyId: body.id });
  for (const day of new Set(plan.chairStarts)) await scheduleChairReminder(ctx.tx, body, day);
}
