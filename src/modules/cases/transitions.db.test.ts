import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, gt } from 'drizzle-orm';
import { execute } from '../../platform/commands.js';
import { auditLog } from '../../platform/audit/schema.js';
import { AppError } from '../../platform/http/errors.js';
import { outbox } from '../../platform/outbox/schema.js';
import { notifications } from '../../platform/inbox/schema.js';
import { bodies, memberships } from '../structure/schema.js';
import { agendaItems } from '../meetings/schema.js';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { transitionCase } from './commands/transition.js';
import { caseStates, phaseOf, transitionNames, transitions, transitionsFrom, type CaseState, type TransitionName } from './flow.js';
import { activities, caseAdoptions, caseAnchoring, caseHistory, caseNotices, cases, caseStateCounts, type Case } from './schema.js';
import { caseOverviewData } from './queries/index.js';
import { caseWorld, fixtureCase, fixtureMeetingOf, type CaseWorld } from './samples.js';
import './kinds.js';
import './hooks.js';

const db = useTestDatabase();
const config = testConfig();
const deps = () => ({ database: db.current, config });

/** Everything a transition could write, to show that a refusal wrote nothing. */
async function snapshot(kase: Pick<Case, 'id'>) {
  const d = db.current.db;
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  return {
    kase: (await d.select().from(cases).where(eq(cases.id, kase.id)))[0],
    history: await n(d.select({ n: count() }).from(caseHistory).where(eq(caseHistory.caseId, kase.id))),
    audit: await n(d.select({ n: count() }).from(auditLog)),
    activities: await n(d.select({ n: count() }).from(activities)),
    notices: await n(d.select({ n: count() }).from(caseNotices)),
    outbox: await n(d.select({ n: count() }).from(outbox)),
    notifications: await n(d.select({ n: count() }).from(notifications)),
    anchoring: await n(d.select({ n: count() }).from(caseAnchoring)),
    adoptions: await n(d.select({ n: count() }).from(caseAdoptions)),
    agenda: await n(d.select({ n: count() }).from(agendaItems)),
    bodies: await n(d.select({ n: count() }).from(bodies)),
  };
}

/** What each transition needs to be taken from a fixture in its `from` state. */
async function inputFor(world: CaseWorld, kase: Case, name: TransitionName) {
  const input: Record<string, unknown> = { caseId: kase.id, transition: name };
  if (name === 'schedule') input.meetingId = (await fixtureMeetingOf(db.current.db, world.body, 14)).id;
  if (name === 'reject') input.message = 'Frågan hör hemma i läkemedelskommittén; vänd er dit.';
  if (name === 'concludeNoChange') input.message = 'Nuvarande rutin fungerar; arbetssätten ändras inte.';
  if (name === 'close') input.evaluation = 'Rutinen används i alla kommuner; inga avvikelser under uppföljningen.';
  return input;
}

/** Prepares a fixture so that the transition's guards hold (answers, notice). */
async function satisfyGuards(kase: Case, name: TransitionName) {
  if (['escalate', 'recommend', 'implement'].includes(name) && kase.state === 'anchoring') {
    await db.current.db.update(caseAnchoring).set({ answeredAt: new Date(), position: 'supports', feedback: 'Tillstyrks.' }).where(eq(caseAnchoring.caseId, kase.id));
  }
  if (name === 'followUp') await db.current.db.update(cases).set({ noticeSentAt: new Date() }).where(eq(cases.id, kase.id));
}

describe('every transition of the graph, from every state it leaves', () => {
  let world: CaseWorld;
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
  });

  for (const name of transitionNames) {
    const def = transitions[name];
    for (const from of def.from as readonly CaseState[]) {
      it(`${name}: ${from} → ${def.to}, with a history row and an audit row`, async () => {
        const kase = await fixtureCase(db.current.db, world, from);
        await satisfyGuards(kase, name);
        const before = await snapshot(kase);
        if ('via' in def) {
          // Through their own commands only (tested in commands.db.test.ts): refused here.
          const err = await execute(deps(), world.secretary.actor, transitionCase, await inputFor(world, kase, name)).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect(await snapshot(kase)).toEqual(before);
          return;
        }
        const actor = kase.state === 'prepared' ? world.commissionerSecretary.actor : world.secretary.actor;
        await execute(deps(), actor, transitionCase, await inputFor(world, kase, name));
        const after = await snapshot(kase);
        expect(after.kase!.state).toBe(def.to);
        expect(after.history).toBe(before.history + 1);
        expect(after.audit).toBeGreaterThan(before.audit);
        const [h] = await db.current.db.select().from(caseHistory).where(eq(caseHistory.caseId, kase.id));
        expect(h).toMatchObject({ transition: name, fromState: from, toState: def.to });
        const audits = await db.current.db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.objectType, 'case'), eq(auditLog.objectId, kase.id)));
        expect(audits.some((a) => (a.after as { transition?: string } | null)?.transition === name && a.operation === 'cases.transition')).toBe(true);
      });
    }
  }
});

describe('the kept counts per body and state', () => {
  it('follow every insert, transition and delete of a case', async () => {
    const d = db.current.db;
    const direct = async () =>
      (await d.select({ bodyId: cases.bodyId, state: cases.state, n: count() }).from(cases).groupBy(cases.bodyId, cases.state)).map((r) => `${r.bodyId} ${r.state} ${r.n}`).sort();
    const kept = async () => (await d.select().from(caseStateCounts).where(gt(caseStateCounts.n, 0))).map((r) => `${r.bodyId} ${r.state} ${r.n}`).sort();
    const world = await caseWorld(d);
    const kase = await fixtureCase(d, world, 'raised');
    await fixtureCase(d, world, 'in_progress');
    expect(await kept()).toEqual(await direct());
    await execute(deps(), world.secretary.actor, transitionCase, await inputFor(world, kase, 'schedule'));
    expect(await kept()).toEqual(await direct());
    await d.delete(cases).where(eq(cases.id, kase.id));
    expect(await kept()).toEqual(await direct());
    const { counts } = await caseOverviewData(d, { structureId: world.structureId }, { page: 1 });
    expect(counts.in_progress).toBe(1);
    expect(counts.raised + counts.on_agenda).toBe(0);
  });
});

describe('a transition outside the graph', () => {
  const refused: [CaseState, TransitionName][] = caseStates.flatMap((s) => transitionNames.filter((n) => !transitionsFrom(s).includes(n)).map((n) => [s, n] as [CaseState, TransitionName]));
  let world: CaseWorld;
  const byState = new Map<CaseState, Case>();
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
    for (const s of caseStates) byState.set(s, await fixtureCase(db.current.db, world, s));
  });

  it('is checked for every state', () => {
    expect(new Set(refused.map(([s]) => s)).size).toBe(caseStates.length);
  });

  it('stores the phase of every state as the overviews group them', async () => {
    for (const [state, kase] of byState) {
      const [row] = await db.current.db.select({ phase: cases.phase }).from(cases).where(eq(cases.id, kase.id));
      expect([state, row!.phase]).toEqual([state, phaseOf(state)]);
    }
  });

  for (const [state, name] of refused) {
    it(`${name} from ${state} is refused and changes nothing`, async () => {
      const kase = byState.get(state)!;
      const before = await snapshot(kase);
      const err = await execute(deps(), world.secretary.actor, transitionCase, await inputFor(world, kase, name)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBeGreaterThanOrEqual(400);
      const after = await snapshot(kase);
      // inputFor may plan a meeting for `schedule`; that is the test's own row, not the command's
      // (and the case's earliest due report, kept from the body's meetings, may follow it).
      const dueOf = (k: Case | undefined) => ({ reportOverdueAt: k?.reportOverdueAt, reportDueOn: k?.reportDueOn, reportDueMeetingId: k?.reportDueMeetingId });
      const kept = name === 'schedule' ? { ...after.kase!, ...dueOf(before.kase) } : after.kase;
      expect({ ...after, kase: kept, agenda: before.agenda }).toEqual(before);
    });
  }
});

describe('what transitions do', () => {
  let world: CaseWorld;
  beforeAll(async () => {
    world = await caseWorld(db.current.db);
  });
  const run = (actor = world.secretary.actor, input: Record<string, unknown>) => execute(deps(), actor, transitionCase, input);

  it('schedule puts the case on the meeting agenda, in the decision section', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const meeting = await fixtureMeetingOf(db.current.db, world.body, 10);
    await run(undefined, { caseId: kase.id, transition: 'schedule', meetingId: meeting.id });
    const items = await db.current.db.select().from(agendaItems).where(eq(agendaItems.meetingId, meeting.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ caseId: kase.id, kind: 'decision', section: 'Beslut' });
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.meetingId).toBe(meeting.id);
  });

  it('schedule refuses a meeting of another body', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const other = await fixtureMeetingOf(db.current.db, world.commissioner, 10);
    const before = await snapshot(kase);
    const err = await run(undefined, { caseId: kase.id, transition: 'schedule', meetingId: other.id }).catch((e: unknown) => e);
    expect((err as AppError).fieldErrors[0]!.field).toBe('meetingId');
    expect({ ...(await snapshot(kase)), agenda: before.agenda }).toEqual(before);
  });

  it('accept puts the case in the activity plan; defer on its waiting list', async () => {
    const a = await fixtureCase(db.current.db, world, 'on_agenda');
    const b = await fixtureCase(db.current.db, world, 'on_agenda');
    await run(undefined, { caseId: a.id, transition: 'accept' });
    await run(undefined, { caseId: b.id, transition: 'defer' });
    const [la] = await db.current.db.select().from(activities).where(eq(activities.caseId, a.id));
    const [lb] = await db.current.db.select().from(activities).where(eq(activities.caseId, b.id));
    expect(la).toMatchObject({ waiting: false, status: 'not_started', bodyId: world.body.id });
    expect(lb).toMatchObject({ waiting: true });
    await run(undefined, { caseId: b.id, transition: 'resume' });
    const [lb2] = await db.current.db.select().from(activities).where(eq(activities.caseId, b.id));
    expect(lb2!.waiting).toBe(false);
  });

  it('reject needs an answer, and sends it to whoever raised the case', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const before = await snapshot(kase);
    const err = await run(undefined, { caseId: kase.id, transition: 'reject' }).catch((e: unknown) => e);
    expect((err as AppError).fieldErrors[0]!.field).toBe('message');
    expect(await snapshot(kase)).toEqual(before);
    await run(undefined, { caseId: kase.id, transition: 'reject', message: 'Frågan hanteras redan av läkemedelskommittén.' });
    const inbox = await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, kase.raisedByPersonId!), eq(notifications.objectId, kase.id)));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body).toBe('Frågan hanteras redan av läkemedelskommittén.');
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row).toMatchObject({ state: 'returned', answer: 'Frågan hanteras redan av läkemedelskommittén.' });
  });

  it('startAnchoring opens one row per principal, with the covering seat, and asks the members', async () => {
    const kase = await fixtureCase(db.current.db, world, 'in_progress');
    await run(undefined, { caseId: kase.id, transition: 'startAnchoring' });
    const rows = await db.current.db.select().from(caseAnchoring).where(eq(caseAnchoring.caseId, kase.id));
    expect(rows).toHaveLength(3);
    for (const m of world.members) expect(rows.find((r) => r.principalId === m.principalId)!.seatId).toBe(m.seatId);
    const asked = await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.objectId, kase.id), eq(notifications.kind, 'cases.anchoring')));
    expect(asked.map((n) => n.personId).sort()).toEqual(world.members.map((m) => m.id).sort());
  });

  it('escalate, recommend and implement are refused until every principal has answered (naming who has not)', async () => {
    const kase = await fixtureCase(db.current.db, world, 'anchoring');
    const before = await snapshot(kase);
    for (const name of ['escalate', 'recommend', 'implement'] as const) {
      const err = await run(undefined, { caseId: kase.id, transition: name }).catch((e: unknown) => e);
      expect((err as AppError).code).toBe('anchoring-incomplete');
      expect((err as AppError).message).toContain(world.principals[0]!.name);
    }
    expect(await snapshot(kase)).toEqual(before);
  });

  it('escalate prepares the case for the commissioning body and puts it on its next meeting', async () => {
    // A world of its own, so that its commissioning body's next meeting is the one planned here.
    const own = await caseWorld(db.current.db);
    const next = await fixtureMeetingOf(db.current.db, own.commissioner, 30);
    await fixtureMeetingOf(db.current.db, own.commissioner, 60);
    const kase = await fixtureCase(db.current.db, own, 'anchoring');
    await satisfyGuards(kase, 'escalate');
    await execute(deps(), own.secretary.actor, transitionCase, { caseId: kase.id, transition: 'escalate' });
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row).toMatchObject({ state: 'prepared', escalatedToBodyId: own.commissioner.id, meetingId: next.id });
    const items = await db.current.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.meetingId, next.id), eq(agendaItems.caseId, kase.id)));
    expect(items).toHaveLength(1);
    // The commissioning body decides now, through its own secretary.
    await execute(deps(), own.commissionerSecretary.actor, transitionCase, { caseId: kase.id, transition: 'implement' });
    const [after] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(after!.state).toBe('implementation');
  });

  it('recommend opens the adoption for every principal', async () => {
    const kase = await fixtureCase(db.current.db, world, 'prepared');
    await execute(deps(), world.commissionerSecretary.actor, transitionCase, { caseId: kase.id, transition: 'recommend' });
    const rows = await db.current.db.select().from(caseAdoptions).where(eq(caseAdoptions.caseId, kase.id));
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('"no change" is communicated to every principal in one batch, and to the raiser', async () => {
    const kase = await fixtureCase(db.current.db, world, 'in_progress');
    await run(undefined, { caseId: kase.id, transition: 'concludeNoChange', message: 'Arbetssätten ändras inte.' });
    const notices = await db.current.db.select().from(caseNotices).where(eq(caseNotices.caseId, kase.id));
    const toPrincipals = notices.filter((n) => n.kind === 'no_change' && n.principalId);
    expect(toPrincipals).toHaveLength(3);
    expect(new Set(toPrincipals.map((n) => n.batchId)).size).toBe(1);
    const mails = await db.current.db.select().from(outbox).where(eq(outbox.batchId, toPrincipals[0]!.batchId!));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.createdAt.getTime())).size).toBe(1);
    expect(notices.some((n) => n.kind === 'no_change' && !n.principalId)).toBe(true);
  });

  it('followUp is refused until the implementation notice has gone out', async () => {
    const kase = await fixtureCase(db.current.db, world, 'implementation');
    const before = await snapshot(kase);
    const err = await run(undefined, { caseId: kase.id, transition: 'followUp' }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('notice-not-sent');
    expect(await snapshot(kase)).toEqual(before);
  });

  it('close after follow-up needs the evaluation, marks the plan line done and ends the working group', async () => {
    const kase = await fixtureCase(db.current.db, world, 'follow_up');
    await db.current.db.insert(activities).values({ structureId: world.structureId, bodyId: world.body.id, year: kase.year, caseId: kase.id, title: kase.title, status: 'green' });
    const err = await run(undefined, { caseId: kase.id, transition: 'close' }).catch((e: unknown) => e);
    expect((err as AppError).fieldErrors[0]!.field).toBe('evaluation');
    await run(undefined, { caseId: kase.id, transition: 'close', evaluation: 'Rutinen följs; inga avvikelser.' });
    const [line] = await db.current.db.select().from(activities).where(eq(activities.caseId, kase.id));
    expect(line!.status).toBe('done');
    const [wg] = await db.current.db.select().from(bodies).where(eq(bodies.id, kase.workingGroupBodyId!));
    expect(wg!.activeTo).not.toBeNull();
    const open = await db.current.db.select().from(memberships).where(eq(memberships.bodyId, wg!.id));
    expect(open.every((m) => m.endOn !== null)).toBe(true);
  });

  it('withdraw is open to whoever raised the case; others without a managing role are refused', async () => {
    const kase = await fixtureCase(db.current.db, world, 'raised');
    const other = world.members[2]!.actor;
    const before = await snapshot(kase);
    const err = await run(other, { caseId: kase.id, transition: 'withdraw' }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(403);
    expect(await snapshot(kase)).toEqual(before);
    await run(world.members[1]!.actor, { caseId: kase.id, transition: 'withdraw', note: 'Löst på annat sätt.' });
    const [row] = await db.current.db.select().from(cases).where(eq(cases.id, kase.id));
    expect(row!.state).toBe('withdrawn');
  });

  it('a stale version is refused', async () => {
    const kase = await fixtureCase(db.current.db, world, 'on_agenda');
    const err = await run(undefined, { caseId: kase.id, transition: 'accept', version: kase.version + 5 }).catch((e: unknown) => e);
    expect((err as AppError).status).toBe(409);
  });
});
