import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/client.js';
import type { DemoStep } from '../../platform/modules.js';
import { execute, type CommandDef } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import { bodies, principals, structureCategories, structurePrincipals, structures, type Body } from '../structure/schema.js';
import { meetings } from '../meetings/schema.js';
import { addActivity, appointWorkingGroup, issueDirective, raiseCase, recordAdoption, recordAnchoring, recordStatusReport, sendImplementationNotice, transitionCase } from './commands/index.js';
import { caseDirectives, type Case } from './schema.js';
import type { CaseState, TransitionName } from './flow.js';
import { addDays, today } from '../../platform/days.js';
import { randomUUID } from 'node:crypto';
import { meetingUid, seedMeetingsForBody } from '../meetings/index.js';
import { stockholmInstant } from '../../platform/time.js';
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

async function seedCases(database: Database, config: Config, options: { now?: Date } = {}): Promise<{ cases: number }> {
  const now = options.now ?? new Date();
  const ctx: Ctx = { database, config, now };
  const run = <S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>) => execute({ database, config }, actor, def, input, { now });
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
  const lastHeld = samsMeetings.past.at(-1);
  const next = samsMeetings.coming[0];
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

  const step = async (kase: Case, name: TransitionName, input: Record<string, unknown> = {}, actor = sara) => {
    await run(actor, transitionCase, { caseId: kase.id, transition: name, ...input });
  };
  const raise = (title: string, description: string, by = elin, extra: Record<string, unknown> = {}) =>
    run(by, raiseCase, { bodyId: sams.id, title, description, categoryIds: [medical, nearCare].filter(Boolean) as string[], ...extra });

  /** Walks a case along the main path up to (and including) the state. */
  const walk = async (kase: Case, target: CaseState, options: { medical?: boolean; answers?: string[]; escalate?: boolean } = {}) => {
    const path: CaseState[] = ['on_agenda', 'accepted', 'working_group', 'assigned', 'in_progress', 'anchoring'];
    const reached = (s: CaseState) => path.indexOf(s) <= path.indexOf(target) || !path.includes(target);
    if (!reached('on_agenda')) return;
    await step(kase, 'schedule', { meetingId: (lastHeld ?? next)!.id });
    if (target === 'on_agenda') return;
    await step(kase, 'accept', { note: 'SAMS beslutar att hantera frågan vidare.' });
    if (target === 'accepted') return;
    await run(sara, appointWorkingGroup, {
      caseId: kase.id,
      convenorPersonId: fatima.kind === 'person' ? fatima.personId : '',
      memberPersonIds: [elin.kind === 'person' ? elin.personId : ''],
      adjuncts: [{ personId: lina.id, reason: 'Apotekare, läkemedelsfrågor under uppdraget' }],
    });
    if (target === 'working_group') return;
    await run(sara, issueDirective, {
      caseId: kase.id,
      shortDescription: `Ta fram en gemensam rutin: ${kase.title.toLowerCase()}.`,
      background: kase.description ?? 'Frågan har lyfts av medlemmar i SAMS.',
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
    });
    if (target === 'assigned') return;
    await run(fatima, recordStatusReport, { caseId: kase.id, status: 'green', text: 'Kunskapsunderlaget är sammanställt; rutinen skrivs nu.' });
    if (target === 'in_progress') return;
    await step(kase, 'startAnchoring');
    for (const name of options.answers ?? ps.map((p) => p.name)) {
      await run(name === 'Örebro kommun' ? elin : sara, recordAnchoring, {
        caseId: kase.id,
        principalId: pid(name),
        position: name === 'Kumla kommun' ? 'supports_with_changes' : 'supports',
        feedback: `Återkoppling från ${name}: ${name === 'Kumla kommun' ? 'tillstyrks med ett förtydligande om delegering.' : 'tillstyrks.'}`,
      });
    }
  };

  let count = 0;
  const made = async (p: Promise<Case>) => {
    count++;
    return p;
  };

  // Raised, not yet on an agenda.
  await made(
    raise(
      'Insulinbehandling för personer med demens i ordinärt boende',
      'Hemsjukvården får fler uppdrag om insulinbehandling för personer med demens. Ansvaret mellan vårdcentral och kommun behöver klargöras.',
    ),
  );
  // On the agenda of the next meeting.
  const onAgenda = await made(raise('Läkemedelsförråd i särskilt boende – gemensam rutin', 'Olika rutiner för akutläkemedelsförråd i länets kommuner; en gemensam rutin efterfrågas.', fatima));
  if (next) await step(onAgenda, 'schedule', { meetingId: next.id });
  // Yes, but waiting.
  const waiting = await made(
    raise('Intravenös antibiotikabehandling i hemmet', 'Frågan om att ge intravenös antibiotika i ordinärt boende har kommit från flera kommuner.', elin, { newMedicalTask: true }),
  );
  await walk(waiting, 'on_agenda');
  await step(waiting, 'defer', { note: 'Tas upp när arbetet med subkutan vätska är klart.' });
  // No, with an answer.
  const returned = await made(raise('Ändrad ansvarsfördelning för hjälpmedel', 'Förslag om att kommunerna tar över förskrivningen av vissa hjälpmedel.'));
  await walk(returned, 'on_agenda');
  await step(returned, 'reject', { message: 'Frågan hör inte till SAMS uppdrag: ansvarsfördelningen för hjälpmedel regleras i länets hjälpmedelsavtal. Lyft den i hjälpmedelsnämnden.' });
  // Withdrawn by the raiser.
  const withdrawn = await made(raise('Provtagning av covid-19 i hemtjänsten', 'Fråga om vem som tar prover i hemtjänsten.'));
  await step(withdrawn, 'withdraw', { note: 'Löst genom regionens nya provtagningsrutin.' }, elin);
  // Accepted; working group; assignment issued.
  await walk(await made(raise('Brytpunktssamtal i palliativ vård', 'Gemensamt stöd för brytpunktssamtal mellan vårdcentral och kommunal hemsjukvård.')), 'accepted');
  await walk(await made(raise('Nutritionsbehandling via PEG i hemmet', 'Ansvar och rutiner för sondnäring i ordinärt boende.')), 'working_group');
  await walk(await made(raise('Syrgasbehandling i hemmet', 'Förskrivning, uppföljning och brandsäkerhet vid syrgas i hemmet.')), 'assigned');

  // In progress, with one report given and one overdue (the directive dates from before two held meetings).
  const vatska = await made(
    raise('Subkutan vätskebehandling i hemmet', 'Rutin saknas för när kommunens sjuksköterskor kan ge vätska subkutant i hemmet, på läkarordination från vårdcentralen.', elin, {
      newMedicalTask: true,
    }),
  );
  await walk(vatska, 'in_progress', { medical: true });
  if (samsMeetings.past.length >= 2) {
    const [older] = samsMeetings.past.slice(-2) as [(typeof samsMeetings.past)[0]];
    await database.db
      .update(caseDirectives)
      .set({ issuedAt: new Date(older.startsAt.getTime() - 7 * DAY) })
      .where(eq(caseDirectives.caseId, vatska.id));
    await run(fatima, recordStatusReport, { caseId: vatska.id, meetingId: older.id, status: 'yellow', text: 'Utkastet till rutin är försenat: läkemedelskommitténs synpunkter väntas.' });
  }

  // Anchoring: two principals have not answered yet.
  const anchoring = await made(raise('Blodtrycksmätning i hemsjukvården – gemensam riktlinje', 'Olika rutiner för blodtrycksmätning och rapportering till vårdcentralen.'));
  await walk(anchoring, 'anchoring', { answers: ['Region Örebro län', 'Örebro kommun', 'Kumla kommun', 'Hallsbergs kommun'] });
  // Prepared for the Chefsgrupp (on its next agenda).
  const prepared = await made(raise('Läkemedelsgenomgångar i särskilt boende', 'En gemensam riktlinje kräver beslut av huvudmännen: prepareras för Chefsgruppen.'));
  await walk(prepared, 'anchoring');
  await step(prepared, 'escalate', { note: 'Riktlinjen kräver beslut av huvudmännen.' });
  // No change, communicated to those concerned.
  const noChange = await made(raise('Rutin för katetervård – översyn', 'Översyn av den gemensamma rutinen för KAD i hemmet.'));
  await walk(noChange, 'in_progress');
  await step(noChange, 'concludeNoChange', { message: 'Översynen visar att nuvarande rutin för katetervård fungerar. Arbetssätten ändras inte; rutinen gäller som förut.' });
  // Implementation decided by the Chefsgrupp; the notice is still to be sent.
  const implementation = await made(raise('Hantering av läkemedel vid korttidsvistelse', 'Ordination och överlämning av läkemedel när en person flyttar till korttidsboende.'));
  await walk(implementation, 'anchoring');
  await step(implementation, 'escalate');
  await step(implementation, 'implement', { note: 'Chefsgruppen beslutar att riktlinjen införs i hela länet.' }, karin);
  // Follow-up: the notice went to every principal at once.
  const followUp = await made(raise('Vaccination i särskilt boende', 'Gemensam rutin för vaccination av boende mot influensa och covid-19.'));
  await walk(followUp, 'anchoring');
  await step(followUp, 'implement', { note: 'Ingen fråga för huvudmännen: SAMS beslutar om införandet.' });
  await run(sara, sendImplementationNotice, {
    caseId: followUp.id,
    text: 'Den gemensamma rutinen för vaccination i särskilt boende gäller från och med 1 oktober i alla kommuner och på alla vårdcentraler i länet. Rutinen finns i den gemensamma arbetsytan.',
  });
  await step(followUp, 'followUp');
  // Closed after follow-up and evaluation.
  const closed = await made(raise('Egenvårdsbedömning – gemensam riktlinje', 'Riktlinje för bedömning av egenvård enligt lagen om egenvård.'));
  await walk(closed, 'anchoring');
  await step(closed, 'implement');
  await run(sara, sendImplementationNotice, { caseId: closed.id, text: 'Riktlinjen för egenvårdsbedömning gäller nu i hela länet.' });
  await step(closed, 'followUp');
  await step(closed, 'close', { evaluation: 'Uppföljningen visar att riktlinjen används i alla kommuner; två avvikelser har rapporterats och hanterats.' });

  // Other activities in SAMS's plan: one of them already late.
  const year = Number(today(now).slice(0, 4));
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
  count += await seedSamla(ctx);
  return { cases: count };
}

async function seedSamla({ database, config, now }: Ctx): Promise<number> {
  const sg = await bodyBySlug(database, 'samla', 'samordningsgruppen');
  if (!sg) return 0;
  await ensureDistributionLists(database, sg.structureId);
  const mikael = actorOf(await person(database, 'processledare@example.org'));
  const run = <S extends z.ZodType, O>(actor: Actor, def: CommandDef<S, O>, input: z.input<S>) => execute({ database, config }, actor, def, input, { now });
  const kase = await run(mikael, raiseCase, {
    bodyId: sg.id,
    title: 'Gemensam rutin för samordnad individuell plan (SIP)',
    description: 'En gemensam rutin för SIP i Lerum och Alingsås, som rekommenderas till huvudmännen för beslut i respektive nämnd.',
  });
  const ps = await database.db
    .select({ id: principals.id, name: principals.name })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(eq(structurePrincipals.structureId, sg.structureId));
  const step = (name: TransitionName, input: Record<string, unknown> = {}) => run(mikael, transitionCase, { caseId: kase.id, transition: name, ...input });
  let [held] = await database.db
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, sg.id), lt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  if (!held) {
    // The Samordningsgrupp's last meeting, registered as held (the meetings demo plans other bodies).
    const id = randomUUID();
    const startsAt = stockholmInstant(addDays(today(now), -28), '09:00');
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
  await step('schedule', { meetingId: held!.id });
  await step('accept');
  const people = await database.db.execute(sql`select person_id from memberships where body_id = ${sg.id} and (end_on is null or end_on >= ${today(now)}) and start_on <= ${today(now)} limit 2`);
  const ids = (people.rows as { person_id: string }[]).map((r) => r.person_id);
  await run(mikael, appointWorkingGroup, { caseId: kase.id, convenorPersonId: ids[0]!, memberPersonIds: ids.slice(1) });
  await run(mikael, issueDirective, {
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
  });
  await run(mikael, recordStatusReport, { caseId: kase.id, status: 'green', text: 'Förslaget är klart.' });
  await step('startAnchoring');
  for (const p of ps) await run(mikael, recordAnchoring, { caseId: kase.id, principalId: p.id, position: 'supports', feedback: 'Tillstyrks.' });
  await step('recommend', { note: 'Samordningsgruppen rekommenderar huvudmännen att anta rutinen.' });
  const decided = [
    { name: 'Västra Götalandsregionen', committee: 'Västra hälso- och sjukvårdsnämnden', reference: 'HSNV 2026-00123' },
    { name: 'Lerums kommun', committee: 'Socialnämnden i Lerums kommun', reference: 'SN 2026/45 § 12' },
  ];
  for (const d of decided) {
    const p = ps.find((x) => x.name === d.name);
    if (p) await run(mikael, recordAdoption, { caseId: kase.id, principalId: p.id, status: 'adopted', committee: d.committee, decidedOn: today(now), reference: d.reference });
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
