import { actorId } from '../../../platform/auth/actor.js';
import { eq } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import { notFound } from '../../../platform/refusals.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { optionalDay, optionalUuid } from '../inputs.js';
import { KIND, notifyPersons } from '../notices.js';
import { actionItems, type ActionItem } from '../schema.js';
import { refuseOutsiders } from './common.js';
import { type AppointingMeeting } from '../queries/index.js';

export const actionFields = {
  title: freeText({ min: 1, max: 500 }),
  ownerPersonId: optionalUuid,
  ownerName: optionalFreeText({ max: 200 }),
  dueOn: optionalDay,
};

/** An owner picked from the people list must have a role in the body (see appointees.ts). */
export async function checkOwner(ctx: CommandContext, meeting: AppointingMeeting, ownerPersonId: string | undefined): Promise<void> {
  if (ownerPersonId) await refuseOutsiders(ctx, meeting, { ownerPersonId: [ownerPersonId] });
}

export async function tellOwner(ctx: CommandContext, action: ActionItem): Promise<void> {
  if (!action.ownerPersonId || action.ownerPersonId === actorId(ctx.actor)) return;
  await notifyPersons(
    ctx.tx,
    [action.ownerPersonId],
    KIND.actionAssigned,
    (t) => ({ title: t('minutes.notice.actionAssigned', { title: action.title }), body: action.dueOn ? `${t('minutes.action.due')}: ${action.dueOn}` : undefined }),
    '/actions',
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectType: 'action_item', objectId: action.id },
  );
}

export async function loadAction(ctx: CommandContext, actionId: string): Promise<ActionItem> {
  const [row] = await ctx.tx.select().from(actionItems).where(eq(actionItems.id, actionId)).for('update');
  if (!row) notFound('minutes.refusal.actionNotFound');
  return row;
}
