import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/client.js';
import type { DemoStep } from '../../platform/modules.js';
import { execute, type CommandDef } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { bodies, principals, structureCategories, structurePrincipals, structures, type Body } from '../structure/schema.js';
import { meetings, type Meeting } from '../meetings/schema.js';
import {
  addActivity,
  appointWorkingGroup,
  issueDirective,
  raiseCase,
  recordAdoption,
  recordAnchoring,
  recordStatusReport,
  rollActivityPlan,
  sendImplementationNotice,
  transitionCase,
} from './commands/index.js';
import type { Case } from './schema.js';
import type { CaseState, TransitionName } from './flow.js';
import { addDays, addMonths, today } from '../../platform/days.js';
import { randomUUID } from 'node:crypto';
import { meetingUid, seedMeetingsForBody } from '../meetings/index.js';
import { stockholmDay, stockholmInstant } from '../../platform/time.js';
import { nearestWeekday, workingDay, workingDayFrom } from '../../platform/demo/dates.js';
import { seedMinutes } from '../minutes/index.js';

/*
 * Demo cases in every state of the flow, built through the module's commands so that the
 * history, the activity plan, the notices and the audit trail are what use would leave:
 * SAMS (Örebro) handles most, the Chefsgrupp decides what SAMS prepares for it, and
 * SAMLA's Samordningsgrupp has a recommendation adopted by two of its three principals.
 */

const DAY = 24 * 3600_000;

interface Ctx {
  database: Database;
  config: Config;
  now: Date;
}

const actorOf = (p: { id: string; name: string }): Actor => ({ kind: 'person', personId: p.id, name: p.name, isAdmin: false, via: 'session' });

async function person(database: Database, email: string) {
  const [p] = await database.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.email, email));
  if (!p) throw new Error(`Demo account missing: ${email}`);
  return p;
}

async function bodyBySlug(database: Database, structureSlug: string, slug: string): Promise<Body | undefined> {
  const [row] = await database.db
    .select({ b: bodies })
    .from(bodies)
    .innerJoin(structures, eq(structures.id, bodies.structureId))
    .where(and(eq(structures.slug, structureSlug), eq(bodies.slug, slug)));
  return row?.b;
}

/** Every region and municipality of a structure gets a registrar's address when it has no list. */
async function ensureDistributionLists(database: Database, structureId: string) {
  const rows = await database.db
    .select({ id: principals.id, name: principals.name, kind: principals.kind, list: principals.distributionList })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(eq(structurePrincipals.structureId, structureId));
  for (const p of rows) {
    if (p.list.length || p.kind === 'other') continue;
    const slug = p.name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z]+/g, '-')
      .replace(/^-|-$/g, '');
    await database.db
      .update(principals)
      .set({ distributionList: [`registrator@${slug}.example.org`] })
      .where(eq(principals.id, p.id));
  }
}

/** The body's meetings: the last held one before now and the next ones after it. */
async function meetingsOf(database: Database, bodyId: string, now: Date) {
  const past = await database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), lt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt));
  const coming = await database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), gt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt));
  return { past, coming };
}

/*
 * The demo's cases are told with their dates: raised weeks or months ago, scheduled before
 * the meeting that decides them, decided at it, worked on and reported at the meetings that
 * follow. Each case's steps are collected with their instants and then all of them run in
 * time order (each command with its instant as `now`), so that the history, the plan of
 * each year and the numbering come out as if people had done it on those days.
 */

/** "1 oktober": the first day of the month after the instant's, in Swedish. */
function firstOfNextMonth(at: Date): string {
  const first = stockholmInstant(`${addMonths(stockholmDay(at), 1).slice(0, 8)}01`, '12:00');
  return `1 ${new Intl.DateTimeFormat('sv-SE', { month: 'long', timeZone: 'Europe/Stockholm' }).format(first)}`;
}

interface Step {
  at: Date;
  seq: number;
  run: (at: Date) => Promise<unknown>;
}

/** Dated steps of many stories, run in time order (steps at the same instant in the order told). */
class Timeline {
  private readonly steps: Step[] = [];
  constructor(readonly now: Date) {}

  /** A step at `at`; a step the story would put later than now happens now. */
  add(at: Date, run: (at: Date) => Promise<unknown>): void {
    const when = at.getTime() > this.now.getTime() ? this.now : at;
    this.steps.push({ at: when, seq: this.steps.length, run });
  }

  earliest(): Date | undefined {
    return this.steps.reduce<Date | undefined>((min, s) => (!min || s.at < min ? s.at : min), undefined);
  }

  async play(): Promise<void> {
    const ordered = [...this.steps].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    for (const s of ordered) await s.run(s.at);
  }
}

/** One case's story: its steps in the order they happen (sorted by instant when told). */
class Story {
  kase!: Case;
  private readonly steps: { at: Date; run: (at: Date) => Promise<unknown> }[] = [];
  constructor(readonly raisedAt: Date) {}
  add(at: Date, run: (at: Date) => Promise<unknown>): this {
    this.steps.push({ at, run });
    return this;
  }
  tell(timeline: Timeline): void {
    const ordered = this.steps.map((s, i) => ({ ...s, i })).sort((a, b) => a.at.getTime() - b.at.getTime() || a.i - b.i);
    for (const s of ordered) timeline.add(s.at, s.run);
  }
}

async function seedCases(database: Database, config: Config, options: { now?: Date } = {}): Promise<{ cases: number }> {
  const now = options.now ?? new Date();
  const ctx: Ctx = { database, config, now };
  const run = <S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>, at: Date = now) => execute({ database, config }, actor, def, input, { now: at });
  const sams = await bodyBySlug(database, 'orebro', 'sams');
  const chefsgrupp = await bodyBySlug(database, 'orebro', 'chefsgrupp');
  if (!sams || !chefsgrupp) return { cases: 0 };
  await ensureDistributionLists(database, sams.structureId);

  // SAMS meets at least twice a term: its year of meetings, unless the meetings demo made them.
  const [{ n }] = (await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetings)
    .where(eq(meetings.bodyId, sams.id))) as [{ n: number }];
  if (Number(n) === 0) await seedMeetingsForBody(database, config, sams, now);

  const sara = actorOf(await person(database, 'sekreterare@example.org'));
  const elin = actorOf(await person(database, 'ledamot@example.org'));
  const fatima = actorOf(await person(database, 'sammankallande@example.org'));
  const karin = actorOf(await person(database, 'ordforande@example.org'));
  const lina = await person(database, 'adjungerad@example.org');
  const samsMeetings = await meetingsOf(database, sams.id, now);
  const held = samsMeetings.past;
  const next = samsMeetings.coming[0];
  /** SAMS's k-th last held meeting (1 = the last one). */
  const m = (k: number): Meeting => (held[held.length - k] ?? held[0] ?? next)!;
  const goal = await database.db.select().from(structureCategories).where(eq(structureCategories.structureId, sams.structureId)).orderBy(asc(structureCategories.position));
  const medical = goal.find((g) => g.name === 'Medicinska frågor i samverkan')?.id;
  const nearCare = goal.find((g) => g.name === 'Nära vård')?.id;
  const ps = await database.db
    .select({ id: principals.id, name: principals.name })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(eq(structurePrincipals.structureId, sams.structureId))
    .orderBy(asc(principals.sortKey));
  const pid = (name: string) => ps.find((p) => p.name === name)!.id;

  // When things happen: office hours on working days, relative to SAMS's meetings or to today.
  const onDay = (day: string, time: string) => stockholmInstant(workingDay(day), time);
  const around = (meeting: Meeting, days: number, time: string) => onDay(addDays(stockholmDay(meeting.startsAt), days), time);
  const during = (meeting: Meeting, minutes: number) => new Date(meeting.startsAt.getTime() + minutes * 60_000);
  const ago = (days: number, time: string) => onDay(addDays(today(now), -days), time);
  /** The chair of the Chefsgrupp holds the office from the start of this year. */
  const chairSince = stockholmInstant(workingDayFrom(`${today(now).slice(0, 4)}-01-02`), '10:00');

  const timeline = new Timeline(now);
  const stories: Story[] = [];
  const step = (s: Story, at: Date, name: TransitionName, input: Record<string, unknown> = {}, actor = sara) =>
    s.add(at, (when) => run(actor, transitionCase, { caseId: s.kase.id, transition: name, ...input }, when));
  const raise = (raisedAt: Date, title: string, description: string, by = elin, extra: Record<string, unknown> = {}) => {
    const s = new Story(raisedAt);
    s.add(raisedAt, async (when) => {
      s.kase = await run(by, raiseCase, { bodyId: sams.id, title, description, categoryIds: [medical, nearCare].filter(Boolean) as string[], ...extra }, when);
    });
    stories.push(s);
    return s;
  };
  /** A status report at each of SAMS's held meetings after `from` and before `until`; returns how many. */
  const reportAtMeetings = (s: Story, from: Date, until: Date, text: string) => {
    const at = held.filter((mt) => mt.startsAt > from && mt.startsAt < until);
    for (const mt of at) s.add(during(mt, 20), (when) => run(fatima, recordStatusReport, { caseId: s.kase.id, meetingId: mt.id, status: 'green', text }, when));
    return at.length;
  };

  interface WalkDates {
    /** The meeting that puts the case on its agenda and decides to handle it. */
    meeting: Meeting;
    group?: Date;
    directive?: Date;
    anchoring?: Date;
    /** When the case leaves the states that report (reports are due at meetings until then). */
    until?: Date;
  }

  /** Walks a case along the main path up to (and including) the state, on the given dates. */
  const walk = (s: Story, target: CaseState, dates: WalkDates, options: { medical?: boolean; answers?: string[]; reports?: boolean } = {}) => {
    const path: CaseState[] = ['on_agenda', 'accepted', 'working_group', 'assigned', 'in_progress', 'anchoring'];
    const beyond = (state: CaseState) => path.indexOf(state) < path.indexOf(target) || !path.includes(target);
    const meeting = dates.meeting;
    step(s, around(meeting, -12, '10:15'), 'schedule', { meetingId: meeting.id });
    if (target === 'on_agenda') return;
    step(s, during(meeting, 30), 'accept', { note: 'SAMS beslutar att hantera frågan vidare.' });
    if (target === 'accepted') return;
    s.add(dates.group!, (when) =>
      run(
        sara,
        appointWorkingGroup,
        {
          caseId: s.kase.id,
          convenorPersonId: fatima.kind === 'person' ? fatima.personId : '',
          memberPersonIds: [elin.kind === 'person' ? elin.personId : ''],
          adjuncts: [{ personId: lina.id, reason: 'Apotekare, läkemedelsfrågor under uppdraget' }],
        },
        when,
      ),
    );
    if (target === 'working_group') return;
    s.add(dates.directive!, (when) =>
      run(
        sara,
        issueDirective,
        {
          caseId: s.kase.id,
          shortDescription: `Ta fram en gemensam rutin: ${s.kase.title.toLowerCase()}.`,
          background: s.kase.description ?? 'Frågan har lyfts av medlemmar i SAMS.',
          purpose: 'En patientsäker och likvärdig vård i hela länet.',
          goals: 'Rutinen är beslutad före slutdatumet och känd av minst 90 % av sjuksköterskorna i kommunerna och på vårdcentralerna ett halvår efter införandet.',
          expectedResult: 'En medicinsk rutin i regionens mall, med kommunikations- och implementeringsplan.',
          resultManagement: 'Rutinen förvaltas av SAMS och revideras vartannat år.',
          organisation: 'Arbetsgruppen med sammankallande från SAMS; apotekare adjungerad.',
          timeline: 'Kunskapsunderlag inom två månader, utkast till rutin inom fyra, förankring därefter.',
          endDate: addDays(today(now), 240),
          followUp: 'Uppföljning ett halvår efter införandet, med avvikelser och en enkät till verksamheterna.',
          resources: 'Arbetstid för deltagarna; inga särskilda medel.',
          medicalSteps: options.medical ? { knowledge: true, routine: true, communication: true, implementationPlan: true, followUp: true } : {},
          reportAtMeetings: true,
          reportDates: [],
        },
        when,
      ),
    );
    if (target === 'assigned') return;
    // The working group reports at every meeting of its assignment; the first report starts the work.
    if (options.reports !== false) {
      const firstUntil = dates.anchoring ?? dates.until ?? now;
      const reported = reportAtMeetings(s, dates.directive!, dates.until ?? now, 'Arbetet går enligt plan: kunskapsunderlaget är sammanställt och rutinen skrivs.');
      const early = held.some((mt) => mt.startsAt > dates.directive! && mt.startsAt < firstUntil);
      if (!reported || !early) {
        const between = new Date(Math.min(dates.directive!.getTime() + 14 * DAY, firstUntil.getTime() - 3600_000));
        s.add(between, (when) => run(fatima, recordStatusReport, { caseId: s.kase.id, status: 'green', text: 'Kunskapsunderlaget är sammanställt; rutinen skrivs nu.' }, when));
      }
    }
    if (!beyond('in_progress')) return;
    const opened = dates.anchoring!;
    step(s, opened, 'startAnchoring');
    for (const [i, name] of (options.answers ?? ps.map((p) => p.name)).entries()) {
      s.add(new Date(onDay(addDays(stockholmDay(opened), 3 + 2 * i), '11:00').getTime() + i * 5 * 60_000), (when) =>
        run(
          name === 'Örebro kommun' ? elin : sara,
          recordAnchoring,
          {
            caseId: s.kase.id,
            principalId: pid(name),
            position: name === 'Kumla kommun' ? 'supports_with_changes' : 'supports',
            feedback: `Återkoppling från ${name}: ${name === 'Kumla kommun' ? 'tillstyrks med ett förtydligande om delegering.' : 'tillstyrks.'}`,
          },
          when,
        ),
      );
    }
  };

  // Raised, not yet on an agenda.
  raise(
    ago(9, '14:10'),
    'Insulinbehandling för personer med demens i ordinärt boende',
    'Hemsjukvården får fler uppdrag om insulinbehandling för personer med demens. Ansvaret mellan vårdcentral och kommun behöver klargöras.',
  );
  // On the agenda of the next meeting.
  const onAgenda = raise(ago(24, '09:40'), 'Läkemedelsförråd i särskilt boende – gemensam rutin', 'Olika rutiner för akutläkemedelsförråd i länets kommuner; en gemensam rutin efterfrågas.', fatima);
  if (next) step(onAgenda, ago(5, '15:20'), 'schedule', { meetingId: next.id });
  // Yes, but waiting.
  const waiting = raise(around(m(1), -40, '13:30'), 'Intravenös antibiotikabehandling i hemmet', 'Frågan om att ge intravenös antibiotika i ordinärt boende har kommit från flera kommuner.', elin, {
    newMedicalTask: true,
  });
  walk(waiting, 'on_agenda', { meeting: m(1) });
  step(waiting, during(m(1), 60), 'defer', { note: 'Tas upp när arbetet med subkutan vätska är klart.' });
  // No, with an answer.
  const returned = raise(around(m(1), -33, '10:05'), 'Ändrad ansvarsfördelning för hjälpmedel', 'Förslag om att kommunerna tar över förskrivningen av vissa hjälpmedel.');
  walk(returned, 'on_agenda', { meeting: m(1) });
  step(returned, during(m(1), 90), 'reject', {
    message: 'Frågan hör inte till SAMS uppdrag: ansvarsfördelningen för hjälpmedel regleras i länets hjälpmedelsavtal. Lyft den i hjälpmedelsnämnden.',
  });
  // Withdrawn by the raiser.
  const withdrawn = raise(ago(62, '08:50'), 'Provtagning av covid-19 i hemtjänsten', 'Fråga om vem som tar prover i hemtjänsten.');
  step(withdrawn, ago(47, '16:05'), 'withdraw', { note: 'Löst genom regionens nya provtagningsrutin.' }, elin);
  // Accepted; working group; assignment issued.
  walk(raise(around(m(1), -30, '11:20'), 'Brytpunktssamtal i palliativ vård', 'Gemensamt stöd för brytpunktssamtal mellan vårdcentral och kommunal hemsjukvård.'), 'accepted', {
    meeting: m(1),
  });
  walk(raise(around(m(1), -45, '14:45'), 'Nutritionsbehandling via PEG i hemmet', 'Ansvar och rutiner för sondnäring i ordinärt boende.'), 'working_group', {
    meeting: m(1),
    group: around(m(1), 8, '10:00'),
  });
  walk(raise(around(m(2), -28, '09:15'), 'Syrgasbehandling i hemmet', 'Förskrivning, uppföljning och brandsäkerhet vid syrgas i hemmet.'), 'assigned', {
    meeting: m(2),
    group: around(m(2), 8, '10:00'),
    directive: around(m(1), 5, '13:00'),
  });

  // In progress, with one report given and one overdue (the directive dates from before two held meetings).
  const vatska = raise(
    around(m(3), -25, '10:40'),
    'Subkutan vätskebehandling i hemmet',
    'Rutin saknas för när kommunens sjuksköterskor kan ge vätska subkutant i hemmet, på läkarordination från vårdcentralen.',
    elin,
    { newMedicalTask: true },
  );
  walk(vatska, 'assigned', { meeting: m(3), group: around(m(3), 9, '10:00'), directive: around(m(2), -7, '13:00') }, { medical: true });
  vatska.add(during(m(2), 20), (when) =>
    run(fatima, recordStatusReport, { caseId: vatska.kase.id, meetingId: m(2).id, status: 'yellow', text: 'Utkastet till rutin är försenat: läkemedelskommitténs synpunkter väntas.' }, when),
  );

  // Anchoring: two principals have not answered yet.
  const anchoring = raise(around(m(4), -22, '13:10'), 'Blodtrycksmätning i hemsjukvården – gemensam riktlinje', 'Olika rutiner för blodtrycksmätning och rapportering till vårdcentralen.');
  walk(
    anchoring,
    'anchoring',
    { meeting: m(4), group: around(m(4), 8, '10:00'), directive: around(m(4), 20, '13:00'), anchoring: around(m(2), 2, '09:30') },
    { answers: ['Region Örebro län', 'Örebro kommun', 'Kumla kommun', 'Hallsbergs kommun'] },
  );
  // Prepared for the Chefsgrupp (on its next agenda).
  const prepared = raise(around(m(4), -30, '15:00'), 'Läkemedelsgenomgångar i särskilt boende', 'En gemensam riktlinje kräver beslut av huvudmännen: prepareras för Chefsgruppen.');
  walk(prepared, 'anchoring', { meeting: m(4), group: around(m(4), 9, '10:00'), directive: around(m(4), 22, '13:00'), anchoring: around(m(3), 3, '09:30') });
  step(prepared, during(m(1), 45), 'escalate', { note: 'Riktlinjen kräver beslut av huvudmännen.' });
  // No change, communicated to those concerned.
  const noChange = raise(around(m(3), -20, '08:55'), 'Rutin för katetervård – översyn', 'Översyn av den gemensamma rutinen för KAD i hemmet.');
  walk(noChange, 'in_progress', { meeting: m(3), group: around(m(3), 9, '10:00'), directive: around(m(3), 20, '13:00'), until: during(m(1), 40) });
  step(noChange, during(m(1), 40), 'concludeNoChange', {
    message: 'Översynen visar att nuvarande rutin för katetervård fungerar. Arbetssätten ändras inte; rutinen gäller som förut.',
  });
  // Implementation decided by the Chefsgrupp; the notice is still to be sent.
  const implementation = raise(around(m(4), -25, '10:25'), 'Hantering av läkemedel vid korttidsvistelse', 'Ordination och överlämning av läkemedel när en person flyttar till korttidsboende.');
  walk(implementation, 'anchoring', { meeting: m(4), group: around(m(4), 8, '10:30'), directive: around(m(4), 21, '13:30'), anchoring: around(m(3), 5, '09:30') });
  const escalated = during(m(2), 45);
  step(implementation, escalated, 'escalate');
  // The Chefsgrupp decides at its first meeting after that (its chair from this year), or lately by e-mail.
  const chefsHeld = (await meetingsOf(database, chefsgrupp.id, now)).past.find((mt) => mt.startsAt.getTime() > escalated.getTime() + DAY && mt.startsAt >= chairSince);
  const implemented = { note: 'Chefsgruppen beslutar att riktlinjen införs i hela länet.' };
  if (chefsHeld) step(implementation, during(chefsHeld, 40), 'implement', { ...implemented, meetingId: chefsHeld.id }, karin);
  else step(implementation, new Date(Math.max(ago(8, '10:00').getTime(), chairSince.getTime(), escalated.getTime() + DAY)), 'implement', implemented, karin);
  // Follow-up: the notice went to every principal at once.
  const followUp = raise(around(m(4), -35, '14:00'), 'Vaccination i särskilt boende', 'Gemensam rutin för vaccination av boende mot influensa och covid-19.');
  // The notice goes out a few days after the decision; the follow-up starts once it has.
  const noticed = around(m(2), 5, '10:00');
  const followedUp = new Date(noticed.getTime() + 3 * 3600_000);
  walk(followUp, 'anchoring', { meeting: m(4), group: around(m(4), 7, '10:00'), directive: around(m(4), 18, '13:00'), anchoring: around(m(3), 4, '09:30'), until: followedUp });
  step(followUp, during(m(2), 45), 'implement', { note: 'Ingen fråga för huvudmännen: SAMS beslutar om införandet.' });
  followUp.add(noticed, (when) =>
    run(
      sara,
      sendImplementationNotice,
      {
        caseId: followUp.kase.id,
        text: `Den gemensamma rutinen för vaccination i särskilt boende gäller från och med ${firstOfNextMonth(noticed)} i alla kommuner och på alla vårdcentraler i länet. Rutinen finns i den gemensamma arbetsytan.`,
      },
      when,
    ),
  );
  step(followUp, followedUp, 'followUp');
  // Closed after follow-up and evaluation.
  const closed = raise(around(m(4), -40, '09:05'), 'Egenvårdsbedömning – gemensam riktlinje', 'Riktlinje för bedömning av egenvård enligt lagen om egenvård.');
  const closedNoticed = around(m(3), 3, '10:00');
  const closedFollowUp = new Date(closedNoticed.getTime() + 3 * 3600_000);
  walk(closed, 'anchoring', { meeting: m(4), group: around(m(4), 6, '10:00'), directive: around(m(4), 14, '13:00'), anchoring: around(m(4), 16, '09:30'), until: closedFollowUp });
  step(closed, during(m(3), 45), 'implement');
  closed.add(closedNoticed, (when) => run(sara, sendImplementationNotice, { caseId: closed.kase.id, text: 'Riktlinjen för egenvårdsbedömning gäller nu i hela länet.' }, when));
  step(closed, closedFollowUp, 'followUp');
  step(closed, during(m(1), 100), 'close', { evaluation: 'Uppföljningen visar att riktlinjen används i alla kommuner; två avvikelser har rapporterats och hanterats.' });

  for (const s of stories) s.tell(timeline);
  // A secretary carries the plan's unfinished lines into the new year on its first working day.
  const year = Number(today(now).slice(0, 4));
  const first = timeline.earliest();
  if (first && first < stockholmInstant(`${year}-01-01`, '00:00')) {
    timeline.add(stockholmInstant(workingDayFrom(`${year}-01-02`), '08:30'), (when) => run(sara, rollActivityPlan, { bodyId: sams.id, fromYear: year - 1 }, when));
  }
  await timeline.play();
  const count = stories.length;

  // Other activities in SAMS's plan: one of them already late.
  await run(sara, addActivity, {
    bodyId: sams.id,
    year,
    title: 'Årlig rapport till Chefsgruppen om ärenden och faser',
    goalAreaId: medical,
    ownerName: 'Sara Lindgren',
    startOn: `${year}-01-01`,
    endOn: addDays(today(now), -10),
    status: 'red',
  });
  await run(sara, addActivity, {
    bodyId: sams.id,
    year,
    title: 'Fysiskt möte med kontaktytorna',
    goalAreaId: nearCare,
    ownerName: 'Sara Lindgren',
    startOn: addDays(today(now), 30),
    endOn: addDays(today(now), 60),
    status: 'not_started',
  });

  // SAMLA: a recommendation to the principals, adopted by two of three.
  return { cases: count + (await seedSamla(ctx)) };
}

async function seedSamla({ database, config, now }: Ctx): Promise<number> {
  const sg = await bodyBySlug(database, 'samla', 'samordningsgruppen');
  if (!sg) return 0;
  await ensureDistributionLists(database, sg.structureId);
  const mikael = actorOf(await person(database, 'processledare@example.org'));
  const run = <S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>, at: Date) => execute({ database, config }, actor, def, input, { now: at });
  let [held] = await database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, sg.id), lt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  if (!held) {
    // The Samordningsgrupp's last meeting, registered as held (the meetings demo plans other bodies): a Tuesday four weeks ago.
    const id = randomUUID();
    const startsAt = stockholmInstant(nearestWeekday(addDays(today(now), -28), 2), '09:00');
    [held] = await database.db
      .insert(meetings)
      .values({
        id,
        uid: meetingUid(id, config.PUBLIC_URL),
        bodyId: sg.id,
        structureId: sg.structureId,
        title: sg.shortName ?? sg.name,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
        format: 'digital',
        link: 'https://meet.example.org/samla',
        status: 'held',
        registeredAfterwards: true,
      })
      .returning();
  }
  const meeting = held!;
  const meetingDay = stockholmDay(meeting.startsAt);
  /**
   * A working day `days` after the meeting (before it when negative), after the step before
   * (two steps the weekend puts on the same Monday follow each other), never later than now.
   */
  let last = 0;
  const at = (days: number, time: string) => {
    const planned = stockholmInstant(workingDay(addDays(meetingDay, days)), time).getTime();
    last = Math.min(Math.max(planned, last + 15 * 60_000), now.getTime());
    return new Date(last);
  };
  const kase = await run(
    mikael,
    raiseCase,
    {
      bodyId: sg.id,
      title: 'Gemensam rutin för samordnad individuell plan (SIP)',
      description: 'En gemensam rutin för SIP i Lerum och Alingsås, som rekommenderas till huvudmännen för beslut i respektive nämnd.',
    },
    at(-40, '10:30'),
  );
  const ps = await database.db
    .select({ id: principals.id, name: principals.name })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(eq(structurePrincipals.structureId, sg.structureId));
  const step = (name: TransitionName, when: Date, input: Record<string, unknown> = {}) => run(mikael, transitionCase, { caseId: kase.id, transition: name, ...input }, when);
  await step('schedule', at(-14, '09:00'), { meetingId: meeting.id });
  last = meeting.startsAt.getTime() + 30 * 60_000;
  await step('accept', new Date(last));
  const day = stockholmDay(at(7, '10:00'));
  const people = await database.db.execute(sql`select person_id from memberships where body_id = ${sg.id} and (end_on is null or end_on >= ${day}) and start_on <= ${day} limit 2`);
  const ids = (people.rows as { person_id: string }[]).map((r) => r.person_id);
  await run(mikael, appointWorkingGroup, { caseId: kase.id, convenorPersonId: ids[0]!, memberPersonIds: ids.slice(1) }, at(7, '10:00'));
  await run(
    mikael,
    issueDirective,
    {
      caseId: kase.id,
      shortDescription: 'Ta fram en gemensam SIP-rutin.',
      background: 'Rutinerna skiljer sig mellan kommunerna.',
      purpose: 'Likvärdig samordning för den enskilde.',
      goals: 'Rutinen är antagen av alla huvudmän inom ett år.',
      expectedResult: 'En gemensam rutin.',
      resultManagement: 'Samordningsgruppen förvaltar rutinen.',
      organisation: 'Temagruppernas sammankallande.',
      timeline: 'Förslag inom sex månader.',
      endDate: addDays(today(now), 200),
      followUp: 'Uppföljning efter ett år.',
      resources: 'Inga särskilda.',
      reportAtMeetings: true,
    },
    at(8, '13:00'),
  );
  await run(mikael, recordStatusReport, { caseId: kase.id, status: 'green', text: 'Förslaget är klart.' }, at(12, '11:00'));
  await step('startAnchoring', at(13, '09:00'));
  for (const [i, p] of ps.entries()) await run(mikael, recordAnchoring, { caseId: kase.id, principalId: p.id, position: 'supports', feedback: 'Tillstyrks.' }, at(14 + i, '14:00'));
  await step('recommend', at(14 + ps.length, '15:00'), { note: 'Samordningsgruppen rekommenderar huvudmännen att anta rutinen.' });
  const decided = [
    { name: 'Västra Götalandsregionen', committee: 'Västra hälso- och sjukvårdsnämnden', reference: 'HSNV 2026-00123', days: 20 },
    { name: 'Lerums kommun', committee: 'Socialnämnden i Lerums kommun', reference: 'SN 2026/45 § 12', days: 23 },
  ];
  for (const d of decided) {
    const p = ps.find((x) => x.name === d.name);
    const when = at(d.days, '16:00');
    if (p) await run(mikael, recordAdoption, { caseId: kase.id, principalId: p.id, status: 'adopted', committee: d.committee, decidedOn: stockholmDay(when), reference: d.reference }, when);
  }
  return 1;
}

/** The cases module's demo: cases in every state, and minutes of the meetings the cases demo holds. */
export const casesDemo: DemoStep = {
  name: 'cases',
  async run({ database, config, now }) {
    const { cases: count } = await seedCases(database, config, { now });
    // SAMS's year and the Samordningsgrupp's last meeting are held meetings too: they get minutes.
    const { minutes: more } = await seedMinutes(database, config, { now });
    return `${count} cases (and minutes of ${more} more held meetings)`;
  },
};
