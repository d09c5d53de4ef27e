import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../../../platform/auth/schema.js';
import { defineCommand } from '../../../platform/commands.js';
import { checkVersion } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { contentVersion } from '../queries/index.js';
import { version } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { approvals, minuteItems, type VersionApprover } from '../schema.js';
import { lockVersion } from './common.js';
import { forApprover } from './approver.js';

export const approveInput = z.object({ meetingId: z.uuid(), version });

/**
 * minutes.approve: an approver approves the version they read. When every approver of the
 * round has approved the current version, it is locked: its canonical JSON and SHA-256
 * with the approvers and timestamps, and the minutes are sent out.
 */
export const approveMinutes = defineCommand({
  name: 'minutes.approve',
  input: approveInput,
  async run(ctx, input) {
    const { loaded, approval, round } = await forApprover(ctx, input.meetingId);
    const cv = await contentVersion(ctx.tx, loaded.minutes);
    checkVersion(cv, input.version, 'minutes.stale.protocol', loaded.minutes);
    const row = one(await ctx.tx.update(approvals).set({ approvedAt: ctx.now, approvedVersion: cv }).where(eq(approvals.id, approval.id)).returning());
    await ctx.audit({ objectType: 'minutes', objectId: loaded.minutes.id, before: approval, after: row });
    const after = round.map((a) => (a.id === row.id ? row : a));
    if (after.every((a) => a.approvedVersion === cv)) {
      const names = await ctx.tx
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(
          inArray(
            people.id,
            after.map((a) => a.personId),
          ),
        );
      const approvers: VersionApprover[] = after.map((a) => ({ personId: a.personId, name: names.find((n) => n.id === a.personId)?.name ?? '', role: a.role, at: a.approvedAt!.toISOString() }));
      const version = await lockVersion(ctx, loaded, 'approved', approvers);
      return { approval: row, locked: version };
    }
    return { approval: row, locked: null };
  },
  async sample(sc) {
    const { actor, meeting, minutes, db } = await sampleMinutes(sc, { status: 'in_approval' });
    const items = await db.select().from(minuteItems).where(eq(minuteItems.minutesId, minutes.id));
    await db.insert(approvals).values({ minutesId: minutes.id, round: 1, personId: actor.kind === 'person' ? actor.personId : '', role: 'chair', deadline: new Date(Date.now() + 14 * 864e5) });
    return { actor, input: { meetingId: meeting.id, version: minutes.version + items.reduce((s, i) => s + i.version, 0) } };
  },
});
