import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { refuse, type Refusal } from '../../../platform/refusals.js';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import { bodies, type Body } from '../../structure/schema.js';
import { agendaDates } from '../dates.js';
import { stockholmInstant } from '../../../platform/time.js';
import { scheduleAgendaNotices } from '../notices.js';
import { meetingBodies, meetings, type Meeting, type MeetingFormat } from '../schema.js';

interface WhenWhere {
  date: string;
  startTime: string;
  endDate?: string | undefined;
  endTime: string;
  format: MeetingFormat;
  address?: string | undefined;
  room?: string | undefined;
  link?: string | undefined;
  notes?: string | undefined;
}

/** The meeting's instants from Stockholm wall-clock fields, checked. */
export function instantsOf(w: WhenWhere, prefix = ''): { startsAt: Date; endsAt: Date } {
  const startsAt = stockholmInstant(w.date, w.startTime);
  const endsAt = stockholmInstant(w.endDate ?? w.date, w.endTime);
  if (endsAt.getTime() <= startsAt.getTime()) refuse(`${prefix}endTime`, 'meetings.refusal.endBeforeStart');
  if (endsAt.getTime() - startsAt.getTime() > 14 * 24 * 3600_000) refuse(`${prefix}endDate`, 'meetings.refusal.tooLong');
  return { startsAt, endsAt };
}

/** A digital or hybrid meeting needs a link or a note on how to join; a physical one an address. */
export function placeProblems(w: WhenWhere, prefix = ''): Refusal[] {
  const errors: Refusal[] = [];
  if (w.format !== 'digital' && !w.address && !w.room) errors.push({ field: `${prefix}address`, key: 'meetings.refusal.place' });
  return errors;
}

export function placeColumns(w: WhenWhere) {
  return {
    format: w.format,
    address: w.address ?? null,
    room: w.room ?? null,
    link: w.link ?? null,
    notes: w.notes ?? null,
  };
}

/** The iCalendar UID of a meeting: stable, unique, and named after the installation's host. */
export function meetingUid(id: string, publicUrl: string): string {
  let host = 'samverka';
  try {
    host = new URL(publicUrl).hostname || host;
  } catch {
    /* keep the default */
  }
  return `${id}@${host}`;
}

/** Checks the other bodies of a joint meeting: existing, in the same structure, not the host. */
async function checkJointBodies(ctx: CommandContext, body: Body, ids: readonly string[] | undefined): Promise<string[]> {
  const unique = [...new Set(ids ?? [])].filter((id) => id !== body.id);
  if (!unique.length) return [];
  const found = await ctx.tx
    .select({ id: bodies.id })
    .from(bodies)
    .where(and(inArray(bodies.id, unique), eq(bodies.structureId, body.structureId)));
  if (found.length !== unique.length) refuse('jointBodyIds', 'meetings.refusal.jointStructure');
  return unique;
}

interface NewMeetingInput extends WhenWhere {
  title?: string | undefined;
  isJoint?: boolean | undefined;
  jointBodyIds?: string[] | undefined;
}

/**
 * Writes a new meeting of a body (its three agenda dates from the body's settings unless it
 * is registered afterwards), its joint bodies, the audit row and the dated notices.
 */
export async function insertMeeting(ctx: CommandContext, body: Body, input: NewMeetingInput, options: { registeredAfterwards?: boolean; prefix?: string } = {}): Promise<Meeting> {
  const { startsAt, endsAt } = instantsOf(input, options.prefix);
  const jointBodyIds = await checkJointBodies(ctx, body, input.jointBodyIds);
  const past = options.registeredAfterwards ?? false;
  const dates = past ? null : agendaDates(startsAt, body);
  const id = randomUUID();
  const meeting = one(
    await ctx.tx
      .insert(meetings)
      .values({
        id,
        uid: meetingUid(id, ctx.config.PUBLIC_URL),
        bodyId: body.id,
        structureId: body.structureId,
        title: input.title ?? body.shortName ?? body.name,
        startsAt,
        endsAt,
        ...placeColumns(input),
        status: past ? 'held' : 'planned',
        isJoint: (input.isJoint ?? false) || jointBodyIds.length > 0,
        registeredAfterwards: past,
        callOpensOn: dates?.callOpensOn ?? null,
        submissionDeadline: dates?.submissionDeadline ?? null,
        agendaPublishOn: dates?.agendaPublishOn ?? null,
        createdBy: actorId(ctx.actor),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning(),
  );
  if (jointBodyIds.length) await ctx.tx.insert(meetingBodies).values(jointBodyIds.map((bodyId) => ({ meetingId: id, bodyId })));
  await ctx.audit({ objectType: 'meeting', objectId: id, after: { ...meeting, jointBodyIds } });
  await scheduleAgendaNotices(ctx.tx, meeting, ctx.now);
  return meeting;
}
