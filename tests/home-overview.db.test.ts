import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from './helpers/db.js';
import { createTestApp } from './helpers/app.js';
import { apiTokenFor, bearer } from './helpers/api.js';
import { minutesWorld, run, type MinutesWorld } from './helpers/minutes.js';
import { fixtureBody, fixturePerson, fixtureSeat, fixtureStructure } from '../src/modules/structure/samples.js';
import { bodies } from '../src/modules/structure/schema.js';
import { fixtureMeeting, fixtureSubmission, personWithRole } from '../src/modules/meetings/samples.js';
import { addAction, saveHeader, sendForApproval, startMinutes } from '../src/modules/minutes/commands/index.js';
import { actionItems, approvals } from '../src/modules/minutes/schema.js';
import { caseWorld, fixtureCase } from '../src/modules/cases/samples.js';
import { collectWaiting } from '../src/platform/inbox/waiting.js';
import { people } from '../src/platform/auth/schema.js';
import { addTo } from '../src/platform/registry.js';
import { defineHomeSection, HOME_SECTIONS } from '../src/platform/views/home.js';
import { z } from 'zod';

/**
 * The home page per person, GET /api/me/overview and a body's follow-up page
 * (/bodies/:id/follow-up and its API): what they show, and who may see the follow-up.
 */

const db = useTestDatabase();
const app = () => createTestApp(db.current).app;
const DAY = 24 * 3600_000;
const isoDay = (ms: number) => new Date(Date.now() + ms).toISOString().slice(0, 10);

interface World extends MinutesWorld {
  lateMeetingId: string;
  actionId: string;
  submissionId: string;
  viceChair: Awaited<ReturnType<typeof personWithRole>>;
  processLeader: Awaited<ReturnType<typeof personWithRole>>;
  otherSecretary: { id: string };
  admin: { id: string };
  tokens: Record<'secretary' | 'chair' | 'viceChair' | 'processLeader' | 'member' | 'outsider' | 'otherSecretary' | 'admin' | 'loner', string>;
}

/**
 * SAMS (minutesWorld) with: the held meeting's minutes sent for approval, the adjuster's
 * deadline passed; a meeting a month ago without minutes; an overdue action of the member;
 * a submission to the next meeting; a vacant seat; a frequency rule the plan cannot meet.
 * Another structure's secretary, an administrator and a person without any body.
 */
async function world(): Promise<World> {
  const w = await minutesWorld(db.current, { meetingsMin: 10, meetingsPer: 'year' });
  const d = db.current.db;
  const viceChair = await personWithRole(d, w.body, 'vice_chair');
  const processLeader = await personWithRole(d, w.body, 'process_leader');
  const late = await fixtureMeeting(d, w.body, -30, { title: 'Möte utan anteckningar' });
  await fixtureSeat(d, w.body.id, { function: 'Kommunernas plats' });
  const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: w.meeting.id });
  await run(db.current, w.secretary.actor, saveHeader, {
    meetingId: w.meeting.id,
    version: m.version,
    chairPersonId: w.chair.person.id,
    adjusterIds: [w.adjuster.person.id],
    noteTakerIds: [w.secretary.person.id],
  });
  await run(db.current, w.secretary.actor, sendForApproval, { meetingId: w.meeting.id });
  await d
    .update(approvals)
    .set({ deadline: new Date(Date.now() - DAY) })
    .where(eq(approvals.personId, w.adjuster.person.id));
  const action = await run(db.current, w.secretary.actor, addAction, { meetingId: w.meeting.id, title: 'Bjud in MAS-nätverket', ownerPersonId: w.member.person.id, dueOn: isoDay(20 * DAY) });
  await d
    .update(actionItems)
    .set({ dueOn: isoDay(-3 * DAY) })
    .where(eq(actionItems.id, action.id));
  const submission = await fixtureSubmission(d, w.next, w.member.person.id, { title: 'Trygg hemgång från sjukhuset' });

  const elsewhere = await fixtureStructure(d);
  const otherBody = await fixtureBody(d, elsewhere.structure.id, { name: 'Grupp i en annan struktur' });
  const otherSecretary = await personWithRole(d, otherBody, 'secretary');
  const admin = await fixturePerson(d, 'Ada Administratör');
  await d.update(people).set({ isAdmin: true }).where(eq(people.id, admin.id));
  const loner = await fixturePerson(d, 'Ensam Person');
  const token = (id: string) => apiTokenFor(db.current, { id });
  return {
    ...w,
    viceChair,
    processLeader,
    lateMeetingId: late.id,
    actionId: action.id,
    submissionId: submission.id,
    otherSecretary: otherSecretary.person,
    admin,
    tokens: {
      secretary: await token(w.secretary.person.id),
      chair: await token(w.chair.person.id),
      viceChair: await token(viceChair.person.id),
      processLeader: await token(processLeader.person.id),
      member: await token(w.member.person.id),
      outsider: await token(w.outsider.person.id),
      otherSecretary: await token(otherSecretary.person.id),
      admin: await token(admin.id),
      loner: await token(loner.id),
    },
  };
}

const get = (path: string, token?: string, lang?: 'en') => app().request(path, { headers: { ...(token ? bearer(token) : {}), ...(lang ? { cookie: `lang=${lang}` } : {}) } });

type Overview = {
  nextMeetings: { meetings: { id: string; link: string; callSent: boolean; deadlineState: string; submitLink: string | null; bodyName: string }[] } | null;
  waiting: { items: { kind: string; link: string; overdue: boolean }[]; unread: number } | null;
  myActions: { total: number; items: { id: string; overdue: boolean; dueOn: string | null }[] } | null;
  ledBodies: { bodies: { id: string; followUpLink: string; roles: string[]; warnings: { kind: string; text: string; link: string }[] }[] } | null;
};

describe('the home page and GET /api/me/overview', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it('answers 401 without a login, and is documented in the OpenAPI document', async () => {
    expect((await get('/api/me/overview')).status).toBe(401);
    const doc = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>> };
    const op = doc.paths['/api/me/overview']?.get;
    expect(op?.operationId).toBe('overview.me');
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(['200', '401']));
  });

  it("gives a member the next meetings with the call and deadline state, what waits, and the member's open actions, overdue marked", async () => {
    const res = await get('/api/me/overview', w.tokens.member);
    expect(res.status).toBe(200);
    const o = (await res.json()) as Overview;
    expect(Object.keys(o)).toEqual(['nextMeetings', 'waiting', 'myActions', 'ledBodies']);
    const next = o.nextMeetings!.meetings.find((m) => m.id === w.next.id)!;
    // In three weeks: the call opens 14 days before, so it has not opened yet, and no call is sent.
    expect(next).toMatchObject({ link: `/meetings/${w.next.id}`, callSent: false, deadlineState: 'notOpen', submitLink: null, bodyName: w.body.name });
    expect(o.nextMeetings!.meetings.map((m) => m.id)).not.toContain(w.meeting.id);
    expect(o.myActions!.total).toBe(1);
    expect(o.myActions!.items[0]).toMatchObject({ id: w.actionId, overdue: true, dueOn: isoDay(-3 * DAY) });
    expect(o.waiting!.items.some((i) => i.kind === 'minutes.actionAssigned' && i.link === '/actions')).toBe(true);
    // A member leads no body.
    expect(o.ledBodies).toBeNull();
  });

  it('tells the deadline state: open with a link to send in items, passed, and the call sent', async () => {
    const open = await fixtureMeeting(db.current.db, w.body, 10, { title: 'Möte med öppen inspelstid' });
    const passed = await fixtureMeeting(db.current.db, w.body, 3, { title: 'Möte efter sista dagen', status: 'called', agendaPublishedAt: new Date() });
    const o = (await (await get('/api/me/overview', w.tokens.member)).json()) as Overview;
    const byId = new Map(o.nextMeetings!.meetings.map((m) => [m.id, m]));
    expect(byId.get(open.id)).toMatchObject({ deadlineState: 'open', submitLink: `/meetings/${open.id}/submit`, callSent: false });
    expect(byId.get(passed.id)).toMatchObject({ deadlineState: 'passed', submitLink: null, callSent: true });
    // The earliest first.
    const ids = o.nextMeetings!.meetings.map((m) => m.id);
    expect(ids.indexOf(passed.id)).toBeLessThan(ids.indexOf(open.id));
    const home = await (await get('/', w.tokens.member)).text();
    expect(home).toContain(`href="/meetings/${open.id}/submit"`);
    expect(home).toContain('Kallelsen är skickad.');
    expect(home).toContain('Sista dagen för att skicka in punkter har passerat.');
  });

  it('gives the secretary the bodies they lead with their warnings: frequency, vacant seat, late minutes, overdue approvals', async () => {
    const o = (await (await get('/api/me/overview', w.tokens.secretary)).json()) as Overview;
    const led = o.ledBodies!.bodies.find((b) => b.id === w.body.id)!;
    expect(led.roles).toEqual(['secretary']);
    expect(led.followUpLink).toBe(`/bodies/${w.body.id}/follow-up`);
    const kinds = led.warnings.map((x) => x.kind).sort();
    expect(kinds).toEqual(['meetings.frequency', 'minutes.approvalsOverdue', 'minutes.late', 'structure.vacantSeats']);
    const text = (kind: string) => led.warnings.find((x) => x.kind === kind)!.text;
    expect(text('structure.vacantSeats')).toBe('1 plats är vakant: Kommunernas plats.');
    expect(text('minutes.late')).toBe('Minnesanteckningarna från 1 möte är inte klara 14 dagar efter mötet.');
    expect(text('minutes.approvalsOverdue')).toBe('1 justering har passerat sista dagen.');
    expect(text('meetings.frequency')).toContain('minst 10');
    expect(led.warnings.find((x) => x.kind === 'minutes.late')!.link).toBe(`/bodies/${w.body.id}/follow-up`);
  });

  it('lists an approval for the chair in what waits; a body without problems shows none', async () => {
    const o = (await (await get('/api/me/overview', w.tokens.chair)).json()) as Overview;
    expect(o.waiting!.items.some((i) => i.kind === 'minutes.approvalRequested' && i.link === `/meetings/${w.meeting.id}/minutes`)).toBe(true);
    const quiet = await fixtureBody(db.current.db, w.body.structureId, { name: 'Lugna gruppen' });
    const sec = await personWithRole(db.current.db, quiet, 'secretary');
    const mine = (await (await get('/api/me/overview', await apiTokenFor(db.current, { id: sec.person.id }))).json()) as Overview;
    expect(mine.ledBodies!.bodies).toEqual([expect.objectContaining({ id: quiet.id, warnings: [] })]);
  });

  it('shows the sections in order on the home page, and says so in a sentence when one is empty', async () => {
    const home = await (await get('/', w.tokens.secretary)).text();
    const ids = [...home.matchAll(/<section aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.slice(0, 4)).toEqual(['home-next-meetings', 'home-waiting', 'home-my-actions', 'home-led-bodies']);
    expect(home).toContain('Grupper du leder');
    expect(home).toContain(`href="/bodies/${w.body.id}/follow-up"`);
    expect(home).toContain('1 plats är vakant: Kommunernas plats.');
    expect(home).not.toContain('Huvudmän i systemet');

    const lonely = await (await get('/', w.tokens.loner)).text();
    expect(lonely).toContain('Du har inga möten inplanerade det närmaste året.');
    expect(lonely).toContain('Du har inga öppna åtgärder.');
    expect(lonely).not.toContain('Grupper du leder');
    expect(lonely).not.toMatch(/<table/);

    const member = await (await get('/', w.tokens.member)).text();
    expect(member).toContain('Försenad');
    expect(member).toContain(`href="/meetings/${w.next.id}"`);
    expect(member).toContain('Kallelsen är inte skickad.');

    const english = await (await get('/', w.tokens.secretary, 'en')).text();
    for (const heading of ['My next meetings', 'Waiting for you', 'My actions', 'Groups you lead']) expect(english).toContain(heading);
    expect(english).toContain('1 seat is vacant: Kommunernas plats.');
    expect(english).not.toContain('Mina nästa möten');
  });

  it('leaves out a section that fails, on the page and in the overview, instead of failing them', async () => {
    const remove = addTo(
      HOME_SECTIONS,
      defineHomeSection({
        order: 15,
        key: 'broken',
        schema: z.object({ n: z.number() }),
        load: async () => {
          throw new Error('a broken module');
        },
        render: () => 'never shown',
      }),
    );
    try {
      const home = await get('/', w.tokens.member);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('Mina nästa möten');
      const o = (await (await get('/api/me/overview', w.tokens.member)).json()) as Record<string, unknown>;
      expect(o.broken).toBeNull();
      expect(o.nextMeetings).not.toBeNull();
    } finally {
      remove();
    }
  });

  it('lists the adoption to record for the managers of the case’s body, linking to the adoption on the case', async () => {
    const cw = await caseWorld(db.current.db);
    const kase = await fixtureCase(db.current.db, cw, 'recommended');
    const items = await collectWaiting({ db: db.current.db, personId: cw.secretary.id, now: new Date() });
    expect(items).toContainEqual(expect.objectContaining({ kind: 'cases.adoption', link: `/cases/${kase.id}#adoption`, title: `Anteckna hur 3 huvudmän har beslutat om ${kase.title}` }));
    const member = await collectWaiting({ db: db.current.db, personId: cw.members[0]!.id, now: new Date() });
    expect(member.some((i) => i.kind === 'cases.adoption')).toBe(false);
  });
});

describe("a body's follow-up (/bodies/:id/follow-up and GET /api/bodies/:id/follow-up)", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  type FollowUp = {
    actions: { id: string; overdue: boolean; ownerName: string }[];
    approvals: { personId: string; role: string; overdue: boolean }[];
    submissions: { id: string; link: string }[];
    meetingsWithoutMinutes: { meetingId: string; minutesStatus: string | null; late: boolean }[];
  };

  it('lists open actions of every owner, pending approvals, submissions waiting and meetings without finished minutes', async () => {
    const res = await get(`/api/bodies/${w.body.id}/follow-up`, w.tokens.secretary);
    expect(res.status).toBe(200);
    const f = (await res.json()) as FollowUp;
    expect(f.actions).toEqual([expect.objectContaining({ id: w.actionId, overdue: true, ownerName: w.member.person.name })]);
    expect(f.approvals.map((a) => [a.role, a.overdue]).sort()).toEqual([
      ['adjuster', true],
      ['chair', false],
    ]);
    expect(f.submissions).toEqual([expect.objectContaining({ id: w.submissionId, link: `/meetings/${w.next.id}/agenda` })]);
    expect(f.meetingsWithoutMinutes).toEqual([
      expect.objectContaining({ meetingId: w.meeting.id, minutesStatus: 'in_approval', late: false }),
      expect.objectContaining({ meetingId: w.lateMeetingId, minutesStatus: null, late: true }),
    ]);
  });

  it('shows the page to the secretary, chair, vice chair, process leader and administrators', async () => {
    for (const who of ['secretary', 'chair', 'viceChair', 'processLeader', 'admin'] as const) {
      const res = await get(`/bodies/${w.body.id}/follow-up`, w.tokens[who]);
      expect(res.status, who).toBe(200);
      const page = await res.text();
      expect(page).toContain(`<h1>Uppföljning – ${w.body.name}</h1>`);
      expect(page).toContain('Bjud in MAS-nätverket');
      expect(page).toContain('Trygg hemgång från sjukhuset');
      expect(page).toContain('Möte utan anteckningar');
      expect((await get(`/api/bodies/${w.body.id}/follow-up`, w.tokens[who])).status, who).toBe(200);
    }
    const english = await (await get(`/bodies/${w.body.id}/follow-up`, w.tokens.secretary, 'en')).text();
    expect(english).toContain(`<h1>Follow-up – ${w.body.name}</h1>`);
    expect(english).toContain('Meetings without finished minutes');
  });

  it('refuses a member (403), another body’s member and another structure’s secretary (403), an unknown body (404), and asks anonymous visitors to log in', async () => {
    for (const who of ['member', 'outsider', 'otherSecretary'] as const) {
      expect((await get(`/bodies/${w.body.id}/follow-up`, w.tokens[who])).status, who).toBe(403);
      expect((await get(`/api/bodies/${w.body.id}/follow-up`, w.tokens[who])).status, who).toBe(403);
    }
    expect((await get('/bodies/00000000-0000-4000-8000-000000000000/follow-up', w.tokens.secretary)).status).toBe(404);
    expect((await get('/api/bodies/00000000-0000-4000-8000-000000000000/follow-up', w.tokens.admin)).status).toBe(404);
    expect((await get('/api/bodies/not-a-body/follow-up', w.tokens.admin)).status).toBe(404);
    expect((await get(`/api/bodies/${w.body.id}/follow-up`)).status).toBe(401);
    const page = await get(`/bodies/${w.body.id}/follow-up`);
    expect([302, 303]).toContain(page.status);
    expect(page.headers.get('location')).toContain('/login');
  });

  it('says so in a sentence when a list is empty', async () => {
    const quiet = await fixtureBody(db.current.db, w.body.structureId, { name: 'Lugna gruppen' });
    const sec = await personWithRole(db.current.db, quiet, 'secretary');
    const page = await (await get(`/bodies/${quiet.id}/follow-up`, await apiTokenFor(db.current, { id: sec.person.id }))).text();
    expect(page).toContain('Gruppen har inga öppna åtgärder.');
    expect(page).toContain('Inga minnesanteckningar väntar på justering.');
    expect(page).toContain('Inga inskickade punkter väntar på beslut.');
    expect(page).toContain('Alla möten det senaste året har klara minnesanteckningar.');
    expect(page).not.toMatch(/<table/);
    // The body row is unchanged by reading it.
    const [row] = await db.current.db.select().from(bodies).where(eq(bodies.id, quiet.id));
    expect(row!.version).toBe(1);
  });
});
