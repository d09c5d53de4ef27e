import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand, type CommandContext } from '../../../platform/commands.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { freeText, optionalFreeText } from '../../../platform/pin.js';
import { loadMeeting } from '../../meetings/index.js';
import { checkVersion, minutesFor, minutesTarget } from '../access.js';
import { refreshFollowUp } from '../decisions.js';
import { optionalDay, optionalUuid, version } from '../inputs.js';
import { KIND, notifyPersons, scheduleActionReminder } from '../notices.js';
import { sampleMinutes } from '../samples.js';
import { fixtureMembership, fixturePerson } from '../../structure/index.js';
import { actionItems, decisions, minuteItems, type ActionItem } from '../schema.js';
import { actorPersonId, refuse } from './common.js';
import { refuseOutsiders, type AppointingMeeting } from '../appointees.js';

const actionFields = {
  title: freeText({ min: 1, max: 500 }),
  ownerPersonId: optionalUuid,
  ownerName: optionalFreeText({ max: 200 }),
  dueOn: optionalDay,
};

/** An owner picked from the people list must have a role in the body (see appointees.ts). */
async function checkOwner(ctx: CommandContext, meeting: AppointingMeeting, ownerPersonId: string | undefined): Promise<void> {
  if (ownerPersonId) await refuseOutsiders(ctx, meeting, { ownerPersonId: [ownerPersonId] });
}

async function tellOwner(ctx: CommandContext, action: ActionItem): Promise<void> {
  if (!action.ownerPersonId || action.ownerPersonId === actorPersonId(ctx)) return;
  await notifyPersons(
    ctx.tx,
    [action.ownerPersonId],
    KIND.actionAssigned,
    (t) => ({ title: t('minutes.notice.actionAssigned', { title: action.title }), body: action.dueOn ? `${t('minutes.action.due')}: ${action.dueOn}` : undefined }),
    '/actions',
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectType: 'action_item', objectId: action.id },
  );
}

export const addActionInput = z.object({ meetingId: z.uuid(), minuteItemId: optionalUuid, ...actionFields });

/** minutes.addAction: a follow-up from the meeting ("Ingmar går vidare i planeringen"): owner, due date, the item it comes from. */
export const addAction = defineCommand({
  name: 'minutes.addAction',
  input: addActionInput,
  labels: () => ({ title: 'Åtgärd', ownerName: 'Ansvarig', dueOn: 'Klart senast' }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, input.meetingId, 'minutes.write');
    await checkOwner(ctx, loaded, input.ownerPersonId);
    let decisionId: string | null = null;
    let caseId: string | null = null;
    if (input.minuteItemId) {
      const [item] = await ctx.tx
        .select()
        .from(minuteItems)
        .where(and(eq(minuteItems.id, input.minuteItemId), eq(minuteItems.minutesId, loaded.minutes.id)));
      if (!item) refuse('minuteItemId', 'Punkten hör inte till de här anteckningarna.');
      const [d] = await ctx.tx.select({ id: decisions.id }).from(decisions).where(eq(decisions.minuteItemId, item.id));
      decisionId = d?.id ?? null;
      caseId = item.caseId;
    }
    const [row] = await ctx.tx
      .insert(actionItems)
      .values({
        bodyId: loaded.body.id,
        meetingId: loaded.meeting.id,
        minuteItemId: input.minuteItemId ?? null,
        decisionId,
        caseId,
        title: input.title,
        ownerPersonId: input.ownerPersonId ?? null,
        ownerName: input.ownerName ?? null,
        dueOn: input.dueOn ?? null,
        createdBy: actorPersonId(ctx),
        createdAt: ctx.now,
      })
      .returning();
    await ctx.audit({ objectType: 'action_item', objectId: row!.id, after: row });
    if (decisionId) await refreshFollowUp(ctx, decisionId);
    await scheduleActionReminder(ctx.tx, row!.id, row!.dueOn, ctx.now);
    await tellOwner(ctx, row!);
    return row!;
  },
  async sample(sc) {
    const { actor, meeting, items, db, body } = await sampleMinutes(sc);
    const owner = await fixturePerson(db, 'Ingmar Exempelsson');
    await fixtureMembership(db, { bodyId: body.id, personId: owner.id, role: 'member', startOn: '2020-01-01' });
    const due = new Date(Date.now() + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    return { actor, input: { meetingId: meeting.id, minuteItemId: items[1]!.id, title: 'Gå vidare i planeringen av konferensen', ownerPersonId: owner.id, ownerName: 'Ingmar', dueOn: due } };
  },
});

async function loadAction(ctx: CommandContext, actionId: string): Promise<ActionItem> {
  const [row] = await ctx.tx.select().from(actionItems).where(eq(actionItems.id, actionId)).for('update');
  if (!row) throw new NotFoundError('Åtgärden finns inte.');
  return row;
}

export const updateActionInput = z.object({ actionId: z.uuid(), version, ...actionFields });

/** minutes.updateAction: change an action's text, owner or due date (a new due date gets a new reminder). */
export const updateAction = defineCommand({
  name: 'minutes.updateAction',
  input: updateActionInput,
  labels: () => ({ title: 'Åtgärd', ownerName: 'Ansvarig', dueOn: 'Klart senast' }),
  async run(ctx, input) {
    const before = await loadAction(ctx, input.actionId);
    const loaded = await minutesFor(ctx, before.meetingId, 'minutes.write');
    checkVersion(before.version, input.version, before, 'Åtgärden');
    if (input.ownerPersonId !== (before.ownerPersonId ?? undefined)) await checkOwner(ctx, loaded, input.ownerPersonId);
    const [row] = await ctx.tx
      .update(actionItems)
      .set({ title: input.title, ownerPersonId: input.ownerPersonId ?? null, ownerName: input.ownerName ?? null, dueOn: input.dueOn ?? null, version: sql`${actionItems.version} + 1` })
      .where(eq(actionItems.id, before.id))
      .returning();
    await ctx.audit({ objectType: 'action_item', objectId: before.id, before, after: row });
    if (row!.dueOn !== before.dueOn) await scheduleActionReminder(ctx.tx, row!.id, row!.dueOn, ctx.now);
    if (row!.ownerPersonId !== before.ownerPersonId) await tellOwner(ctx, row!);
    return row!;
  },
  async sample(sc) {
    const { actor, meeting, body, db } = await sampleMinutes(sc);
    const [a] = await db.insert(actionItems).values({ bodyId: body.id, meetingId: meeting.id, title: 'Bjud in Märta till IFO-chefernas möte' }).returning();
    return { actor, input: { actionId: a!.id, version: a!.version, title: 'Bjud in Märta till IFO-chefernas möte i januari', ownerName: 'Ingmar' } };
  },
});

export const completeActionInput = z.object({ actionId: z.uuid(), note: optionalFreeText({ max: 2000 }) });

/** minutes.completeAction: the owner (or the secretary) marks an action done; the decision's follow-up follows. */
export const completeAction = defineCommand({
  name: 'minutes.completeAction',
  input: completeActionInput,
  labels: () => ({ note: 'Kommentar' }),
  async run(ctx, input) {
    const before = await loadAction(ctx, input.actionId);
    const loaded = await loadMeeting(ctx.tx, ctx.actor, before.meetingId, ctx.now);
    authorize(ctx.actor, 'minutes.completeAction', { ...minutesTarget(loaded, 'minutes.completeAction'), isOwner: before.ownerPersonId !== null && before.ownerPersonId === actorPersonId(ctx) });
    if (before.status === 'done') refuse('actionId', 'Åtgärden är redan klar.');
    const [row] = await ctx.tx
      .update(actionItems)
      .set({ status: 'done', doneAt: ctx.now, doneBy: actorPersonId(ctx), doneNote: input.note ?? null, version: sql`${actionItems.version} + 1` })
      .where(eq(actionItems.id, before.id))
      .returning();
    await ctx.audit({ objectType: 'action_item', objectId: before.id, before, after: row });
    if (row!.decisionId) await refreshFollowUp(ctx, row!.decisionId);
    return row!;
  },
  async sample(sc) {
    const { actor, meeting, body, db } = await sampleMinutes(sc);
    const [a] = await db.insert(actionItems).values({ bodyId: body.id, meetingId: meeting.id, title: 'Ta frågan om vaccin till MAS-nätverket' }).returning();
    return { actor, input: { actionId: a!.id, note: 'Togs upp på MAS-nätverkets möte.' } };
  },
});
