import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { createTestApp } from '../../../tests/helpers/app.js';
import { TestClient } from '../../../tests/helpers/http.js';
import { inboxPerson, type TestPerson } from '../../../tests/helpers/inbox.js';
import { fixtureMembership } from '../structure/samples.js';
import { agendaItems } from '../meetings/schema.js';
import { decisions, minuteItems } from '../minutes/schema.js';
import { fixtureMinuteItem, fixtureMinutes } from '../minutes/samples.js';
import { cases, type Case } from './schema.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import { decisionStepsFrom } from './case-subject.js';

/*
 * Decisions and cases speak the reader's language: in the minutes the step a decision carries
 * is chosen among the steps the case may take now (labelled, not typed as a key), the server
 * refuses any other step through the page and the API, and the decision page, the register
 * and the API name the case by its number and title.
 */

const db = useTestDatabase();
let world: CaseWorld;
let secretary: TestPerson;

async function client(p: TestPerson, lang?: 'en') {
  const c = new TestClient(createTestApp(db.current).app);
  expect((await c.login(p.email, p.password)).status).toBe(303);
  if (lang) c.cookies.set('lang', lang);
  return c;
}

async function caseItem(kase: Case) {
  const meeting = await fixtureMeetingOf(db.current.db, world.body, -2);
  const [agendaItem] = await db.current.db.insert(agendaItems).values({ meetingId: meeting.id, position: 1, title: kase.title, kind: 'decision', caseId: kase.id }).returning();
  const min = await fixtureMinutes(db.current.db, meeting, world.body);
  const item = await fixtureMinuteItem(db.current.db, min, 1, { agendaItemId: agendaItem!.id, title: kase.title, caseId: kase.id });
  return { meeting, item };
}

const stateOf = async (kase: Case) => (await db.current.db.select({ state: cases.state }).from(cases).where(eq(cases.id, kase.id)))[0]!.state;

beforeAll(async () => {
  world = await caseWorld(db.current.db);
  secretary = await inboxPerson(db.current, { login: true, name: 'Sara Sekreterare' });
  await fixtureMembership(db.current.db, { bodyId: world.body.id, personId: secretary.id, role: 'secretary', startOn: '2020-01-01' });
});

describe('the case step of a decision in the minutes', () => {
  it('offers the decision steps the case may take now, with the steps of the agenda for a case still raised', () => {
    expect(decisionStepsFrom('on_agenda')).toEqual(['accept', 'defer', 'reject']);
    expect(decisionStepsFrom('raised')).toEqual(['accept', 'defer', 'reject']);
    expect(decisionStepsFrom('anchoring')).toEqual(['escalate', 'recommend', 'implement', 'concludeNoChange']);
    expect(decisionStepsFrom('closed')).toEqual([]);
  });

  it('is chosen from a list in the reader’s language; any other step is refused and nothing moves; the chosen one moves the case', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { meeting, item } = await caseItem(kase);
    const sec = await client(secretary);
    const page = await (await sec.get(`/meetings/${meeting.id}/minutes`)).text();
    const select = /<select[^>]*name="caseTransition"[^>]*>([\s\S]*?)<\/select>/.exec(page)?.[1] ?? '';
    expect(select).toContain('<option value="accept">Ja: hantera vidare</option>');
    expect(select).toContain('<option value="defer">Ja, men ställ på väntelistan</option>');
    expect(select).toContain('<option value="reject">Nej: skicka tillbaka med svar</option>');
    expect(select).not.toContain('value="close"');
    expect(page).not.toMatch(/<input[^>]*name="caseTransition"/);
    // The case is named by its number and title, linked.
    expect(page).toContain(`<a href="/cases/${kase.id}">Ärende `);
    expect(page).toContain(`${kase.year}/${kase.number}: ${kase.title}</a>`);

    const en = await (await (await client(secretary, 'en')).get(`/meetings/${meeting.id}/minutes`)).text();
    expect(en).toContain('<option value="accept">Yes: handle further</option>');
    expect(en).toContain(`${kase.year}/${kase.number}: ${kase.title}</a>`);

    // A step the case may not take now (typed into the request): 422 with the reason and the possible steps.
    const form = { version: String(item.version), caseId: kase.id, outcome: 'approved', decisionText: 'SAMS beslutar att avsluta.', proposal: '' };
    const refused = await sec.post(`/meetings/${meeting.id}/minutes/items/${item.id}`, { ...form, caseTransition: 'close' });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('steget ”Avsluta ärendet” går inte att ta nu. Välj ett av stegen: ”Ja: hantera vidare”, ”Ja, men ställ på väntelistan”, ”Nej: skicka tillbaka med svar”.');
    expect(await stateOf(kase)).toBe('on_agenda');
    expect(await db.current.db.select().from(decisions).where(eq(decisions.caseId, kase.id))).toHaveLength(0);
    // Also without a decision: the step is checked when it is recorded.
    expect((await sec.post(`/meetings/${meeting.id}/minutes/items/${item.id}`, { ...form, outcome: '', caseTransition: 'followUp' })).status).toBe(422);

    // The step chosen from the list: the decision moves the case.
    const ok = await sec.post(`/meetings/${meeting.id}/minutes/items/${item.id}`, { ...form, decisionText: 'SAMS beslutar att hantera frågan vidare.', caseTransition: 'accept' });
    expect(ok.status).toBe(303);
    expect(await stateOf(kase)).toBe('accepted');
    // Saved again later, the step already taken stays selected and is not refused.
    const [fresh] = await db.current.db.select().from(minuteItems).where(eq(minuteItems.id, item.id));
    const after = await (await sec.get(`/meetings/${meeting.id}/minutes`)).text();
    expect(/<select[^>]*name="caseTransition"[^>]*>([\s\S]*?)<\/select>/.exec(after)?.[1]).toContain('<option value="accept" selected="">Ja: hantera vidare</option>');
    const again = await sec.post(`/meetings/${meeting.id}/minutes/items/${item.id}`, {
      ...form,
      version: String(fresh!.version),
      decisionText: 'SAMS beslutar att hantera frågan vidare (justerat).',
      caseTransition: 'accept',
    });
    expect(again.status).toBe(303);
  });

  it('is refused through the API with a problem naming the possible steps, in the reader’s language', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { item } = await caseItem(kase);
    const sec = await client(secretary, 'en');
    const res = await sec.json(
      'PUT',
      `/api/minute-items/${item.id}`,
      { version: item.version, caseId: kase.id, caseTransition: 'implement', outcome: 'approved', decisionText: 'SAMS decides.', proposal: [] },
      { 'x-csrf-token': await sec.csrf() },
    );
    expect(res.status).toBe(422);
    const problem = JSON.stringify(await res.json());
    expect(problem).toContain('“Decide on implementation” cannot be taken now. Choose one of the steps: “Yes: handle further”');
    expect(await stateOf(kase)).toBe('on_agenda');
  });
});

describe('a decision on a case', () => {
  it('names the case by number and title on the decision page, in the register and in the API, with the step in words', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const { item } = await caseItem(kase);
    const sec = await client(secretary);
    expect(
      (
        await sec.post(`/meetings/${item.meetingId}/minutes/items/${item.id}`, {
          version: String(item.version),
          caseId: kase.id,
          caseTransition: 'defer',
          outcome: 'approved',
          decisionText: 'SAMS beslutar att ställa frågan på väntelistan.',
          proposal: '',
        })
      ).status,
    ).toBe(303);
    const [decision] = await db.current.db.select().from(decisions).where(eq(decisions.caseId, kase.id));
    const name = `${kase.year}/${kase.number}: ${kase.title}`;

    const page = await (await sec.get(`/decisions/${decision!.id}`)).text();
    expect(page).toContain(`<a href="/cases/${kase.id}">Ärende `);
    expect(page).toContain(`${name}</a>`);
    expect(page).toContain('Ja, men ställ på väntelistan');
    expect(page).not.toContain(`>${kase.id}<`);
    expect(page).not.toContain('(defer)');

    const register = await (await sec.get(`/bodies/${world.body.id}/decisions`)).text();
    expect(register).toContain(`${name}</a>`);

    const json = (await (await sec.get(`/api/decisions/${decision!.id}`)).json()) as { case: { id: string; ref: string; title: string } | null; caseStep: string | null };
    expect(json.case).toMatchObject({ id: kase.id, title: kase.title });
    expect(json.case!.ref).toContain(`${kase.year}/${kase.number}`);
    expect(json.caseStep).toBe('Ja, men ställ på väntelistan');
    const en = (await (await (await client(secretary, 'en')).get(`/api/decisions/${decision!.id}`)).json()) as { caseStep: string };
    expect(en.caseStep).toBe('Yes, but put on the waiting list');
    const list = (await (await sec.get(`/api/decisions?bodyId=${world.body.id}`)).json()) as { items: { id: string; case: { title: string } | null }[] };
    expect(list.items.find((d) => d.id === decision!.id)?.case?.title).toBe(kase.title);
  });
});
