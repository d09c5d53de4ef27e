/**
 * The real protocol of Chefsgruppen in Örebro län, 13 November 2020 (tests/fixtures, with
 * invented names in place of the people), entered as a past meeting through the commands:
 * every attendee with the substitute, every item with its presenter, notes, questions,
 * "att"-clauses, decision, condition and conclusion, the evaluation (answered by the
 * attendees and folded into the minutes by the secretary), the next year's dates. It is
 * approved (justerat) and exported; every part is then found in the text read back from
 * the PDF and from the DOCX.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { run } from '../../../tests/helpers/minutes.js';
import { pdfFonts, pdfInfo, pdfText, readDocx } from '../../../tests/helpers/documents.js';
import { fixtureBody, fixtureMembership, fixturePerson, fixtureStructure } from '../structure/samples.js';
import { personActor } from '../meetings/samples.js';
import { recordAttendance } from '../meetings/commands/record-attendance.js';
import { registerPastMeeting } from '../meetings/commands/register-past.js';
import './index.js';
import { contentVersion, itemsOf } from './queries/index.js';
import { addAction, addMinuteItem, approveMinutes, evaluateMeeting, saveHeader, saveItem, sendForApproval, startMinutes } from './commands/index.js';
import { fileSource, renderMinutesFile } from './export.js';
import { inlinePlain } from '../../platform/views/markdown.js';
import { evaluationsOf, foldEvaluations, versionsOf } from './queries/index.js';
import { minutes, type MinuteOutcome } from './schema.js';
import { clauseText } from './inputs.js';

const db = useTestDatabase();
const FIXTURE = readFileSync(new URL('../../../tests/fixtures/chefsgrupp-2020-11-13.txt', import.meta.url), 'utf8');

// ---------------------------------------------------------------------------------------
// Reading the fixture

const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

interface FixtureItem {
  number: number;
  title: string;
  body: string;
}

function parseFixture(text: string) {
  const body = /\*\*Protokoll (.+?)\*\*/.exec(text)![1]!;
  const [, date, start, end] = /Tid: (\d+ \w+ \d{4}) kl (\d\d:\d\d)-(\d\d:\d\d)/.exec(text)!;
  const place = /Plats: (.+)/.exec(text)![1]!.trim();
  const attendees = [...text.matchAll(/^\| ([^|]*\S) +\| ([^|]*\S) +\|$/gm)].map((m) => {
    const sub = /^(.+?) \(ers (.+)\)$/.exec(m[1]!.trim());
    return { name: (sub ? sub[1]! : m[1]!).trim(), organisation: m[2]!.trim(), substituteForFirstName: sub ? sub[2]! : null };
  });
  // Items: "N. Title" at the start of a line, numbered 1, 2, 3… (a list inside an item does not restart that count).
  const items: FixtureItem[] = [];
  const lines = text.split('\n');
  let current: FixtureItem | null = null;
  for (const line of lines) {
    const m = /^(\d+)\. (.+)$/.exec(line);
    if (m && Number(m[1]) === items.length + 1 && !m[2]!.startsWith('*')) {
      current = { number: Number(m[1]), title: m[2]!.trim(), body: '' };
      items.push(current);
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return { body, date: date!, start: start!, end: end!, place, attendees, items };
}

// ---------------------------------------------------------------------------------------
// What the secretary records for each item, beyond its text (which becomes the notes).

interface Annotation {
  outcome?: MinuteOutcome;
  /** The decision or conclusion, exactly as written in the protocol. */
  decision?: string;
  condition?: string;
  /** "X föredrar ärendet.": the presenter. */
  presenter?: string;
  /** Follow-ups, with their owner. */
  actions?: { title: string; owner: string }[];
}

const ANNOTATIONS: Record<number, Annotation> = {
  2: { outcome: 'approved', decision: 'Agendan godkänns.' },
  3: { outcome: 'filed', decision: 'Anteckningarna läggs till handlingarna.' },
  4: {
    outcome: 'noted',
    actions: [
      { title: 'Frågan ang snabbtest tas vidare till Förstärkt samverkan.', owner: 'Linnea Kvist' },
      { title: 'Frågan om vaccin tas till MAS-nätverket.', owner: 'Kerstin Alm' },
    ],
  },
  5: { outcome: 'approved', presenter: 'Olof och Sofia', decision: 'Chefsgruppen godkänner förslaget (se kommentarer ovan).' },
  6: { outcome: 'approved', presenter: 'Hanna Öberg', decision: 'Chefsgruppen beslutar att godkänna förslaget till beslut.' },
  7: {
    outcome: 'approved',
    presenter: 'Tove Lindh',
    decision: 'Chefsgruppen beslutar att godkänna förslaget till beslut.',
    condition: 'Beslutet om arbete med målbild behöver förankras med hälso- och sjukvårdsdirektören och i KCRD gruppen.',
  },
  8: { outcome: 'concluded_no_decision', presenter: 'Ingela Åström', decision: 'Frågan sammanfattas med att en kartläggning ska göras.' },
  9: { outcome: 'noted', presenter: 'Ingela Åström', actions: [{ title: 'Olof pratar med Maud om att Ingela bjuds in till IFO-chefernas möte.', owner: 'Olof Ängström' }] },
  10: { outcome: 'approved', decision: 'Chefsgruppen godkänner förslag på datum.', actions: [{ title: 'Olof går vidare i planeringen.', owner: 'Olof Ängström' }] },
  11: { outcome: 'approved', decision: 'Chefsgruppen godkänner datumförslag.' },
};

/** Splits an item's text into presenter, notes, questions, "att"-clauses, decision and condition. */
function entryOf(item: FixtureItem, a: Annotation) {
  let paragraphs = paragraphsOf(item.body);
  const take = (sentence: string | undefined) => {
    if (!sentence) return;
    const i = paragraphs.findIndex((p) => p.includes(sentence));
    expect(i, `"${sentence}" in item ${item.number}`).toBeGreaterThanOrEqual(0);
    paragraphs[i] = paragraphs[i]!.replace(sentence, '')
      .replace(/[ \t]+\n|\n[ \t]+/g, '\n')
      .trim();
  };
  take(a.presenter ? `${a.presenter} föredrar ärendet.` : undefined);
  take(a.decision);
  take(a.condition);
  paragraphs = paragraphs.filter(Boolean);
  const listAfter = (heading: string) => {
    const i = paragraphs.indexOf(heading);
    if (i < 0) return null;
    const list = paragraphs[i + 1]!;
    paragraphs.splice(i, 2);
    return list;
  };
  const proposal = listAfter('Förslag till beslut:');
  const questions = listAfter('Frågor/Synpunkter:');
  return {
    presenters: a.presenter ? [{ name: a.presenter }] : [],
    notes: paragraphs.join('\n\n') || undefined,
    questions: questions ?? undefined,
    proposal: proposal ? proposal.split('\n').map(clauseText) : [],
    outcome: a.outcome,
    decisionText: a.decision,
    condition: a.condition,
  };
}

// ---------------------------------------------------------------------------------------

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the Chefsgrupp protocol of 13 November 2020', () => {
  it('is entered as a past meeting, approved, exported, and found whole in the PDF and the DOCX', async () => {
    const f = parseFixture(FIXTURE);
    expect(f.attendees).toHaveLength(30);
    expect(f.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const database = db.current;
    const d = database.db;

    // The body, and everyone at the meeting as a member (the secretary and the chair in their roles; the substitute for her member).
    const { structure } = await fixtureStructure(d);
    const body = await fixtureBody(d, structure.id, { name: f.body, shortName: 'Chefsgruppen', minutesKind: 'protocol' });
    const people = new Map<string, { id: string; name: string; membershipId: string }>();
    for (const a of f.attendees.filter((x) => !x.substituteForFirstName)) {
      const person = await fixturePerson(d, a.name);
      const role = a.name === 'Eva-Lotta Åberg' ? 'secretary' : a.name === 'Olof Ängström' ? 'chair' : 'member';
      const membership = await fixtureMembership(d, { bodyId: body.id, personId: person.id, role, startOn: '2020-01-01' });
      people.set(a.name, { id: person.id, name: a.name, membershipId: membership.id });
    }
    const substitute = f.attendees.find((x) => x.substituteForFirstName)!;
    const stoodInFor = [...people.values()].find((p) => p.name.startsWith(`${substitute.substituteForFirstName} `))!;
    expect(stoodInFor.name).toBe('Britt-Marie Öhman');
    const subPerson = await fixturePerson(d, substitute.name);
    const subMembership = await fixtureMembership(d, { bodyId: body.id, personId: subPerson.id, role: 'substitute', startOn: '2020-01-01', substituteForMembershipId: stoodInFor.membershipId });
    people.set(substitute.name, { id: subPerson.id, name: substitute.name, membershipId: subMembership.id });
    const secretary = personActor({ id: people.get('Eva-Lotta Åberg')!.id, name: 'Eva-Lotta Åberg' });
    const as = (name: string) => personActor({ id: people.get(name)!.id, name });

    // The meeting, registered afterwards, and its roll call.
    const meeting = await run(database, secretary, registerPastMeeting, {
      bodyId: body.id,
      title: 'Chefsgruppen',
      date: '2020-11-13',
      startTime: f.start,
      endTime: f.end,
      format: 'digital',
      address: f.place,
    });
    await run(database, secretary, recordAttendance, {
      meetingId: meeting.id,
      entries: f.attendees.map((a) => ({
        personId: people.get(a.name)!.id,
        status: 'present' as const,
        organisationLabel: a.organisation,
        substituteForPersonId: a.substituteForFirstName ? stoodInFor.id : undefined,
      })),
    });

    // The minutes: every item in order, then each item's minutes.
    await run(database, secretary, startMinutes, { meetingId: meeting.id });
    for (const item of f.items) await run(database, secretary, addMinuteItem, { meetingId: meeting.id, title: item.title });
    const [m] = await d.select().from(minutes).where(eq(minutes.meetingId, meeting.id));
    const items = await itemsOf(d, m!.id);
    expect(items.map((i) => i.title)).toEqual(f.items.map((i) => i.title));
    const entries = new Map<number, ReturnType<typeof entryOf>>();
    for (const [i, item] of f.items.entries()) {
      if (item.number === 12) continue; // the evaluation: answered by the attendees below
      const entry = entryOf(item, ANNOTATIONS[item.number] ?? {});
      entries.set(item.number, entry);
      await run(database, secretary, saveItem, { itemId: items[i]!.id, version: items[i]!.version, ...entry });
      for (const action of ANNOTATIONS[item.number]?.actions ?? []) {
        await run(database, secretary, addAction, { meetingId: meeting.id, minuteItemId: items[i]!.id, title: action.title, ownerPersonId: people.get(action.owner)!.id });
      }
    }

    // The evaluation: each attendee answers; the secretary folds the answers into the minutes.
    const evaluation = paragraphsOf(f.items[11]!.body);
    const drive = evaluation.slice(evaluation.indexOf('Driv:') + 1, evaluation.indexOf('Hinder:')).flatMap((p) => p.split('\n'));
    const hinder = evaluation.slice(evaluation.indexOf('Hinder:') + 1).flatMap((p) => p.split('\n'));
    expect(drive).toHaveLength(15);
    expect(hinder).toHaveLength(5);
    const answering = [...people.keys()];
    for (const [i, line] of drive.entries()) {
      await run(database, as(answering[i]!), evaluateMeeting, { meetingId: meeting.id, forward: line, hindered: hinder[i] });
    }
    const summary = foldEvaluations(
      (await evaluationsOf(d, meeting.id)).map((a) => a.e),
      { drive: 'Driv', hinder: 'Hinder' },
    );
    const [fresh] = await d.select().from(minutes).where(eq(minutes.id, m!.id));
    await run(database, secretary, saveHeader, {
      meetingId: meeting.id,
      version: fresh!.version,
      noteTakerIds: [people.get('Eva-Lotta Åberg')!.id],
      chairPersonId: people.get('Olof Ängström')!.id,
      adjusterIds: [people.get('Hanna Öberg')!.id],
      preamble: 'Olof Ängström leder mötet.',
      evaluationSummary: summary,
      nextMeetings: f.items[13]!.body.trim(),
    });

    // Justering: the chair and the adjuster approve; the version is locked with its digest.
    await run(database, secretary, sendForApproval, { meetingId: meeting.id });
    const [inApproval] = await d.select().from(minutes).where(eq(minutes.id, m!.id));
    const cv = await contentVersion(d, inApproval!);
    await run(database, as('Olof Ängström'), approveMinutes, { meetingId: meeting.id, version: cv });
    const { locked } = await run(database, as('Hanna Öberg'), approveMinutes, { meetingId: meeting.id, version: cv });
    expect(locked).not.toBeNull();
    const [version] = await versionsOf(d, m!.id);

    // Export.
    const [final] = await d.select().from(minutes).where(eq(minutes.id, m!.id));
    const source = await fileSource(d, meeting, final!, body, version);
    const pdf = await renderMinutesFile(source, 'pdf', 'sv');
    const docx = await renderMinutesFile(source, 'docx', 'sv');
    // The running footer ("Protokoll Chefsgruppen 2020-11-13 · v1 · SHA-256 …  Sida 2 av 5") sits between a paragraph's lines across a page break.
    const pdfAll = collapse(
      pdfText(pdf.body)
        .split('\n')
        .filter((line) => !/^\s*(Protokoll Chefsgruppen 2020-11-13 · v1 · SHA-256 \w+…)?\s*(Sida \d+ av \d+)?\s*$/.test(line))
        .join('\n'),
    );
    const docxAll = collapse((await readDocx(docx.body)).text);

    // Every part of the protocol.
    const expected: string[] = [
      `Protokoll – ${f.body}`,
      'fredag 13 november 2020',
      `${f.start}–${f.end}`,
      f.place,
      'Eva-Lotta Åberg',
      ...f.attendees.flatMap((a) => [a.name, a.organisation]),
      substitute.name,
      `ers. ${stoodInFor.name}`,
      ...f.items.map((i) => `${i.number}. ${i.title}`),
      ...drive,
      ...hinder,
      'Driv:',
      'Hinder:',
      'Vid anteckningarna',
      '11 december.',
      'Olof Ängström',
      'Hanna Öberg',
      version!.sha256,
      'Chefsgruppen 2020:1',
    ];
    for (const [number, e] of entries) {
      const a = ANNOTATIONS[number] ?? {};
      if (a.presenter) expected.push(`${a.presenter} föredrar ärendet.`);
      for (const p of paragraphsOf(e.notes ?? '')) {
        // A list keeps its items; a paragraph its lines.
        for (const line of p.split('\n')) expected.push(inlinePlain(line.replace(/^(?:- |\d+\. )/, '')));
      }
      for (const line of (e.questions ?? '').split('\n').filter(Boolean)) expected.push(inlinePlain(line.replace(/^- /, '')));
      for (const clause of e.proposal) expected.push(`Att ${clause}`);
      if (a.decision) expected.push(a.decision);
      if (a.condition) expected.push(a.condition);
      for (const action of a.actions ?? []) expected.push(action.title);
    }
    // The 2021 dates are part of item 11's notes.
    expect(expected).toContain('Förslag: 29/1, 5/3, 16/4, 28/5, 3/9, 14-15/10, 12/11 och 10/12');
    // Every "att"-clause of the protocol (six, in three items).
    expect(expected.filter((s) => s.startsWith('Att '))).toHaveLength(7);

    const missingPdf = expected.map(collapse).filter((s) => !pdfAll.includes(s));
    const missingDocx = expected.map(collapse).filter((s) => !docxAll.includes(s));
    expect(missingPdf, 'missing from the PDF').toEqual([]);
    expect(missingDocx, 'missing from the DOCX').toEqual([]);

    // The PDF: tagged, Swedish, every font embedded, PDF/A metadata.
    const info = pdfInfo(pdf.body);
    expect(info.Tagged).toBe('yes');
    expect(info.Title).toBe(`Protokoll – ${f.body}`);
    expect(pdf.body.toString('latin1')).toContain('pdfaid:part');
    expect(pdfFonts(pdf.body).every((font) => font.embedded)).toBe(true);
    expect(pdf.disposition).toContain('protokoll-chefsgruppen-2020-11-13-v1.pdf');
  }, 600_000);
});
