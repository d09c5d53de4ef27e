import { actorId } from '../../../platform/auth/actor.js';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { defineCommand, type CommandContext } from '../../../platform/commands.js';
import type { Database } from '../../../platform/db/client.js';
import { checkVersion, notFound } from '../../../platform/refusals.js';
import { one } from '../../../platform/db/rows.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { loadMeeting, resolvePresenters } from '../../meetings/index.js';
import { assertEditable, minutesFor } from './common.js';
import { meetingOfItem, minutesOf } from '../queries/index.js';
import { minutesTarget } from '../policy.js';
import { reconcileItem } from './common.js';
import { itemContent, itemDecision, version } from '../inputs.js';
import { sampleMinutes } from '../samples.js';
import { minuteItems, type MinuteItem } from '../schema.js';
import { caseSubjects } from '../case-subjects.js';

export const saveItemInput = z.object({ itemId: z.uuid(), version, ...itemContent, ...itemDecision });
export const autosaveItemInput = z.object({ itemId: z.uuid(), version, ...itemContent });

type Content = z.output<typeof autosaveItemInput>;

async function contentValues(tx: CommandContext['tx'], input: Content, item: MinuteItem) {
  return {
    // Presenters left out of the input (an API call without them) stay as they are.
    presenters: input.presenters ? await resolvePresenters(tx, input.presenters) : item.presenters,
    notes: input.notes ?? null,
    questions: input.questions ?? null,
    proposal: input.proposal,
    decisionText: input.decisionText ?? null,
    condition: input.condition ?? null,
  };
}

async function lockedItem(tx: CommandContext['tx'], itemId: string): Promise<MinuteItem> {
  const [item] = await tx.select().from(minuteItems).where(eq(minuteItems.id, itemId)).for('update');
  if (!item) notFound('minutes.refusal.itemNotFound');
  return item;
}

/**
 * minutes.saveItem: the explicit save of one item's minutes: presenter, notes, questions
 * and comments, the "att"-clauses, the outcome with the decision text and its condition.
 * A stale save (someone saved the item since the form was opened) is refused and nothing
 * is overwritten. An outcome that is a decision is numbered in the body's register and the
 * decision hooks run in this transaction; a condition becomes a follow-up action.
 */
export const saveItem = defineCommand({
  name: 'minutes.saveItem',
  input: saveItemInput,
  labels: (t) => ({
    notes: t('minutes.item.notes'),
    questions: t('minutes.item.questions'),
    proposal: t('minutes.item.proposal'),
    decisionText: t('minutes.item.decision'),
    condition: t('minutes.action.condition'),
    presenters: t('minutes.item.presenter'),
  }),
  async run(ctx, input) {
    const loaded = await minutesFor(ctx, await meetingOfItem(ctx.tx, input.itemId), 'minutes.write');
    assertEditable(loaded.minutes);
    const item = await lockedItem(ctx.tx, input.itemId);
    checkVersion(item.version, input.version, 'minutes.stale.item', item);
    // A case step is one the case may take now (a step already recorded on the item stays as it is).
    const caseId = input.caseId ?? null;
    const step = input.caseTransition ?? null;
    if (caseId && step && (step !== item.caseTransition || caseId !== item.caseId)) await caseSubjects()?.checkStep(ctx.tx, caseId, step);
    const row = one(
      await ctx.tx
        .update(minuteItems)
        .set({
          ...(await contentValues(ctx.tx, input, item)),
          outcome: input.outcome ?? null,
          internal: input.internal,
          caseId: input.caseId ?? null,
          caseTransition: input.caseTransition ?? null,
          version: sql`${minuteItems.version} + 1`,
          updatedBy: actorId(ctx.actor),
          updatedAt: ctx.now,
        })
        .where(eq(minuteItems.id, item.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'minute_item', objectId: item.id, before: item, after: row });
    const decision = await reconcileItem(ctx, loaded.meeting, loaded.body, row);
    return { item: row, decision };
  },
  async sample(sc) {
    const { actor, items } = await sampleMinutes(sc);
    const item = items[1]!;
    return {
      actor,
      input: {
        itemId: item.id,
        version: item.version,
        presenters: [{ name: 'Ylva Exempelsson', organisation: 'Länsstyrelsen' }],
        notes: 'Den nuvarande överenskommelsen behöver **uppdateras**.',
        questions: '- Hur är den lokala nivån delaktig?',
        proposal: ['anta förslag till ny överenskommelse'],
        outcome: 'approved' as const,
        decisionText: 'Chefsgruppen beslutar att godkänna förslaget till beslut.',
        condition: 'Beslutet behöver förankras med hälso- och sjukvårdsdirektören.',
      },
    };
  },
});

/**
 * The autosave of a draft: the text of one item, without its outcome. Not a command:
 * autosaves are not audited (explicit saves are). The same checks apply (free text refuses
 * identity numbers, the writer must be allowed, a stale draft is refused, locked minutes
 * cannot change); returns the item with its new version.
 */
export async function autosaveItem(deps: { database: Database }, actor: Actor, raw: unknown, t?: Translate, now = new Date()): Promise<MinuteItem> {
  const input = parseOrThrow(autosaveItemInput, raw, t);
  return deps.database.db.transaction(async (tx) => {
    const meetingId = await meetingOfItem(tx, input.itemId);
    const loaded = await loadMeeting(tx, actor, meetingId, now, true);
    authorize(actor, 'minutes.write', minutesTarget(loaded, 'minutes.write'));
    const m = await minutesOf(tx, meetingId, true);
    if (!m) notFound('minutes.none');
    assertEditable(m);
    const item = await lockedItem(tx, input.itemId);
    checkVersion(item.version, input.version, 'minutes.stale.item', item);
    const row = one(
      await tx
        .update(minuteItems)
        .set({ ...(await contentValues(tx, input, item)), version: sql`${minuteItems.version} + 1`, updatedBy: actor.kind === 'person' ? actor.personId : null, updatedAt: now })
        .where(eq(minuteItems.id, item.id))
        .returning(),
    );
    return row;
  });
}
