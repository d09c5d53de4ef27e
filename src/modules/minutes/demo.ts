import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { one } from '../../platform/db/rows.js';
import type { z } from 'zod';
import { configSchema, type Config } from '../../config.js';
import type { Database } from '../../platform/db/client.js';
import type { DemoStep } from '../../platform/modules.js';
import { execute, type CommandDef } from '../../platform/commands.js';
import { systemActor, type Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { addDays, today } from '../../platform/days.js';
import { bodies, memberships, type Body } from '../structure/schema.js';
import { personActor } from '../meetings/index.js';
import { stockholmDay } from '../../platform/time.js';
import { agendaItems, attendance, meetings, type Meeting } from '../meetings/schema.js';
import { itemsOf } from './queries/index.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { defaultDecisionText, isDecisionOutcome } from './decisions.js';
import { nextDecisionNumber } from './commands/common.js';
import { buildSnapshot } from './snapshot.js';
import { addAction, evaluateMeeting, saveHeader, saveItem, sendForApproval, startMinutes } from './commands/index.js';
import { evaluationsOf, foldEvaluations } from './queries/index.js';
import { actionItems, decisions, meetingEvaluations, minuteItems, minutes, minuteVersions, type MinuteItem, type MinuteOutcome } from './schema.js';

/*
 * Demo minutes for the demo meetings that have been held: presenters, notes, proposals and decisions per item (from the Chefsgrupp protocol of 13 November
 * 2020), conditions, the evaluation. Earlier meetings' minutes are approved (protocol) or
 * final (notes), with their locked version and digest, and published where the body is
 * public. The latest held meeting's minutes are written through the commands: one
 * decision item is tabled (so it is proposed for the next meeting), actions are open, and
 * a protocol waits for approval.
 */

interface ItemText {
  notes?: string;
  questions?: string;
  proposal?: string[];
  outcome?: MinuteOutcome;
  decisionText?: string;
  condition?: string;
  action?: string;
}

/** What the minutes say about an item, by its title. */
function textFor(title: string, who: string): ItemText {
  if (/öppnande/i.test(title)) return { notes: 'Ordföranden hälsar deltagarna välkomna. Upprop görs.', outcome: 'noted' };
  if (/dagordning/i.test(title)) return { outcome: 'approved', decisionText: 'Dagordningen godkänns.' };
  if (/föregående mötes/i.test(title)) return { outcome: 'filed', decisionText: 'Anteckningarna läggs till handlingarna.' };
  if (/covid/i.test(title))
    return {
      notes: 'Läget när det gäller konstaterad smitta har försämrats allmänt i länet.\n\nProvtagningen har svårt att svara upp mot behov. Frågan om snabbtest tas vidare till **Förstärkt samverkan**.',
      outcome: 'noted',
      action: 'Ta frågan om snabbtest vidare till Förstärkt samverkan',
    };
  if (/arbetsutskott|interna arbete/i.test(title))
    return {
      notes: 'Förslag att AU utökas till sex personer varav fyra utses av länsdelsgrupperna, en per länsdel.',
      proposal: ['AU får en ny sammansättning enligt förslag', 'AU ändrar arbetssätt enligt förslag'],
      outcome: 'approved',
      decisionText: `${who} godkänner förslaget.`,
      condition: 'Beslutet behöver förankras i länsdelsgrupperna.',
    };
  if (/kunskapsstyrning/i.test(title))
    return {
      notes: 'Den nuvarande överenskommelsen om samverkan i kunskapsstyrning behöver uppdateras.',
      questions: '- Hur är den lokala nivån delaktig i utvecklingen?',
      proposal: ['anta förslag till ny överenskommelse'],
      outcome: 'approved',
      decisionText: `${who} beslutar att godkänna förslaget till beslut.`,
    };
  if (/barn som anhöriga/i.test(title))
    return {
      questions: '- Barnrättsombudets roll\n- Förslag att göra en kartläggning',
      outcome: 'concluded_no_decision',
      decisionText: 'Frågan sammanfattas med att en kartläggning ska göras.',
    };
  if (/hälsoundersökningar/i.test(title))
    return { notes: 'IFO behöver få information om överenskommelsen.', outcome: 'noted', action: 'Bjud in till IFO-chefernas möte och informera om överenskommelsen' };
  if (/patientsäkerhet/i.test(title)) return { notes: 'Datum för konferensen föreslås.', outcome: 'approved', decisionText: `${who} godkänner förslag på datum.` };
  if (/övriga frågor/i.test(title)) return { notes: 'Inga övriga frågor.', outcome: 'noted' };
  if (/utvärdering/i.test(title)) return { notes: 'Se utvärderingen nedan.' };
  return { notes: 'Punkten diskuterades.', outcome: 'noted' };
}

const DRIVE = ['Bra diskussioner', 'Tydlig tidsatt agenda', 'Bra förberedelser'];
const HINDER = ['Lite tufft med så många timmar', 'Lång dag i cyberrymden'];

async function rolePeople(database: Database, body: Body, day: string) {
  return database.db
    .select({ personId: memberships.personId, role: memberships.role, name: people.name, email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, body.id), lt(memberships.startOn, addDays(day, 1))))
    .orderBy(asc(people.sortKey));
}

interface MeetingPeople {
  writer: Actor;
  secretary: { personId: string; name: string } | undefined;
  chair: { personId: string; name: string } | undefined;
  /** The body's chair, absent, in whose place `chair` chaired. */
  chairInPlaceOf: { personId: string; name: string } | undefined;
  adjuster: { personId: string; name: string } | undefined;
  owner: { personId: string; name: string } | undefined;
  present: { personId: string; name: string }[];
}

async function meetingPeople(database: Database, body: Body, meeting: Meeting): Promise<MeetingPeople> {
  const roles = await rolePeople(database, body, today(meeting.startsAt));
  const roll = await database.db
    .select({ personId: attendance.personId, name: people.name, status: attendance.status })
    .from(attendance)
    .innerJoin(people, eq(people.id, attendance.personId))
    .where(eq(attendance.meetingId, meeting.id));
  const present = roll.filter((p) => p.status === 'present').map((p) => ({ personId: p.personId!, name: p.name }));
  // The minutes never name an absent person as chair, adjuster or note taker (consistency.ts).
  const absent = new Set(roll.filter((p) => p.status === 'absent' || p.status === 'excused').map((p) => p.personId));
  const here = <T extends { personId: string }>(p: T | undefined) => (p && !absent.has(p.personId) ? p : undefined);
  const isPresent = (id: string) => present.some((p) => p.personId === id);
  const secretary = here(roles.find((r) => r.role === 'secretary')) ?? here(roles.find((r) => r.role === 'process_leader'));
  const bodyChair = roles.find((r) => r.role === 'chair');
  // An absent chair: the vice chair chairs in the chair's place when present, else a member present.
  const chair =
    here(bodyChair) ?? roles.find((r) => r.role === 'vice_chair' && isPresent(r.personId)) ?? roles.find((r) => r.role === 'member' && isPresent(r.personId) && r.personId !== secretary?.personId);
  return {
    writer: secretary ? personActor({ id: secretary.personId, name: secretary.name }) : systemActor('demo-seed'),
    secretary,
    chair,
    chairInPlaceOf: bodyChair && chair && bodyChair.personId !== chair.personId ? bodyChair : undefined,
    // An adjuster must have a role in the body (minutes/appointees.ts), not only be present.
    adjuster: present.find((p) => p.personId !== chair?.personId && p.personId !== secretary?.personId && roles.some((r) => r.personId === p.personId)),
    owner: roles.find((r) => r.email === 'ledamot@example.org') ?? roles.find((r) => r.role === 'member'),
    present,
  };
}

/** "Ann Andersson var ordförande i Bo Bergs ställe.": who chaired when the chair was absent. */
const standInText = (p: MeetingPeople) => (p.chairInPlaceOf && p.chair ? `${p.chair.name} var ordförande i ${p.chairInPlaceOf.name}s ställe.` : null);

const answersOf = (n: number) => Array.from({ length: n }, (_, i) => ({ forward: DRIVE[i] ?? null, hindered: HINDER[i] ?? null }));
const summaryOf = (n: number) => foldEvaluations(answersOf(n), { drive: 'Driv', hinder: 'Hinder' });

/**
 * An earlier meeting's minutes, written directly as they stand after approval (or after
 * the secretary finalised them): items, numbered decisions, the evaluation and the locked
 * version with its digest. Written in one transaction without the commands' notices, the
 * way the demo meetings themselves are written.
 */
async function writeEarlier(database: Database, body: Body, meeting: Meeting, p: MeetingPeople, now: Date): Promise<void> {
  const who = body.shortName ?? body.name;
  const approved = body.minutesKind === 'protocol' && (p.chair || p.adjuster);
  const lockedAt = new Date(Math.min(meeting.endsAt.getTime() + 5 * 24 * 3600_000, now.getTime()));
  await database.db.transaction(async (tx) => {
    const agenda = await tx.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).orderBy(asc(agendaItems.position));
    const m = one(
      await tx
        .insert(minutes)
        .values({
          meetingId: meeting.id,
          bodyId: body.id,
          structureId: body.structureId,
          kind: body.minutesKind,
          status: approved ? 'approved' : 'final',
          noteTakers: p.secretary ? [{ personId: p.secretary.personId, name: p.secretary.name }] : [],
          chairPersonId: p.chair?.personId ?? null,
          adjusterIds: p.adjuster ? [p.adjuster.personId] : [],
          evaluationSummary: p.present.length ? summaryOf(Math.min(2, p.present.length)) : null,
          preamble: standInText(p),
          lockedVersion: 1,
          publishedAt: body.isPublic ? lockedAt : null,
          distributedAt: lockedAt,
          createdAt: meeting.endsAt,
          updatedAt: lockedAt,
        })
        .returning(),
    );
    if (agenda.length) {
      await tx.insert(minuteItems).values(
        agenda.map((a) => {
          const text = textFor(a.title, who);
          return {
            minutesId: m.id,
            meetingId: meeting.id,
            agendaItemId: a.id,
            position: a.position,
            number: a.number,
            title: a.title,
            presenters: a.presenters,
            internal: a.internal,
            notes: text.notes ?? null,
            questions: text.questions ?? null,
            proposal: text.proposal ?? [],
            outcome: text.outcome ?? null,
            decisionText: text.decisionText ?? null,
            condition: text.condition ?? null,
            updatedAt: lockedAt,
          };
        }),
      );
    }
    const items = await itemsOf(tx, m.id);
    const decidedOn = stockholmDay(meeting.startsAt);
    const year = Number(decidedOn.slice(0, 4));
    let number = (await nextDecisionNumber(tx, body.id, year)) - 1;
    for (const item of items.filter((i) => isDecisionOutcome(i.outcome))) {
      const decision = one(
        await tx
          .insert(decisions)
          .values({
            bodyId: body.id,
            structureId: body.structureId,
            year,
            number: ++number,
            meetingId: meeting.id,
            minuteItemId: item.id,
            decidedOn,
            title: item.title,
            outcome: item.outcome!,
            text: item.decisionText ?? defaultDecisionText(body, item.outcome!, item.proposal),
            clauses: item.proposal,
            condition: item.condition,
            followUpStatus: item.condition ? 'done' : 'none',
          })
          .returning(),
      );
      if (item.condition) {
        await tx
          .insert(actionItems)
          .values({ bodyId: body.id, meetingId: meeting.id, minuteItemId: item.id, decisionId: decision.id, title: item.condition, fromCondition: true, status: 'done', doneAt: lockedAt });
      }
    }
    if (p.present.length) {
      await tx
        .insert(meetingEvaluations)
        .values(answersOf(Math.min(2, p.present.length)).map((a, i) => ({ meetingId: meeting.id, personId: p.present[i]!.personId, forward: a.forward, hindered: a.hindered })));
    }
    const canonical = canonicalJson(await buildSnapshot(tx, meeting, m, { body }));
    const at = lockedAt.toISOString();
    await tx.insert(minuteVersions).values({
      minutesId: m.id,
      number: 1,
      status: approved ? 'approved' : 'final',
      canonical,
      sha256: sha256Hex(canonical),
      approvers: approved
        ? [
            p.chair ? { personId: p.chair.personId, name: p.chair.name, role: 'chair' as const, at } : null,
            p.adjuster ? { personId: p.adjuster.personId, name: p.adjuster.name, role: 'adjuster' as const, at } : null,
          ].filter((a): a is NonNullable<typeof a> => !!a)
        : p.secretary
          ? [{ personId: p.secretary.personId, name: p.secretary.name, role: 'secretary' as const, at }]
          : [],
      lockedBy: p.secretary?.personId ?? null,
      lockedAt,
    });
  });
}

/**
 * The latest meeting's minutes, written through the commands as a secretary would: every
 * item, one decision item tabled (it is proposed for the next meeting), open actions, the
 * attendees' evaluation folded in, and a protocol sent for approval.
 */
async function writeLatest(database: Database, config: Config, body: Body, meeting: Meeting, p: MeetingPeople, now: Date): Promise<void> {
  // The secretary writes the minutes in the days after the meeting (or now, for a meeting just held).
  const at = new Date(Math.min(meeting.endsAt.getTime() + 2 * 24 * 3600_000, now.getTime()));
  const run = <S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>) => execute({ database, config }, actor, def, input, { now: at });
  const db = database.db;
  const who = body.shortName ?? body.name;
  const m = await run(p.writer, startMinutes, { meetingId: meeting.id });
  const items = await itemsOf(db, m.id);
  const tabled: MinuteItem | undefined =
    items.find((i) => /kunskapsstyrning|arbetsutskott|interna arbete/i.test(i.title)) ?? items.find((i) => textFor(i.title, who).outcome === 'approved' && !/dagordning/i.test(i.title));
  for (const item of items) {
    const text = textFor(item.title, who);
    const input =
      item.id === tabled?.id
        ? { ...text, outcome: 'tabled' as const, decisionText: 'Ärendet bordläggs till nästa möte.', condition: undefined, action: 'Komplettera underlaget inför nästa möte' }
        : text;
    const { action, ...fields } = input;
    await run(p.writer, saveItem, { itemId: item.id, version: item.version, ...fields });
    if (action) {
      await run(p.writer, addAction, { meetingId: meeting.id, minuteItemId: item.id, title: action, ownerPersonId: p.owner?.personId, dueOn: addDays(today(now), 30) });
    }
  }
  for (const [i, person] of p.present.slice(0, 3).entries()) {
    await run(personActor({ id: person.personId, name: person.name }), evaluateMeeting, { meetingId: meeting.id, forward: DRIVE[i], hindered: HINDER[i] });
  }
  const answers = await evaluationsOf(db, meeting.id);
  const [fresh] = await db.select().from(minutes).where(eq(minutes.id, m.id));
  await run(p.writer, saveHeader, {
    meetingId: meeting.id,
    version: fresh!.version,
    noteTakerIds: p.secretary ? [p.secretary.personId] : [],
    chairPersonId: p.chair?.personId,
    adjusterIds: p.adjuster ? [p.adjuster.personId] : [],
    preamble: standInText(p) ?? undefined,
    evaluationSummary: foldEvaluations(
      answers.map((a) => a.e),
      { drive: 'Driv', hinder: 'Hinder' },
    ),
  });
  if (fresh!.kind === 'protocol' && (p.chair || p.adjuster)) await run(p.writer, sendForApproval, { meetingId: meeting.id });
}

/**
 * Minutes for every held demo meeting without minutes. Run after the meetings are seeded;
 * does nothing without held meetings.
 */
export async function seedMinutes(database: Database, config: Config = configSchema.parse({}), options: { now?: Date } = {}): Promise<{ minutes: number }> {
  const now = options.now ?? new Date();
  const held = await database.db
    .select({ meeting: meetings })
    .from(meetings)
    .leftJoin(minutes, eq(minutes.meetingId, meetings.id))
    .where(and(eq(meetings.status, 'held'), lt(meetings.endsAt, now)))
    .orderBy(asc(meetings.bodyId), asc(meetings.startsAt));
  const taken = new Set((await database.db.select({ meetingId: minutes.meetingId }).from(minutes)).map((r) => r.meetingId));
  const todo = held.map((h) => h.meeting).filter((mt) => !taken.has(mt.id));
  if (!todo.length) return { minutes: 0 };
  const bodyRows = await database.db
    .select()
    .from(bodies)
    .where(inArray(bodies.id, [...new Set(todo.map((mt) => mt.bodyId))]));
  const bodyById = new Map(bodyRows.map((b) => [b.id, b]));
  let count = 0;
  for (const meeting of todo) {
    const body = bodyById.get(meeting.bodyId)!;
    const latest = !todo.some((other) => other.bodyId === meeting.bodyId && other.startsAt.getTime() > meeting.startsAt.getTime());
    const p = await meetingPeople(database, body, meeting);
    if (latest) await writeLatest(database, config, body, meeting, p, now);
    else await writeEarlier(database, body, meeting, p, now);
    count++;
  }
  return { minutes: count };
}

/** The minutes module's demo: minutes of every held meeting, approved and locked but for the latest of each body. */
export const minutesDemo: DemoStep = {
  name: 'minutes',
  async run({ database, config, now }) {
    const { minutes: count } = await seedMinutes(database, config, { now });
    return `minutes of ${count} held meetings`;
  },
};
