// Samverka at national scale (#14, part 4), on PostgreSQL: 21 regions and 290 municipalities,
// one collaboration structure per region (21), 5,000 bodies in four levels, 40,000 people in
// 100,000 memberships, 200,000 meetings over ten years with 2,000,000 agenda items, approved
// minutes for about a third of the held meetings (with their items, about 300,000 numbered
// decisions and the attendance of the last two years), and 500,000 cases numbered per
// structure and year. Everything is written by INSERT … SELECT … FROM generate_series(…) in
// the database itself (no rows travel through Node), with ids that are computed from a row's
// number, so that later steps can refer to earlier rows without joins.
//
// Idempotent per database: the last step creates the member person (NATIONAL_MEMBER_EMAIL);
// when that person exists, nothing is done. A run that stopped half-way is refused (drop the
// database and start again).
import { eq } from 'drizzle-orm';
import type { Database } from '../src/platform/db/client.js';
import { people } from '../src/platform/auth/schema.js';
import { createSession } from '../src/platform/auth/sessions.js';
import { bodies } from '../src/modules/structure/schema.js';
import { meetings } from '../src/modules/meetings/schema.js';
import { minutes, minuteVersions } from '../src/modules/minutes/schema.js';
import { canonicalJson, sha256Hex } from '../src/modules/minutes/canonical.js';
import { buildSnapshot } from '../src/modules/minutes/snapshot.js';
import { FIRST, LAST } from './generate-structure.js';

export const NATIONAL_REGIONS = 21;
export const NATIONAL_MUNICIPALITIES = 290;
export const NATIONAL_BODIES = 5_000;
export const NATIONAL_PEOPLE = 40_000;
export const NATIONAL_MEMBERSHIPS = 100_000;
export const NATIONAL_MEETINGS = 200_000;
export const NATIONAL_AGENDA_ITEMS = 2_000_000;
export const NATIONAL_CASES = 500_000;
export const NATIONAL_DECISIONS = 300_000;

/** Bodies per structure level: index k within a structure (k = body number div 21). */
const SEATS = 10;
const MEMBERS = 20;
const MEETINGS_PER_BODY = NATIONAL_MEETINGS / NATIONAL_BODIES; // 40, one a quarter for ten years
const ITEMS_PER_MEETING = NATIONAL_AGENDA_ITEMS / NATIONAL_MEETINGS; // 10

/**
 * Ids computed from a row's number: `a71<kind:5 hex>-0000-4000-8000-<n:12 hex>`, valid UUIDs
 * of version 4 and the RFC variant (as the app's id checks expect), one kind per table.
 */
const KIND = {
  principal: 1,
  structure: 2,
  body: 3,
  seat: 4,
  person: 5,
  membership: 6,
  meeting: 7,
  agendaItem: 8,
  minutes: 9,
  minuteItem: 10,
  decision: 11,
  case: 12,
} as const;
type Kind = keyof typeof KIND;

function prefix(kind: Kind): string {
  return `a71${KIND[kind].toString(16).padStart(5, '0')}-0000-4000-8000-`;
}
/** The id of row `n` of a table, in TypeScript. */
export function nationalId(kind: Kind, n: number): string {
  return prefix(kind) + n.toString(16).padStart(12, '0');
}
/** The same in SQL, for an integer expression. */
const idSql = (kind: Kind, n: string) => `('${prefix(kind)}' || lpad(to_hex(${n}), 12, '0'))::uuid`;

/** Structure r (0–20): slug nationell-01 … nationell-21. */
export const nationalSlug = (r: number) => `nationell-${String(r + 1).padStart(2, '0')}`;
/** Body k (0–238) of structure r: body number k × 21 + r. */
export const nationalBodyId = (r: number, k: number) => nationalId('body', k * NATIONAL_REGIONS + r);

/** The structure the scenarios read (Region 01's). */
export const NATIONAL_STRUCTURE_SLUG = nationalSlug(0);
/** A strategic body of it (k = 1): 10 seats, 20 memberships, 40 meetings. */
export const NATIONAL_BODY_ID = nationalBodyId(0, 1);
/** The member of five bodies whose home page is measured; also the marker of a finished run. */
export const NATIONAL_MEMBER_EMAIL = 'national-member@example.org';
/** The five bodies (numbers k in structure 0) the member belongs to. */
const MEMBER_BODIES = [0, 1, 6, 36, 37];
/** The text the decision register is filtered by (one topic of fifteen). */
export const NATIONAL_REGISTER_QUERY = 'palliativ';

/** Meeting number of body b's j-th meeting (j 0–39). */
const meetingNumber = (b: number, j: number) => j * NATIONAL_BODIES + b;

/** The strategic body's latest held meeting that has minutes (the meeting and minutes pages read it). */
function benchMeetingNumber(): number {
  const b = 1 * NATIONAL_REGIONS + 0;
  const now = Date.now();
  for (let j = MEETINGS_PER_BODY - 1; j >= 0; j--) {
    const n = meetingNumber(b, j);
    if (n % 20 < 7 && meetingDay(b, j).getTime() + 9 * 3600_000 < now - 14 * 86400_000) return n;
  }
  throw new Error('no held meeting with minutes');
}
/** The first day of the ten years: 1 January eight years ago (as bench/generate-meetings.ts). */
const firstYear = () => new Date().getUTCFullYear() - 8;
/** Body b's j-th meeting day (UTC midnight of the Stockholm day): one a quarter, spread over 60 days. */
function meetingDay(b: number, j: number): Date {
  return new Date(Date.UTC(firstYear(), 0, 1) + (j * 91 + (b % 60)) * 86400_000);
}
export const NATIONAL_MEETING_ID = nationalId('meeting', benchMeetingNumber());

const TOPICS = [
  'Palliativ vård',
  'Läkemedelsgenomgångar',
  'Insulinbehandling',
  'Subkutan vätskebehandling',
  'Syrgas i hemmet',
  'Nutrition via PEG',
  'Katetervård',
  'Vaccination',
  'Egenvårdsbedömning',
  'Fallprevention',
  'Demensvård',
  'Psykiatrisk hemsjukvård',
  'Samordnad individuell plan',
  'Utskrivning från slutenvård',
  'Barn och unga med psykisk ohälsa',
];
/** Agenda of every meeting: positions 1–10; 5–9 are decisions (one topic each). */
const AGENDA: { title: string; kind: string }[] = [
  { title: 'Mötets öppnande och upprop', kind: 'formal' },
  { title: 'Val av justerare', kind: 'formal' },
  { title: 'Godkännande av dagordning', kind: 'formal' },
  { title: 'Föregående mötes anteckningar', kind: 'information' },
  { title: '', kind: 'decision' },
  { title: '', kind: 'decision' },
  { title: '', kind: 'decision' },
  { title: '', kind: 'decision' },
  { title: '', kind: 'decision' },
  { title: 'Övriga frågor', kind: 'formal' },
];

/** The title of agenda item `pos` (1–10) of meeting number `i`: a topic for the decisions. */
const agendaTitleSql = (i: string, pos: string) =>
  `case when ${pos} between 5 and 9 then (${textArray(TOPICS)})[1 + (${i} + ${pos}) % ${TOPICS.length}] else (${textArray(AGENDA.map((a) => a.title))})[${pos}] end`;

/** The Stockholm day of meeting number i (body i mod 5000, its (i div 5000)-th meeting; see meetingDay). */
const meetingDaySql = (i: string) => `(date '${firstYear()}-01-01' + ((${i}) / ${NATIONAL_BODIES} * 91 + (${i}) % ${NATIONAL_BODIES} % 60))`;
/** When meeting number i starts: 09:00 or 13:00 in Stockholm. */
const startsAtSql = (i: string) => `((${meetingDaySql(i)} + case when (${i}) % 2 = 0 then time '09:00' else time '13:00' end) at time zone 'Europe/Stockholm')`;

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (xs: string[]) => `array[${xs.map(lit).join(',')}]::text[]`;
/** sortKey() (src/platform/sortkey.ts) for names of ASCII letters, digits, spaces and å, ä, ö. */
const sortKeySql = (expr: string) => `translate(lower(${expr}), 'åäö', '{|}')`;
/** A Stockholm wall-clock time on a date, as timestamptz. */
const stockholm = (date: string, time: string) => `((${date})::date + time '${time}') at time zone 'Europe/Stockholm'`;

/** The body's name from its number k within the structure (0: top, 1–5 strategic, 6–35 operational, the rest local). */
const bodyNameSql = (k: string) =>
  `case when ${k} = 0 then 'Politisk samverkansberedning' when ${k} < 6 then 'Strategisk grupp ' || lpad(${k}::text, 2, '0') when ${k} < 36 then 'Operativ grupp ' || lpad(${k}::text, 3, '0') else 'Lokal grupp ' || lpad(${k}::text, 3, '0') end`;
const parentKSql = (k: string) => `case when ${k} = 0 then null when ${k} < 6 then 0 when ${k} < 36 then 1 + (${k} - 6) % 5 else 6 + (${k} - 36) % 30 end`;
const levelSql = (k: string) => `(case when ${k} = 0 then 'political' when ${k} < 6 then 'strategic' when ${k} < 36 then 'operational' else 'local' end)::body_level`;

interface Step {
  name: string;
  sql: string[];
}

/** The generation steps (exported for trying one on its own). */
export function nationalSteps(): Step[] {
  const R = NATIONAL_REGIONS;
  const B = NATIONAL_BODIES;
  const year = new Date().getUTCFullYear();
  const finished = ['closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'returned', 'withdrawn', 'no_change'];
  // Open states as often as in bench/generate-cases.ts (closed ones included: cases of the last two years)
  const recent = [
    ...Array(4).fill('raised'),
    ...Array(3).fill('on_agenda'),
    ...Array(4).fill('waiting'),
    ...Array(6).fill('returned'),
    ...Array(3).fill('accepted'),
    ...Array(2).fill('working_group'),
    ...Array(2).fill('assigned'),
    ...Array(8).fill('in_progress'),
    ...Array(3).fill('anchoring'),
    ...Array(2).fill('prepared'),
    ...Array(2).fill('recommended'),
    ...Array(5).fill('no_change'),
    ...Array(4).fill('implementation'),
    ...Array(4).fill('follow_up'),
    ...Array(44).fill('closed'),
    ...Array(4).fill('withdrawn'),
  ] as string[];
  const municipalityOf = (r: string, t: string) => `${R} + ${r} + ${R} * ((${t}) % 13)`; // principal number of a municipality of region r
  return [
    {
      name: 'principals and structures',
      sql: [
        `insert into principals (id, name, kind, sort_key)
         select ${idSql('principal', 'n')}, name, kind::principal_kind, lower(name)
         from (select n, case when n < ${R} then 'Region ' || lpad((n + 1)::text, 2, '0') else 'Kommun ' || lpad((n - ${R} + 1)::text, 3, '0') end as name,
                      case when n < ${R} then 'region' else 'municipality' end as kind
               from generate_series(0, ${R + NATIONAL_MUNICIPALITIES - 1}) n) p`,
        `insert into structures (id, slug, name, sort_key, description)
         select ${idSql('structure', 'r')}, 'nationell-' || lpad((r + 1)::text, 2, '0'), 'Samverkan i Region ' || lpad((r + 1)::text, 2, '0'),
                'samverkan i region ' || lpad((r + 1)::text, 2, '0'), 'Genererad struktur för prestandamätning i nationell skala.'
         from generate_series(0, ${R - 1}) r`,
        // each region with its municipalities (municipality m belongs to region m mod 21)
        `insert into structure_principals (structure_id, principal_id)
         select ${idSql('structure', 'n % ' + R)}, ${idSql('principal', 'n')} from generate_series(0, ${R + NATIONAL_MUNICIPALITIES - 1}) n`,
      ],
    },
    {
      name: `${B} bodies, ${B * SEATS} seats`,
      sql: [
        `insert into bodies (id, structure_id, parent_id, slug, name, sort_key, level, kind, is_public, minutes_kind, size_min, size_max, meetings_min, meetings_max, active_from)
         select ${idSql('body', 'b')}, ${idSql('structure', 'r')},
                case when pk is null then null else ${idSql('body', 'pk * ' + R + ' + r')} end,
                'grupp-' || k, name, ${sortKeySql('name')}, ${levelSql('k')},
                (case when k >= 36 and k % 5 = 0 then 'working_group' else 'standing_group' end)::body_kind,
                k % 2 = 0, (case when k < 6 then 'protocol' else 'notes' end)::minutes_kind, 5, 30, 4, 6, date '2015-01-01'
         from (select b, b % ${R} as r, b / ${R} as k, ${parentKSql(`(b / ${R})`)} as pk, ${bodyNameSql(`(b / ${R})`)} as name
               from generate_series(0, ${B - 1}) b) x`,
        `insert into seats (id, body_id, function, sort_key, position, representation, principal_id, principal_kind, created_on)
         select ${idSql('seat', 'n')}, ${idSql('body', 'n / ' + SEATS)}, 'Plats ' || lpad((n % ${SEATS} + 1)::text, 2, '0'), 'plats ' || lpad((n % ${SEATS} + 1)::text, 2, '0'),
                n % ${SEATS}, 'principal',
                case when n % 2 = 0 then ${idSql('principal', `(n / ${SEATS}) % ${R}`)} else ${idSql('principal', municipalityOf(`(n / ${SEATS}) % ${R}`, `n / ${SEATS} / ${R} + n % ${SEATS}`))} end,
                (case when n % 2 = 0 then 'region' else 'municipality' end)::principal_kind, date '2015-01-01'
         from generate_series(0, ${B * SEATS - 1}) n`,
      ],
    },
    {
      name: `${NATIONAL_PEOPLE} people, ${NATIONAL_MEMBERSHIPS} memberships`,
      sql: [
        `insert into people (id, name, sort_key, email)
         select ${idSql('person', 'p')}, name, ${sortKeySql('name')}, 'national.person.' || p || '@example.org'
         from (select p, (${textArray(FIRST)})[1 + p % ${FIRST.length}] || ' ' || (${textArray(LAST)})[1 + (p / ${FIRST.length}) % ${LAST.length}] || ' ' || (p / ${FIRST.length * LAST.length} + 1) as name
               from generate_series(0, ${NATIONAL_PEOPLE - 1}) p) x`,
        // 20 per body: 10 seat holders (chair, vice chair, members), a secretary, three experts,
        // three readers and three former members (ended 2022).
        `insert into memberships (id, body_id, person_id, seat_id, role, reason, start_on, end_on)
         select ${idSql('membership', 'n')}, ${idSql('body', 'n / ' + MEMBERS)}, ${idSql('person', 'n % ' + NATIONAL_PEOPLE)},
                case when q < ${SEATS} then ${idSql('seat', `(n / ${MEMBERS}) * ${SEATS} + q`)} when q >= 17 then ${idSql('seat', `(n / ${MEMBERS}) * ${SEATS} + q - 10`)} end,
                (case when q = 0 then 'chair' when q = 1 then 'vice_chair' when q < 10 then 'member' when q = 10 then 'secretary' when q < 14 then 'expert' when q < 17 then 'reader' else 'member' end)::body_role,
                case when q between 11 and 16 then 'Deltar i ett uppdrag' end,
                case when q >= 17 then date '2015-01-01' else date '2023-01-01' end,
                case when q >= 17 then date '2022-12-31' end
         from (select n, n % ${MEMBERS} as q from generate_series(0, ${NATIONAL_MEMBERSHIPS - 1}) n) x`,
      ],
    },
    {
      name: `${NATIONAL_MEETINGS} meetings over ten years`,
      sql: [
        // body b's j-th meeting is number j × 5000 + b; one a quarter from 1 January eight years ago
        `insert into meetings (id, uid, body_id, structure_id, title, starts_at, ends_at, format, address, room, status,
                               call_opens_on, submission_deadline, agenda_publish_on, agenda_published_at, created_at, updated_at)
         select id, id::text || '@national.samverka', body_id, structure_id, title, starts_at, starts_at + interval '3 hours',
                (case when i % 3 = 0 then 'digital' else 'physical' end)::meeting_format,
                case when i % 3 = 0 then null else 'Regionens hus, Storgatan ' || (1 + i % 40) end,
                case when i % 3 = 0 then null else 'Rum ' || (100 + i % 20) end,
                (case when starts_at < now() then 'held' else 'planned' end)::meeting_status,
                ${stockholm('day - 14', '23:59:59.999')}, ${stockholm('day - 7', '23:59:59.999')}, ${stockholm('day - 5', '23:59:59.999')},
                case when starts_at < now() then ${stockholm('day - 5', '23:59:59.999')} end,
                starts_at - interval '60 days', starts_at - interval '60 days'
         from (select i, ${idSql('meeting', 'i')} as id, ${idSql('body', `i % ${B}`)} as body_id, ${idSql('structure', `(i % ${B}) % ${R}`)} as structure_id,
                      ${bodyNameSql(`((i % ${B}) / ${R})`)} as title, day,
                      ${startsAtSql('i')} as starts_at
               from (select i, ${meetingDaySql('i')} as day from generate_series(0, ${NATIONAL_MEETINGS - 1}) i) d) x`,
      ],
    },
    {
      name: `${NATIONAL_AGENDA_ITEMS} agenda items`,
      sql: [
        `insert into agenda_items (id, meeting_id, position, title, kind, duration_minutes, source, outcome, created_at, updated_at)
         select ${idSql('agendaItem', 'n')}, ${idSql('meeting', `n / ${ITEMS_PER_MEETING}`)}, pos,
                ${agendaTitleSql(`n / ${ITEMS_PER_MEETING}`, 'pos')},
                (${textArray(AGENDA.map((a) => a.kind))})[pos]::agenda_item_kind, case when pos = 1 then 5 else 15 end,
                (case when pos between 5 and 9 then 'secretary' else 'template' end)::agenda_item_source,
                case when ${startsAtSql(`n / ${ITEMS_PER_MEETING}`)} < now() then 'handled'::agenda_item_outcome end, now(), now()
         from (select n, n % ${ITEMS_PER_MEETING} + 1 as pos from generate_series(0, ${NATIONAL_AGENDA_ITEMS - 1}) n) x`,
      ],
    },
    {
      name: 'minutes and minute items (a third of the held meetings)',
      sql: [
        `insert into minutes (id, meeting_id, body_id, structure_id, kind, status, locked_version, chair_person_id, adjuster_ids, note_takers,
                              preamble, published_at, created_at, updated_at)
         select ${idSql('minutes', 'i')}, m.id, m.body_id, m.structure_id, b.minutes_kind, 'approved', 1,
                ${idSql('person', `((i % ${B}) * ${MEMBERS}) % ${NATIONAL_PEOPLE}`)}, array[${idSql('person', `((i % ${B}) * ${MEMBERS} + 1) % ${NATIONAL_PEOPLE}`)}],
                jsonb_build_array(jsonb_build_object('personId', ${idSql('person', `((i % ${B}) * ${MEMBERS} + 10) % ${NATIONAL_PEOPLE}`)}, 'name', 'Sekreterare')),
                'Mötet hölls enligt kallelse.', case when b.is_public then m.starts_at + interval '10 days' end,
                m.starts_at + interval '1 day', m.starts_at + interval '8 days'
         from (select i, ${idSql('meeting', 'i')} as mid from generate_series(0, ${NATIONAL_MEETINGS - 1}) i where (i % 20) < 7) g
         join meetings m on m.id = g.mid and m.status = 'held'
         join bodies b on b.id = m.body_id`,
        `insert into minute_items (id, minutes_id, meeting_id, agenda_item_id, position, title, notes, questions, proposal, outcome, decision_text, updated_at)
         select ${idSql('minuteItem', `i * ${ITEMS_PER_MEETING} + pos - 1`)}, mi.id, mi.meeting_id, ${idSql('agendaItem', `i * ${ITEMS_PER_MEETING} + pos - 1`)}, pos, title,
                case when pos between 4 and 9 then 'Gruppen gick igenom underlaget. Frågan har beretts i arbetsgruppen och förankrats hos huvudmännen.' end,
                case when pos between 5 and 9 then '- Hur når vi alla verksamheter?' end,
                case when pos between 5 and 9 then array['godkänna förslaget', 'följa upp efter sex månader'] else '{}'::text[] end,
                (case when pos between 5 and 9 then 'approved' when pos = 4 then 'noted' end)::minute_outcome,
                case when pos between 5 and 9 then 'Gruppen beslutar att godkänna förslaget om ' || lower(title) || '.' end,
                mi.updated_at
         from (select i from generate_series(0, ${NATIONAL_MEETINGS - 1}) i where (i % 20) < 7) g
         join minutes mi on mi.id = ${idSql('minutes', 'g.i')}
         cross join lateral (select pos, ${agendaTitleSql('g.i', 'pos')} as title from generate_series(1, ${ITEMS_PER_MEETING}) pos) a`,
      ],
    },
    {
      name: `${NATIONAL_DECISIONS} decisions`,
      sql: [
        // numbered per body and year in meeting order, as src/modules/minutes/numbering.ts does when minutes are approved
        `insert into decisions (id, body_id, structure_id, year, number, meeting_id, minute_item_id, decided_on, title, outcome, text, clauses, follow_up_status, created_at, updated_at)
         select ${idSql('decision', 'rn')}, body_id, structure_id, year,
                row_number() over (partition by body_id, year order by starts_at, position), meeting_id, id, decided_on, title, 'approved',
                decision_text, proposal, (case when rn % 5 = 0 then 'open' when rn % 5 = 1 then 'done' else 'none' end)::decision_follow_up_status,
                starts_at + interval '8 days', starts_at + interval '8 days'
         from (select mi.*, m.body_id, m.structure_id, m.starts_at, (m.starts_at at time zone 'Europe/Stockholm')::date as decided_on,
                      extract(year from (m.starts_at at time zone 'Europe/Stockholm'))::int as year, row_number() over (order by m.starts_at desc, mi.id) - 1 as rn
               from minute_items mi join meetings m on m.id = mi.meeting_id
               where mi.outcome = 'approved' and mi.id::text like '${prefix('minuteItem')}%') x
         where rn < ${NATIONAL_DECISIONS}`,
      ],
    },
    {
      name: 'attendance of the last two years',
      sql: [
        // the 17 current members of the body at every meeting with minutes; one in ten excused
        `insert into attendance (meeting_id, membership_id, person_id, seat_id, status, organisation_label, called_at)
         select m.meeting_id, ms.id, ms.person_id, ms.seat_id,
                (case when (hashtext(ms.id::text || m.meeting_id::text) & 15) = 0 then 'excused' else 'present' end)::attendance_status,
                case when ms.seat_id is null then null else p.name end, mt.starts_at - interval '14 days'
         from minutes m join meetings mt on mt.id = m.meeting_id
         join memberships ms on ms.body_id = m.body_id and ms.end_on is null
         left join seats s on s.id = ms.seat_id left join principals p on p.id = s.principal_id
         where mt.starts_at > now() - interval '2 years' and m.id::text like '${prefix('minutes')}%'`,
      ],
    },
    {
      name: `${NATIONAL_CASES} cases`,
      sql: [
        // spread over the structures (c mod 21) and their bodies; eight years, numbered per structure and year
        `insert into cases (id, structure_id, body_id, year, number, title, description, raised_by_name, raised_by_organisation_name, raised_on, state,
                            state_changed_at, closed_at, created_at, updated_at)
         select ${idSql('case', 'c')}, ${idSql('structure', 'r')}, ${idSql('body', 'k * ' + R + ' + r')}, year,
                row_number() over (partition by r, year order by raised, c), title, 'Genererat ärende för prestandamätning i nationell skala.',
                'Ledamot ' || (c % 97), case when c % 2 = 0 then 'Region ' || lpad((r + 1)::text, 2, '0') else 'Kommun ' || lpad((r + 1 + ${R} * (c % 13))::text, 3, '0') end,
                raised::date, state::case_state, raised + interval '30 days',
                case when state in ('closed', 'returned', 'withdrawn') then raised + interval '200 days' end, raised, raised
         from (select c, r, k, year, title, state, make_timestamptz(year, 1 + (c * 13) % 12, 1 + (c * 7) % 27, 10, 0, 0, 'Europe/Stockholm') as raised
               from (select c, c % ${R} as r, (c / ${R}) % 238 as k, ${year - 7} + (c / ${R} / 238) % 8 as year,
                            (${textArray(TOPICS)})[1 + c % ${TOPICS.length}] || ' – fråga ' || (c / ${TOPICS.length} + 1) as title,
                            case when ${year - 7} + (c / ${R} / 238) % 8 >= ${year - 1} then (${textArray(recent)})[1 + (c::bigint * 7919) % ${recent.length}]
                                 else (${textArray(finished)})[1 + (c::bigint * 7919) % ${finished.length}] end as state
                     from generate_series(0, ${NATIONAL_CASES - 1}) c) a) x`,
        `insert into case_counters (structure_id, year, last) select structure_id, year, max(number) from cases where id::text like '${prefix('case')}%' group by structure_id, year`,
      ],
    },
  ];
}

async function timed(name: string, say: (line: string) => void, run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  say(`  ${name}: ${(ms / 1000).toFixed(1)} s`);
  return ms;
}

/** Fills the database (once); returns the total time in milliseconds (0 when already there). */
export async function generateNational(database: Database, say: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [done] = await database.query<{ n: number }>('select count(*)::int as n from people where email = $1', [NATIONAL_MEMBER_EMAIL]);
  if (done!.n > 0) return 0;
  const [partial] = await database.query<{ n: number }>('select count(*)::int as n from structures where slug = $1', [NATIONAL_STRUCTURE_SLUG]);
  if (partial!.n > 0) throw new Error('generateNational: an earlier run stopped half-way in this database; drop it and start again');
  const started = performance.now();
  say('National scale: generating on PostgreSQL …');
  for (const step of nationalSteps())
    await timed(step.name, say, async () => {
      for (const statement of step.sql) await database.query(statement);
    });
  await timed('the bench minutes as version 1, the member of five bodies', say, () => finishNational(database));
  await timed('vacuum analyze', say, async () => void (await database.query('vacuum analyze')));
  const total = performance.now() - started;
  say(`  in all: ${(total / 1000).toFixed(1)} s`);
  return total;
}

/**
 * The measured minutes get their approved version 1 (the canonical snapshot, as approving
 * writes it), so that the minutes page shows a locked version as in real use; the other
 * generated minutes are approved without a stored version (the page builds them from the rows).
 * Last, the member of five bodies (the marker of a finished run).
 */
export async function finishNational(database: Database) {
  const db = database.db;
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, NATIONAL_MEETING_ID));
  const [m] = await db.select().from(minutes).where(eq(minutes.meetingId, NATIONAL_MEETING_ID));
  const [body] = await db.select().from(bodies).where(eq(bodies.id, meeting!.bodyId));
  const canonical = canonicalJson(await buildSnapshot(db, meeting!, m!, { body: body! }));
  await db.insert(minuteVersions).values({ minutesId: m!.id, number: 1, status: 'approved', canonical, sha256: sha256Hex(canonical), lockedAt: m!.updatedAt });
  const [member] = await db.insert(people).values({ name: 'Nationell Ledamot', sortKey: 'nationell ledamot', email: NATIONAL_MEMBER_EMAIL }).returning({ id: people.id });
  await database.query(
    `insert into memberships (id, body_id, person_id, role, start_on)
     select ${idSql('membership', `${NATIONAL_MEMBERSHIPS} + n`)}, ${idSql('body', `(array[${MEMBER_BODIES.join(',')}])[n + 1] * ${NATIONAL_REGIONS}`)}, $1, 'member', date '2023-01-01'
     from generate_series(0, ${MEMBER_BODIES.length - 1}) n`,
    [member!.id],
  );
}

/** A session of the member of five bodies (a person, not an administrator). */
export async function nationalMemberCookie(database: Database): Promise<string> {
  const [person] = await database.db.select({ id: people.id }).from(people).where(eq(people.email, NATIONAL_MEMBER_EMAIL));
  const { token } = await createSession(database.db, person!.id, { userAgent: 'bench' });
  return `samverka_session=${token}`;
}
