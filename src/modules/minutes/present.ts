import { z } from 'zod';
import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { forbidden, notFound } from '../../platform/refusals.js';
import { assertOpenForRecording } from '../meetings/index.js';
import type { Lang } from '../../platform/i18n/index.js';
import { caseStepLabel, type CaseRef } from './case-subjects.js';
import { approvalsOf, contentVersion, currentRound, itemsOf } from './queries/index.js';
import { decisionLabel, minutesNumbers } from './numbering.js';
import type { Body } from '../structure/schema.js';
import type { Meeting } from '../meetings/schema.js';
import { minutesAbilities } from './policy.js';
import { loadMeetingMinutes, versionOf, versionsOf, type DecisionRow } from './queries/index.js';
import {
  actionStatuses,
  approverRoles,
  decisions,
  followUpStatuses,
  minuteOutcomes,
  minutesStatuses,
  type ActionItem,
  type Decision,
  type MeetingEvaluation,
  type MinuteItem,
  type Minutes,
  type MinuteVersion,
} from './schema.js';

/* What the minutes' JSON API answers: the response schemas and the presenters that fill them. */

const iso = z.iso.datetime({ offset: true });
const isoOf = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = z.iso.date();

export const minuteItemOut = z.object({
  id: z.uuid(),
  agendaItemId: z.uuid().nullable(),
  parentId: z.uuid().nullable().describe('The item this one is a sub-item of (null for a main item); items come in tree order'),
  position: z.number().int().describe('Order among the items with the same parent'),
  number: z.string().nullable().describe('The number typed by the secretary, if any'),
  shownNumber: z.string().nullable().describe('The number as shown, unique in the minutes: "2", "2.1", or "§ 14" where the body numbers by paragraph (provisional in a draft)'),
  paragraph: z.number().int().nullable().describe('The § stored when the minutes were locked (bodies with paragraph numbering)'),
  title: z.string(),
  presenters: z
    .array(z.object({ personId: z.uuid().nullable(), name: z.string(), organisation: z.string().nullable() }))
    .describe('Who presented, in order: a person in the register (personId) or a named external with their organisation'),
  notes: z.string().nullable(),
  questions: z.string().nullable(),
  proposal: z.array(z.string()),
  outcome: z.enum(minuteOutcomes).nullable(),
  decisionText: z.string().nullable(),
  condition: z.string().nullable(),
  internal: z.boolean(),
  caseId: z.uuid().nullable(),
  caseTransition: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  version: z.number().int(),
  updatedAt: iso,
});

export const decisionOut = z.object({
  id: z.uuid(),
  label: z.string(),
  bodyId: z.uuid(),
  year: z.number().int(),
  number: z.number().int(),
  meetingId: z.uuid(),
  minuteItemId: z.uuid().nullable(),
  decidedOn: day,
  title: z.string(),
  outcome: z.enum(minuteOutcomes),
  text: z.string(),
  clauses: z.array(z.string()),
  condition: z.string().nullable(),
  caseId: z.uuid().nullable(),
  /** The case's registration number and title (null without a case, or when the cases module is not installed). */
  case: z.object({ id: z.uuid(), ref: z.string(), title: z.string() }).nullable(),
  caseTransition: z.string().nullable(),
  /** The step the decision carries, in the reader's language. */
  caseStep: z.string().nullable(),
  followUpStatus: z.enum(followUpStatuses),
  withdrawn: z.boolean(),
});

export const actionOut = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  meetingId: z.uuid(),
  minuteItemId: z.uuid().nullable(),
  decisionId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  title: z.string(),
  ownerPersonId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  dueOn: day.nullable(),
  status: z.enum(actionStatuses),
  fromCondition: z.boolean(),
  doneAt: iso.nullable(),
  version: z.number().int(),
});

const approvalOut = z.object({
  personId: z.uuid(),
  role: z.enum(approverRoles),
  deadline: iso,
  approvedAt: iso.nullable(),
  approvedVersion: z.number().int().nullable(),
  comment: z.string().nullable(),
});
const versionSummaryOut = z.object({ number: z.number().int(), status: z.enum(minutesStatuses), sha256: z.string(), lockedAt: iso });

export const minutesOut = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  bodyId: z.uuid(),
  kind: z.enum(['protocol', 'notes']),
  status: z.enum(minutesStatuses),
  version: z.number().int(),
  /** The version of the whole content (the minutes' own plus every item's): what an approver approves. */
  contentVersion: z.number().int(),
  lockedVersion: z.number().int(),
  noteTakers: z.array(z.object({ personId: z.uuid().nullable(), name: z.string() })),
  chairPersonId: z.uuid().nullable(),
  adjusterIds: z.array(z.uuid()),
  preamble: z.string().nullable(),
  evaluationSummary: z.string().nullable(),
  nextMeetings: z.string().nullable(),
  correctionReason: z.string().nullable(),
  approvalDeadline: iso.nullable(),
  publishedAt: iso.nullable(),
  publicAttachmentIds: z.array(z.uuid()),
  items: z.array(minuteItemOut),
  approvals: z.array(approvalOut),
  versions: z.array(versionSummaryOut),
  abilities: z.object({ view: z.boolean(), write: z.boolean(), approve: z.boolean(), evaluate: z.boolean() }),
});

export const versionOut = versionSummaryOut.extend({
  approvers: z.array(z.object({ personId: z.string(), name: z.string(), role: z.string(), at: z.string() })),
  changes: z.array(z.object({ where: z.string(), field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  reason: z.string().nullable(),
  /** The canonical JSON exactly as digested (a string: its bytes are what the SHA-256 covers). */
  canonical: z.string(),
});

/** A saved item with the decision it numbered, if any. */
export const savedItemOut = z.object({ item: minuteItemOut, decision: decisionOut.nullable() });

/** A body's distribution list (addresses besides its members). */
export const distributionOut = z.object({ bodyId: z.uuid(), emails: z.array(z.string()) });

export const evaluationOut = z.object({ personId: z.uuid(), name: z.string(), forward: z.string().nullable(), hindered: z.string().nullable(), updatedAt: iso });

export function itemOut(i: MinuteItem, decisionNumber: string | null, shownNumber: string | null = null): z.input<typeof minuteItemOut> {
  return {
    id: i.id,
    agendaItemId: i.agendaItemId,
    parentId: i.parentId,
    position: i.position,
    number: i.number,
    shownNumber,
    paragraph: i.paragraph,
    title: i.title,
    presenters: i.presenters,
    notes: i.notes,
    questions: i.questions,
    proposal: i.proposal,
    outcome: i.outcome,
    decisionText: i.decisionText,
    condition: i.condition,
    internal: i.internal,
    caseId: i.caseId,
    caseTransition: i.caseTransition,
    decisionNumber,
    version: i.version,
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** A decision as the API shows it; `kase` is its case's number and title (caseRefsOf), `lang` the reader's language for the step. */
export function decisionOutOf(d: Decision | DecisionRow, label: string, kase?: CaseRef, lang: Lang = 'sv'): z.input<typeof decisionOut> {
  return {
    id: d.id,
    label,
    bodyId: d.bodyId,
    year: d.year,
    number: d.number,
    meetingId: d.meetingId,
    minuteItemId: d.minuteItemId,
    decidedOn: d.decidedOn,
    title: d.title,
    outcome: d.outcome,
    text: d.text,
    clauses: d.clauses,
    condition: d.condition,
    caseId: d.caseId,
    case: kase ? { id: kase.id, ref: kase.ref, title: kase.title } : null,
    caseTransition: d.caseTransition,
    caseStep: d.caseTransition ? caseStepLabel(d.caseTransition, lang) : null,
    followUpStatus: d.followUpStatus,
    withdrawn: !!d.withdrawnAt,
  };
}

export function actionOutOf(a: ActionItem): z.input<typeof actionOut> {
  return {
    id: a.id,
    bodyId: a.bodyId,
    meetingId: a.meetingId,
    minuteItemId: a.minuteItemId,
    decisionId: a.decisionId,
    caseId: a.caseId,
    title: a.title,
    ownerPersonId: a.ownerPersonId,
    ownerName: a.ownerName,
    dueOn: a.dueOn,
    status: a.status,
    fromCondition: a.fromCondition,
    doneAt: isoOf(a.doneAt),
    version: a.version,
  };
}

/** The minutes of a meeting as the API shows them, with what the reader may do. */
async function minutesOutOf(db: DbOrTx, m: Minutes, body: Body, meeting: Meeting, abilities: z.input<typeof minutesOut>['abilities']): Promise<z.input<typeof minutesOut>> {
  const [items, decisionRows, approvals, versions, cv] = await Promise.all([
    itemsOf(db, m.id),
    db
      .select()
      .from(decisions)
      .where(and(eq(decisions.meetingId, m.meetingId), isNull(decisions.withdrawnAt))),
    approvalsOf(db, m.id, currentRound(m)),
    versionsOf(db, m.id),
    contentVersion(db, m),
  ]);
  const labelOf = new Map(decisionRows.map((d) => [d.minuteItemId, decisionLabel(body, d)]));
  const shown = await minutesNumbers(db, { body, meeting, minutes: m, items });
  return {
    id: m.id,
    meetingId: m.meetingId,
    bodyId: m.bodyId,
    kind: m.kind,
    status: m.status,
    version: m.version,
    contentVersion: cv,
    lockedVersion: m.lockedVersion,
    noteTakers: m.noteTakers,
    chairPersonId: m.chairPersonId,
    adjusterIds: m.adjusterIds,
    preamble: m.preamble,
    evaluationSummary: m.evaluationSummary,
    nextMeetings: m.nextMeetings,
    correctionReason: m.correctionReason,
    approvalDeadline: isoOf(m.approvalDeadline),
    publishedAt: isoOf(m.publishedAt),
    publicAttachmentIds: m.publicAttachmentIds,
    items: items.map((i) => itemOut(i, labelOf.get(i.id) ?? null, shown.get(i.id) ?? null)),
    approvals:
      m.status === 'in_approval'
        ? approvals.map((a) => ({ personId: a.personId, role: a.role, deadline: a.deadline.toISOString(), approvedAt: isoOf(a.approvedAt), approvedVersion: a.approvedVersion, comment: a.comment }))
        : [],
    versions: versions.map((v) => ({ number: v.number, status: v.status, sha256: v.sha256, lockedAt: v.lockedAt.toISOString() })),
    abilities,
  };
}

function versionOutOf(v: MinuteVersion): z.input<typeof versionOut> {
  return { number: v.number, status: v.status, sha256: v.sha256, lockedAt: v.lockedAt.toISOString(), approvers: v.approvers, changes: v.changes, reason: v.reason, canonical: v.canonical };
}

export function evaluationOutOf(e: Pick<MeetingEvaluation, 'personId' | 'forward' | 'hindered' | 'updatedAt'>, name: string): z.input<typeof evaluationOut> {
  return { personId: e.personId, name, forward: e.forward, hindered: e.hindered, updatedAt: e.updatedAt.toISOString() };
}

/** The minutes of a meeting as the API shows them, for readers and approvers (403 for others, 404 when not started). */
export async function minutesAnswer(db: DbOrTx, actor: Actor, meetingId: string): Promise<z.input<typeof minutesOut>> {
  const loaded = await loadMeetingMinutes(db, actor, meetingId);
  const abilities = await minutesAbilities(db, actor, loaded);
  if (!abilities.view && !abilities.approve) forbidden('minutes.noAccess');
  if (!loaded.minutes) assertOpenForRecording(loaded.meeting, new Date());
  if (!loaded.minutes) notFound('minutes.none');
  return minutesOutOf(db, loaded.minutes, loaded.body, loaded.meeting, abilities);
}

/** A locked version as the API shows it, for readers and approvers. */
export async function versionAnswer(db: DbOrTx, actor: Actor, meetingId: string, n: number): Promise<z.input<typeof versionOut>> {
  const loaded = await loadMeetingMinutes(db, actor, meetingId);
  const abilities = await minutesAbilities(db, actor, loaded);
  if (!abilities.view && !abilities.approve) forbidden('minutes.noAccess');
  const v = loaded.minutes ? await versionOf(db, loaded.minutes.id, n) : undefined;
  if (!v) notFound('minutes.refusal.versionNotFound');
  return versionOutOf(v);
}
