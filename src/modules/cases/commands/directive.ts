import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand } from '../../../platform/commands.js';
import { notify } from '../../../platform/inbox/notify.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { today } from '../../../platform/days.js';
import { bodies, memberships } from '../../structure/schema.js';
import { caseFor, type CaseCtx, type LoadedCase } from '../access.js';
import { missingParts } from '../directive.js';
import { directiveFields, id, optionalVersion } from '../inputs.js';
import { CASE_ASSIGNED } from '../kinds.js';
import { caseRef } from '../numbering.js';
import { checkVersion, refuse, refuseAll } from '../../../platform/refusals.js';
import { setCaseLineEnd } from '../plan.js';
import { applyTransition, checkAllowed } from '../transition.js';
import { caseDirectives, type CaseDirective } from '../schema.js';
import { sampleCase } from '../samples.js';
import { directiveLabels } from './labels.js';
import { OVERDUE_CHECK_JOB, overdueCheckKey, overdueCheckTime } from '../overdue.js';

export const directiveInput = z.object({ caseId: id, version: optionalVersion, ...directiveFields });
type DirectiveInput = z.output<typeof directiveInput>;

const EDITABLE_STATES = ['working_group'] as const;

/** Writes the draft (creating it on first save); the working group must exist. */
async function saveDraft(ctx: CaseCtx, loaded: LoadedCase, input: DirectiveInput): Promise<CaseDirective> {
  const { kase } = loaded;
  if (!kase.workingGroupBodyId) refuse('caseId', 'cases.refusal.workingGroupFirst');
  const [existing] = await ctx.tx.select().from(caseDirectives).where(eq(caseDirectives.caseId, kase.id)).for('update');
  if (existing?.status === 'issued') refuse('caseId', 'cases.refusal.directiveIssued');
  if (!(EDITABLE_STATES as readonly string[]).includes(kase.state)) refuse('caseId', 'cases.refusal.directiveNotNow');
  if (existing) checkVersion(existing.version, input.version, 'cases.refusal.stale');
  const values = {
    shortDescription: input.shortDescription ?? null,
    background: input.background ?? null,
    purpose: input.purpose ?? null,
    goals: input.goals ?? null,
    expectedResult: input.expectedResult ?? null,
    resultManagement: input.resultManagement ?? null,
    organisation: input.organisation ?? null,
    timeline: input.timeline ?? null,
    endDate: input.endDate ?? null,
    followUp: input.followUp ?? null,
    resources: input.resources ?? null,
    medicalSteps: input.medicalSteps,
    reportAtMeetings: input.reportAtMeetings,
    reportDates: [...new Set(input.reportDates)].sort(),
    updatedAt: ctx.now,
  };
  if (existing) {
    const row = one(
      await ctx.tx
        .update(caseDirectives)
        .set({ ...values, version: existing.version + 1 })
        .where(eq(caseDirectives.id, existing.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'case_directive', objectId: existing.id, before: existing, after: row });
    return row;
  }
  const row = one(
    await ctx.tx
      .insert(caseDirectives)
      .values({ caseId: kase.id, fromBodyId: kase.bodyId, toBodyId: kase.workingGroupBodyId, ...values, createdAt: ctx.now })
      .returning(),
  );
  await ctx.audit({ objectType: 'case_directive', objectId: row.id, after: row });
  return row;
}

/** cases.saveDirective: saves the assignment directive as a draft (any part may still be missing). */
export const saveDirective = defineCommand({
  name: 'cases.saveDirective',
  input: directiveInput,
  labels: directiveLabels,
  async run(ctx, input) {
    const loaded = await caseFor(ctx, input.caseId, 'cases.manage');
    return saveDraft(ctx, loaded, input);
  },
  async sample(sc) {
    const { actor, kase } = await sampleCase(sc, 'working_group');
    return { actor, input: { caseId: kase.id, shortDescription: 'Ta fram en gemensam rutin.', background: 'Frågan har väckts av MAS-nätverket.', reportDates: [] } };
  },
});

/**
 * cases.issueDirective: saves and issues the directive to the working group. Refused with
 * the list of what is missing until every required part is there; issuing moves the case
 * to "assignment issued", sets the working group's last day to the end date and schedules
 * the checks for overdue reports.
 */
export const issueDirective = defineCommand({
  name: 'cases.issueDirective',
  input: directiveInput,
  labels: directiveLabels,
  async run(ctx, input) {
    const loaded = await caseFor(ctx, input.caseId, 'cases.manage');
    checkAllowed(loaded.kase, 'issueDirective');
    const draft = await saveDraft(ctx, loaded, input);
    const day = today(ctx.now);
    const missing = missingParts(draft, { newMedicalTask: loaded.kase.newMedicalTask, today: day });
    if (missing.length) refuseAll(missing);
    const issued = one(
      await ctx.tx
        .update(caseDirectives)
        .set({ status: 'issued', issuedAt: ctx.now, issuedBy: actorId(ctx.actor), version: draft.version + 1, updatedAt: ctx.now })
        .where(eq(caseDirectives.id, draft.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'case_directive', objectId: draft.id, before: draft, after: issued });
    const { kase } = await applyTransition(ctx, loaded.kase, loaded.body, 'issueDirective', { note: draft.shortDescription });

    // The working group ends with its assignment.
    const [wg] = await ctx.tx.select().from(bodies).where(eq(bodies.id, kase.workingGroupBodyId!)).for('update');
    if (wg && issued.endDate && (!wg.activeTo || wg.activeTo !== issued.endDate)) {
      const row = one(
        await ctx.tx
          .update(bodies)
          .set({ activeTo: issued.endDate, version: wg.version + 1 })
          .where(eq(bodies.id, wg.id))
          .returning(),
      );
      await ctx.audit({ objectType: 'body', objectId: wg.id, before: wg, after: row });
      const open = await ctx.tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.bodyId, wg.id), isNull(memberships.endOn)));
      for (const m of open) {
        const mm = one(
          await ctx.tx
            .update(memberships)
            .set({ endOn: issued.endDate, version: m.version + 1 })
            .where(eq(memberships.id, m.id))
            .returning(),
        );
        await ctx.audit({ objectType: 'membership', objectId: m.id, before: m, after: mm });
      }
    }
    const convenors = wg
      ? await ctx.tx
          .select({ personId: memberships.personId })
          .from(memberships)
          .where(and(eq(memberships.bodyId, wg.id), eq(memberships.role, 'convenor')))
      : [];
    for (const date of issued.reportDates) {
      await enqueue(ctx.tx, { kind: OVERDUE_CHECK_JOB, payload: { caseId: kase.id, key: `d:${date}` }, runAt: overdueCheckTime(date), dedupeKey: overdueCheckKey(kase.id, `d:${date}`) });
    }
    await setCaseLineEnd(ctx, kase, issued.endDate);
    await notify(
      ctx.tx,
      {
        personIds: convenors.map((c) => c.personId),
        kind: CASE_ASSIGNED,
        title: `Uppdragsdirektiv utfärdat: ${kase.title}`,
        body: `Ärende ${caseRef(kase)}. Slutdatum ${issued.endDate}.${issued.reportAtMeetings ? ' Statusrapport ges vid varje möte i gruppen.' : ''}${issued.reportDates.length ? ` Rapporter senast ${issued.reportDates.join(', ')}.` : ''}`,
        link: `/cases/${kase.id}#directive`,
        objectType: 'case',
        objectId: kase.id,
      },
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
    );
    return { kase, directive: issued };
  },
  async sample(sc) {
    const { actor, kase } = await sampleCase(sc, 'working_group');
    const end = new Date(Date.now() + 180 * 24 * 3600_000).toISOString().slice(0, 10);
    return {
      actor,
      input: {
        caseId: kase.id,
        shortDescription: 'Ta fram en gemensam rutin för subkutan vätsketillförsel.',
        background: 'Frågan har väckts av MAS-nätverket.',
        purpose: 'Patientsäker vård i hemmet.',
        goals: 'Rutinen är beslutad och känd av 90 % av sjuksköterskorna.',
        expectedResult: 'En rutin i regionens mall.',
        resultManagement: 'Rutinen förvaltas av SAMS och revideras vartannat år.',
        organisation: 'Arbetsgruppen med sammankallande från SAMS.',
        timeline: 'Utkast till hösten, beslut före årsskiftet.',
        endDate: end,
        followUp: 'Uppföljning ett halvår efter införandet.',
        resources: 'Inga särskilda resurser.',
        reportAtMeetings: true,
        reportDates: [],
      },
    };
  },
});
