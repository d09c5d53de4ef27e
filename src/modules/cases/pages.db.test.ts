import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { hashPassword } from '../../platform/auth/password.js';
import { bodies, memberships } from '../structure/schema.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { pdfText, readDocx } from '../../../tests/helpers/documents.js';
import { activities, caseAnchoring, caseDirectives, cases, caseStatusReports, type TrafficLight } from './schema.js';
import type { CaseState, Phase } from './flow.js';
import { decodeCsv, detectDelimiter, parseCsv } from '../structure/import/csv.js';
import { translator } from '../../platform/i18n/index.js';
import { formatDate } from '../../platform/time.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';

const db = useTestDatabase();
const PASSWORD = 'ett-bra-lösenord-1';
let world: CaseWorld;
let theApp: ReturnType<typeof createTestApp>['app'];
const app = () => (theApp ??= createTestApp(db.current).app);

/** A form post with repeated fields (checkbox groups), as a browser sends it. */
async function postMulti(client: TestClient, path: string, entries: [string, string][]): Promise<Response> {
  const body = new URLSearchParams([['_csrf', await client.csrf()], ...entries]);
  return app().request(path, { method: 'POST', body, headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' } });
}

async function loginAs(personId: string): Promise<TestClient> {
  const [p] = await db.current.db.select().from(people).where(eq(people.id, personId));
  if (!p!.passwordHash)
    await db.current.db
      .update(people)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(people.id, personId));
  const client = new TestClient(app());
  const res = await client.login(p!.email!, PASSWORD);
  expect(res.status).toBe(303);
  return client;
}

const idIn = (location: string | null) => /\/cases\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;

describe('case pages', () => {
  let secretary: TestClient;
  let member: TestClient;
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
    secretary = await loginAs(world.secretary.id);
    member = await loginAs(world.members[1]!.id);
  }, 60_000);

  it('a member raises a case with goal areas and target groups; it gets a registration number', async () => {
    const res0 = await member.get(`/bodies/${world.body.id}/cases/new`);
    expect(res0.status).toBe(200);
    const res = await postMulti(member, `/bodies/${world.body.id}/cases/new`, [
      ['title', 'Läkemedelsgenomgångar i hemsjukvården'],
      ['description', 'Behov av gemensam rutin.'],
      ['categoryIds', world.goalAreaId],
      ['categoryIds', world.targetGroupId],
    ]);
    expect(res.status).toBe(303);
    const id = idIn(res.headers.get('location'));
    const page = await (await member.get(`/cases/${id}`)).text();
    expect(page).toContain('Läkemedelsgenomgångar i hemsjukvården');
    expect(page).toContain('Trygg vård i hemmet');
    expect(page).toContain('Äldre');
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, id));
    expect(row!.number).toBeGreaterThan(0);
    expect(row!.raisedByPersonId).toBe(world.members[1]!.id);
  });

  it('a refused raise comes back with the typed text and an error summary', async () => {
    const res = await member.post(`/bodies/${world.body.id}/cases/new`, { title: '', description: 'Min beskrivning 19121212-1212' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('19121212-1212');
  });

  it('shows each state of a case with the forms of the steps the secretary may take', async () => {
    const meeting = await fixtureMeetingOf(db.current.db, world.body, 12);
    for (const state of ['raised', 'on_agenda', 'accepted', 'working_group', 'in_progress', 'anchoring', 'implementation', 'follow_up', 'closed'] as const) {
      const kase = await fixtureCase(db.current.db, world, state);
      const res = await secretary.get(`/cases/${kase.id}`);
      expect(res.status, state).toBe(200);
      const html = await res.text();
      expect(html).toContain(kase.title);
      if (state === 'raised') expect(html).toContain(meeting.title);
      if (state === 'on_agenda') expect(html).toContain('name="message"');
      if (state === 'accepted') expect(html).toContain(`/cases/${kase.id}/working-group`);
      if (state === 'working_group') expect(html).toContain(`/cases/${kase.id}/directive`);
      if (state === 'anchoring') expect(html).toContain('Har inte svarat');
      if (state === 'implementation') expect(html).toContain(`/cases/${kase.id}/notice`);
      if (state === 'follow_up') expect(html).toContain('name="evaluation"');
    }
  });

  it('takes a step from the case page; a refused step keeps what was typed and changes nothing', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const refused = await secretary.post(`/cases/${kase.id}/transition`, { transition: 'reject', message: '', version: String(kase.version) });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Skriv svaret');
    const [still] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(still!.state).toBe('on_agenda');
    const ok = await secretary.post(`/cases/${kase.id}/transition`, { transition: 'accept', note: 'Ja.', version: String(kase.version) });
    expect(ok.status).toBe(303);
    const [after] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(after!.state).toBe('accepted');
    const outside = await secretary.post(`/cases/${kase.id}/transition`, { transition: 'close' });
    expect(outside.status).toBe(409);
  });

  it('appoints a working group as a temporary sub-body of the body', async () => {
    const kase = await fixtureCase(db.current.db, world, 'accepted');
    expect((await secretary.get(`/cases/${kase.id}/working-group`)).status).toBe(200);
    const res = await postMulti(secretary, `/cases/${kase.id}/working-group`, [
      ['name', 'AG test'],
      ['convenorPersonId', world.members[0]!.id],
      ['memberPersonIds', world.members[2]!.id],
      ['adjuncts.0.personEmail', 'apotekare.test@example.se'],
      ['adjuncts.0.personName', 'Agnes Apotekare'],
      ['adjuncts.0.reason', 'Läkemedelskunskap'],
    ]);
    expect(res.status).toBe(303);
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('working_group');
    const [wg] = await db.current.db.select().from(bodies).where(eq(bodies.id, row!.workingGroupBodyId!));
    expect(wg).toMatchObject({ parentId: world.body.id, kind: 'working_group', name: 'AG test' });
    const ms = await db.current.db.select().from(memberships).where(eq(memberships.bodyId, wg!.id));
    expect(ms.map((m) => m.role).sort()).toEqual(['adjunct', 'convenor', 'member']);
  });

  it('refuses to issue an incomplete directive, listing what is missing, and issues it once complete', async () => {
    const kase = await fixtureCase(db.current.db, world, 'working_group', { newMedicalTask: true });
    const partial = { action: 'issue', shortDescription: 'Rutin', background: 'Bakgrund', reportAtMeetings: 'on' };
    const refused = await secretary.post(`/cases/${kase.id}/directive`, partial);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    for (const text of ['Syfte saknas', 'Mål saknas', 'Slutdatum saknas', 'Resurser saknas', 'Inhämtande av kunskap', 'Uppföljning/utvärdering']) expect(html).toContain(text);
    expect((await db.current.db.select().from(caseDirectives).where(eq(caseDirectives.caseId, kase.id))).length).toBe(0);
    const end = new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10);
    const full: Record<string, string> = {
      ...partial,
      purpose: 'Syfte',
      goals: 'Mätbara mål',
      expectedResult: 'Resultat',
      resultManagement: 'Förvaltas av SAMS',
      organisation: 'Arbetsgruppen',
      timeline: 'Ett halvår',
      endDate: end,
      followUp: 'Efter ett år',
      resources: 'Inga',
      'medicalSteps.knowledge': 'on',
      'medicalSteps.routine': 'on',
      'medicalSteps.communication': 'on',
      'medicalSteps.implementationPlan': 'on',
      'medicalSteps.followUp': 'on',
    };
    const ok = await secretary.post(`/cases/${kase.id}/directive`, full);
    expect(ok.status).toBe(303);
    const [d] = await db.current.db.select().from(caseDirectives).where(eq(caseDirectives.caseId, kase.id));
    expect(d).toMatchObject({ status: 'issued', endDate: end });
  });

  it('lets the member whose seat covers a principal answer in the anchoring, and no one else for it', async () => {
    const kase = await fixtureCase(db.current.db, world, 'anchoring');
    const mine = world.members[1]!;
    const ok = await member.post(`/cases/${kase.id}/anchoring`, { principalId: mine.principalId, position: 'supports', feedback: 'MAS-nätverket tillstyrker.' });
    expect(ok.status).toBe(303);
    const notMine = await member.post(`/cases/${kase.id}/anchoring`, { principalId: world.members[0]!.principalId, position: 'supports', feedback: 'Försök.' });
    expect(notMine.status).toBe(403);
    const rows = await db.current.db.select().from(caseAnchoring).where(eq(caseAnchoring.caseId, kase.id));
    expect(rows.filter((r) => r.answeredAt).map((r) => r.principalId)).toEqual([mine.principalId]);
    const html = await (await member.get(`/cases/${kase.id}`)).text();
    expect(html).toContain('Väntar på återkoppling från');
  });

  it('shows the overviews, the activity plan and the yearly report, and exports them', async () => {
    const kase = await fixtureCase(db.current.db, world, 'accepted');
    await db.current.db.update(activities).set({ goalAreaId: world.goalAreaId, status: 'yellow', ownerName: 'Åsa Öberg' }).where(eq(activities.caseId, kase.id));
    const year = kase.year;
    for (const url of [
      `/bodies/${world.body.id}/cases`,
      `/bodies/${world.body.id}/cases?phase=work`,
      `/cases`,
      `/bodies/${world.body.id}/activity-plan?year=${year}`,
      `/bodies/${world.body.id}/case-report?year=${year}`,
    ]) {
      const res = await secretary.get(url);
      expect(res.status, url).toBe(200);
    }
    const csv = await secretary.get(`/bodies/${world.body.id}/activity-plan/export?year=${year}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain(kase.title);
    expect(text).toContain('Åsa Öberg');
    expect(text).toContain('Gul: risk för försening');
    const pdf = Buffer.from(await (await secretary.get(`/bodies/${world.body.id}/activity-plan/export?year=${year}&format=pdf`)).arrayBuffer());
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain('Trygg vård i hemmet');
    const docx = Buffer.from(await (await secretary.get(`/bodies/${world.body.id}/case-report/export?year=${year}&format=docx`)).arrayBuffer());
    expect((await readDocx(docx)).text).toContain(kase.title);
    const reportPdf = Buffer.from(await (await secretary.get(`/bodies/${world.body.id}/case-report/export?year=${year}&format=pdf`)).arrayBuffer());
    expect(pdfText(reportPdf)).toContain('Arbete');
  });

  it('exports the yearly report as CSV that reads back row by row as the report', async () => {
    const closed = await fixtureCase(db.current.db, world, 'closed', { closedAt: new Date(), raisedByOrganisationName: 'Kumla kommun' });
    const working = await fixtureCase(db.current.db, world, 'in_progress', { title: 'Vätska; "subkutant"\ni hemmet' });
    await db.current.db.insert(caseStatusReports).values({ caseId: working.id, reportedOn: working.raisedOn, status: 'yellow', text: '=SUMMA(A1) är text; inte en formel' });
    const year = closed.year;
    const res = await secretary.get(`/bodies/${world.body.id}/case-report/export?year=${year}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('utf-8');
    expect(detectDelimiter(text)).toBe(';');
    expect(text).toContain("'=SUMMA(A1)");
    const [header, ...rows] = parseCsv(text).map((r) => r.cells);
    expect(header).toEqual([
      'Nummer',
      'Ärende',
      'Fas',
      'Steg',
      'Väckt av',
      'Organisation',
      'Väckt',
      'Avslutat',
      'Arbetsgrupp',
      'Datum för senaste statusrapport',
      'Läge i senaste statusrapport',
      'Senaste statusrapport',
    ]);
    const report = (await (await secretary.get(`/api/bodies/${world.body.id}/case-report?year=${year}`)).json()) as {
      cases: {
        ref: string;
        title: string;
        phase: Phase;
        state: CaseState;
        raisedByName: string;
        raisedByOrganisationName: string | null;
        raisedOn: string;
        closedAt: string | null;
        workingGroupName: string | null;
        lastReport: { reportedOn: string; status: TrafficLight; text: string } | null;
      }[];
    };
    const t = translator('sv');
    expect(rows).toEqual(
      report.cases.map((c) => [
        c.ref,
        c.title,
        t(`cases.phase.${c.phase}`),
        t(`cases.state.${c.state}`),
        c.raisedByName,
        c.raisedByOrganisationName ?? '',
        c.raisedOn,
        c.closedAt ? formatDate(new Date(c.closedAt)) : '',
        c.workingGroupName ?? '',
        c.lastReport?.reportedOn ?? '',
        c.lastReport ? t(`cases.light.${c.lastReport.status}`) : '',
        c.lastReport?.text ?? '',
      ]),
    );
    expect(rows.find((r) => r[1] === working.title)?.slice(9)).toEqual([working.raisedOn, 'Gul: risk för försening', '=SUMMA(A1) är text; inte en formel']);
    expect(rows.find((r) => r[1] === closed.title)?.slice(3, 8)).toEqual(['Avslutat', closed.raisedByName, 'Kumla kommun', closed.raisedOn, formatDate(new Date())]);
    expect(await (await secretary.get(`/bodies/${world.body.id}/case-report?year=${year}`)).text()).toContain(`case-report/export?year=${year}&amp;format=csv`);
  });

  it('adds and changes plan lines and rolls unfinished work into the next year', async () => {
    const year = 2031;
    const add = await secretary.post(`/bodies/${world.body.id}/activity-plan`, { year: String(year), title: 'Utbildningsdag', status: 'green', startOn: `${year}-02-01`, endOn: `${year}-03-01` });
    expect(add.status).toBe(303);
    const [line] = await db.current.db
      .select()
      .from(activities)
      .where(and(eq(activities.bodyId, world.body.id), eq(activities.year, year)));
    const upd = await secretary.post(`/activities/${line!.id}`, { version: String(line!.version), title: 'Utbildningsdag', status: 'red', endOn: `${year}-04-01` });
    expect(upd.status).toBe(303);
    const roll = await secretary.post(`/bodies/${world.body.id}/activity-plan/roll`, { fromYear: String(year) });
    expect(roll.status).toBe(303);
    const next = await db.current.db
      .select()
      .from(activities)
      .where(and(eq(activities.bodyId, world.body.id), eq(activities.year, year + 1)));
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ title: 'Utbildningsdag', status: 'red', carriedFromId: line!.id });
    const again = await secretary.post(`/bodies/${world.body.id}/activity-plan/roll`, { fromYear: String(year) });
    expect(again.status).toBe(303);
    expect(
      await db.current.db
        .select()
        .from(activities)
        .where(and(eq(activities.bodyId, world.body.id), eq(activities.year, year + 1))),
    ).toHaveLength(1);
  });

  it('keeps people without a role in the body out', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const other = await caseWorld(db.current.db);
    const outsider = await loginAs(other.secretary.id);
    expect((await outsider.get(`/cases/${kase.id}`)).status).toBe(403);
    expect((await outsider.get(`/bodies/${world.body.id}/cases`)).status).toBe(403);
    expect((await new TestClient(app()).get(`/cases/${kase.id}`)).status).toBe(303);
  });
});
