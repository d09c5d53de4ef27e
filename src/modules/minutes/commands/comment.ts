import { actorId } from '../../../platform/auth/actor.js';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { one } from '../../../platform/db/rows.js';
import { formatDate } from '../../../platform/time.js';
import { meetingRecipients, meetingLabel } from '../../meetings/index.js';
import { KIND, notifyPersons } from '../notices.js';
import { minutesLink } from '../links.js';
import { sampleMinutes } from '../samples.js';
import { approvals } from '../schema.js';
import { forApprover } from './approver.js';

export const commentInput = z.object({ meetingId: z.uuid(), comment: freeText({ min: 1, max: 5000 }) });

/** minutes.comment: an approver comments instead of (or before) approving; the secretary is told. */
export const commentMinutes = defineCommand({
  name: 'minutes.comment',
  input: commentInput,
  labels: (t) => ({ comment: t('minutes.label.comment') }),
  async run(ctx, input) {
    const { loaded, approval } = await forApprover(ctx, input.meetingId);
    const stamp = `${formatDate(ctx.now)} ${ctx.actor.kind === 'person' ? ctx.actor.name : ''}`.trim();
    const comment = [approval.comment, `${stamp}: ${input.comment}`].filter(Boolean).join('\n\n');
    const row = one(await ctx.tx.update(approvals).set({ comment, commentedAt: ctx.now }).where(eq(approvals.id, approval.id)).returning());
    await ctx.audit({ objectType: 'minutes', objectId: loaded.minutes.id, before: approval, after: row });
    const managers = await meetingRecipients(ctx.tx, loaded.meeting, { managersOnly: true, jointBodyIds: loaded.jointBodyIds });
    const who = ctx.actor.kind === 'person' ? ctx.actor.name : '';
    await notifyPersons(
      ctx.tx,
      managers.map((r) => r.personId).filter((id) => id !== actorId(ctx.actor)),
      KIND.approvalComment,
      (t, lang) => ({ title: t('minutes.notice.approvalComment', { who, meeting: meetingLabel(loaded.meeting, lang) }), body: input.comment }),
      minutesLink(loaded.meeting.id),
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: loaded.minutes.id },
    );
    return row;
  },
  async sample(sc) {
    const { actor, meeting, minutes, db } = await sampleMinutes(sc, { status: 'in_approval' });
    await db.insert(approvals).values({ minutesId: minutes.id, round: 1, personId: actor.kind === 'person' ? actor.personId : '', role: 'adjuster', deadline: new Date(Date.now() + 14 * 864e5) });
    return { actor, input: { meetingId: meeting.id, comment: 'Under punkt 5 ska det stå två från kommun och två från region.' } };
  },
});
