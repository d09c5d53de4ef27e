import { actorId } from '../../../platform/auth/actor.js';
import { one } from '../../../platform/db/rows.js';
import { notFound, refuse, type Refusal } from '../../../platform/refusals.js';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import { freeText } from '../../../platform/pin.js';
import { people } from '../../../platform/auth/schema.js';
import { bodies, type Body } from '../../structure/schema.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { rolesOf, type BodyRoles } from '../../structure/index.js';
import { today } from '../../../platform/days.js';
import { targetOf, type MeetingAction } from '../policy.js';
import { agendaOf, loadMeeting, type LoadedMeeting } from '../queries/index.js';
import { numberConflict } from '../numbering.js';
import { agendaDates } from '../dates.js';
import { stockholmInstant } from '../../../platform/time.js';
import { KIND, meetingLabel, notifyPeople, scheduleAgendaNotices } from '../notices.js';
import { agendaItems, itemSubmissions, meetingBodies, meetings, type AgendaItem, type ItemSubmission, type Meeting, type MeetingFormat, type Presenter } from '../schema.js';

// Helpers shared by the meetings commands (each command is in its own file, named after its verb).

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
export async function insertMeeting(
  ctx: CommandContext,
  body: Body,
  input: NewMeetingInput,
  options: { registeredAfterwards?: boolean; prefix?: string; timesKnown?: boolean } = {},
): Promise<Meeting> {
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
        timesKnown: options.timesKnown ?? true,
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

// Agenda items

/** Loads an agenda item (locked) and its meeting; the actor must manage the meeting. */
export async function itemFor(ctx: CommandContext, itemId: string): Promise<{ item: AgendaItem; loaded: LoadedMeeting }> {
  const [item] = await ctx.tx.select().from(agendaItems).where(eq(agendaItems.id, itemId)).for('update');
  if (!item) notFound('meetings.refusal.itemNotFound');
  const loaded = await meetingFor(ctx, item.meetingId, 'meetings.manage');
  if (loaded.meeting.status === 'cancelled') refuse('itemId', 'meetings.refusal.cancelled');
  return { item, loaded };
}

/** The input of one presenter (meetings/inputs.ts presenterInput). */
export interface PresenterInput {
  personId?: string | undefined;
  name?: string | undefined;
  organisation?: string | undefined;
}

/**
 * The presenters as stored: a person in the register keeps the name typed for them, else
 * their name in the register (an unknown person is refused); an external needs a name.
 * `field` names the input list in refusals ("presenters.1.personId").
 */
export async function resolvePresenters(tx: CommandContext['tx'], list: readonly PresenterInput[], field = 'presenters'): Promise<Presenter[]> {
  const ids = [...new Set(list.map((p) => p.personId).filter((id): id is string => !!id))];
  const rows = ids.length ? await tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids)) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return list.map((p, i) => {
    const organisation = p.organisation?.trim() || null;
    if (p.personId) {
      const name = names.get(p.personId);
      if (name === undefined) refuse(`${field}.${i}.personId`, 'meetings.refusal.personNotFound');
      return { personId: p.personId, name: p.name?.trim() || name, organisation };
    }
    if (!p.name?.trim()) refuse(`${field}.${i}.name`, 'meetings.refusal.presenterWithoutName');
    return { personId: null, name: p.name.trim(), organisation };
  });
}

/** The presenters of an item's input, as stored (an item without presenters gets none). */
export async function presenterOf(ctx: CommandContext, input: { presenters?: readonly PresenterInput[] | undefined }): Promise<{ presenters: Presenter[] }> {
  return { presenters: await resolvePresenters(ctx.tx, input.presenters ?? []) };
}

/** Makes sure an item belongs to the meeting. */
export async function itemOfMeeting(ctx: CommandContext, meetingId: string, itemId: string, field = 'itemId'): Promise<AgendaItem> {
  const [item] = await ctx.tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  if (!item) refuse(field, 'meetings.refusal.itemNotOnAgenda');
  return item;
}

/**
 * Refuses a typed number that another item of the meeting already shows (numbering.ts),
 * naming that item. `item` is the item being saved (without an id when it is new).
 */
export async function refuseTakenNumber(ctx: CommandContext, meetingId: string, item: { id?: string; number: string | null | undefined }, field = 'number'): Promise<void> {
  const conflict = numberConflict(await agendaOf(ctx.tx, meetingId), item);
  if (conflict) refuse(field, 'meetings.refusal.numberTaken', { number: conflict.number, title: conflict.item.title });
}

/** The parent of a new sub-item: an item of the same meeting. */
export async function parentOnAgenda(ctx: CommandContext, meetingId: string, parentId: string | undefined, field = 'parentId'): Promise<AgendaItem | null> {
  if (!parentId) return null;
  const [parent] = await ctx.tx
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, parentId), eq(agendaItems.meetingId, meetingId)));
  if (!parent) refuse(field, 'meetings.refusal.parentNotOnAgenda');
  return parent;
}

// Submissions

/** Loads a submission still waiting for a decision, with its meeting (the actor must manage it). */
export async function openSubmission(ctx: CommandContext, submissionId: string): Promise<{ submission: ItemSubmission; loaded: LoadedMeeting }> {
  const [submission] = await ctx.tx.select().from(itemSubmissions).where(eq(itemSubmissions.id, submissionId)).for('update');
  if (!submission) notFound('meetings.refusal.submissionNotFound');
  const loaded = await meetingFor(ctx, submission.meetingId, 'meetings.manage');
  if (submission.status !== 'proposed') refuse('submissionId', 'meetings.refusal.submissionDecided');
  if (loaded.meeting.status === 'cancelled') refuse('submissionId', 'meetings.refusal.cancelled');
  return { submission, loaded };
}

/** Writes the decision on a submission, with its audit row. */
export async function decide(ctx: CommandContext, submission: ItemSubmission, values: Partial<ItemSubmission>) {
  const row = one(
    await ctx.tx
      .update(itemSubmissions)
      .set({ ...values, decidedBy: actorId(ctx.actor), decidedAt: ctx.now })
      .where(eq(itemSubmissions.id, submission.id))
      .returning(),
  );
  await ctx.audit({ objectType: 'item_submission', objectId: submission.id, before: submission, after: row });
  return row;
}

/** Tells the submitter that the submission was declined or merged, with the reply. */
export async function tellSubmitter(ctx: CommandContext, loaded: LoadedMeeting, submission: ItemSubmission, reply: string | null, kind: 'declined' | 'merged') {
  const [person] = await ctx.tx.select({ personId: people.id, language: people.language }).from(people).where(eq(people.id, submission.submittedBy));
  if (!person) return;
  await notifyPeople(
    ctx.tx,
    [person],
    KIND.submissionDeclined,
    (t, lang) => ({
      title: t(kind === 'declined' ? 'meetings.notice.declined.title' : 'meetings.notice.merged.title', { title: submission.title, meeting: meetingLabel(loaded.meeting, lang) }),
      body: reply ?? undefined,
    }),
    `/meetings/${loaded.meeting.id}`,
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: loaded.meeting.id },
  );
}

// Proposals

/** The key of a proposal within its source. */
export const proposalKey = freeText({ min: 1, max: 200 });
