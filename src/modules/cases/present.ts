import { z } from 'zod';
import type { Actor } from '../../platform/auth/actor.js';
import { pagedSchema } from '../../platform/http/paging.js';
import type { Body } from '../structure/schema.js';
import { caseStates, phaseNames, phaseOf, transitionDef, transitions, transitionsFrom, type CaseState, type Phase } from './flow.js';
import { caseAbilities, mayTake } from './policy.js';
import type { caseOverviewData, CaseDetails, LoadedCase, yearlyReportCases } from './queries/index.js';
import { caseRef, refPrefix } from './wording.js';

/*
 * The JSON answers of the cases API: their schemas (for the OpenAPI document) and the
 * presenters that turn stored rows and read models into them. The routes are in api.ts.
 */

export const stateEnum = z.enum(caseStates);

export const caseOut = z.object({
  id: z.uuid(),
  ref: z.string(),
  year: z.number().int(),
  number: z.number().int(),
  title: z.string(),
  state: stateEnum,
  phase: z.enum(phaseNames as [Phase, ...Phase[]]),
  bodyId: z.uuid(),
  raisedOn: z.string(),
  raisedByName: z.string(),
  raisedByOrganisationName: z.string().nullable(),
});

export const overviewOut = z.object({
  counts: z.record(z.string(), z.number().int()),
  cases: pagedSchema(caseOut.extend({ waitingFor: z.object({ kind: z.string(), who: z.string() }).nullable() })),
  overdueReports: z.object({ total: z.number().int(), items: z.array(z.object({ caseId: z.uuid(), title: z.string(), dueOn: z.string(), meetingTitle: z.string().nullable() })) }),
  overdueActions: z.object({ total: z.number().int(), items: z.array(z.object({ id: z.uuid(), title: z.string(), endOn: z.string(), status: z.string(), caseId: z.uuid().nullable() })) }),
});

export const anyObject = z.record(z.string(), z.unknown());

export const myCasesOut = pagedSchema(caseOut.extend({ bodyName: z.string() })).extend({
  bodies: z
    .array(z.object({ id: z.uuid(), name: z.string(), structureId: z.uuid(), structureName: z.string(), open: z.number().int() }))
    .describe('The bodies where the person sees cases, with their open cases'),
});

/** A case as the API lists it. */
export function caseRow(
  r: { id: string; year: number; number: number; title: string; state: CaseState; bodyId: string; raisedOn: string; raisedByName: string; raisedByOrganisationName: string | null },
  prefix: string,
) {
  return {
    id: r.id,
    ref: caseRef(r, prefix),
    year: r.year,
    number: r.number,
    title: r.title,
    state: r.state,
    phase: phaseOf(r.state),
    bodyId: r.bodyId,
    raisedOn: r.raisedOn,
    raisedByName: r.raisedByName,
    raisedByOrganisationName: r.raisedByOrganisationName,
  };
}

/** The overview (of a body or a structure) as the API answers it. */
export function presentOverview({ counts, list, overdue, overdueActions: actions, waiting }: Awaited<ReturnType<typeof caseOverviewData>>, prefix: string) {
  return {
    counts,
    cases: { ...list, items: list.items.map((r) => ({ ...caseRow(r, prefix), waitingFor: waiting.get(r.id) ?? null })) },
    overdueReports: { total: overdue.total, items: overdue.rows.map((r) => ({ caseId: r.caseId, title: r.title, dueOn: r.dueOn, meetingTitle: r.meetingTitle })) },
    overdueActions: { total: actions.total, items: actions.rows.map((a) => ({ id: a.id, title: a.title, endOn: a.endOn, status: a.status, caseId: a.caseId })) },
  };
}

/** One case with everything around it, and what the caller may do. */
export function presentCase(d: CaseDetails, loaded: LoadedCase, actor: Actor) {
  const prefix = refPrefix(d.structure);
  const possible = transitionsFrom(d.kase.state);
  return {
    ...caseRow(d.kase, prefix),
    description: d.kase.description,
    newMedicalTask: d.kase.newMedicalTask,
    answer: d.kase.answer,
    evaluation: d.kase.evaluation,
    version: d.kase.version,
    body: { id: d.body.id, name: d.body.name },
    escalatedTo: d.kase.escalatedToBodyId ? { id: d.kase.escalatedToBodyId, name: d.escalatedName } : null,
    meetingId: d.kase.meetingId,
    categories: d.categories,
    workingGroup: d.wgId ? { id: d.wgId, name: d.wgName, activeFrom: d.wgActiveFrom, activeTo: d.wgActiveTo, members: d.wgMembers } : null,
    directive: d.directive ?? null,
    dueReports: d.dues,
    statusReports: d.reports.map((r) => ({ ...r.r, reporterName: r.reporterName })),
    anchoring: d.anchoring.map((a) => ({ ...a.a, principalName: a.principalName, seatFunction: a.seatFunction, contactSurface: a.surfaceName, answeredByName: a.answeredByName })),
    notAnswered: d.anchoring.filter((a) => !a.a.answeredAt).map((a) => a.principalName),
    adoptions: d.adoptions.map((a) => ({ ...a.a, principalName: a.principalName })),
    notAdopted: d.adoptions.filter((a) => a.a.status === 'pending').map((a) => a.principalName),
    notices: d.notices.map((n) => ({ ...n.notice, principalName: n.principalName })),
    noticeSentAt: d.kase.noticeSentAt,
    noticeBatchId: d.kase.noticeBatchId,
    links: d.links.map((l) => ({ ...l.link, target: l.target })),
    history: d.history.map((h) => h.h),
    transitions: possible.map((n) => ({ name: n, to: transitions[n].to, needs: transitions[n].needs, via: transitionDef(n).via ?? null, allowed: mayTake(loaded, n, actor) })),
    abilities: caseAbilities(actor, loaded.target),
  };
}

/** The yearly report to the commissioning body. */
export function presentYearlyReport(body: Pick<Body, 'id' | 'name'>, year: number, items: Awaited<ReturnType<typeof yearlyReportCases>>, prefix: string) {
  return {
    year,
    body: { id: body.id, name: body.name },
    byPhase: Object.fromEntries(phaseNames.map((p) => [p, items.filter((i) => phaseOf(i.state) === p).length])),
    cases: items.map((i) => ({ ...caseRow({ ...i, bodyId: body.id }, prefix), closedAt: i.closedAt, workingGroupName: i.workingGroupName, lastReport: i.lastReport })),
  };
}
