import { translator, type Translate } from '../../../platform/i18n/index.js';
import { mailLang, notify } from '../../../platform/inbox/notify.js';
import { notifyAboutCase, sendToPrincipals } from '../notices.js';
import { seatsByPrincipal, yearOf, type LoadedCase } from '../queries/index.js';
import { itemTitle, caseRef } from '../wording.js';
import { directiveInput, linkInput, checkbox, optionalDay, optionalId, title, trafficLightInput } from '../inputs.js';
import { and, eq, gte, isNull, or, sql, max, gt, inArray } from 'drizzle-orm';
import { actorId } from '../../../platform/auth/actor.js';
import type { CommandContext } from '../../../platform/commands.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { refuse, checkVersion } from '../../../platform/refusals.js';
import { endMembership } from '../../structure/index.js';
import { today, addDays } from '../../../platform/days.js';
import { bodies, memberships, type Body, structureCategories, structurePrincipals, principals } from '../../structure/schema.js';
import { cases, type Case, activities, caseCategories, type Activity, caseAdoptions, caseAnchoring, caseNotices, caseLinks, caseDirectives, type CaseDirective, caseCounters } from '../schema.js';
import { one } from '../../../platform/db/rows.js';
import { people } from '../../../platform/auth/schema.js';
import { agendaItems, meetings, type Meeting } from '../../meetings/schema.js';
import { afterPublishedChange, insertItem, jointBodyIdsOf } from '../../meetings/index.js';
import { CASE_ANCHORING, CASE_ANSWERED } from '../kinds.js';
import { z } from 'zod';
import { decisions } from '../../minutes/schema.js';
import { optionalFreeText } from '../../../platform/pin.js';

/*
 * What the commands of the module share: the command context, the form labels, the writes
 * to the activity plan, the effects of transitions (agenda items, answers, anchoring and
 * adoption rows, ending the working group), links, activity checks and the directive draft.
 */

/**
 * The internals of the module run in a command's context: the module's own commands, and
 * the decision hook in the minutes (the command that saved the minutes, its audit writing
 * 'cases.transition' rows). The whole context, so that what they call (the meetings
 * module's agenda helpers and hooks, the structure module's rules) gets it without a cast.
 */
export type CaseCtx = CommandContext;

/** Bumps a case row's version. */
export const bumpCase = (now: Date) => ({ version: sql`${cases.version} + 1`, updatedAt: now });

/** Labels of the case forms' fields, for error messages in the reader's language. */
export function caseLabels(t: Translate): Record<string, string> {
  return {
    bodyId: t('cases.field.body'),
    title: t('cases.field.title'),
    description: t('cases.field.description'),
    raisedByPersonId: t('cases.field.raisedBy'),
    raisedByName: t('cases.field.raisedByName'),
    raisedByOrganisationId: t('cases.field.organisation'),
    raisedByOrganisationName: t('cases.field.organisation'),
    categoryIds: t('cases.field.categories'),
    meetingId: t('cases.field.meeting'),
    message: t('cases.field.message'),
    evaluation: t('cases.field.evaluation'),
    note: t('cases.field.note'),
    name: t('cases.wg.name'),
    convenorPersonId: t('cases.wg.convenor'),
    memberPersonIds: t('cases.wg.members'),
    endOn: t('cases.wg.endOn'),
    text: t('cases.report.text'),
    status: t('cases.report.status'),
    feedback: t('cases.anchoring.feedback'),
    position: t('cases.anchoring.position'),
    committee: t('cases.adoption.committee'),
    decidedOn: t('cases.adoption.decidedOn'),
    reference: t('cases.adoption.reference'),
    subject: t('cases.notice.subject'),
    url: t('cases.link.url'),
    label: t('cases.link.label'),
    ...directiveLabels(t),
  };
}

export function directiveLabels(t: Translate): Record<string, string> {
  return {
    shortDescription: t('cases.directive.shortDescription'),
    background: t('cases.directive.background'),
    purpose: t('cases.directive.purpose'),
    goals: t('cases.directive.goals'),
    expectedResult: t('cases.directive.expectedResult'),
    resultManagement: t('cases.directive.resultManagement'),
    organisation: t('cases.directive.organisation'),
    timeline: t('cases.directive.timeline'),
    endDate: t('cases.directive.endDate'),
    followUp: t('cases.directive.followUp'),
    resources: t('cases.directive.resources'),
    reportDates: t('cases.directive.reportDates'),
  };
}

export function activityLabels(t: Translate): Record<string, string> {
  return {
    title: t('cases.plan.activity'),
    description: t('cases.field.description'),
    goalAreaId: t('cases.plan.goalArea'),
    ownerName: t('cases.plan.owner'),
    ownerPersonId: t('cases.plan.owner'),
    startOn: t('cases.plan.start'),
    endOn: t('cases.plan.end'),
    status: t('cases.plan.status'),
  };
}

// ---------------------------------------------------------------------------------------
// The activity plan (aktivitetsplan)

/*
 * The activity plan (aktivitetsplan) of a body per year: decided cases enter it, accepted
 * cases not yet started stand on its waiting list, other activities are added by hand.
 * Rolling into the next year carries every unfinished line (and the waiting list).
 */

async function nextPosition(tx: DbOrTx, bodyId: string, year: number): Promise<number> {
  const [row] = await tx
    .select({ n: max(activities.position) })
    .from(activities)
    .where(and(eq(activities.bodyId, bodyId), eq(activities.year, year)));
  return (row?.n ?? 0) + 1;
}

/** The first goal area of a case, if it has one (the plan's column). */
async function goalAreaOf(tx: DbOrTx, caseId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: structureCategories.id })
    .from(caseCategories)
    .innerJoin(structureCategories, eq(structureCategories.id, caseCategories.categoryId))
    .where(and(eq(caseCategories.caseId, caseId), eq(structureCategories.kind, 'goal_area')))
    .orderBy(structureCategories.position)
    .limit(1);
  return row?.id ?? null;
}

/**
 * Puts a case on the body's plan of the year: on the waiting list or among the decided
 * activities. The line already there (this year) is moved rather than duplicated.
 */
export async function planCase(ctx: CaseCtx, kase: Case, waiting: boolean): Promise<Activity> {
  const year = yearOf(ctx.now);
  const [existing] = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.bodyId, kase.bodyId), eq(activities.year, year), eq(activities.caseId, kase.id)));
  if (existing) {
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ waiting, updatedAt: ctx.now, version: sql`${activities.version} + 1` })
        .where(eq(activities.id, existing.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: existing.id, before: existing, after: row });
    return row;
  }
  const row = one(
    await ctx.tx
      .insert(activities)
      .values({
        structureId: kase.structureId,
        bodyId: kase.bodyId,
        year,
        caseId: kase.id,
        title: kase.title,
        goalAreaId: await goalAreaOf(ctx.tx, kase.id),
        waiting,
        status: 'not_started',
        position: await nextPosition(ctx.tx, kase.bodyId, year),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  await ctx.audit({ objectType: 'activity', objectId: row.id, after: row });
  return row;
}

/** Marks every plan line of a case done (when it closes or is withdrawn). */
export async function finishCaseLines(ctx: CaseCtx, kase: Case): Promise<void> {
  const lines = await ctx.tx.select().from(activities).where(eq(activities.caseId, kase.id));
  for (const line of lines) {
    if (line.status === 'done') continue;
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ status: 'done', waiting: false, updatedAt: ctx.now, version: line.version + 1 })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}

/** Sets the owner and start of a case's plan line when its working group is appointed. */
export async function ownCaseLine(ctx: CaseCtx, kase: Case, owner: { personId: string; name: string }, startOn: string, endOn: string | null): Promise<void> {
  const lines = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.caseId, kase.id), eq(activities.year, yearOf(ctx.now))));
  for (const line of lines) {
    const row = one(
      await ctx.tx
        .update(activities)
        .set({
          ownerPersonId: owner.personId,
          ownerName: owner.name,
          startOn: line.startOn ?? startOn,
          endOn: endOn ?? line.endOn,
          status: line.status === 'not_started' ? 'green' : line.status,
          waiting: false,
          updatedAt: ctx.now,
          version: line.version + 1,
        })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}

/** The case's plan line ends when its assignment ends. */
export async function setCaseLineEnd(ctx: CaseCtx, kase: Case, endOn: string | null): Promise<void> {
  if (!endOn) return;
  const lines = await ctx.tx
    .select()
    .from(activities)
    .where(and(eq(activities.caseId, kase.id), eq(activities.year, yearOf(ctx.now))));
  for (const line of lines) {
    if (line.endOn === endOn) continue;
    const row = one(
      await ctx.tx
        .update(activities)
        .set({ endOn, updatedAt: ctx.now, version: line.version + 1 })
        .where(eq(activities.id, line.id))
        .returning(),
    );
    await ctx.audit({ objectType: 'activity', objectId: line.id, before: line, after: row });
  }
}

// ---------------------------------------------------------------------------------------
// What transitions do besides moving the case (flow.ts names them)

/**
 * Puts the case on a meeting's agenda (unless an item for it is there already), in the
 * decision section; a published agenda is marked changed as the meetings module does.
 */
export async function putOnAgenda(ctx: CaseCtx, kase: Case, meeting: Meeting, body: Body, options: { sourceRef: string; description?: string | null }): Promise<boolean> {
  const [existing] = await ctx.tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.caseId, kase.id)))
    .limit(1);
  if (existing || meeting.status === 'held' || meeting.status === 'cancelled') return false;
  const item = await insertItem(ctx, meeting, {
    title: itemTitle(kase),
    description: options.description ?? kase.description,
    kind: 'decision',
    section: 'Beslut',
    source: 'secretary',
    sourceRef: options.sourceRef,
    caseId: kase.id,
    presenters: [{ personId: kase.raisedByPersonId, name: kase.raisedByName, organisation: null }],
  });
  await ctx.audit({ objectType: 'agenda_item', objectId: item.id, after: item });
  // A published agenda goes out again (calendar update, live view), also from a decision hook.
  if (meeting.agendaPublishedAt && meeting.status === 'called') {
    await afterPublishedChange(ctx, { meeting, body, jointBodyIds: await jointBodyIdsOf(ctx.tx, meeting.id) }, ['agenda']);
  }
  return true;
}

/** Sends the answer (No) to whoever raised the case: the inbox, and e-mail as they prefer. */
export async function answerRaiser(ctx: CaseCtx, kase: Case, answer: string, kind: 'answer' | 'no_change' = 'answer'): Promise<void> {
  if (!kase.raisedByPersonId) return;
  const [raiser] = await ctx.tx.select({ email: people.email, language: people.language }).from(people).where(eq(people.id, kase.raisedByPersonId));
  // In the raiser's language; the notice row keeps the subject as it was sent.
  const t = translator(mailLang(raiser?.language));
  const title = t(kind === 'answer' ? 'cases.mail.answer.title' : 'cases.mail.noChange.title', { ref: caseRef(kase), title: kase.title });
  await notify(
    ctx.tx,
    { personIds: [kase.raisedByPersonId], kind: CASE_ANSWERED, title, body: answer, link: `/cases/${kase.id}`, objectType: 'case', objectId: kase.id },
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
  );
  const row = one(
    await ctx.tx
      .insert(caseNotices)
      .values({ caseId: kase.id, kind, principalId: null, recipients: raiser?.email ? [raiser.email] : [], subject: title, text: answer, sentAt: ctx.now, sentBy: actorId(ctx.actor) })
      .returning(),
  );
  await ctx.audit({ objectType: 'case_notice', objectId: row.id, after: row });
}

/** "No change" is communicated to those concerned: every principal's lists, and the raiser. */
export async function informConcerned(ctx: CaseCtx, kase: Case, message: string): Promise<void> {
  await sendToPrincipals(ctx, kase, { kind: 'no_change', subject: translator('sv')('cases.mail.noChange.subject', { title: kase.title }), text: message });
  await answerRaiser(ctx, kase, message, 'no_change');
}

/**
 * Opens the anchoring: one row per principal of the structure, with the seat (and its
 * contact surface) that covers it; the members holding those seats are asked to answer.
 */
export async function openAnchoring(ctx: CaseCtx, kase: Case): Promise<void> {
  const day = today(ctx.now);
  const ps = await ctx.tx.select({ id: structurePrincipals.principalId }).from(structurePrincipals).where(eq(structurePrincipals.structureId, kase.structureId));
  const bySeat = await seatsByPrincipal(ctx, kase.bodyId, day);
  for (const p of ps) {
    const covering = bySeat.get(p.id) ?? [];
    const chosen = covering.find((s) => s.contactSurfaceId) ?? covering[0];
    const [row] = await ctx.tx
      .insert(caseAnchoring)
      .values({ caseId: kase.id, principalId: p.id, seatId: chosen?.seatId ?? null, contactSurfaceId: chosen?.contactSurfaceId ?? null, openedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (row) await ctx.audit({ objectType: 'case_anchoring', objectId: `${kase.id}:${p.id}`, after: row });
  }
  const seatIds = [...bySeat.values()].flat().map((s) => s.seatId);
  if (seatIds.length) {
    const holders = await ctx.tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.bodyId, kase.bodyId), inArray(memberships.seatId, seatIds), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
    await notifyAboutCase(
      ctx.tx,
      holders.map((h) => h.personId),
      {
        kind: CASE_ANCHORING,
        caseId: kase.id,
        link: `/cases/${kase.id}#anchoring`,
        text: (t) => ({ title: t('cases.mail.anchoring.title', { ref: caseRef(kase), title: kase.title }), body: t('cases.mail.anchoring.body') }),
      },
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
    );
  }
}

/**
 * Opens the adoption: one pending row per principal of the structure that adopts through
 * its own committees (the regions and municipalities; associations and provider groups
 * take part in the structure without adopting its recommendations).
 */
export async function openAdoption(ctx: CaseCtx, kase: Case): Promise<void> {
  const ps = await ctx.tx
    .select({ id: structurePrincipals.principalId })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(and(eq(structurePrincipals.structureId, kase.structureId), inArray(principals.kind, ['region', 'municipality'])));
  for (const p of ps) {
    const [row] = await ctx.tx.insert(caseAdoptions).values({ caseId: kase.id, principalId: p.id }).onConflictDoNothing().returning();
    if (row) await ctx.audit({ objectType: 'case_adoption', objectId: `${kase.id}:${p.id}`, after: row });
  }
}

/**
 * The working group's assignment ends with the case: the temporary body's last day becomes
 * today (or yesterday's end stays), and every engagement in it ends through the structure
 * module's rules.
 */
export async function endWorkingGroup(ctx: CaseCtx, kase: Case): Promise<void> {
  if (!kase.workingGroupBodyId) return;
  const day = today(ctx.now);
  const [wg] = await ctx.tx.select().from(bodies).where(eq(bodies.id, kase.workingGroupBodyId)).for('update');
  if (!wg || (wg.activeTo && wg.activeTo <= day)) return;
  const end = day < wg.activeFrom ? wg.activeFrom : day;
  const row = one(
    await ctx.tx
      .update(bodies)
      .set({ activeTo: end, version: wg.version + 1 })
      .where(eq(bodies.id, wg.id))
      .returning(),
  );
  await ctx.audit({ objectType: 'body', objectId: wg.id, before: wg, after: row });
  const open = await ctx.tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.bodyId, wg.id), or(isNull(memberships.endOn), gt(memberships.endOn, end))));
  for (const m of open) await endMembership(ctx, m, end < m.startOn ? addDays(m.startOn, -1) : end);
}

// ---------------------------------------------------------------------------------------
// Links, activities, the directive draft, numbering

type LinkInput = z.output<typeof linkInput>;

/** Adds links after checking each target exists in the case's structure. */
export async function addLinks(ctx: CaseCtx, kase: Case, links: LinkInput[]) {
  const rows = [];
  for (const [i, l] of links.entries()) {
    const field = links.length > 1 ? `links.${i}` : 'targetId';
    if (l.kind === 'document') {
      if (!l.url) refuse(links.length > 1 ? field : 'url', 'cases.refusal.linkUrlRequired');
    } else {
      if (!l.targetId) refuse(field, 'cases.refusal.linkTargetRequired');
      const structureId =
        l.kind === 'meeting'
          ? (await ctx.tx.select({ s: meetings.structureId }).from(meetings).where(eq(meetings.id, l.targetId)))[0]?.s
          : l.kind === 'decision'
            ? (await ctx.tx.select({ s: decisions.structureId }).from(decisions).where(eq(decisions.id, l.targetId)))[0]?.s
            : (await ctx.tx.select({ s: cases.structureId }).from(cases).where(eq(cases.id, l.targetId)))[0]?.s;
      if (!structureId) refuse(field, 'cases.refusal.linkTargetNotFound');
      if (structureId !== kase.structureId) refuse(field, 'cases.refusal.linkOtherStructure');
      if (l.kind === 'case' && l.targetId === kase.id) refuse(field, 'cases.refusal.linkToSelf');
    }
    const row = one(
      await ctx.tx
        .insert(caseLinks)
        .values({
          caseId: kase.id,
          kind: l.kind,
          targetId: l.kind === 'document' ? null : l.targetId!,
          url: l.kind === 'document' ? l.url! : null,
          label: l.label,
          createdBy: actorId(ctx.actor),
          createdAt: ctx.now,
        })
        .returning(),
    );
    await ctx.audit({ objectType: 'case_link', objectId: row.id, after: row });
    rows.push(row);
  }
  return rows;
}

export const activityFields = {
  title,
  description: optionalFreeText({ max: 4000 }),
  goalAreaId: optionalId,
  ownerPersonId: optionalId,
  ownerName: optionalFreeText({ max: 200 }),
  startOn: optionalDay,
  endOn: optionalDay,
  status: trafficLightInput.default('not_started'),
  waiting: checkbox.default(false),
};

export async function checkActivity(
  ctx: CaseCtx,
  body: Body,
  input: { goalAreaId?: string | undefined; ownerPersonId?: string | undefined; startOn?: string | undefined; endOn?: string | undefined },
) {
  if (input.startOn && input.endOn && input.endOn < input.startOn) refuse('endOn', 'cases.refusal.endBeforeStart');
  if (input.goalAreaId) {
    const [g] = await ctx.tx.select().from(structureCategories).where(eq(structureCategories.id, input.goalAreaId));
    if (!g || g.structureId !== body.structureId || g.kind !== 'goal_area') refuse('goalAreaId', 'cases.refusal.goalAreaRequired');
  }
  let ownerName: string | null = null;
  if (input.ownerPersonId) {
    const [p] = await ctx.tx.select({ name: people.name }).from(people).where(eq(people.id, input.ownerPersonId));
    if (!p) refuse('ownerPersonId', 'cases.refusal.personNotFound');
    ownerName = p.name;
  }
  return ownerName;
}

type DirectiveInput = z.output<typeof directiveInput>;

const EDITABLE_STATES = ['working_group'] as const;

/** Writes the draft (creating it on first save); the working group must exist. */
export async function saveDraft(ctx: CaseCtx, loaded: LoadedCase, input: DirectiveInput): Promise<CaseDirective> {
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

/**
 * The next registration number of a structure in a year: one upsert that increments the
 * counter row, so two cases raised at the same moment never share a number.
 */
export async function nextCaseNumber(tx: DbOrTx, structureId: string, year: number): Promise<number> {
  const row = one(
    await tx
      .insert(caseCounters)
      .values({ structureId, year, last: 1 })
      .onConflictDoUpdate({ target: [caseCounters.structureId, caseCounters.year], set: { last: sql`${caseCounters.last} + 1` } })
      .returning({ last: caseCounters.last }),
  );
  return row.last;
}
