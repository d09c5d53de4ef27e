import { notifyAboutCase } from '../notices.js';
import { directiveInput, directiveParts } from '../inputs.js';
import { saveDraft, setCaseLineEnd, directiveLabels } from './common.js';
import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { and, eq, isNull } from 'drizzle-orm';
import { defineCommand } from '../../../platform/commands.js';
import { enqueue } from '../../../platform/outbox/outbox.js';
import { today } from '../../../platform/days.js';
import { bodies, memberships } from '../../structure/schema.js';
import { caseFor } from '../policy.js';
import { CASE_ASSIGNED } from '../kinds.js';
import { caseRef, stepLabel } from '../wording.js';
import { refuseAll, type Refusal } from '../../../platform/refusals.js';
import { applyTransition, checkAllowed } from './transition.js';
import { caseDirectives, type CaseDirective, medicalSteps, type MedicalChecklist } from '../schema.js';
import { sampleCase } from '../samples.js';
import { OVERDUE_CHECK_JOB, overdueCheckKey, overdueCheckTime } from '../overdue.js';

type DirectiveValues = Pick<CaseDirective, (typeof directiveParts)[number] | 'reportAtMeetings' | 'reportDates'> & { medicalSteps: MedicalChecklist };

/**
 * Everything missing before the directive can be issued: each required part, the five
 * implementation steps of a new medical task, when reports are due, and an end date that
 * has not passed.
 */
function missingParts(d: DirectiveValues, options: { newMedicalTask: boolean; today: string }): Refusal[] {
  const errors: Refusal[] = [];
  for (const part of directiveParts) {
    const v = d[part];
    if (v === null || v === undefined || String(v).trim() === '') errors.push({ field: part, key: `cases.refusal.directive.${part}` });
  }
  if (d.endDate && d.endDate < options.today) errors.push({ field: 'endDate', key: 'cases.refusal.directive.endPassed', params: { day: d.endDate } });
  if (options.newMedicalTask) {
    for (const step of medicalSteps) {
      if (!d.medicalSteps[step]) {
        errors.push({ field: `medicalSteps.${step}`, key: 'cases.refusal.directive.medicalStep', params: { step: { sv: stepLabel(step), en: stepLabel(step, 'en') } } });
      }
    }
  }
  if (!d.reportAtMeetings && d.reportDates.length === 0) errors.push({ field: 'reportAtMeetings', key: 'cases.refusal.directive.reportWhen' });
  const end = d.endDate;
  const late = end ? d.reportDates.filter((r) => r > end) : [];
  if (late.length) errors.push({ field: 'reportDates', key: 'cases.refusal.directive.lateReportDates', params: { days: late.join(', ') } });
  return errors;
}

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
    await notifyAboutCase(
      ctx.tx,
      convenors.map((c) => c.personId),
      {
        kind: CASE_ASSIGNED,
        caseId: kase.id,
        link: `/cases/${kase.id}#directive`,
        text: (t) => ({
          title: t('cases.mail.directive.title', { title: kase.title }),
          body: [
            t('cases.mail.directive.body', { ref: caseRef(kase), end: issued.endDate ?? '' }),
            ...(issued.reportAtMeetings ? [t('cases.mail.directive.atMeetings')] : []),
            ...(issued.reportDates.length ? [t('cases.mail.directive.dates', { days: issued.reportDates.join(', ') })] : []),
          ].join(' '),
        }),
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
