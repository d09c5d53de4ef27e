import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { CommandContext } from '../../platform/commands.js';
import { authorize } from '../../platform/auth/authorize.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { BodyRole } from '../../platform/auth/roles.js';
import { people } from '../../platform/auth/schema.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { notFound } from '../../platform/refusals.js';
import { rolesOf, type BodyRoles } from '../structure/index.js';
import { today } from '../../platform/days.js';
import { bodies, memberships, type Body } from '../structure/schema.js';
import { calledRoles, meetingRoles, submittingRoles, type MeetingTarget } from './policy.js';
import { stockholmDay } from '../../platform/time.js';
import { agendaItems, meetingBodies, meetings, type AgendaItem, type Meeting } from './schema.js';
import type { MeetingHookContext, MeetingRecipient } from './hooks.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type MeetingAction = 'meetings.view' | 'meetings.manage' | 'meetings.submit' | 'meetings.reportAbsence';

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

export function targetOf(loaded: Pick<LoadedMeeting, 'body' | 'roles' | 'hostRoles'>, action: MeetingAction): MeetingTarget {
  return { body: loaded.body, roles: action === 'meetings.manage' ? loaded.hostRoles : loaded.roles };
}

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

/** Loads (and locks) a meeting in a command and authorizes the actor on it. */
export async function meetingFor(ctx: CommandContext, meetingId: string, action: MeetingAction): Promise<LoadedMeeting> {
  const loaded = await loadMeeting(ctx.tx, ctx.actor, meetingId, ctx.now, true);
  authorize(ctx.actor, action, targetOf(loaded, action));
  return loaded;
}

/** Loads a body for meeting planning and authorizes the actor on it. */
export async function bodyForMeetings(ctx: CommandContext, bodyId: string, action: MeetingAction): Promise<{ body: Body; roles: BodyRoles }> {
  const [body] = await ctx.tx.select().from(bodies).where(eq(bodies.id, bodyId));
  if (!body) notFound('meetings.refusal.bodyNotFound');
  const roles = await rolesOf(ctx.tx, ctx.actor, body.id, today(ctx.now));
  authorize(ctx.actor, action, { body, roles });
  return { body, roles };
}

/** The agenda in order. */
export function agendaOf(db: DbOrTx, meetingId: string): Promise<AgendaItem[]> {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
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

/** True when the meeting has started (or is over). */
export function hasStarted(meeting: Pick<Meeting, 'startsAt'>, now: Date): boolean {
  return meeting.startsAt.getTime() <= now.getTime();
}

/** Bumps the version (and the updated time) of a meeting row. */
export const bumpVersion = { version: sql`${meetings.version} + 1` };
