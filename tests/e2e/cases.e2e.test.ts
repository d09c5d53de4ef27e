import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { checkPage, describeBrowser, launchBrowser, newPage, type TrackedPage } from '../helpers/browser.js';
import { startTestServer, TEST_DEMO_PASSWORD, type TestServer } from '../helpers/server.js';
import { startSmtpServer, type TestSmtp } from '../helpers/smtp.js';
import { testConfig } from '../helpers/app.js';
import { drainDueJobs } from '../../src/platform/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { execute } from '../../src/platform/commands.js';
import { today } from '../../src/platform/days.js';
import { outbox } from '../../src/platform/outbox/schema.js';
import { people } from '../../src/platform/auth/schema.js';
import { bodies, principals, structurePrincipals, structures } from '../../src/modules/structure/schema.js';
import { meetings } from '../../src/modules/meetings/schema.js';
import { cases } from '../../src/modules/cases/schema.js';
import { principalLists } from '../../src/modules/cases/notices.js';
import { appointWorkingGroup, issueDirective, raiseCase, recordAnchoring, recordStatusReport, transitionCase } from '../../src/modules/cases/commands/index.js';

/**
 * The flow of a case across SAMS and the Chefsgrupp in a real browser, as the demo's people:
 * Elin Åberg (member of SAMS for Örebro kommun), Sara Lindgren (SAMS's secretary), Fatima
 * Said (SAMS member, the working group's convenor), Karin Ekström (chair of the Chefsgrupp).
 * Mail goes through a real SMTP server. A second case is answered No; a third, in SAMLA, is
 * recommended to the principals and adopted by two of three.
 */

const TIMEOUT = 600_000;

describeBrowser('cases in the browser', () => {
  let browser: Browser;
  let server: TestServer;
  let smtp: TestSmtp;
  const open: TrackedPage[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    for (const p of open) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function as(email: string): Promise<TrackedPage> {
    const tracked = await newPage(browser);
    open.push(tracked);
    const { page } = tracked;
    await page.goto(`${server.url}/login`);
    const form = page.locator('form', { has: page.locator('#field-password') });
    await form.locator('#field-email').fill(email);
    await form.locator('#field-password').fill(TEST_DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), form.locator('button[type=submit]').click()]);
    return tracked;
  }

  /** Submits a form by clicking its (first) submit button and waits for the next page. */
  async function submit(page: Page, form: ReturnType<Page['locator']>, button?: string) {
    const target = button ? form.locator(`button[type=submit]:has-text("${button}")`) : form.locator('button[type=submit]').first();
    await Promise.all([page.waitForLoadState('load'), page.waitForResponse((r) => r.request().method() === 'POST'), target.click()]);
    await page.waitForLoadState('load');
  }

  const transitionForm = (page: Page, name: string) => page.locator(`form:has(input[name="transition"][value="${name}"])`);
  const stateOf = async (id: string) => (await server.database.db.select({ s: cases.state }).from(cases).where(eq(cases.id, id)))[0]!.s;

  async function demo() {
    const db = server.database.db;
    const [sams] = await db
      .select({ b: bodies })
      .from(bodies)
      .innerJoin(structures, eq(structures.id, bodies.structureId))
      .where(and(eq(structures.slug, 'orebro'), eq(bodies.slug, 'sams')));
    const [chefs] = await db
      .select({ b: bodies })
      .from(bodies)
      .innerJoin(structures, eq(structures.id, bodies.structureId))
      .where(and(eq(structures.slug, 'orebro'), eq(bodies.slug, 'chefsgrupp')));
    const coming = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.bodyId, sams!.b.id), gt(meetings.startsAt, new Date())))
      .orderBy(asc(meetings.startsAt));
    const ps = await db
      .select({ id: principals.id, name: principals.name })
      .from(structurePrincipals)
      .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
      .where(eq(structurePrincipals.structureId, sams!.b.structureId))
      .orderBy(asc(principals.sortKey));
    return { sams: sams!.b, chefs: chefs!.b, coming, principals: ps };
  }

  async function deliverMail() {
    const config = testConfig({ SMTP_URL: smtp.url });
    await drainDueJobs({ database: server.database, config, logger: createLogger('silent') });
  }

  it(
    'runs a case from raised to closed across SAMS and the Chefsgrupp',
    async () => {
      const d = await demo();
      const title = 'Subkutan insulinpump i ordinärt boende';

      // A member raises the case.
      const elin = await as('ledamot@example.org');
      await elin.page.goto(`${server.url}/bodies/${d.sams.id}/cases/new`);
      await checkPage(elin);
      await elin.page.fill('#raise-title', title);
      await elin.page.fill('#raise-description', 'Fler patienter har insulinpump; kommunens sjuksköterskor behöver en gemensam rutin med vårdcentralerna.');
      await elin.page.getByLabel('Medicinska frågor i samverkan').check();
      await elin.page.getByLabel('En ny medicinsk uppgift i kommunal kontext').check();
      await submit(elin.page, elin.page.locator('main form'));
      const caseId = /\/cases\/([0-9a-f-]{36})/.exec(elin.page.url())![1]!;
      expect(await elin.page.textContent('main')).toContain('är registrerat');
      expect(await elin.page.textContent('h1')).toBe(title);

      // SAMS takes it up at its next meeting and accepts it there.
      const sara = await as('sekreterare@example.org');
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await checkPage(sara);
      await sara.page.selectOption('#t-schedule-meetingId', d.coming[0]!.id);
      await submit(sara.page, transitionForm(sara.page, 'schedule'));
      expect(await stateOf(caseId)).toBe('on_agenda');
      await submit(sara.page, transitionForm(sara.page, 'accept'));
      expect(await stateOf(caseId)).toBe('accepted');
      expect(await sara.page.textContent('#history')).toContain(d.coming[0]!.title);

      // A working group is appointed: Fatima convenes, Elin takes part, the pharmacist is adjunct.
      await sara.page.click('a:has-text("Utse arbetsgruppen")');
      await checkPage(sara);
      await sara.page.selectOption('#wg-convenorPersonId', { label: 'Fatima Said' });
      await sara.page.getByLabel('Elin Åberg').check();
      await sara.page.fill('#wg-adjuncts-0-personEmail', 'adjungerad@example.org');
      await sara.page.fill('#wg-adjuncts-0-reason', 'Apotekare: läkemedelsfrågor under uppdraget');
      await submit(sara.page, sara.page.locator('main form'));
      expect(await stateOf(caseId)).toBe('working_group');
      expect(await sara.page.textContent('#working-group')).toContain('Fatima Said');

      // The directive is refused until complete.
      await sara.page.click('a:has-text("Skriv uppdragsdirektivet")');
      await sara.page.fill('#dir-shortDescription', 'Ta fram en gemensam rutin för insulinpump i hemmet.');
      await sara.page.fill('#dir-background', 'Fler patienter i ordinärt boende har insulinpump.');
      await submit(sara.page, sara.page.locator('main form'), 'Utfärda direktivet');
      const refused = await sara.page.textContent('#error-summary');
      for (const missing of ['Syfte saknas', 'Mål saknas', 'Slutdatum saknas', 'Resurser saknas', 'Inhämtande av kunskap', 'Implementeringsplan']) expect(refused).toContain(missing);
      expect(await sara.page.inputValue('#dir-background')).toBe('Fler patienter i ordinärt boende har insulinpump.');
      await checkPage(sara);
      expect(await stateOf(caseId)).toBe('working_group');
      const end = new Date(Date.now() + 200 * 86400_000).toISOString().slice(0, 10);
      for (const [field, value] of Object.entries({
        purpose: 'Patientsäker behandling med insulinpump i hemmet.',
        goals: 'Rutinen är beslutad före slutdatumet; 90 % av sjuksköterskorna känner till den efter ett halvår.',
        expectedResult: 'En medicinsk rutin i regionens mall.',
        resultManagement: 'SAMS förvaltar rutinen och reviderar den vartannat år.',
        organisation: 'Arbetsgruppen med sammankallande från SAMS.',
        timeline: 'Kunskapsunderlag i två månader, utkast efter fyra.',
        followUp: 'Uppföljning ett halvår efter införandet.',
        resources: 'Arbetstid, inga särskilda medel.',
      })) {
        await sara.page.fill(`#dir-${field}`, value);
      }
      await sara.page.fill('#dir-endDate', end);
      for (const step of ['Inhämtande av kunskap', 'Formulering av medicinsk rutin/riktlinje', 'Plan för kommunikation', 'Implementeringsplan', 'Uppföljning/utvärdering'])
        await sara.page.getByLabel(step, { exact: true }).check();
      await submit(sara.page, sara.page.locator('main form'), 'Utfärda direktivet');
      expect(await stateOf(caseId)).toBe('assigned');

      // Status reports at two of SAMS's meetings, by the convenor.
      const fatima = await as('sammankallande@example.org');
      for (const [i, meeting] of d.coming.slice(0, 2).entries()) {
        await fatima.page.goto(`${server.url}/cases/${caseId}`);
        await fatima.page.selectOption('#report-meetingId', meeting.id);
        await fatima.page.selectOption('#report-status', i === 0 ? 'green' : 'yellow');
        await fatima.page.fill('#report-text', i === 0 ? 'Kunskapsunderlaget är klart.' : 'Utkastet väntar på läkemedelskommitténs synpunkter.');
        await submit(fatima.page, fatima.page.locator('form[action$="/reports"]'));
      }
      await checkPage(fatima);
      expect(await stateOf(caseId)).toBe('in_progress');
      const reports = await fatima.page.textContent('#reports');
      expect(reports).toContain('Kunskapsunderlaget är klart.');
      expect(reports).toContain('Utkastet väntar på läkemedelskommitténs synpunkter.');
      expect((reports!.match(/Lämnad/g) ?? []).length).toBe(2);

      // Anchoring: every principal but Örebro kommun answers; the case shows it missing.
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await submit(sara.page, transitionForm(sara.page, 'startAnchoring'));
      const orebro = d.principals.find((p) => p.name === 'Örebro kommun')!;
      for (const p of d.principals.filter((x) => x.id !== orebro.id)) {
        const form = sara.page.locator(`form:has(input[name="principalId"][value="${p.id}"])`);
        await form.locator('textarea[name="feedback"]').fill(`Kontaktytan hos ${p.name} tillstyrker.`);
        await submit(sara.page, form);
      }
      expect(await sara.page.textContent('#anchoring')).toContain('Väntar på återkoppling från: Örebro kommun.');
      await checkPage(sara);
      // Escalating now is refused, naming who has not answered.
      await submit(sara.page, transitionForm(sara.page, 'escalate'));
      expect(await sara.page.textContent('#error-summary')).toContain('Örebro kommun har inte lämnat återkoppling');
      expect(await stateOf(caseId)).toBe('anchoring');
      // Elin sees it waiting for her and answers through her seat.
      await elin.page.goto(`${server.url}/`);
      expect(await elin.page.textContent('main')).toContain(`Förankra ${title} (Örebro kommun)`);
      await elin.page.goto(`${server.url}/cases/${caseId}`);
      const mine = elin.page.locator(`form:has(input[name="principalId"][value="${orebro.id}"])`);
      await mine.locator('select[name="position"]').selectOption('supports_with_changes');
      await mine.locator('textarea[name="feedback"]').fill('MAS/MAR-nätverket tillstyrker med ett förtydligande om delegering.');
      await submit(elin.page, mine);
      expect(await elin.page.textContent('#anchoring')).toContain('Alla huvudmän har lämnat återkoppling.');

      // Escalated onto the Chefsgrupp's next agenda, and decided there.
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await submit(sara.page, transitionForm(sara.page, 'escalate'));
      expect(await stateOf(caseId)).toBe('prepared');
      expect(await sara.page.textContent('main')).toContain('Chefsgrupp');
      const [row] = await server.database.db.select().from(cases).where(eq(cases.id, caseId));
      const [chefsMeeting] = await server.database.db.select().from(meetings).where(eq(meetings.id, row!.meetingId!));
      expect(chefsMeeting!.bodyId).toBe(d.chefs.id);
      const karin = await as('ordforande@example.org');
      await karin.page.goto(`${server.url}/meetings/${chefsMeeting!.id}`);
      expect(await karin.page.textContent('main')).toContain(title);
      await karin.page.goto(`${server.url}/cases/${caseId}`);
      await checkPage(karin);
      await submit(karin.page, transitionForm(karin.page, 'implement'));
      expect(await stateOf(caseId)).toBe('implementation');

      // The implementation notice reaches every principal's lists at the same time.
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await sara.page.fill('#notice-text', 'Rutinen för insulinpump i ordinärt boende gäller från 1 mars i alla kommuner och på alla vårdcentraler.');
      await submit(sara.page, sara.page.locator('form[action$="/notice"]'));
      const [sent] = await server.database.db.select().from(cases).where(eq(cases.id, caseId));
      const batch = await server.database.db.select().from(outbox).where(eq(outbox.batchId, sent!.noticeBatchId!));
      expect(batch.length).toBe(d.principals.length);
      expect(new Set(batch.map((m) => m.createdAt.getTime())).size).toBe(1);
      await deliverMail();
      const lists = await principalLists(server.database.db, d.sams.structureId);
      const parsed = await Promise.all(smtp.received.map(async (m) => ({ to: m.to, subject: (await smtp.parse(m)).subject })));
      const noticeMails = parsed.filter((m) => m.subject === `Införande: ${title}`);
      expect(noticeMails.length).toBe(d.principals.length);
      for (const list of lists) {
        for (const address of list.emails)
          expect(
            noticeMails.some((m) => m.to.includes(address)),
            `${list.name}: ${address}`,
          ).toBe(true);
      }

      // Follow-up and evaluation, then the case closes and the working group ends.
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await submit(sara.page, transitionForm(sara.page, 'followUp'));
      await sara.page.fill('#t-close-evaluation', 'Uppföljningen visar att rutinen används i alla kommuner; inga avvikelser.');
      await submit(sara.page, transitionForm(sara.page, 'close'));
      expect(await stateOf(caseId)).toBe('closed');
      expect(await sara.page.textContent('#next')).toContain('Inga fler steg');
      await checkPage(sara);
    },
    TIMEOUT,
  );

  it(
    'answers No: whoever raised the case receives the answer',
    async () => {
      const d = await demo();
      const elin = await as('ledamot@example.org');
      await elin.page.goto(`${server.url}/bodies/${d.sams.id}/cases/new`);
      await elin.page.fill('#raise-title', 'Kommunerna tar över förskrivningen av diabeteshjälpmedel');
      await submit(elin.page, elin.page.locator('main form'));
      const caseId = /\/cases\/([0-9a-f-]{36})/.exec(elin.page.url())![1]!;
      const sara = await as('sekreterare@example.org');
      await sara.page.goto(`${server.url}/cases/${caseId}`);
      await sara.page.selectOption('#t-schedule-meetingId', d.coming[0]!.id);
      await submit(sara.page, transitionForm(sara.page, 'schedule'));
      // An answer is required: by the browser, and by the server when the browser's check is bypassed.
      expect(await sara.page.getAttribute('#t-reject-message', 'required')).not.toBeNull();
      await transitionForm(sara.page, 'reject').evaluate((f) => ((f as HTMLFormElement).noValidate = true));
      await submit(sara.page, transitionForm(sara.page, 'reject'));
      expect(await sara.page.textContent('#error-summary')).toContain('Skriv svaret');
      await checkPage(sara);
      const answer = 'SAMS avslår: förskrivningen regleras i länets hjälpmedelsavtal. Lyft frågan i hjälpmedelsnämnden.';
      await sara.page.fill('#t-reject-message', answer);
      await submit(sara.page, transitionForm(sara.page, 'reject'));
      expect(await stateOf(caseId)).toBe('returned');
      await elin.page.goto(`${server.url}/inbox`);
      expect(await elin.page.textContent('main')).toContain(answer);
      await deliverMail();
      const toElin = smtp.received.filter((m) => m.to.includes('ledamot@example.org'));
      const texts = await Promise.all(toElin.map(async (m) => (await smtp.parse(m)).text ?? ''));
      expect(texts.some((t) => t.includes(answer))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'shows a recommendation adopted by two of the three principals',
    async () => {
      const db = server.database.db;
      const [sg] = await db
        .select({ b: bodies })
        .from(bodies)
        .innerJoin(structures, eq(structures.id, bodies.structureId))
        .where(and(eq(structures.slug, 'samla'), eq(bodies.slug, 'samordningsgruppen')));
      const [mikael] = await db.select().from(people).where(eq(people.email, 'processledare@example.org'));
      const actor = { kind: 'person' as const, personId: mikael!.id, name: mikael!.name, isAdmin: false, via: 'session' as const };
      const deps = { database: server.database, config: testConfig() };
      // The steps before the recommendation, through the same commands the pages use.
      const kase = await execute(deps, actor, raiseCase, { bodyId: sg!.b.id, title: 'Gemensam rutin för hemsjukvård vid utskrivning', categoryIds: [] });
      const [meeting] = await db.select().from(meetings).where(eq(meetings.bodyId, sg!.b.id)).limit(1);
      await execute(deps, actor, transitionCase, { caseId: kase.id, transition: 'schedule', meetingId: meeting!.id });
      await execute(deps, actor, transitionCase, { caseId: kase.id, transition: 'accept' });
      await execute(deps, actor, appointWorkingGroup, { caseId: kase.id, convenorPersonId: mikael!.id });
      await execute(deps, actor, issueDirective, {
        caseId: kase.id,
        shortDescription: 'Rutin',
        background: 'B',
        purpose: 'S',
        goals: 'M',
        expectedResult: 'R',
        resultManagement: 'F',
        organisation: 'O',
        timeline: 'T',
        endDate: new Date(Date.now() + 100 * 86400_000).toISOString().slice(0, 10),
        followUp: 'U',
        resources: 'Inga',
        reportAtMeetings: true,
      });
      await execute(deps, actor, recordStatusReport, { caseId: kase.id, status: 'green', text: 'Klart för förankring.' });
      await execute(deps, actor, transitionCase, { caseId: kase.id, transition: 'startAnchoring' });
      const ps = await db
        .select({ id: principals.id, name: principals.name, kind: principals.kind })
        .from(structurePrincipals)
        .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
        .where(eq(structurePrincipals.structureId, sg!.b.structureId));
      for (const p of ps) await execute(deps, actor, recordAnchoring, { caseId: kase.id, principalId: p.id, position: 'supports', feedback: 'Tillstyrks.' });

      // In the browser: the Samordningsgrupp recommends; two principals' committees adopt.
      const page = await as('processledare@example.org');
      await page.page.goto(`${server.url}/cases/${kase.id}`);
      await submit(page.page, transitionForm(page.page, 'recommend'));
      expect(await stateOf(kase.id)).toBe('recommended');
      const adopting = ps.filter((p) => p.kind !== 'other');
      expect(adopting.map((p) => p.name).sort()).toEqual(['Alingsås kommun', 'Lerums kommun', 'Västra Götalandsregionen']);
      for (const [name, committee, reference] of [
        ['Västra Götalandsregionen', 'Västra hälso- och sjukvårdsnämnden', 'HSNV 2026-00200'],
        ['Lerums kommun', 'Socialnämnden', 'SN 2026/88 § 4'],
      ] as const) {
        const p = ps.find((x) => x.name === name)!;
        await page.page.locator(`summary:has-text("${name}")`).click();
        const form = page.page.locator(`form:has(input[name="principalId"][value="${p.id}"])`);
        await form.locator('input[name="committee"]').fill(committee);
        await form.locator('input[name="decidedOn"]').fill(today());
        await form.locator('input[name="reference"]').fill(reference);
        await submit(page.page, form);
      }
      const adoption = await page.page.textContent('#adoption');
      expect(adoption).toContain('2 av 3 huvudmän har antagit.');
      expect(adoption).toContain('Har inte antagit ännu: Alingsås kommun.');
      await checkPage(page);
      void inArray;
    },
    TIMEOUT,
  );
});
