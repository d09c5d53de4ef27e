import { eq } from 'drizzle-orm';
import { actorLabel } from '../../platform/auth/actor.js';
import { ConflictError, NotFoundError } from '../../platform/http/errors.js';
import { bodies, type Body } from '../structure/schema.js';
import { meetings, type Meeting } from '../meetings/schema.js';
import { actorPersonId, bumpCase, type CaseCtx } from './access.js';
import { allowed, needsOf, transitionDef, transitionsFrom, type CaseState, type Effect, type Guard, type TransitionName } from './flow.js';
import { answerRaiser, endWorkingGroup, informConcerned, nextMeeting, openAdoption, openAnchoring, putOnAgenda, unansweredPrincipals } from './effects.js';
import { refuse } from './numbering.js';
import { finishCaseLines, planCase } from './plan.js';
import { caseHistory, cases, type Case } from './schema.js';
import { stateLabel, transitionLabel } from './wording.js';

/*
 * The one way a case changes state. The graph in flow.ts decides what is allowed; a
 * transition outside it, a missing need or a failed guard throws before anything is
 * written, and the command's transaction rolls back whatever a later step would have done.
 */

export interface TransitionOptions {
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

export interface TransitionResult {
  kase: Case;
  /** Side notes for the page (e.g. no meeting planned yet for the commissioning body). */
  notes: string[];
}

/** Refuses a transition the graph does not allow from the case's state. */
export function checkAllowed(kase: Pick<Case, 'state'>, name: TransitionName): void {
  if (allowed(kase.state, name)) return;
  const possible = transitionsFrom(kase.state).map((n) => `”${transitionLabel(n)}”`);
  throw new ConflictError(
    `Ärendet är ${stateLabel(kase.state).toLowerCase()}; därifrån går det inte att ${transitionLabel(name).toLowerCase()}. ${possible.length ? `Möjliga steg: ${possible.join(', ')}.` : 'Ärendet är avslutat.'}`,
    'transition-not-allowed',
  );
}

async function loadMeeting(ctx: CaseCtx, meetingId: string): Promise<Meeting> {
  const [m] = await ctx.tx.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!m) refuse('meetingId', 'Mötet finns inte.');
  return m;
}

async function checkGuard(ctx: CaseCtx, guard: Guard, kase: Case, body: Body): Promise<void> {
  switch (guard) {
    case 'anchoringComplete': {
      const missing = await unansweredPrincipals(ctx, kase.id);
      if (missing.length) {
        throw new ConflictError(`Förankringen är inte klar: ${missing.join(', ')} har inte lämnat återkoppling.`, 'anchoring-incomplete');
      }
      return;
    }
    case 'hasCommissioningBody':
      if (!body.parentId) throw new ConflictError(`${body.name} har ingen uppdragsgivare att bereda ärendet för.`, 'no-commissioning-body');
      return;
    case 'noticeSent':
      if (!kase.noticeSentAt) {
        throw new ConflictError('Skicka informationen om implementeringen till alla huvudmän (samtidigt) innan uppföljningen börjar.', 'notice-not-sent');
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
  const notes: string[] = [];
  const message = options.message?.trim() || null;
  const evaluation = options.evaluation?.trim() || null;

  // The body deciding: the commissioning body for a case prepared for it.
  const decidingBodyId = kase.state === 'prepared' && kase.escalatedToBodyId ? kase.escalatedToBodyId : kase.bodyId;
  let meeting: Meeting | undefined;
  const meetingId = options.meetingId ?? (def.decision ? kase.meetingId : null);
  if (meetingId) {
    meeting = await loadMeeting(ctx, meetingId);
    if (meeting.bodyId !== decidingBodyId) refuse('meetingId', 'Mötet hör inte till den grupp som tar steget.');
    if (meeting.status === 'cancelled') refuse('meetingId', 'Mötet är inställt.');
  }
  if (needs.includes('meeting') && !meeting) refuse('meetingId', 'Välj vilket möte ärendet ska tas upp på.');
  if (needs.includes('message') && !message) {
    refuse('message', name === 'reject' ? 'Skriv svaret som skickas till den som väckte ärendet.' : 'Skriv meddelandet till dem som berörs av att arbetssätten inte ändras.');
  }
  if (needs.includes('evaluation') && !evaluation) refuse('evaluation', 'Skriv uppföljningen och utvärderingen innan ärendet avslutas.');
  for (const guard of def.guards) await checkGuard(ctx, guard, kase, body);

  const from: CaseState = kase.state;
  const to = def.to;
  const terminal = to === 'closed' || to === 'returned' || to === 'withdrawn';
  const [row] = await ctx.tx
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
    .returning();
  let updated = row!;
  await ctx.tx.insert(caseHistory).values({
    caseId: kase.id,
    transition: name,
    fromState: from,
    toState: to,
    bodyId: decidingBodyId,
    meetingId: meeting?.id ?? null,
    decisionId: options.decisionId ?? null,
    note: options.note?.trim() || message || evaluation || null,
    actorId: actorPersonId(ctx.actor),
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

async function runEffect(ctx: CaseCtx, effect: Effect, kase: Case, body: Body, data: { meeting: Meeting | undefined; message: string | null }): Promise<{ kase?: Case; note?: string } | void> {
  switch (effect) {
    case 'agendaItem':
      await putOnAgenda(ctx, kase, data.meeting!, body, { sourceRef: `cases:${kase.id}` });
      return;
    case 'commissioningAgendaItem': {
      const [parent] = await ctx.tx.select().from(bodies).where(eq(bodies.id, body.parentId!));
      if (!parent) throw new NotFoundError('Uppdragsgivaren finns inte.');
      const next = await nextMeeting(ctx, parent.id);
      if (next) await putOnAgenda(ctx, kase, next, parent, { sourceRef: `cases:prepared:${kase.id}` });
      const [row] = await ctx.tx
        .update(cases)
        .set({ escalatedToBodyId: parent.id, meetingId: next?.id ?? null })
        .where(eq(cases.id, kase.id))
        .returning();
      return {
        kase: row!,
        note: next ? `Ärendet står på dagordningen för ${parent.name}s nästa möte.` : `${parent.name} har inget planerat möte ännu; ärendet föreslås till dagordningen för nästa möte som planeras.`,
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
