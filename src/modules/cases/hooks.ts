import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { refuse } from '../../platform/refusals.js';
import type { WaitingSource } from '../../platform/inbox/waiting.js';
import { translator } from '../../platform/i18n/index.js';
import { bodies, memberships } from '../structure/schema.js';
import { agendaItems } from '../meetings/schema.js';
import { defineAgendaSource, type Proposal } from '../meetings/index.js';
import type { DecisionHook } from '../minutes/index.js';
import { formatDate } from '../../platform/time.js';
import { activeOn } from '../structure/index.js';
import { today } from '../../platform/days.js';
import { loadCase, pendingAdoptionsForPerson, waitingForPerson } from './queries/index.js';
import type { CaseCtx } from './commands/common.js';
import { allowed, isTransitionName, transitionDef } from './flow.js';
import { itemTitle, caseRef } from './wording.js';
import { reportDues, reportingStates } from './reports.js';
import { caseHistory, cases } from './schema.js';
import { applyTransition } from './commands/transition.js';

/*
 * How the cases module plugs into the others: decisions in the minutes move cases, the
 * agenda builder proposes cases and due status reports, and the inbox lists a person's
 * due reports and pending anchoring answers.
 */

// ---------------------------------------------------------------------------------------
// Decisions in the minutes carry one transition of the graph.

export const caseDecisionHook: DecisionHook = async (h) => {
  const { decision } = h;
  if (!decision.caseId || !decision.caseTransition || h.change === 'withdrawn' || decision.withdrawnAt) return;
  const name = decision.caseTransition;
  if (!isTransitionName(name)) refuse('caseTransition', 'cases.refusal.unknownTransition', { name });
  // Applied once: a later save of the same decision does not move the case again.
  const [done] = await h.tx
    .select({ id: caseHistory.id })
    .from(caseHistory)
    .where(and(eq(caseHistory.decisionId, decision.id), eq(caseHistory.transition, name)));
  if (done) return;
  // The command's context (its request id, config and audit count), its audit rows named for the transition.
  const ctx: CaseCtx = { ...h.cmd, audit: (entry) => h.cmd.audit({ operation: 'cases.transition', ...entry }) };
  const { kase, body } = await loadCase(ctx.tx, ctx.actor, decision.caseId, ctx.now, true);
  const decidingBodyId = kase.state === 'prepared' && kase.escalatedToBodyId ? kase.escalatedToBodyId : kase.bodyId;
  if (decision.bodyId !== decidingBodyId) {
    refuse('caseId', 'cases.refusal.notDecidedHere', { ref: caseRef(kase) });
  }
  if (transitionDef(name).via) refuse('caseTransition', 'cases.refusal.stepHasOwnForm');
  let current = kase;
  // A case taken up from the agenda without being scheduled first: the meeting put it there.
  if (!allowed(current.state, name) && allowed(current.state, 'schedule') && allowed('on_agenda', name)) {
    current = (await applyTransition(ctx, current, body, 'schedule', { meetingId: decision.meetingId, decisionId: decision.id })).kase;
  }
  await applyTransition(ctx, current, body, name, { meetingId: decision.meetingId, decisionId: decision.id, message: decision.text, evaluation: decision.text });
};

// ---------------------------------------------------------------------------------------
// Agenda proposals: raised cases, cases prepared for this body, due status reports.

export const casesAgendaSource = defineAgendaSource({
  id: 'cases',
  label: { sv: 'Ärenden', en: 'Cases' },
  async propose({ tx, meeting, body, lang }) {
    const t = translator(lang);
    const onAgenda = await tx
      .select({ caseId: agendaItems.caseId })
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, meeting.id), sql`${agendaItems.caseId} is not null`));
    const taken = new Set(onAgenda.map((r) => r.caseId));
    const raised = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.bodyId, body.id), eq(cases.state, 'raised'), isNull(cases.meetingId)))
      .orderBy(asc(cases.year), asc(cases.number))
      .limit(50);
    const prepared = await tx
      .select({ kase: cases, fromName: bodies.name })
      .from(cases)
      .innerJoin(bodies, eq(bodies.id, cases.bodyId))
      .where(and(eq(cases.escalatedToBodyId, body.id), eq(cases.state, 'prepared')))
      .orderBy(asc(cases.year), asc(cases.number))
      .limit(50);
    const out: Proposal[] = [];
    for (const c of raised) {
      if (taken.has(c.id)) continue;
      out.push({
        key: `raised-${c.id}`,
        title: itemTitle(c),
        description: c.description,
        kind: 'decision',
        section: 'Beslut',
        presenterPersonId: c.raisedByPersonId,
        presenterName: c.raisedByName,
        source: 'secretary',
        caseId: c.id,
        reason: t('cases.proposal.raised', { name: c.raisedByName, day: c.raisedOn }),
      });
    }
    for (const { kase: c, fromName } of prepared) {
      if (taken.has(c.id)) continue;
      out.push({
        key: `prepared-${c.id}`,
        title: itemTitle(c),
        description: c.description,
        kind: 'decision',
        section: 'Beslut',
        source: 'secretary',
        caseId: c.id,
        reason: t('cases.proposal.prepared', { body: fromName }),
      });
    }
    // Status reports due at this meeting from the working groups the body commissioned.
    const reporting = await tx
      .select({ id: cases.id, bodyId: cases.bodyId, state: cases.state, title: cases.title, year: cases.year, number: cases.number, wg: cases.workingGroupBodyId })
      .from(cases)
      .where(and(eq(cases.bodyId, body.id), inArray(cases.state, [...reportingStates])));
    const dues = (await reportDues(tx, reporting, meeting.startsAt)).filter((d) => d.meetingId === meeting.id && !d.done);
    const wgIds = reporting.map((r) => r.wg).filter((x): x is string => !!x);
    const convenors = wgIds.length
      ? await tx
          .select({ bodyId: memberships.bodyId, personId: memberships.personId })
          .from(memberships)
          .where(and(inArray(memberships.bodyId, wgIds), eq(memberships.role, 'convenor'), activeOn(today(meeting.startsAt))))
      : [];
    for (const d of dues) {
      const c = reporting.find((r) => r.id === d.caseId)!;
      out.push({
        key: `report-${c.id}`,
        title: `${t('cases.reports')}: ${c.title}`,
        kind: 'feedback',
        section: 'Återkoppling',
        presenterPersonId: convenors.find((v) => v.bodyId === c.wg)?.personId ?? null,
        durationMinutes: 10,
        source: 'status_report',
        caseId: c.id,
        reason: t('cases.proposal.report', { date: formatDate(meeting.startsAt) }),
      });
    }
    return out;
  },
});

// ---------------------------------------------------------------------------------------
// "Väntar på dig": due status reports, anchoring answers and adoptions to record.

export const casesWaiting: WaitingSource = async ({ db, personId, now, lang = 'sv' }) => {
  const [w, adoptions] = await Promise.all([waitingForPerson(db, personId, now), pendingAdoptionsForPerson(db, personId, now)]);
  const t = translator(lang);
  return [
    ...w.dueReports.map((d) => ({ kind: 'cases.report', title: t('cases.waiting.report', { title: d.title }), due: d.dueAt, link: `/cases/${d.caseId}#reports` })),
    ...w.anchoring.map((a) => ({ kind: 'cases.anchoring', title: t('cases.waiting.anchoring', { title: a.title, principal: a.principalName }), link: `/cases/${a.caseId}#anchoring` })),
    ...adoptions.map((a) => ({ kind: 'cases.adoption', title: t('cases.waiting.adoption', { title: a.title, count: a.pending }), link: `/cases/${a.caseId}#adoption` })),
  ];
};
