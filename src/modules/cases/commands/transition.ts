import type { Text } from '../../../platform/http/errors.js';
import { transitionCommandInput } from '../inputs.js';
import { mayTake, caseFor } from '../policy.js';
import { defineCommand } from '../../../platform/commands.js';
import { loadCase, nextMeeting, unansweredPrincipals } from '../queries/index.js';
import { transitionDef, type TransitionName, allowed, needsOf, transitionsFrom, type CaseState, type Effect, type Guard } from '../flow.js';
import { checkVersion, forbidden, refuse, conflict, notFound } from '../../../platform/refusals.js';
import { caseWorld, fixtureCase, fixtureMeetingOf } from '../samples.js';
import { caseLabels, bumpCase, type CaseCtx, answerRaiser, endWorkingGroup, informConcerned, openAdoption, openAnchoring, putOnAgenda, finishCaseLines, planCase } from './common.js';
import { eq } from 'drizzle-orm';
import { one } from '../../../platform/db/rows.js';
import { actorLabel, actorId } from '../../../platform/auth/actor.js';
import type { Lang } from '../../../platform/i18n/index.js';
import { bodies, type Body } from '../../structure/schema.js';
import { meetings, type Meeting } from '../../meetings/schema.js';
import { caseHistory, cases, type Case } from '../schema.js';
import { stateLabel, transitionLabel } from '../wording.js';

/*
 * The one way a case changes state. The graph in flow.ts decides what is allowed; a
 * transition outside it, a missing need or a failed guard throws before anything is
 * written, and the command's transaction rolls back whatever a later step would have done.
 */

interface TransitionOptions {
  /** The meeting it happens at (required by `schedule`; recorded for decisions). */
  meetingId?: string | null | undefined;
  /** The decision in the minutes that carries it. */
  decisionId?: string | null | undefined;
  /** The answer to the raiser (reject) or the message to those concerned (no change). */
  message?: string | null | undefined;
  /** The evaluation (closing after follow-up). */
  evaluation?: string | null | undefined;
  note?: string | null | undefined;
}

interface TransitionResult {
  kase: Case;
  /** Side notes for the page, by key (e.g. no meeting planned yet for the commissioning body). */
  notes: Text[];
}

/** Refuses a transition the graph does not allow from the case's state. */
export function checkAllowed(kase: Pick<Case, 'state'>, name: TransitionName): void {
  if (allowed(kase.state, name)) return;
  const possible = transitionsFrom(kase.state);
  const quoted = (lang: Lang) => possible.map((n) => (lang === 'en' ? `“${transitionLabel(n, lang)}”` : `”${transitionLabel(n, lang)}”`)).join(', ');
  conflict(
    possible.length ? 'cases.refusal.transitionNotAllowed' : 'cases.refusal.transitionNotAllowedClosed',
    {
      state: { sv: stateLabel(kase.state).toLowerCase(), en: stateLabel(kase.state, 'en') },
      transition: { sv: transitionLabel(name).toLowerCase(), en: transitionLabel(name, 'en') },
      possible: { sv: quoted('sv'), en: quoted('en') },
    },
    'transition-not-allowed',
  );
}

async function loadMeeting(ctx: CaseCtx, meetingId: string): Promise<Meeting> {
  const [m] = await ctx.tx.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!m) refuse('meetingId', 'cases.refusal.meetingNotFound');
  return m;
}

async function checkGuard(ctx: CaseCtx, guard: Guard, kase: Case, body: Body): Promise<void> {
  switch (guard) {
    case 'anchoringComplete': {
      const missing = await unansweredPrincipals(ctx, kase.id);
      if (missing.length) {
        conflict('cases.refusal.anchoringIncomplete', { principals: missing.join(', ') }, 'anchoring-incomplete');
      }
      return;
    }
    case 'hasCommissioningBody':
      if (!body.parentId) conflict('cases.refusal.noCommissioningBody', { body: body.name }, 'no-commissioning-body');
      return;
    case 'noticeSent':
      if (!kase.noticeSentAt) {
        conflict('cases.refusal.noticeNotSent', undefined, 'notice-not-sent');
      }
      return;
  }
}

/**
 * Moves the case along one transition of the graph: checks it, writes the new state, the
 * history row and the audit row, and runs the transition's effects.
 */
export async function applyTransition(ctx: CaseCtx, kase: Case, body: Body, name: TransitionName, options: TransitionOptions = {}): Promise<TransitionResult> {
  checkAllowed(kase, name);
  const def = transitionDef(name);
  const needs = needsOf(name, kase.state);
  const notes: Text[] = [];
  const message = options.message?.trim() || null;
  const evaluation = options.evaluation?.trim() || null;

  // The body deciding: the commissioning body for a case prepared for it.
  const decidingBodyId = kase.state === 'prepared' && kase.escalatedToBodyId ? kase.escalatedToBodyId : kase.bodyId;
  let meeting: Meeting | undefined;
  const meetingId = options.meetingId ?? (def.decision ? kase.meetingId : null);
  if (meetingId) {
    meeting = await loadMeeting(ctx, meetingId);
    if (meeting.bodyId !== decidingBodyId) refuse('meetingId', 'cases.refusal.meetingOtherBody');
    if (meeting.status === 'cancelled') refuse('meetingId', 'cases.refusal.meetingCancelled');
  }
  if (needs.includes('meeting') && !meeting) refuse('meetingId', 'cases.refusal.meetingRequired');
  if (needs.includes('message') && !message) {
    refuse('message', name === 'reject' ? 'cases.refusal.answerRequired' : 'cases.refusal.noChangeMessageRequired');
  }
  if (needs.includes('evaluation') && !evaluation) refuse('evaluation', 'cases.refusal.evaluationRequired');
  for (const guard of def.guards) await checkGuard(ctx, guard, kase, body);

  const from: CaseState = kase.state;
  const to = def.to;
  const terminal = to === 'closed' || to === 'returned' || to === 'withdrawn';
  const row = one(
    await ctx.tx
      .update(cases)
      .set({
        state: to,
        stateChangedAt: ctx.now,
        ...(message ? { answer: message } : {}),
        ...(evaluation ? { evaluation } : {}),
        ...(name === 'schedule' ? { meetingId: meeting!.id } : { meetingId: null }),
        ...(terminal ? { closedAt: ctx.now } : {}),
        ...bumpCase(ctx.now),
      })
      .where(eq(cases.id, kase.id))
      .returning(),
  );
  let updated = row;
  await ctx.tx.insert(caseHistory).values({
    caseId: kase.id,
    transition: name,
    fromState: from,
    toState: to,
    bodyId: decidingBodyId,
    meetingId: meeting?.id ?? null,
    decisionId: options.decisionId ?? null,
    note: options.note?.trim() || message || evaluation || null,
    actorId: actorId(ctx.actor),
    actorLabel: actorLabel(ctx.actor),
    at: ctx.now,
  });
  await ctx.audit({ objectType: 'case', objectId: kase.id, before: kase, after: { ...updated, transition: name, meetingId: meeting?.id ?? null, decisionId: options.decisionId ?? null } });

  for (const effect of def.effects as readonly Effect[]) {
    const result = await runEffect(ctx, effect, updated, body, { meeting, message });
    if (result?.kase) updated = result.kase;
    if (result?.note) notes.push(result.note);
  }
  return { kase: updated, notes };
}

async function runEffect(ctx: CaseCtx, effect: Effect, kase: Case, body: Body, data: { meeting: Meeting | undefined; message: string | null }): Promise<{ kase?: Case; note?: Text } | void> {
  switch (effect) {
    case 'agendaItem':
      await putOnAgenda(ctx, kase, data.meeting!, body, { sourceRef: `cases:${kase.id}` });
      return;
    case 'commissioningAgendaItem': {
      const [parent] = await ctx.tx.select().from(bodies).where(eq(bodies.id, body.parentId!));
      if (!parent) notFound('cases.refusal.commissionerNotFound');
      const next = await nextMeeting(ctx, parent.id);
      if (next) await putOnAgenda(ctx, kase, next, parent, { sourceRef: `cases:prepared:${kase.id}` });
      const row = one(
        await ctx.tx
          .update(cases)
          .set({ escalatedToBodyId: parent.id, meetingId: next?.id ?? null })
          .where(eq(cases.id, kase.id))
          .returning(),
      );
      return {
        kase: row,
        note: { key: next ? 'cases.note.onCommissionerAgenda' : 'cases.note.noCommissionerMeeting', params: { body: parent.name } },
      };
    }
    case 'planActive':
      await planCase(ctx, kase, false);
      return;
    case 'planWaiting':
      await planCase(ctx, kase, true);
      return;
    case 'planDone':
      await finishCaseLines(ctx, kase);
      return;
    case 'answerRaiser':
      await answerRaiser(ctx, kase, data.message!);
      return;
    case 'informConcerned':
      await informConcerned(ctx, kase, data.message!);
      return;
    case 'openAnchoring':
      await openAnchoring(ctx, kase);
      return;
    case 'openAdoption':
      await openAdoption(ctx, kase);
      return;
    case 'endWorkingGroup':
      await endWorkingGroup(ctx, kase);
      return;
  }
}

/**
 * cases.transition: moves a case one step along the flow (flow.ts). Steps that need a
 * form of their own (appointing the working group, issuing the directive) go through
 * their commands. A step outside the graph is refused and changes nothing.
 */
export const transitionCase = defineCommand({
  name: 'cases.transition',
  input: transitionCommandInput,
  labels: caseLabels,
  async run(ctx, input) {
    const name = input.transition as TransitionName;
    const loaded = await loadCase(ctx.tx, ctx.actor, input.caseId, ctx.now, true);
    if (!mayTake(loaded, name, ctx.actor)) {
      // Those who may see the case learn why; others only that it is not theirs.
      await caseFor(ctx, input.caseId, 'cases.view');
      forbidden('cases.refusal.stepForbidden');
    }
    checkVersion(loaded.kase.version, input.version, 'cases.refusal.stale');
    const via = transitionDef(name).via;
    if (via) refuse('transition', via === 'cases.appointWorkingGroup' ? 'cases.refusal.useWorkingGroupForm' : 'cases.refusal.useDirectiveForm');
    return applyTransition(ctx, loaded.kase, loaded.body, name, input);
  },
  async sample(sc) {
    const db = sc.database.db;
    const world = await caseWorld(db);
    const kase = await fixtureCase(db, world, 'raised');
    const meeting = await fixtureMeetingOf(db, world.body, 20);
    return { actor: world.secretary.actor, input: { caseId: kase.id, transition: 'schedule', meetingId: meeting.id, note: 'Tas upp på nästa strategiska möte.' } };
  },
});
