// Invented minutes for the benchmark: one held meeting with 30 attendees in 12 organisations
// (one substitute) and 20 items, each with a presenter, notes, questions, "att"-clauses and
// a decision, approved as version 1 (digest and approvers printed in the PDF). The same
// content is available as a snapshot for rendering without a database.
// Idempotent: a second call on the same database does nothing.
import { eq } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { sortKey } from '../src/platform/sortkey.js';
import { people } from '../src/platform/auth/schema.js';
import { bodies, structures } from '../src/modules/structure/schema.js';
import { agendaItems, attendance, meetings } from '../src/modules/meetings/schema.js';
import { stockholmInstant } from '../src/platform/time.js';
import { minuteItems, minutes, minuteVersions } from '../src/modules/minutes/schema.js';
import { canonicalJson, sha256Hex } from '../src/modules/minutes/canonical.js';
import { buildSnapshot, SNAPSHOT_FORMAT, type MinutesSnapshot } from '../src/modules/minutes/snapshot.js';
import type { DocumentVersion } from '../src/modules/minutes/document.js';

export const BENCH_MINUTES_MEETING_ID = '00000000-0000-4000-8000-00000000b1e5';
const BODY_ID = '00000000-0000-4000-8000-00000000b1e4';
export const ITEMS = 20;
export const ATTENDEES = 30;

const ORGS = [
  'Askersund',
  'Degerfors',
  'Hallsberg',
  'Karlskoga',
  'Kumla',
  'Lindesberg',
  'Örebro',
  'Närsjukvårdsområde väster',
  'Närsjukvårdsområde norr',
  'Område Psykiatri',
  'Hälso- och sjukvårdsstaben',
  'Region Örebro län',
];
const FIRST = ['Agnes', 'Bertil', 'Cecilia', 'David', 'Ebba', 'Fredrik', 'Greta', 'Hampus', 'Ingrid', 'Jonas', 'Klara', 'Leif', 'Malin', 'Nils', 'Åsa'];
const LAST = ['Andersson', 'Bergqvist', 'Dahlberg', 'Ekholm', 'Forsell', 'Grahn', 'Hedlund', 'Öhman'];

const NOTES =
  'Läget när det gäller samverkan kring utskrivning har förbättrats i länet. Arbetsgruppen har gått igenom avvikelserna från hösten och föreslår en reviderad rutin.\n\n' +
  'Rutinen ska förankras i varje länsdel innan den börjar gälla. Information ska gå ut till kommunerna och vårdcentralerna **samtidigt**.\n\n' +
  '- Kartläggning av nuläget\n- Kommunikationsplan\n- Uppföljning efter sex månader';

const name = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]}`;

/** The content of the benchmark minutes, without a database. */
export function benchSnapshot(): MinutesSnapshot {
  const present = ORGS.flatMap((organisation, g) =>
    Array.from({ length: ATTENDEES }, (_, i) => i)
      .filter((i) => i % ORGS.length === g)
      .map((i) => ({ name: name(i), organisation, seat: null, substituteFor: i === 7 ? name(6) : null, guest: false, adjunct: false, digital: true })),
  );
  return {
    format: SNAPSHOT_FORMAT,
    kind: 'protocol',
    meeting: {
      id: BENCH_MINUTES_MEETING_ID,
      title: 'Chefsgruppen',
      date: '2026-11-13',
      endDate: null,
      startTime: '13:00',
      endTime: '16:00',
      timesKnown: true,
      place: 'Digitalt via Zoom',
      format: 'digital',
      jointBodies: [],
    },
    body: { id: BODY_ID, name: 'Chefsgrupp för samverkan social välfärd samt vård och omsorg', shortName: 'Chefsgruppen', isPublic: true },
    structure: 'Benchmark: protokoll',
    chair: name(0),
    chairInPlaceOf: null,
    viceChair: null,
    adjusters: [name(1)],
    noteTakers: [name(2)],
    preamble: `${name(0)} hälsar deltagarna välkomna.`,
    present,
    vacant: [],
    absent: [{ name: name(29), organisation: 'Nora', seat: null, excused: true, viewsInAdvance: null }],
    items: Array.from({ length: ITEMS }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      parentId: null,
      number: String(i + 1),
      title: `Punkt ${i + 1}: samverkan kring utskrivning från slutenvård, del ${i + 1}`,
      section: null,
      description: null,
      presenters: [{ name: name(i + 3), organisation: null }],
      notes: NOTES,
      questions: '- Hur når vi vårdcentralerna?\n- Behöver elevhälsan kopplas på?',
      proposal: ['godkänna den reviderade rutinen', 'förankra rutinen i länsdelsgrupperna', 'följa upp efter sex månader'],
      outcome: i % 5 === 4 ? 'tabled' : 'approved',
      decisionNumber: `Chefsgruppen 2026:${i + 1}`,
      decisionText: 'Chefsgruppen beslutar att godkänna förslaget till beslut.',
      condition: i % 4 === 0 ? 'Beslutet behöver förankras med hälso- och sjukvårdsdirektören.' : null,
      internal: false,
      case: null,
      caseTransition: null,
      viewsInAdvance: [],
      attachments: [],
      actions: [{ title: 'Gå vidare i planeringen', owner: name(i + 4), due: '2026-12-11', done: false, doneNote: null }],
    })),
    evaluation: 'Driv:\n\n- Bra diskussioner\n- Tydlig tidsatt agenda\n\nHinder:\n\n- Lång dag i cyberrymden',
    nextMeetings: '11 december 2026.',
  };
}

/** The benchmark's version 1 (as approved by the chair and the adjuster). */
export function benchVersion(canonical: string): DocumentVersion {
  const at = '2026-11-20T09:00:00.000Z';
  return {
    number: 1,
    status: 'approved',
    sha256: sha256Hex(canonical),
    lockedAt: new Date(at),
    approvers: [
      { personId: BODY_ID, name: name(0), role: 'chair', at },
      { personId: BODY_ID, name: name(1), role: 'adjuster', at },
    ],
    changes: [],
    reason: null,
  };
}

/** Writes the benchmark meeting, its attendance and its approved minutes (once). */
export async function generateMinutes(database: Database): Promise<void> {
  const db = database.db;
  const [existing] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, BENCH_MINUTES_MEETING_ID));
  if (existing) return;
  const s = benchSnapshot();
  const [structure] = await db
    .insert(structures)
    .values({ slug: 'bench-protokoll', name: s.structure, sortKey: sortKey(s.structure) })
    .returning();
  const [body] = await db
    .insert(bodies)
    .values({
      id: BODY_ID,
      structureId: structure!.id,
      slug: 'bench-chefsgruppen',
      name: s.body.name,
      shortName: s.body.shortName,
      sortKey: sortKey(s.body.name),
      level: 'strategic',
      kind: 'standing_group',
      activeFrom: '2020-01-01',
      minutesKind: 'protocol',
      isPublic: true,
    })
    .returning();
  const startsAt = stockholmInstant(s.meeting.date, s.meeting.startTime);
  const [meeting] = await db
    .insert(meetings)
    .values({
      id: BENCH_MINUTES_MEETING_ID,
      uid: `${BENCH_MINUTES_MEETING_ID}@bench.samverka`,
      bodyId: body!.id,
      structureId: structure!.id,
      title: s.meeting.title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
      format: 'digital',
      address: s.meeting.place,
      status: 'held',
      registeredAfterwards: true,
    })
    .returning();
  const persons = await db
    .insert(people)
    .values(Array.from({ length: ATTENDEES }, (_, i) => ({ name: `${name(i)} ${i}`, sortKey: sortKey(`${name(i)} ${i}`) })))
    .returning();
  await db.insert(attendance).values(
    persons.map((p, i) => ({
      meetingId: meeting!.id,
      personId: p.id,
      status: 'present' as const,
      organisationLabel: ORGS[i % ORGS.length]!,
      substituteForPersonId: i === 7 ? persons[6]!.id : null,
    })),
  );
  const agenda = await db
    .insert(agendaItems)
    .values(s.items.map((item, i) => ({ meetingId: meeting!.id, position: i + 1, title: item.title, kind: 'decision' as const })))
    .returning();
  const [m] = await db
    .insert(minutes)
    .values({
      meetingId: meeting!.id,
      bodyId: body!.id,
      structureId: structure!.id,
      kind: 'protocol',
      status: 'approved',
      lockedVersion: 1,
      chairPersonId: persons[0]!.id,
      adjusterIds: [persons[1]!.id],
      noteTakers: [{ personId: null, name: name(2) }],
      preamble: s.preamble,
      evaluationSummary: s.evaluation,
      nextMeetings: s.nextMeetings,
    })
    .returning();
  await db.insert(minuteItems).values(
    s.items.map((item, i) => ({
      minutesId: m!.id,
      meetingId: meeting!.id,
      agendaItemId: agenda[i]!.id,
      position: i + 1,
      title: item.title,
      presenters: item.presenters.map((p) => ({ personId: null, name: p.name, organisation: p.organisation })),
      notes: item.notes,
      questions: item.questions,
      proposal: item.proposal,
      outcome: item.outcome,
      decisionText: item.decisionText,
      condition: item.condition,
    })),
  );
  const canonical = canonicalJson(await buildSnapshot(db, meeting!, m!, { body: body! }));
  const v = benchVersion(canonical);
  await db.insert(minuteVersions).values({ minutesId: m!.id, number: 1, status: 'approved', canonical, sha256: v.sha256, approvers: v.approvers, lockedAt: v.lockedAt });
}
