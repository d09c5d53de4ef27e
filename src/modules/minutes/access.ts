import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize, can } from '../../platform/auth/authorize.js';
import type { CommandContext } from '../../platform/commands.js';
import type { DbOrTx } from '../../platform/db/client.js';
import { conflict, notFound } from '../../platform/refusals.js';
import { loadMeeting, UUID, type LoadedMeeting } from '../meetings/index.js';
import { attendance } from '../meetings/schema.js';
import './policy.js';
import type { MinutesTarget } from './policy.js';
import { approvals, minuteItems, minutes, type Approval, type MinuteItem, type Minutes } from './schema.js';

type MinutesAction = 'minutes.view' | 'minutes.write';

export interface LoadedMinutes extends LoadedMeeting {
  minutes: Minutes;
}

export function minutesTarget(loaded: Pick<LoadedMeeting, 'body' | 'roles' | 'hostRoles'>, action: MinutesAction | 'minutes.evaluate' | 'minutes.completeAction'): MinutesTarget {
  return { body: loaded.body, roles: action === 'minutes.view' ? loaded.roles : loaded.hostRoles };
}

/** The minutes of a meeting, if started. */
export async function minutesOf(db: DbOrTx, meetingId: string, lock = false): Promise<Minutes | undefined> {
  const query = db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Loads a meeting, its minutes (if any) and the actor's roles, without authorizing. */
export async function loadMeetingMinutes(db: DbOrTx, actor: Actor, meetingId: string, now = new Date()): Promise<LoadedMeeting & { minutes: Minutes | undefined }> {
  const loaded = await loadMeeting(db, actor, meetingId, now);
  return { ...loaded, minutes: await minutesOf(db, meetingId) };
}

/** In a command: locks the meeting and its minutes and authorizes the actor. */
export async function minutesFor(ctx: CommandContext, meetingId: string, action: MinutesAction): Promise<LoadedMinutes> {
  const loaded = await loadMeeting(ctx.tx, ctx.actor, meetingId, ctx.now, true);
  authorize(ctx.actor, action, minutesTarget(loaded, action));
  const row = await minutesOf(ctx.tx, meetingId, true);
  if (!row) notFound('minutes.none');
  return { ...loaded, minutes: row };
}

/** The meeting id of a minute item (for routes that name the item only). */
export async function meetingOfItem(db: DbOrTx, itemId: string): Promise<string> {
  if (!UUID.test(itemId)) notFound('minutes.refusal.itemNotFound');
  const [row] = await db.select({ meetingId: minuteItems.meetingId }).from(minuteItems).where(eq(minuteItems.id, itemId));
  if (!row) notFound('minutes.refusal.itemNotFound');
  return row.meetingId;
}

export function itemsOf(db: DbOrTx, minutesId: string): Promise<MinuteItem[]> {
  return db.select().from(minuteItems).where(eq(minuteItems.minutesId, minutesId)).orderBy(asc(minuteItems.position), asc(minuteItems.id));
}

/**
 * The version of the whole content: the minutes' own version plus every item's. Each save
 * raises one of them by one, so an approver's "I approve version N" names exactly what
 * they read; any later save makes it stale.
 */
export async function contentVersion(db: DbOrTx, m: Pick<Minutes, 'id' | 'version'>): Promise<number> {
  const items = await db.select({ version: minuteItems.version }).from(minuteItems).where(eq(minuteItems.minutesId, m.id));
  return m.version + items.reduce((sum, i) => sum + i.version, 0);
}

/** The approvers of a round, chair first. */
export function approvalsOf(db: DbOrTx, minutesId: string, round: number): Promise<Approval[]> {
  return db
    .select()
    .from(approvals)
    .where(and(eq(approvals.minutesId, minutesId), eq(approvals.round, round)))
    .orderBy(asc(approvals.role), asc(approvals.createdAt));
}

/** The round an approval in progress belongs to: the version it will lock. */
export const currentRound = (m: Pick<Minutes, 'lockedVersion'>) => m.lockedVersion + 1;

export const isLocked = (m: Pick<Minutes, 'status'>) => m.status === 'approved' || m.status === 'final';

/** Refuses changes to locked minutes: a correction starts a new version. */
export function assertEditable(m: Pick<Minutes, 'status'>): void {
  if (isLocked(m)) conflict('minutes.refusal.locked', undefined, 'locked');
}

/** True when the person attended the meeting (present) or is on its attendance list. */
export async function attended(db: DbOrTx, meetingId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)));
  return row?.status === 'present';
}

export interface MinutesAbilities {
  view: boolean;
  write: boolean;
  approve: boolean;
  evaluate: boolean;
}

export async function minutesAbilities(db: DbOrTx, actor: Actor, loaded: LoadedMeeting & { minutes: Minutes | undefined }): Promise<MinutesAbilities> {
  const view = can(actor, 'minutes.view', minutesTarget(loaded, 'minutes.view'));
  const write = can(actor, 'minutes.write', minutesTarget(loaded, 'minutes.write'));
  let approve = false;
  if (loaded.minutes?.status === 'in_approval' && actor.kind === 'person') {
    const round = await approvalsOf(db, loaded.minutes.id, currentRound(loaded.minutes));
    approve = can(actor, 'minutes.approve', { isApprover: round.some((a) => a.personId === actor.personId) });
  }
  const wasThere = actor.kind === 'person' ? await attended(db, loaded.meeting.id, actor.personId) : false;
  const evaluate = can(actor, 'minutes.evaluate', { ...minutesTarget(loaded, 'minutes.evaluate'), attended: wasThere });
  return { view, write, approve, evaluate };
}
