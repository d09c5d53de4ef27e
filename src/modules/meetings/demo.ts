import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { configSchema, type Config } from '../../config.js';
import type { Database } from '../../platform/db/client.js';
import type { DemoStep } from '../../platform/modules.js';
import { execute } from '../../platform/commands.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { bodies, memberships, seats, type Body } from '../structure/schema.js';
import { agendaDates } from './dates.js';
import { stockholmDay, stockholmInstant } from '../../platform/time.js';
import { nearestWeekday } from '../../platform/demo/dates.js';
import { defaultTemplate, proposalRef, TEMPLATE_SOURCE } from './sources.js';
import { agendaItems, attendance, meetings, type AgendaItemKind } from './schema.js';
import { createMeeting, planYear, submitItem } from './commands/index.js';
import { acceptProposal } from './commands/accept-proposal.js';
import { meetingUid } from './commands/common.js';
import { personActor } from './samples.js';

/*
 * Demo meetings: a year around today for the demo structures' bodies. Past meetings are
 * held, with agendas (items from the Chefsgrupp protocol of 13 November 2020), attendance
 * and one unfinished item; the next meeting has its call open (draft agenda and a member's
 * submission); the rest of the year is planned.
 */

const DAY = 24 * 3600_000;
const PLACE = { address: 'Region Örebro län, Eklundavägen 2, Örebro', room: 'Rum 101' };

const HELD_ITEMS: { title: string; kind: AgendaItemKind; minutes: number; presenter?: string; section?: string; description?: string }[] = [
  { title: 'Covidfrågor', kind: 'information', minutes: 40, presenter: 'Smittskydd', section: 'Information och dialog', description: 'Läget i länet, provtagning och munskydd.' },
  {
    title: 'Gruppens interna arbete: arbetsutskottets sammansättning',
    kind: 'decision',
    minutes: 30,
    section: 'Beslut',
    description: 'Förslag till beslut: att AU får en ny sammansättning enligt förslag.',
  },
  { title: 'Ny överenskommelse om samverkan i kunskapsstyrning', kind: 'decision', minutes: 30, section: 'Beslut' },
  { title: 'Barn som anhöriga – behov av samverkan', kind: 'discussion', minutes: 25, section: 'Information och dialog' },
  { title: 'Hälsoundersökningar av placerade barn – uppföljning', kind: 'feedback', minutes: 15, section: 'Återkoppling' },
  { title: 'Socialstyrelsens handlingsplan för patientsäkerhet', kind: 'for_knowledge', minutes: 10, section: 'För kännedom' },
];

/**
 * Where and when, relative to today: past meetings first. Each meeting falls on the
 * weekday nearest the day (physical meetings on Thursdays, digital ones on Tuesdays): at most
 * three days away, so past meetings stay past and coming ones coming.
 */
const SCHEDULE: { days: number; start: string; end: string; digital?: boolean }[] = [
  { days: -170, start: '09:00', end: '12:00' },
  { days: -120, start: '13:00', end: '16:00', digital: true },
  { days: -75, start: '09:00', end: '12:00' },
  { days: -35, start: '13:00', end: '16:00', digital: true },
  { days: 10, start: '09:00', end: '12:00' },
  { days: 45, start: '13:00', end: '16:00', digital: true },
  { days: 90, start: '09:00', end: '12:00' },
  { days: 140, start: '13:00', end: '16:00', digital: true },
  { days: 185, start: '09:00', end: '12:00' },
];

const THURSDAY = 4;
const TUESDAY = 2;

/** The meeting's day: the scheduled day moved to its weekday. */
function dayAndTime(s: { days: number; digital?: boolean }, now: Date): string {
  return nearestWeekday(stockholmDay(new Date(now.getTime() + s.days * DAY)), s.digital ? TUESDAY : THURSDAY);
}

/** The body's people active today, with their roles and seats. */
async function activeMembers(database: Database, bodyId: string, day: string) {
  return database.db
    .select({
      membershipId: memberships.id,
      personId: memberships.personId,
      role: memberships.role,
      seatId: memberships.seatId,
      name: people.name,
      substituteFor: memberships.substituteForMembershipId,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, bodyId), lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))))
    .orderBy(asc(people.sortKey));
}

/** A year of meetings for one body; returns how many meetings were created. */
export async function seedMeetingsForBody(database: Database, config: Config, body: Body, now = new Date()): Promise<number> {
  const actor = systemActor('demo-seed');
  const day = stockholmDay(now);
  const members = await activeMembers(database, body.id, day);
  const seatOrgs = await database.db.select({ id: seats.id, fn: seats.function }).from(seats).where(eq(seats.bodyId, body.id));
  const orgOf = new Map(seatOrgs.map((s) => [s.id, s.fn]));
  const past = SCHEDULE.filter((s) => s.days < 0);
  let created = 0;

  // Held meetings: written directly, as if they had happened (no notices go out).
  for (const [n, s] of past.entries()) {
    const date = dayAndTime(s, now);
    const start = stockholmInstant(date, s.start);
    const end = stockholmInstant(date, s.end);
    const id = randomUUID();
    const dates = agendaDates(start, body);
    await database.db.transaction(async (tx) => {
      await tx.insert(meetings).values({
        id,
        uid: meetingUid(id, config.PUBLIC_URL),
        bodyId: body.id,
        structureId: body.structureId,
        title: body.shortName ?? body.name,
        startsAt: start,
        endsAt: end,
        format: s.digital ? 'digital' : 'physical',
        ...(s.digital ? { link: 'https://meet.example.org/samverka-demo', notes: 'Digitalt via Teams' } : PLACE),
        status: 'held',
        ...dates,
        agendaPublishedAt: dates.agendaPublishOn,
      });
      const template = defaultTemplate.filter((t) => t.placement === 'start');
      const closing = defaultTemplate.filter((t) => t.placement === 'end');
      const middle = HELD_ITEMS.filter((_, i) => (i + n) % 2 === 0 || i === n);
      const rows = [
        ...template.map((t, i) => ({
          title: t.title,
          kind: t.kind,
          durationMinutes: t.durationMinutes,
          section: t.section,
          source: 'template' as const,
          sourceRef: proposalRef(TEMPLATE_SOURCE, `start-default-${i + 1}`),
        })),
        ...middle.map((m) => ({
          title: m.title,
          kind: m.kind,
          durationMinutes: m.minutes,
          section: m.section ?? null,
          presenters: m.presenter ? [{ personId: null, name: m.presenter, organisation: null }] : [],
          description: m.description ?? null,
          source: 'secretary' as const,
          sourceRef: null,
        })),
        ...closing.map((t, i) => ({
          title: t.title,
          kind: t.kind,
          durationMinutes: t.durationMinutes,
          section: t.section,
          source: 'template' as const,
          sourceRef: proposalRef(TEMPLATE_SOURCE, `end-default-${i + 4}`),
        })),
      ];
      const lastHeld = n === past.length - 1;
      await tx.insert(agendaItems).values(
        rows.map((r, i) => ({
          ...r,
          meetingId: id,
          position: i + 1,
          // The last held meeting did not finish one item: it is proposed for the next.
          outcome: lastHeld && r.title === middle[middle.length - 1]?.title ? ('unfinished' as const) : ('handled' as const),
        })),
      );
      // One line per person: a chair also holds a seat (two memberships); the seat's one is kept.
      const called = members
        .filter((m) => m.role !== 'reader' && m.role !== 'substitute')
        .sort((a, b) => Number(!a.seatId) - Number(!b.seatId))
        .filter((m, i, all) => all.findIndex((x) => x.personId === m.personId) === i);
      if (called.length) {
        await tx.insert(attendance).values(
          called.map((m, i) => ({
            meetingId: id,
            personId: m.personId,
            membershipId: m.membershipId,
            seatId: m.seatId,
            status: (i + n) % 5 === 4 ? ('excused' as const) : ('present' as const),
            organisationLabel: m.seatId ? (orgOf.get(m.seatId) ?? null) : null,
            adjunct: m.role === 'adjunct',
          })),
        );
      }
    });
    created++;
  }

  // The next meeting: its call is open, with a draft agenda and a member's submission.
  const next = SCHEDULE.find((s) => s.days > 0)!;
  const upcoming = await execute(
    { database, config },
    actor,
    createMeeting,
    {
      bodyId: body.id,
      date: dayAndTime(next, now),
      startTime: next.start,
      endTime: next.end,
      format: 'physical',
      ...PLACE,
    },
    { now },
  );
  created++;
  for (const key of ['start-default-1', 'start-default-2', 'start-default-3', 'end-default-4', 'end-default-5']) {
    await execute({ database, config }, actor, acceptProposal, { meetingId: upcoming.id, sourceId: TEMPLATE_SOURCE, key }, { now });
  }
  const submitter = members.find((m) => ['member', 'chair', 'vice_chair'].includes(m.role));
  if (submitter) {
    const [p] = await database.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, submitter.personId));
    const who: Actor = personActor(p!);
    await execute(
      { database, config },
      who,
      submitItem,
      {
        meetingId: upcoming.id,
        title: 'Rutin för samordnad individuell plan (SIP)',
        description: 'Förslag att se över rutinen efter höstens avvikelser i samverkan vid utskrivning.',
        kind: 'decision',
        wishedMinutes: 20,
      },
      { now },
    );
  }

  // The rest of the year, planned in one step.
  const later = SCHEDULE.filter((s) => s.days > next.days);
  const planned = await execute(
    { database, config },
    actor,
    planYear,
    {
      bodyId: body.id,
      meetings: later.map((s) => ({
        date: dayAndTime(s, now),
        startTime: s.start,
        endTime: s.end,
        format: s.digital ? ('digital' as const) : ('physical' as const),
        ...(s.digital ? { link: 'https://meet.example.org/samverka-demo' } : PLACE),
      })),
    },
    { now },
  );
  created += planned.length;
  return created;
}

/**
 * Meetings for the demo structures: every body where the demo accounts sit (at most
 * `limit` bodies). Run after the structures are seeded; does nothing without bodies.
 */
async function seedMeetings(database: Database, config: Config = configSchema.parse({}), options: { limit?: number; now?: Date } = {}): Promise<{ bodies: number; meetings: number }> {
  const day = stockholmDay(options.now ?? new Date());
  const withMembers = await database.db
    .selectDistinct({ bodyId: memberships.bodyId })
    .from(memberships)
    .where(and(lte(memberships.startOn, day), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
  if (!withMembers.length) return { bodies: 0, meetings: 0 };
  const rows = await database.db
    .select()
    .from(bodies)
    .where(
      inArray(
        bodies.id,
        withMembers.map((b) => b.bodyId),
      ),
    )
    .orderBy(asc(bodies.sortKey))
    .limit(options.limit ?? 8);
  let count = 0;
  for (const body of rows) {
    const existing = await database.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.bodyId, body.id)).limit(1);
    if (existing.length) continue;
    count += await seedMeetingsForBody(database, config, body, options.now);
  }
  return { bodies: rows.length, meetings: count };
}

/** The meetings module's demo: a year of meetings for the bodies where the demo accounts sit. */
export const meetingsDemo: DemoStep = {
  name: 'meetings',
  async run({ database, config, now }) {
    const { meetings: count } = await seedMeetings(database, config, { now });
    return `${count} meetings`;
  },
};
