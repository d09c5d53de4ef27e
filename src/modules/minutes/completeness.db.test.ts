import { describe, expect, it } from 'vitest';
import { eq, getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson } from '../../../tests/helpers/inbox.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { pdfText, readDocx } from '../../../tests/helpers/documents.js';
import { fixtureBody, fixtureMembership, fixturePerson, fixtureSeat } from '../structure/samples.js';
import { fixtureItem } from '../meetings/samples.js';
import { absenceReports, agendaItems, attachments, attendance, meetingBodies, meetings } from '../meetings/schema.js';
import { cases } from '../cases/schema.js';
import { formatLongDate, stockholmClock, stockholmDay } from '../../platform/time.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { buildSnapshot, upgradeSnapshot } from './snapshot.js';
import { actionItems, decisions, minuteItems, minutes, minuteVersions } from './schema.js';
import { saveItem, startMinutes } from './commands/index.js';
import { itemsOf } from './queries/index.js';
import { minutesDocument } from './document.js';

/*
 * The minutes carry the whole meeting: a meeting in which every stored field of the meeting,
 * its agenda items and sub-items, the minutes and their items, attendance, absence reports,
 * decisions, actions and attachments is filled, and each value is looked for in the minutes
 * page (HTML), the PDF (pdftotext), the DOCX (word/document.xml) and the canonical JSON.
 *
 * The columns come from the drizzle tables (getTableColumns): a text column added later is
 * filled with a marker of its own and looked for automatically; any other new column fails
 * the test until it is given a value and an expected text here, or listed among the
 * technical columns with the reason it is not shown.
 */

const db = useTestDatabase();

/** What a column's value looks like in the documents: a text, several texts, or a check. */
type Expectation = string | string[] | { describe: string; check: (text: string) => boolean };

interface TablePlan {
  table: Table;
  /** Columns the minutes do not show, each with the reason. */
  technical: Record<string, string>;
  /** The expected text of each column that is filled explicitly below. */
  expect: Record<string, Expectation>;
  /** The row whose new text columns get a generated marker. */
  mainRowId: string;
  /** The test's rows of the table (to check that every column is filled in at least one). */
  rowIds: string[];
}

const TECH = {
  id: 'an identifier',
  version: 'the optimistic-lock counter',
  createdAt: 'bookkeeping: when the row was made',
  updatedAt: 'bookkeeping: when the row was changed',
  createdBy: 'bookkeeping: who made the row (the history shows it)',
  updatedBy: 'bookkeeping: who changed the row (the history shows it)',
  meetingId: 'the meeting the row belongs to',
  minutesId: 'the minutes the row belongs to',
  bodyId: 'the body (its name is printed from the meeting)',
  structureId: 'the structure (kept for structure-wide lists)',
};

let seq = 0;
/** A token that survives every format unbroken and is found only where it was put. */
const marker = (what: string) => `Kx${String(++seq).padStart(3, '0')}${what.replace(/[^A-Za-z]/g, '').slice(0, 12)}q`;

const normalise = (s: string) => s.replace(/[\u00a0\u2011]/g, ' ').replace(/\s+/g, ' ');

async function world() {
  const w = await minutesWorld(db.current, { paragraphNumbering: false });
  const d = db.current.db;
  const secretary = await inboxPerson(db.current, { login: true, name: 'Sigrid Sekreterare' });
  await fixtureMembership(d, { bodyId: w.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
  return { ...w, secretaryLogin: secretary };
}

describe('the minutes carry the whole meeting', () => {
  it('every stored field of a meeting reaches the minutes page, the PDF, the DOCX and the canonical JSON', async () => {
    const w = await world();
    const d = db.current.db;
    const { meeting, body } = w;

    // People and seats around the meeting.
    const viceChair = await fixturePerson(d, 'Vilma Viceordförande');
    await fixtureMembership(d, { bodyId: body.id, personId: viceChair.id, role: 'vice_chair', startOn: '2020-01-01' });
    const absentSeat = await fixtureSeat(d, body.id, { function: marker('absentSeat') });
    const absentee = await fixturePerson(d, 'Alva Frånvarande');
    const absentMembership = await fixtureMembership(d, { bodyId: body.id, personId: absentee.id, role: 'member', seatId: absentSeat.id, startOn: '2020-01-01' });
    const substitute = await fixturePerson(d, 'Sune Ersättare');
    const subMembership = await fixtureMembership(d, { bodyId: body.id, personId: substitute.id, role: 'substitute', substituteForMembershipId: absentMembership.id, startOn: '2020-01-01' });
    const vacantGroup = marker('vacantOrg');
    const vacantSeat = await fixtureSeat(d, body.id, { function: marker('vacantSeat'), groupLabel: vacantGroup });
    const joint = await fixtureBody(d, body.structureId, { name: `Gemensam grupp ${marker('joint')}` });
    const presenterInRegister = await fixturePerson(d, 'Petra Föredragande');
    const owner = await fixturePerson(d, 'Olle Ansvarig');

    // The meeting.
    const mText = { address: marker('address'), room: marker('room'), link: `https://example.org/${marker('link')}`, title: marker('title') };
    await d
      .update(meetings)
      .set({ ...mText, format: 'hybrid', isJoint: true })
      .where(eq(meetings.id, meeting.id));
    await d.insert(meetingBodies).values({ meetingId: meeting.id, bodyId: joint.id });
    const [m0] = await d.select().from(meetings).where(eq(meetings.id, meeting.id));

    // The agenda: a main item with a sub-item, under a section.
    const agendaText = { section: marker('section'), description: marker('description') };
    const [parentAgenda] = await d.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id)).orderBy(agendaItems.position);
    await d.update(agendaItems).set(agendaText).where(eq(agendaItems.id, parentAgenda!.id));
    const subAgenda = await fixtureItem(db.current.db, meeting, 1, { parentId: parentAgenda!.id, title: 'Underpunkt', section: agendaText.section });
    const kase = (
      await d
        .insert(cases)
        .values({ structureId: body.structureId, bodyId: body.id, year: 2026, number: 901, title: marker('caseTitle'), raisedByName: 'Rut Väckare', raisedOn: '2026-01-10' })
        .returning()
    )[0]!;

    // The minutes and their items.
    const chair = w.chair;
    const adjuster = w.adjuster;
    const mm = (
      await d
        .insert(minutes)
        .values({
          meetingId: meeting.id,
          bodyId: body.id,
          structureId: body.structureId,
          kind: 'protocol',
          noteTakers: [{ personId: null, name: marker('noteTaker') }],
          adjusterIds: [adjuster.person.id],
          chairPersonId: chair.person.id,
          preamble: marker('preamble'),
          evaluationSummary: marker('evaluation'),
          nextMeetings: marker('nextMeetings'),
        })
        .returning()
    )[0]!;
    const itemText = {
      number: marker('number'),
      title: marker('itemTitle'),
      notes: marker('notes'),
      questions: marker('questions'),
      decisionText: marker('decisionText'),
      condition: marker('condition'),
      caseTransition: marker('caseStep'),
    };
    const clause = marker('clause');
    const external = { name: marker('extName'), organisation: marker('extOrg') };
    const parentItem = (
      await d
        .insert(minuteItems)
        .values({
          minutesId: mm.id,
          meetingId: meeting.id,
          agendaItemId: parentAgenda!.id,
          position: 1,
          ...itemText,
          presenters: [
            { personId: presenterInRegister.id, name: '', organisation: null },
            { personId: null, ...external },
          ],
          proposal: [`att ${clause}`],
          outcome: 'approved',
          internal: true,
          caseId: kase.id,
        })
        .returning()
    )[0]!;
    const subTitle = marker('subTitle');
    const subItem = (
      await d
        .insert(minuteItems)
        .values({ minutesId: mm.id, meetingId: meeting.id, agendaItemId: subAgenda.id, parentId: parentItem.id, position: 1, paragraph: 7, title: subTitle, outcome: 'noted' })
        .returning()
    )[0]!;

    // Decisions and actions.
    const decision = (
      await d
        .insert(decisions)
        .values({
          bodyId: body.id,
          structureId: body.structureId,
          year: 2026,
          number: 913,
          meetingId: meeting.id,
          minuteItemId: parentItem.id,
          decidedOn: stockholmDay(meeting.startsAt),
          title: itemText.title,
          outcome: 'approved',
          text: itemText.decisionText,
          clauses: [clause],
          condition: itemText.condition,
          caseId: kase.id,
          caseTransition: itemText.caseTransition,
          followUpStatus: 'open',
          internal: true,
          withdrawnAt: null,
        })
        .returning()
    )[0]!;
    const actionText = { title: marker('actionTitle'), ownerName: marker('ownerName'), doneNote: marker('doneNote') };
    const doneAction = (
      await d
        .insert(actionItems)
        .values({
          bodyId: body.id,
          meetingId: meeting.id,
          minuteItemId: parentItem.id,
          decisionId: decision.id,
          caseId: kase.id,
          ...actionText,
          dueOn: '2031-02-03',
          status: 'done',
          fromCondition: true,
          doneAt: new Date(),
          doneBy: w.secretary.person.id,
          remindedAt: new Date(),
          createdBy: w.secretary.person.id,
        })
        .returning()
    )[0]!;
    const personAction = (
      await d
        .insert(actionItems)
        .values({ bodyId: body.id, meetingId: meeting.id, minuteItemId: subItem.id, title: marker('action2'), ownerPersonId: owner.id, dueOn: '2031-03-04' })
        .returning()
    )[0]!;

    // Attendance: the world's four present, a digital guest, an excused member with views and the substitute standing in.
    const guestText = { guestName: marker('guestName'), organisationLabel: marker('guestOrg') };
    const guestRow = (
      await d
        .insert(attendance)
        .values({ meetingId: meeting.id, ...guestText, status: 'present', guest: true, digital: true, adjunct: true, calledAt: new Date() })
        .returning()
    )[0]!;
    const absentViews = marker('absentViews');
    const absentRow = (
      await d
        .insert(attendance)
        .values({
          meetingId: meeting.id,
          personId: absentee.id,
          membershipId: absentMembership.id,
          seatId: absentSeat.id,
          status: 'excused',
          viewsInAdvance: absentViews,
          organisationLabel: marker('absentOrg'),
        })
        .returning()
    )[0]!;
    const subRow = (
      await d
        .insert(attendance)
        .values({ meetingId: meeting.id, personId: substitute.id, membershipId: subMembership.id, seatId: absentSeat.id, status: 'present', substituteForPersonId: absentee.id, digital: true })
        .returning()
    )[0]!;
    const reportText = { views: marker('reportViews'), itemViews: marker('itemViews') };
    const report = (
      await d
        .insert(absenceReports)
        .values({ meetingId: meeting.id, personId: absentee.id, views: reportText.views, itemViews: [{ itemId: parentAgenda!.id, views: reportText.itemViews }], substitutePersonId: substitute.id })
        .returning()
    )[0]!;

    // An attachment at the item.
    const filename = `${marker('file')}.pdf`;
    const file = (
      await d
        .insert(attachments)
        .values({
          meetingId: meeting.id,
          itemId: parentAgenda!.id,
          submissionId: null,
          filename,
          contentType: 'application/pdf',
          size: 4,
          data: Buffer.from('%PDF'),
          uploadedBy: w.secretary.person.id,
        })
        .returning()
    )[0]!;

    const date = formatLongDate(m0!.startsAt, 'sv');
    const plans: TablePlan[] = [
      {
        table: meetings,
        mainRowId: meeting.id,
        rowIds: [meeting.id],
        technical: {
          id: TECH.id,
          bodyId: TECH.bodyId,
          structureId: TECH.structureId,
          notes: 'practical information for the participants before the meeting, not part of the record',
          status: 'minutes are kept for held meetings',
          registeredAfterwards: 'how the meeting came into Samverka (the heading says "as held" either way)',
          timesKnown: 'decides whether the times are printed (true here: the times are checked through startsAt and endsAt)',
          callOpensOn: 'an agenda planning date before the meeting',
          submissionDeadline: 'an agenda planning date before the meeting',
          agendaPublishOn: 'an agenda planning date before the meeting',
          agendaPublishedAt: 'when the call went out, before the meeting',
          changedAfterPublishAt: 'a change notice before the meeting',
          cancelledAt: 'a cancelled meeting has no minutes',
          cancelReason: 'a cancelled meeting has no minutes',
          sequence: 'the iCalendar revision counter',
          uid: 'the iCalendar identifier',
          createdBy: TECH.createdBy,
          createdAt: TECH.createdAt,
          updatedAt: TECH.updatedAt,
          version: TECH.version,
        },
        expect: {
          ...mText,
          startsAt: [date, stockholmClock(m0!.startsAt)],
          endsAt: stockholmClock(m0!.endsAt),
          format: 'Fysiskt och digitalt',
          isJoint: joint.name,
        },
      },
      {
        table: agendaItems,
        mainRowId: parentAgenda!.id,
        rowIds: [parentAgenda!.id, subAgenda.id],
        technical: {
          id: TECH.id,
          meetingId: TECH.meetingId,
          parentId: 'copied to the minute item (checked there)',
          position: 'the order (checked through the minute items)',
          number: 'copied to the minute item number (checked there)',
          title: 'copied to the minute item title (checked there)',
          kind: 'a planning category of the agenda',
          presenterPersonId: 'retired: replaced by presenters',
          presenterName: 'retired: replaced by presenters',
          presenters: 'copied to the minute item presenters (checked there)',
          durationMinutes: 'the planned time of the agenda',
          fixedStartAt: 'the planned time of the agenda',
          source: 'where the proposal for the item came from',
          sourceRef: 'where the proposal for the item came from',
          caseId: 'copied to the minute item (checked there)',
          internal: 'copied to the minute item (checked there)',
          outcome: 'set from the minute item outcome (checked there)',
          changedAfterPublishAt: 'a change notice before the meeting',
          createdAt: TECH.createdAt,
          updatedAt: TECH.updatedAt,
        },
        expect: { ...agendaText },
      },
      {
        table: minutes,
        mainRowId: mm.id,
        rowIds: [mm.id],
        technical: {
          id: TECH.id,
          meetingId: TECH.meetingId,
          bodyId: TECH.bodyId,
          structureId: TECH.structureId,
          status: 'the state of the draft; a locked version prints its own status',
          correctionReason: 'printed with the next version as its reason (version data, not content)',
          lockedVersion: 'the number of the latest version (printed from the version)',
          approvalDeadline: 'the running approval round, not content',
          approvalStartedAt: 'the running approval round, not content',
          publishedAt: 'publication of the locked minutes, not content',
          publicAttachmentIds: 'which attachments the public page offers, not content',
          distributedAt: 'when the minutes were sent out, not content',
          createdBy: TECH.createdBy,
          createdAt: TECH.createdAt,
          updatedBy: TECH.updatedBy,
          updatedAt: TECH.updatedAt,
          version: TECH.version,
        },
        expect: {
          kind: 'Protokoll',
          noteTakers: mm.noteTakers[0]!.name,
          adjusterIds: adjuster.person.name,
          chairPersonId: chair.person.name,
          preamble: mm.preamble!,
          evaluationSummary: mm.evaluationSummary!,
          nextMeetings: mm.nextMeetings!,
        },
      },
      {
        table: minuteItems,
        mainRowId: parentItem.id,
        rowIds: [parentItem.id, subItem.id],
        technical: {
          id: TECH.id,
          minutesId: TECH.minutesId,
          meetingId: TECH.meetingId,
          agendaItemId: 'links the agenda item, whose section, description, views and attachments are checked',
          position: 'the order among siblings',
          presenterPersonId: 'retired: replaced by presenters',
          presenterName: 'retired: replaced by presenters',
          updatedBy: TECH.updatedBy,
          updatedAt: TECH.updatedAt,
          version: TECH.version,
        },
        expect: {
          ...itemText,
          caseTransition: `Steg i ärendet: ${itemText.caseTransition}`,
          parentId: { describe: 'the sub-item after its parent', check: (text) => text.indexOf(subTitle) > text.indexOf(itemText.title) && text.indexOf(itemText.title) >= 0 },
          presenters: [presenterInRegister.name, `${external.name} (${external.organisation})`],
          proposal: `Att ${clause}`,
          outcome: 'Bifalls',
          paragraph: `§ 7. ${subTitle}`,
          internal: 'Intern',
          caseId: kase.title,
        },
      },
      {
        table: decisions,
        mainRowId: decision.id,
        rowIds: [decision.id],
        technical: {
          id: TECH.id,
          bodyId: TECH.bodyId,
          structureId: TECH.structureId,
          meetingId: TECH.meetingId,
          minuteItemId: 'places the decision at its item (its number is checked there)',
          decidedOn: 'the meeting day (checked through the meeting)',
          title: "the register's copy of the item title",
          outcome: "the register's copy of the item outcome",
          text: "the register's copy of the item decision text",
          clauses: "the register's copy of the item proposal",
          condition: "the register's copy of the item condition",
          caseId: "the register's copy of the item case",
          caseTransition: "the register's copy of the item case step",
          followUpStatus: 'the follow-up after the meeting, in the register',
          internal: "the register's copy of the item's internal mark",
          withdrawnAt: 'a withdrawn decision is left out of later versions',
          createdBy: TECH.createdBy,
          createdAt: TECH.createdAt,
          updatedAt: TECH.updatedAt,
        },
        expect: { year: 'SAMS 2026:913', number: 'SAMS 2026:913' },
      },
      {
        table: actionItems,
        mainRowId: doneAction.id,
        rowIds: [doneAction.id, personAction.id],
        technical: {
          id: TECH.id,
          bodyId: TECH.bodyId,
          meetingId: TECH.meetingId,
          minuteItemId: 'places the action at its item',
          decisionId: 'the decision the action follows up (same item)',
          caseId: 'the case of the item (checked there)',
          fromCondition: "marks the decision's condition (printed as the condition)",
          doneAt: 'follow-up bookkeeping after the meeting',
          doneBy: 'follow-up bookkeeping after the meeting',
          remindedAt: 'when the reminder was sent',
          createdBy: TECH.createdBy,
          createdAt: TECH.createdAt,
          version: TECH.version,
        },
        expect: { ...actionText, ownerPersonId: owner.name, dueOn: ['2031-02-03', '2031-03-04'], status: '2031-02-03 – klar' },
      },
      {
        table: attendance,
        mainRowId: guestRow.id,
        rowIds: [guestRow.id, absentRow.id, subRow.id],
        technical: {
          id: TECH.id,
          meetingId: TECH.meetingId,
          membershipId: 'gives the organisation when no label is set (labels are set here)',
          calledAt: 'when a substitute was called in automatically (bookkeeping)',
          updatedAt: TECH.updatedAt,
        },
        expect: {
          ...guestText,
          personId: [absentee.name, substitute.name],
          seatId: absentSeat.function,
          status: 'anmält förhinder',
          substituteForPersonId: `ers. ${absentee.name}`,
          viewsInAdvance: absentViews,
          guest: 'gäst',
          digital: 'deltog digitalt',
          adjunct: 'adjungerad',
          organisationLabel: [guestText.organisationLabel, absentRow.organisationLabel!],
        },
      },
      {
        table: absenceReports,
        mainRowId: report.id,
        rowIds: [report.id],
        technical: {
          id: TECH.id,
          meetingId: TECH.meetingId,
          substitutePersonId: "shown as the substitute's line (ers.) in the attendance",
          createdAt: TECH.createdAt,
        },
        expect: { personId: absentee.name, views: reportText.views, itemViews: reportText.itemViews },
      },
      {
        table: attachments,
        mainRowId: file.id,
        rowIds: [file.id],
        technical: {
          id: TECH.id,
          meetingId: TECH.meetingId,
          submissionId: 'the submission that brought the file',
          contentType: 'the file itself (fetched through the link)',
          size: 'the file itself (fetched through the link)',
          data: 'the file itself (fetched through the link)',
          uploadedBy: TECH.createdBy,
          createdAt: TECH.createdAt,
        },
        expect: { itemId: filename, filename },
      },
    ];

    // New text columns: a generated marker on the plan's main row, looked for like the rest.
    for (const plan of plans) {
      const generated: Record<string, string> = {};
      for (const [key, column] of Object.entries(getTableColumns(plan.table))) {
        if (key in plan.technical || key in plan.expect) continue;
        if (column.columnType === 'PgText') generated[key] = marker(key);
      }
      if (Object.keys(generated).length) {
        const idColumn = getTableColumns(plan.table).id!;
        await d.update(plan.table).set(generated).where(eq(idColumn, plan.mainRowId));
        Object.assign(plan.expect, generated);
      }
    }

    // Every column is either shown (with an expected text) or technical (with a reason), and every shown column is filled.
    const unplanned: string[] = [];
    const empty: string[] = [];
    for (const plan of plans) {
      const name = getTableName(plan.table);
      const columns = getTableColumns(plan.table);
      for (const key of Object.keys(columns)) if (!(key in plan.technical) && !(key in plan.expect)) unplanned.push(`${name}.${key}`);
      for (const key of Object.keys(plan.technical)) expect(plan.technical[key], `${name}.${key} needs a reason`).toMatch(/\w{3,}/);
      const rows = (await d.select().from(plan.table).where(eq(columns.id!, plan.mainRowId))) as Record<string, unknown>[];
      const others = await Promise.all(plan.rowIds.map(async (id) => ((await d.select().from(plan.table).where(eq(columns.id!, id))) as Record<string, unknown>[])[0]));
      for (const key of Object.keys(plan.expect)) {
        const filled = [...rows, ...others].some((r) => {
          const v = r?.[key];
          return v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0);
        });
        if (!filled) empty.push(`${name}.${key}`);
      }
    }
    expect(unplanned, 'columns without an expected text or a reason for leaving them out').toEqual([]);
    expect(empty, 'columns the test does not fill').toEqual([]);

    // Lock the content as version 1 (as approval does) and read it back in every form.
    const [meetingNow] = await d.select().from(meetings).where(eq(meetings.id, meeting.id));
    const [minutesNow] = await d.select().from(minutes).where(eq(minutes.id, mm.id));
    const snapshot = await buildSnapshot(d, meetingNow!, minutesNow!);
    const canonical = canonicalJson(snapshot);
    await d.insert(minuteVersions).values({
      minutesId: mm.id,
      number: 1,
      status: 'approved',
      canonical,
      sha256: sha256Hex(canonical),
      approvers: [{ personId: chair.person.id, name: chair.person.name, role: 'chair', at: new Date().toISOString() }],
    });
    await d.update(minutes).set({ status: 'approved', lockedVersion: 1 }).where(eq(minutes.id, mm.id));

    const { app } = createTestApp(db.current);
    const client = new TestClient(app);
    expect((await client.login(w.secretaryLogin.email, w.secretaryLogin.password)).status).toBe(303);
    const base = `/meetings/${meeting.id}/minutes/versions/1`;
    const page = await client.get(base);
    expect(page.status).toBe(200);
    const html = await page.text();
    const htmlText = normalise(
      html
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"'),
    );
    const pdf = normalise(pdfText(Buffer.from(await (await client.get(`${base}/pdf`)).arrayBuffer())));
    const docx = normalise((await readDocx(Buffer.from(await (await client.get(`${base}/docx`)).arrayBuffer()))).text);
    const json = await (await client.get(`${base}/json`)).text();
    expect(json).toBe(canonical);
    const jsonText = normalise(JSON.stringify(JSON.parse(json)));

    const missing: string[] = [];
    for (const plan of plans) {
      for (const [key, exp] of Object.entries(plan.expect)) {
        const where = `${getTableName(plan.table)}.${key}`;
        for (const [format, text] of [
          ['page', htmlText],
          ['PDF', pdf],
          ['DOCX', docx],
        ] as const) {
          if (typeof exp === 'object' && !Array.isArray(exp)) {
            if (!exp.check(text)) missing.push(`${where} (${exp.describe}) in the ${format}`);
          } else for (const e of [exp].flat()) if (!text.includes(normalise(e))) missing.push(`${where} "${e}" in the ${format}`);
        }
      }
    }
    expect(missing).toEqual([]);

    // The canonical JSON holds the stored text values themselves (labels are rendered later).
    for (const value of [
      ...Object.values(mText),
      ...Object.values(agendaText),
      ...Object.values(itemText),
      clause,
      external.name,
      external.organisation,
      ...Object.values(actionText),
      absentViews,
      reportText.views,
      reportText.itemViews,
      filename,
      guestText.guestName,
    ]) {
      expect(jsonText, value).toContain(value);
    }

    // Vacant seats, vice chair, presenters, attachments linked on the page, "att" printed once.
    for (const [format, text] of [
      ['page', htmlText],
      ['PDF', pdf],
      ['DOCX', docx],
    ] as const) {
      // (pdftotext reads a table's cells in its own order: the parts are looked for one by one.)
      for (const part of ['Vakant', vacantGroup, vacantSeat.function]) expect(text, format).toContain(part);
      expect(text, format).toContain(viceChair.name);
      expect(text, format).toContain(`${presenterInRegister.name} och ${external.name} (${external.organisation}) föredrar ärendet`);
      expect(text, format).not.toMatch(/Att att/i);
      expect(text, format).toContain(`Beslut SAMS 2026:913: Bifalls`);
    }
    expect(html).toContain(`href="/meetings/${meeting.id}/attachments/${file.id}"`);
    expect(htmlText).toContain(`Vakant ${vacantGroup} ${vacantSeat.function}`);
    // The sub-item is inside its parent's section on the page.
    const parentStart = html.indexOf(`id="mi-${parentItem.id}"`);
    const subStart = html.indexOf(`id="mi-${subItem.id}"`);
    expect(parentStart).toBeGreaterThan(0);
    expect(subStart).toBeGreaterThan(parentStart);
  });

  it('prints an "att"-clause once: a leading "att" is dropped when saving (form and API) and when printing', async () => {
    const w = await world();
    const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: w.meeting.id });
    const item = (await itemsOf(db.current.db, m.id))[1]!;
    const saved = await run(db.current, w.secretary.actor, saveItem, { itemId: item.id, version: item.version, proposal: ['att godkänna budgeten', 'Att återrapportera i juni'], outcome: 'approved' });
    expect(saved.item.proposal).toEqual(['godkänna budgeten', 'återrapportera i juni']);
    // Content stored before this rule (or typed elsewhere) is printed once as well.
    await db.current.db
      .update(minuteItems)
      .set({ proposal: ['att anta planen'] })
      .where(eq(minuteItems.id, item.id));
    const [meetingNow] = await db.current.db.select().from(meetings).where(eq(meetings.id, w.meeting.id));
    const [minutesNow] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    const snapshot = await buildSnapshot(db.current.db, meetingNow!, minutesNow!);
    const text = JSON.stringify(minutesDocument(snapshot, { lang: 'sv' }).blocks);
    expect(text).toContain('Att anta planen');
    expect(text).not.toMatch(/Att att/i);
  });

  it('reads a version locked in the first format (grouped attendance, one presenter) into the current one', () => {
    const v1 = {
      format: 'samverka-minutes/1',
      kind: 'notes',
      meeting: { id: 'm', title: 'Chefsgruppen', date: '2020-11-13', endDate: null, startTime: '13:00', endTime: '16:00', place: 'Digitalt', format: 'digital' },
      body: { id: 'b', name: 'Chefsgruppen', shortName: null, isPublic: false },
      structure: 'S',
      chair: null,
      adjusters: [],
      noteTakers: [],
      preamble: null,
      present: [{ organisation: 'Region Värmland', people: [{ name: 'Olof Ängström', substituteFor: null, guest: false, adjunct: false }] }],
      absent: [{ name: 'Britt-Marie Öhman', organisation: 'Arvika', excused: true }],
      items: [
        {
          id: 'i',
          number: '1',
          title: 'Läget',
          presenter: 'Hanna Öberg',
          notes: null,
          questions: null,
          proposal: ['att godkänna'],
          outcome: null,
          decisionNumber: null,
          decisionText: null,
          condition: null,
          internal: false,
          actions: [],
        },
      ],
      evaluation: null,
      nextMeetings: null,
    };
    const s = upgradeSnapshot(v1);
    expect(s.present).toEqual([{ name: 'Olof Ängström', organisation: 'Region Värmland', seat: null, substituteFor: null, guest: false, adjunct: false, digital: false }]);
    expect(s.items[0]!.presenters).toEqual([{ name: 'Hanna Öberg', organisation: null }]);
    const text = JSON.stringify(minutesDocument(s, { lang: 'sv' }).blocks);
    expect(text).toContain('Hanna Öberg föredrar ärendet.');
    expect(text).toContain('Att godkänna');
    expect(text).toContain('Britt-Marie Öhman');
  });
});
