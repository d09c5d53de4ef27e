import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { execute } from '../../platform/commands.js';
import { AppError, ValidationError } from '../../platform/http/errors.js';
import { notifications } from '../../platform/inbox/schema.js';
import { collectWaiting } from '../../platform/inbox/waiting.js';
import { outbox } from '../../platform/outbox/schema.js';
import { runDueJobs } from '../../platform/worker.js';
import { createLogger } from '../../platform/logger.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { openProposals } from '../meetings/sources.js';
import { meetings } from '../meetings/schema.js';
import { bodies, memberships, principals } from '../structure/schema.js';
import { fixturePerson } from '../structure/samples.js';
import { addCaseLink, appointWorkingGroup, issueDirective, raiseCase, recordAdoption, recordStatusReport, sendImplementationNotice } from './commands/index.js';
import { OVERDUE_CHECK_JOB } from './overdue.js';
import { earliestMissing, reportDues } from './reports.js';
import { caseAdoptions, caseDirectives, cases, caseNotices, caseStatusReports } from './schema.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import { caseOverviewData } from './queries/index.js';
import '../../app.js';

const db = useTestDatabase();
const config = testConfig();
const deps = () => ({ database: db.current, config });
const DAY = 86400_000;

describe('case commands', () => {
  let world: CaseWorld;
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
  });

  it('numbers cases per structure and year, and raises with the raiser and organisation', async () => {
    const a = await execute(deps(), world.members[0]!.actor, raiseCase, { bodyId: world.body.id, title: 'Första', categoryIds: [] });
    const b = await execute(deps(), world.members[1]!.actor, raiseCase, { bodyId: world.body.id, title: 'Andra', raisedByOrganisationName: 'Kumla kommun', categoryIds: [] });
    expect(b.number).toBe(a.number + 1);
    expect(b.year).toBe(a.year);
    expect(b).toMatchObject({ raisedByPersonId: world.members[1]!.id, raisedByOrganisationName: 'Kumla kommun' });
    // The raiser's organisation is the one the seat speaks for when not given.
    expect(a.raisedByOrganisationName).toBe(world.principals[0]!.name);
    const other = await caseWorld(db.current.db);
    const c = await execute(deps(), other.members[0]!.actor, raiseCase, { bodyId: other.body.id, title: 'Annan struktur', categoryIds: [] });
    expect(c.number).toBe(1);
  });

  it('refuses a raise from someone without a role, and categories of another structure', async () => {
    const outsider = await fixturePerson(db.current.db);
    const err = await execute(deps(), { kind: 'person', personId: outsider.id, name: outsider.name, isAdmin: false, via: 'session' }, raiseCase, {
      bodyId: world.body.id,
      title: 'X',
      categoryIds: [],
    }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(403);
    const other = await caseWorld(db.current.db);
    const err2 = await execute(deps(), world.members[0]!.actor, raiseCase, { bodyId: world.body.id, title: 'X', categoryIds: [other.goalAreaId] }).catch((e: unknown) => e);
    expect((err2 as ValidationError).fieldErrors[0]!.field).toBe('categoryIds');
  });

  it('links only to meetings and cases of the same structure', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const other = await caseWorld(db.current.db);
    const foreign = await fixtureCase(db.current.db, other, 'raised');
    const err = await execute(deps(), world.secretary.actor, addCaseLink, { caseId: kase.id, kind: 'case', targetId: foreign.id, label: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const meeting = await fixtureMeetingOf(db.current.db, world.body, 3);
    const link = await execute(deps(), world.secretary.actor, addCaseLink, { caseId: kase.id, kind: 'meeting', targetId: meeting.id, label: 'Tas upp här' });
    expect(link.targetId).toBe(meeting.id);
  });

  it('appoints a working group only from the body, with a convenor', async () => {
    const kase = await fixtureCase(db.current.db, world, 'accepted');
    const outsider = await fixturePerson(db.current.db);
    const err = await execute(deps(), world.secretary.actor, appointWorkingGroup, { caseId: kase.id, convenorPersonId: world.members[0]!.id, memberPersonIds: [outsider.id] }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors[0]!.field).toBe('memberPersonIds');
    const noReason = await execute(deps(), world.secretary.actor, appointWorkingGroup, { caseId: kase.id, convenorPersonId: world.members[0]!.id, adjuncts: [{ personId: outsider.id }] }).catch(
      (e: unknown) => e,
    );
    expect((noReason as ValidationError).fieldErrors[0]!.field).toBe('adjuncts.0.reason');
    const { workingGroup } = await execute(deps(), world.secretary.actor, appointWorkingGroup, {
      caseId: kase.id,
      convenorPersonId: world.members[0]!.id,
      memberPersonIds: [world.members[2]!.id],
      adjuncts: [{ personId: outsider.id, reason: 'Sakkunnig i nutrition' }],
    });
    expect(workingGroup).toMatchObject({ parentId: world.body.id, kind: 'working_group', level: 'operational', structureId: world.structureId });
    const convenorInbox = await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, world.members[0]!.id), eq(notifications.kind, 'cases.assigned')));
    expect(convenorInbox.length).toBeGreaterThan(0);
  });

  it('refuses an incomplete directive with every missing part, then issues it and ends the working group with it', async () => {
    const kase = await fixtureCase(db.current.db, world, 'working_group', { newMedicalTask: true });
    const err = (await execute(deps(), world.secretary.actor, issueDirective, { caseId: kase.id, shortDescription: 'Rutin' }).catch((e: unknown) => e)) as ValidationError;
    expect(err).toBeInstanceOf(ValidationError);
    const fields = err.fieldErrors.map((f) => f.field);
    for (const f of [
      'background',
      'purpose',
      'goals',
      'expectedResult',
      'resultManagement',
      'organisation',
      'timeline',
      'endDate',
      'followUp',
      'resources',
      'medicalSteps.knowledge',
      'medicalSteps.routine',
      'medicalSteps.communication',
      'medicalSteps.implementationPlan',
      'medicalSteps.followUp',
      'reportAtMeetings',
    ]) {
      expect(fields, f).toContain(f);
    }
    expect(await db.current.db.select().from(caseDirectives).where(eq(caseDirectives.caseId, kase.id))).toHaveLength(0);
    const end = new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10);
    const date = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const { directive } = await execute(deps(), world.secretary.actor, issueDirective, {
      caseId: kase.id,
      shortDescription: 'Rutin',
      background: 'B',
      purpose: 'S',
      goals: 'M',
      expectedResult: 'R',
      resultManagement: 'F',
      organisation: 'O',
      timeline: 'T',
      endDate: end,
      followUp: 'U',
      resources: 'Inga',
      medicalSteps: { knowledge: true, routine: true, communication: true, implementationPlan: true, followUp: true },
      reportAtMeetings: true,
      reportDates: [date],
    });
    expect(directive.status).toBe('issued');
    const [wg] = await db.current.db.select().from(bodies).where(eq(bodies.id, kase.workingGroupBodyId!));
    expect(wg!.activeTo).toBe(end);
    const ms = await db.current.db.select().from(memberships).where(eq(memberships.bodyId, wg!.id));
    expect(ms.every((m) => m.endOn === end)).toBe(true);
    const checks = await db.current.db.select().from(outbox).where(eq(outbox.kind, OVERDUE_CHECK_JOB));
    expect(checks.some((c) => (c.payload as { caseId: string }).caseId === kase.id)).toBe(true);
  });

  it("keeps each case's earliest missing status report as meetings, the directive and reports change, as reportDues computes it", async () => {
    const own = await caseWorld(db.current.db);
    const kase = await fixtureCase(db.current.db, own, 'in_progress');
    const d = db.current.db;
    const check = async () => {
      const [k] = await d.select().from(cases).where(eq(cases.id, kase.id));
      const e = earliestMissing(await reportDues(d, [k!], new Date()));
      expect({ at: k!.reportOverdueAt?.toISOString() ?? null, day: k!.reportDueOn, meetingId: k!.reportDueMeetingId }).toEqual({
        at: e?.overdueAt.toISOString() ?? null,
        day: e?.dueOn ?? null,
        meetingId: e?.meetingId ?? null,
      });
      return e;
    };
    await d
      .update(caseDirectives)
      .set({ issuedAt: new Date(Date.now() - 60 * DAY), reportDates: [] })
      .where(eq(caseDirectives.caseId, kase.id));
    await check();
    const held = await fixtureMeetingOf(d, own.body, -20);
    const coming = await fixtureMeetingOf(d, own.body, 15);
    expect((await check())?.meetingId).toBe(held.id);
    await execute(deps(), own.members[0]!.actor, recordStatusReport, { caseId: kase.id, meetingId: held.id, status: 'green', text: 'Enligt plan.' });
    expect((await check())?.meetingId).toBe(coming.id);
    // A report date before the coming meeting comes first; a report on it moves on.
    const date = new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10);
    await d
      .update(caseDirectives)
      .set({ reportDates: [date] })
      .where(eq(caseDirectives.caseId, kase.id));
    expect((await check())?.dueOn).toBe(date);
    await execute(deps(), own.members[0]!.actor, recordStatusReport, { caseId: kase.id, status: 'yellow', text: 'Något sent.' });
    expect((await check())?.meetingId).toBe(coming.id);
    // The meeting moved, cancelled, deleted; a meeting outside the assignment does not count.
    await d
      .update(meetings)
      .set({ startsAt: new Date(Date.now() - 2 * DAY), endsAt: new Date(Date.now() - 2 * DAY + 3600_000) })
      .where(eq(meetings.id, coming.id));
    expect((await check())?.overdue).toBe(true);
    const later = await fixtureMeetingOf(d, own.body, 30);
    await d.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, coming.id));
    expect((await check())?.meetingId).toBe(later.id);
    await d
      .update(caseDirectives)
      .set({ endDate: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) })
      .where(eq(caseDirectives.caseId, kase.id));
    expect(await check()).toBeUndefined();
    await d.update(caseDirectives).set({ endDate: null }).where(eq(caseDirectives.caseId, kase.id));
    expect((await check())?.meetingId).toBe(later.id);
    await d.delete(meetings).where(eq(meetings.id, later.id));
    expect(await check()).toBeUndefined();
    // The overview reads the kept value: nothing is overdue now, then the cancelled meeting counts again.
    expect((await caseOverviewData(d, { structureId: own.structureId }, { page: 1 })).overdue.total).toBe(0);
    await d.update(meetings).set({ status: 'held' }).where(eq(meetings.id, coming.id));
    expect((await check())?.meetingId).toBe(coming.id);
    expect((await caseOverviewData(d, { structureId: own.structureId }, { page: 1 })).overdue.rows).toMatchObject([{ caseId: kase.id, meetingTitle: coming.title }]);
    // A directive taken back to draft has no due reports.
    await d.update(caseDirectives).set({ status: 'draft' }).where(eq(caseDirectives.caseId, kase.id));
    expect(await check()).toBeUndefined();
  });

  it('computes due reports from the directive: at each meeting and on report dates; overdue ones are flagged to the convenor and the secretary', async () => {
    const own = await caseWorld(db.current.db);
    const kase = await fixtureCase(db.current.db, own, 'in_progress');
    await db.current.db
      .update(caseDirectives)
      .set({ issuedAt: new Date(Date.now() - 60 * DAY), reportDates: [new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10)] })
      .where(eq(caseDirectives.caseId, kase.id));
    const held = await fixtureMeetingOf(db.current.db, own.body, -20);
    const reported = await fixtureMeetingOf(db.current.db, own.body, -40);
    const coming = await fixtureMeetingOf(db.current.db, own.body, 15);
    await execute(deps(), own.members[0]!.actor, recordStatusReport, { caseId: kase.id, meetingId: reported.id, status: 'green', text: 'Enligt plan.' });
    const dues = await reportDues(db.current.db, [kase], new Date());
    const at = (id: string) => dues.find((d) => d.meetingId === id)!;
    expect(at(reported.id)).toMatchObject({ done: true, overdue: false });
    expect(at(held.id)).toMatchObject({ done: false, overdue: true });
    expect(at(coming.id)).toMatchObject({ done: false, overdue: false });
    expect(dues.find((d) => !d.meetingId)).toMatchObject({ overdue: true });
    const { overdue: overview } = await caseOverviewData(db.current.db, { structureId: own.structureId }, { page: 1 });
    expect(overview.total).toBe(1);
    // The earliest overdue report is the one shown: the meeting 20 days ago, before the date 5 days ago.
    expect(overview.rows[0]).toMatchObject({ caseId: kase.id, dueOn: dues.find((d) => d.meetingId === held.id)!.dueOn });
    // The check after the meeting tells the convenor and the secretary.
    const { enqueue } = await import('../../platform/outbox/outbox.js');
    await enqueue(db.current.db, { kind: OVERDUE_CHECK_JOB, payload: { caseId: kase.id, key: `m:${held.id}` } });
    await runDueJobs({ database: db.current, config, logger: createLogger('silent') });
    const told = await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'cases.reportOverdue'), eq(notifications.objectId, kase.id)));
    expect(told.map((n) => n.personId).sort()).toEqual([own.members[0]!.id, own.secretary.id].sort());
    // The agenda of the coming meeting gets the report proposed, with the convenor presenting.
    const [body] = await db.current.db.select().from(bodies).where(eq(bodies.id, own.body.id));
    const proposals = await openProposals({ tx: db.current.db, meeting: coming, body: body!, lang: 'sv' });
    const mine = proposals.find((p) => p.source.id === 'cases')!.proposals.find((p) => p.key === `report-${kase.id}`);
    expect(mine).toMatchObject({ caseId: kase.id, source: 'status_report', presenterPersonId: own.members[0]!.id });
    // The inbox of the convenor lists the coming report.
    const waiting = await collectWaiting({ db: db.current.db, personId: own.members[0]!.id, now: new Date() });
    expect(waiting.some((w) => w.kind === 'cases.report' && w.link.includes(kase.id))).toBe(true);
  });

  it('the inbox lists a pending anchoring answer to the member whose seat covers the principal', async () => {
    const kase = await fixtureCase(db.current.db, world, 'anchoring');
    const waiting = await collectWaiting({ db: db.current.db, personId: world.members[2]!.id, now: new Date() });
    expect(waiting.some((w) => w.kind === 'cases.anchoring' && w.link.includes(kase.id) && w.title.includes(world.principals[2]!.name))).toBe(true);
  });

  it('the first status report starts the work', async () => {
    const kase = await fixtureCase(db.current.db, world, 'assigned');
    await execute(deps(), world.members[0]!.actor, recordStatusReport, { caseId: kase.id, status: 'yellow', text: 'Kommit igång.' });
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('in_progress');
    expect(await db.current.db.select().from(caseStatusReports).where(eq(caseStatusReports.caseId, kase.id))).toHaveLength(1);
  });

  it('sends the implementation notice to every principal in one batch with one timestamp, once', async () => {
    const kase = await fixtureCase(db.current.db, world, 'implementation');
    const r = await execute(deps(), world.secretary.actor, sendImplementationNotice, { caseId: kase.id, text: 'Rutinen gäller från 1 mars.' });
    const mails = await db.current.db.select().from(outbox).where(eq(outbox.batchId, r.batchId));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.createdAt.getTime())).size).toBe(1);
    const to = mails.flatMap((m) => (m.payload as { to: string[] }).to);
    for (const p of world.principals) expect(to).toContain(p.distributionList[0]);
    expect(to.some((a) => a.startsWith('vc-'))).toBe(true);
    const again = await execute(deps(), world.secretary.actor, sendImplementationNotice, { caseId: kase.id, text: 'Igen' }).catch((e: unknown) => e);
    expect((again as AppError).status).toBe(409);
    const notices = await db.current.db.select().from(caseNotices).where(eq(caseNotices.caseId, kase.id));
    expect(notices).toHaveLength(3);
  });

  it('refuses the notice while a region or municipality has no distribution list', async () => {
    const own = await caseWorld(db.current.db);
    await db.current.db.update(principals).set({ distributionList: [] }).where(eq(principals.id, own.principals[2]!.id));
    const kase = await fixtureCase(db.current.db, own, 'implementation');
    const err = await execute(deps(), own.secretary.actor, sendImplementationNotice, { caseId: kase.id, text: 'x' }).catch((e: unknown) => e);
    expect((err as ValidationError).message).toContain(own.principals[2]!.name);
    expect(await db.current.db.select().from(caseNotices).where(eq(caseNotices.caseId, kase.id))).toHaveLength(0);
  });

  it('records adoption by each principal and shows who has not adopted', async () => {
    const kase = await fixtureCase(db.current.db, world, 'recommended');
    for (const p of world.principals.slice(0, 2)) {
      await execute(deps(), world.secretary.actor, recordAdoption, { caseId: kase.id, principalId: p.id, status: 'adopted', committee: 'Nämnden', decidedOn: kase.raisedOn, reference: 'Dnr 1' });
    }
    const rows = await db.current.db.select().from(caseAdoptions).where(eq(caseAdoptions.caseId, kase.id));
    expect(rows.filter((r) => r.status === 'adopted')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.principalId)).toEqual([world.principals[2]!.id]);
  });
});
