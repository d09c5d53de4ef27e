import { actorId } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/auth/authorize.js';
import type { CommandContext } from '../../../platform/commands.js';
import { notFound } from '../../../platform/refusals.js';
import { loadMeeting } from '../../meetings/index.js';
import { approvalsOf, currentRound, minutesOf } from '../queries/index.js';
import { type LoadedMinutes } from './common.js';
import type { Approval } from '../schema.js';

/** Loads the minutes for an approver of the running round (locks them). */
export async function forApprover(ctx: CommandContext, meetingId: string): Promise<{ loaded: LoadedMinutes; approval: Approval; round: Approval[] }> {
  const meeting = await loadMeeting(ctx.tx, ctx.actor, meetingId, ctx.now, true);
  const m = await minutesOf(ctx.tx, meetingId, true);
  if (!m) notFound('minutes.none');
  const round = m.status === 'in_approval' ? await approvalsOf(ctx.tx, m.id, currentRound(m)) : [];
  const approval = round.find((a) => a.personId === actorId(ctx.actor));
  authorize(ctx.actor, 'minutes.approve', { isApprover: !!approval });
  return { loaded: { ...meeting, minutes: m }, approval: approval!, round };
}
