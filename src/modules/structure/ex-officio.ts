import { and, eq, inArray } from 'drizzle-orm';
import { one } from '../../platform/db/rows.js';
import type { CommandContext } from '../../platform/commands.js';
import { maxDay, minDay, type Day } from '../../platform/days.js';
import { bodies, memberships, seats, type Membership } from './schema.js';

/*
 * Ex-officio seats (SSÖ: "ordförande från respektive OSÖ-grupp") are held by whoever has a
 * role in another body. They are filled automatically: every membership with that role in
 * the other body is mirrored by a membership in the seat over the same dates (clipped to the
 * seat's and the body's active period). Ending, replacing or appointing in the other body
 * changes the seat with it; the mirrors keep the full history.
 */

const minOpen = (a: Day | null, b: Day | null): Day | null => (a === null ? b : b === null ? a : minDay(a, b));

/** Brings every ex-officio seat that follows the given body (or the given seats) up to date. */
export async function syncExOfficio(ctx: CommandContext, filter: { sourceBodyId: string } | { seatIds: string[] }, depth = 0): Promise<void> {
  if (depth > 5) return;
  const where = 'sourceBodyId' in filter ? eq(seats.exOfficioBodyId, filter.sourceBodyId) : filter.seatIds.length ? inArray(seats.id, filter.seatIds) : undefined;
  if (!where) return;
  const following = await ctx.tx.select({ seat: seats, bodyActiveFrom: bodies.activeFrom, bodyActiveTo: bodies.activeTo }).from(seats).innerJoin(bodies, eq(bodies.id, seats.bodyId)).where(where);
  const touchedBodies = new Set<string>();
  for (const { seat, bodyActiveFrom, bodyActiveTo } of following) {
    if (!seat.exOfficioBodyId || !seat.exOfficioRole) continue;
    const sources = await ctx.tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.bodyId, seat.exOfficioBodyId), eq(memberships.role, seat.exOfficioRole)));
    const mirrors = await ctx.tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.seatId, seat.id), eq(memberships.exOfficio, true)));
    for (const source of sources) {
      const start = maxDay(maxDay(source.startOn, seat.createdOn), bodyActiveFrom);
      const end = minOpen(minOpen(source.endOn, seat.endedOn), bodyActiveTo);
      const qualifies = end === null || end >= start;
      const mirror = mirrors.find((m) => m.exOfficioSourceId === source.id);
      if (qualifies && !mirror) {
        const row = one(
          await ctx.tx
            .insert(memberships)
            .values({ bodyId: seat.bodyId, personId: source.personId, seatId: seat.id, role: 'member', startOn: start, endOn: end, exOfficio: true, exOfficioSourceId: source.id })
            .returning(),
        );
        await ctx.audit({ objectType: 'membership', objectId: row.id, after: row });
        touchedBodies.add(seat.bodyId);
      } else if (qualifies && mirror && (mirror.startOn !== start || mirror.endOn !== end)) {
        const row = one(
          await ctx.tx
            .update(memberships)
            .set({ startOn: start, endOn: end, version: mirror.version + 1 })
            .where(eq(memberships.id, mirror.id))
            .returning(),
        );
        await ctx.audit({ objectType: 'membership', objectId: mirror.id, before: mirror, after: row });
        touchedBodies.add(seat.bodyId);
      } else if (!qualifies && mirror) {
        await removeMirror(ctx, mirror);
        touchedBodies.add(seat.bodyId);
      }
    }
  }
  for (const bodyId of touchedBodies) await syncExOfficio(ctx, { sourceBodyId: bodyId }, depth + 1);
}

async function removeMirror(ctx: CommandContext, mirror: Membership) {
  // A mirror that never overlaps its source's period never happened: it goes.
  await ctx.tx.delete(memberships).where(eq(memberships.id, mirror.id));
  await ctx.audit({ objectType: 'membership', objectId: mirror.id, before: mirror, after: null });
}
