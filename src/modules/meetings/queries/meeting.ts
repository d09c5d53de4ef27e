import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { targetOf } from '../policy.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { BodyRole } from '../../../platform/auth/roles.js';
import { people } from '../../../platform/auth/schema.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { notFound } from '../../../platform/refusals.js';
import { rolesOf, type BodyRoles } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { bodies, memberships, type Body } from '../../structure/schema.js';
import { calledRoles, submittingRoles } from '../policy.js';
import { stockholmDay } from '../../../platform/time.js';
import { agendaItems, meetingBodies, meetings, type AgendaItem, type Meeting } from '../schema.js';
import type { MeetingHookContext, MeetingRecipient } from '../hooks.js';
import { treeOrder } from '../numbering.js';

// One meeting with the actor's roles, its agenda, joint bodies and recipients.

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoadedMeeting {
  meeting: Meeting;
  body: Body;
  /** The other bodies of a joint meeting. */
  jointBodyIds: string[];
  /** Roles on the host body and every participating body. */
  roles: BodyRoles;
  /** Roles on the host body only (managing is decided there). */
  hostRoles: BodyRoles;
}

/** The actor's roles on a meeting: on the host body and on the other bodies of a joint meeting. */
async function meetingRoles(db: DbOrTx, actor: Actor, bodyIds: readonly string[], on: Date = new Date()): Promise<BodyRoles> {
  const day = today(on);
  const all = await Promise.all(bodyIds.map((id) => rolesOf(db, actor, id, day)));
  return {
    own: [...new Set(all.flatMap((r) => r.own))],
    inherited: [...new Set(all.flatMap((r) => r.inherited))],
    byMandate: [...new Set(all.flatMap((r) => r.byMandate))],
  };
}

/** The other bodies of a joint meeting. */
export async function jointBodyIdsOf(db: DbOrTx, meetingId: string): Promise<string[]> {
  const rows = await db.select({ bodyId: meetingBodies.bodyId }).from(meetingBodies).where(eq(meetingBodies.meetingId, meetingId));
  return rows.map((r) => r.bodyId);
}

/** Loads a meeting with its body and the actor's roles (no authorization). */
export async function loadMeeting(db: DbOrTx, actor: Actor, meetingId: string, now = new Date(), lock = false): Promise<LoadedMeeting> {
  if (!UUID.test(meetingId)) notFound('meetings.refusal.meetingNotFound');
  const query = db.select().from(meetings).where(eq(meetings.id, meetingId));
  const [meeting] = lock ? await query.for('update') : await query;
  if (!meeting) notFound('meetings.refusal.meetingNotFound');
  const [body] = await db.select().from(bodies).where(eq(bodies.id, meeting.bodyId));
  if (!body) notFound('meetings.refusal.bodyNotFound');
  const jointBodyIds = await jointBodyIdsOf(db, meeting.id);
  const hostRoles = await rolesOf(db, actor, body.id, today(now));
  const roles = jointBodyIds.length ? await meetingRoles(db, actor, [body.id, ...jointBodyIds], now) : hostRoles;
  return { meeting, body, jointBodyIds, roles, hostRoles };
}

/** The agenda in order. */
export async function agendaOf(db: DbOrTx, meetingId: string): Promise<AgendaItem[]> {
  // In tree order: each item followed by its sub-items (numbering.ts).
  return treeOrder(await db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt)));
}

const ROLE_ORDER: BodyRole[] = ['chair', 'vice_chair', 'member', 'secretary', 'process_leader', 'convenor', 'substitute', 'adjunct', 'expert', 'reader'];

/**
 * Everyone called to a meeting: the active memberships (on the meeting's day) of the host
 * body and every participating body in a called role; substitutes too when `substitutes`
 * is set and their body allows substitutes; `submitters` keeps only those who may send in items.
 */
export async function meetingRecipients(
  db: DbOrTx,
  meeting: Pick<Meeting, 'id' | 'bodyId' | 'startsAt'>,
  options: { substitutes?: boolean; submitters?: boolean; managersOnly?: boolean; jointBodyIds?: string[] } = {},
): Promise<MeetingRecipient[]> {
  const jointIds = options.jointBodyIds ?? (await jointBodyIdsOf(db, meeting.id));
  const bodyIds = [meeting.bodyId, ...jointIds];
  const day = stockholmDay(meeting.startsAt);
  const rows = await db
    .select({
      personId: memberships.personId,
      role: memberships.role,
      bodyId: memberships.bodyId,
      substitutesAllowed: bodies.substitutesAllowed,
      name: people.name,
      email: people.email,
      language: people.language,
      status: people.status,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
    .where(and(inArray(memberships.bodyId, bodyIds), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day)), eq(people.status, 'active')));
  const allowed = rows.filter((r) => {
    if (options.managersOnly) return r.bodyId === meeting.bodyId && ['chair', 'vice_chair', 'secretary', 'process_leader'].includes(r.role);
    if (r.role === 'substitute') return !!options.substitutes && r.substitutesAllowed;
    if (options.submitters) return submittingRoles.includes(r.role);
    return calledRoles.includes(r.role);
  });
  allowed.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const seen = new Map<string, MeetingRecipient>();
  for (const r of allowed) {
    if (!seen.has(r.personId)) seen.set(r.personId, { personId: r.personId, name: r.name, email: r.email, language: r.language, role: r.role, bodyId: r.bodyId });
  }
  return [...seen.values()];
}

/** Everything a hook needs, read in the command's transaction. */
export async function hookContext(
  ctx: CommandContext,
  loaded: Pick<LoadedMeeting, 'meeting' | 'body' | 'jointBodyIds'>,
  extra: Partial<Pick<MeetingHookContext, 'changes' | 'before' | 'mailed'>> = {},
): Promise<MeetingHookContext> {
  // One after the other: both run on the command's transaction, which takes one query at a time.
  const items = await agendaOf(ctx.tx, loaded.meeting.id);
  const recipients = await meetingRecipients(ctx.tx, loaded.meeting, { substitutes: true, jointBodyIds: loaded.jointBodyIds });
  return {
    tx: ctx.tx,
    actor: ctx.actor,
    now: ctx.now,
    publicUrl: ctx.config.PUBLIC_URL,
    mailFrom: ctx.config.MAIL_FROM,
    meeting: loaded.meeting,
    body: loaded.body,
    items,
    recipients,
    mailed: new Set(),
    ...extra,
  };
}

/** A meeting the actor may see (meetings.view), or a refusal. */
export async function viewableMeeting(db: DbOrTx, actor: Actor, id: string): Promise<LoadedMeeting> {
  const loaded = await loadMeeting(db, actor, id);
  authorize(actor, 'meetings.view', targetOf(loaded, 'meetings.view'));
  return loaded;
}

/** A body whose meetings the actor may see (meetings.view), or a refusal. */
export async function viewableBody(db: DbOrTx, actor: Actor, bodyId: string): Promise<Body> {
  if (!UUID.test(bodyId)) notFound('meetings.refusal.bodyNotFound');
  const [body] = await db.select().from(bodies).where(eq(bodies.id, bodyId));
  if (!body) notFound('meetings.refusal.bodyNotFound');
  const roles = await rolesOf(db, actor, body.id, today());
  authorize(actor, 'meetings.view', { body, roles });
  return body;
}
