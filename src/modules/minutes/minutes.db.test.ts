import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { minutesWorld, run } from '../../../tests/helpers/minutes.js';
import { ConflictError } from '../../platform/http/errors.js';
import { auditLog } from '../../platform/audit/schema.js';
import { notifications } from '../../platform/inbox/schema.js';
import { outbox } from '../../platform/outbox/schema.js';
import { people } from '../../platform/auth/schema.js';
import { fixturePerson } from '../structure/index.js';
import { openProposals } from '../meetings/sources.js';
import { agendaItems } from '../meetings/schema.js';
import { acceptProposal } from '../meetings/commands/accept-proposal.js';
import './index.js';
import { itemsOf } from './queries/index.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { addAction, approveMinutes, autosaveItem, commentMinutes, completeAction, saveHeader, saveItem, sendForApproval, setDistribution, startCorrection, startMinutes } from './commands/index.js';
import { DECISION_HOOKS } from './hooks.js';
import { addTo } from '../../platform/registry.js';
import { contentVersion } from './queries/index.js';
import { actionItems, decisions, minuteItems, minutes, minuteVersions } from './schema.js';
import { TABLED_SOURCE } from './sources.js';
import { runDueJobs } from '../../platform/worker.js';
import { createLogger } from '../../platform/logger.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { collectWaiting } from '../../platform/inbox/waiting.js';
import { evaluateMeeting } from './commands/index.js';

const db = useTestDatabase();

async function started() {
  const w = await minutesWorld(db.current);
  const m = await run(db.current, w.secretary.actor, startMinutes, { meetingId: w.meeting.id });
  const items = await itemsOf(db.current.db, m.id);
  return { ...w, m, items };
}

describe('writing minutes', () => {
  it('starts with an entry per agenda item, the protocol kind of the body and the writer as note taker', async () => {
    const { m, items, chair, secretary } = await started();
    expect(m.kind).toBe('protocol');
    expect(m.status).toBe('draft');
    expect(m.chairPersonId).toBe(chair.person.id);
    expect(m.noteTakers).toEqual([{ personId: secretary.person.id, name: secretary.person.name }]);
    expect(items.map((i) => i.title)).toEqual(['Mötets öppnande', 'Budget för 2027', 'Barn som anhöriga']);
  });

  it('refuses a member who may not write, and someone outside the body', async () => {
    const w = await minutesWorld(db.current);
    await expect(run(db.current, w.member.actor, startMinutes, { meetingId: w.meeting.id })).rejects.toMatchObject({ status: 403 });
    await expect(run(db.current, w.outsider.actor, startMinutes, { meetingId: w.meeting.id })).rejects.toMatchObject({ status: 403 });
  });

  it('numbers decisions per body and year, runs the decision hook in the transaction, and turns a condition into a follow-up', async () => {
    const { items, secretary, body, meeting } = await started();
    const seen: string[] = [];
    const remove = addTo(DECISION_HOOKS, async ({ decision, minuteItem, tx, change }) => {
      seen.push(`${change}:${decision.number}:${minuteItem.id}`);
      // The hook sees the decision row in the same transaction.
      const [row] = await tx.select().from(decisions).where(eq(decisions.id, decision.id));
      // (Decisions that move a case are tested with real cases in src/modules/cases.)
      expect(row?.number).toBe(decision.number);
    });
    try {
      const { decision } = await run(db.current, secretary.actor, saveItem, {
        itemId: items[1]!.id,
        version: 1,
        presenters: [{ name: 'Märtha Exempel' }],
        notes: 'Budgeten **presenteras**.',
        proposal: 'Att godkänna budgeten\n- att återrapportera i juni',
        outcome: 'approved',
        condition: 'Beslutet behöver förankras med hälso- och sjukvårdsdirektören.',
      });
      expect(decision!.number).toBe(1);
      expect(decision!.year).toBe(Number(meeting.startsAt.toISOString().slice(0, 4)));
      expect(decision!.clauses).toEqual(['godkänna budgeten', 'återrapportera i juni']);
      expect(decision!.text).toBe('SAMS beslutar att godkänna budgeten, att återrapportera i juni.');
      expect(decision!.followUpStatus).toBe('open');
      expect(seen).toEqual([`created:1:${items[1]!.id}`]);
      const actions = await db.current.db.select().from(actionItems).where(eq(actionItems.minuteItemId, items[1]!.id));
      expect(actions).toMatchObject([{ fromCondition: true, title: 'Beslutet behöver förankras med hälso- och sjukvårdsdirektören.', decisionId: decision!.id }]);
      const [agenda] = await db.current.db.select().from(agendaItems).where(eq(agendaItems.id, items[1]!.agendaItemId!));
      expect(agenda!.outcome).toBe('handled');

      // The next decision of the body gets the next number; a save without changes keeps the decision.
      const { decision: second } = await run(db.current, secretary.actor, saveItem, { itemId: items[2]!.id, version: 1, outcome: 'rejected' });
      expect(second!.number).toBe(2);
      const again = await run(db.current, secretary.actor, saveItem, { itemId: items[2]!.id, version: 2, outcome: 'rejected' });
      expect(again.decision!.id).toBe(second!.id);
      expect(seen).toHaveLength(2);

      // An outcome that is no decision withdraws it; the number is never reused.
      await run(db.current, secretary.actor, saveItem, { itemId: items[2]!.id, version: 3, outcome: 'concluded_no_decision', decisionText: 'Frågan sammanfattas med att en kartläggning ska göras.' });
      const rows = await db.current.db.select().from(decisions).where(eq(decisions.bodyId, body.id));
      expect(rows.find((d) => d.number === 2)!.withdrawnAt).not.toBeNull();
      expect(seen.at(-1)).toMatch(/^withdrawn:2:/);
    } finally {
      remove();
    }
  });

  it('refuses a stale save with the stored version, and autosaves drafts without an audit row', async () => {
    const { items, secretary, chair } = await started();
    const item = items[2]!;
    const audits = async () => (await db.current.db.select().from(auditLog).where(eq(auditLog.objectId, item.id))).length;
    const before = await audits();
    const saved = await autosaveItem({ database: db.current }, secretary.actor, { itemId: item.id, version: 1, notes: 'Första utkastet' });
    expect(saved.version).toBe(2);
    expect(await audits()).toBe(before);
    // The chair still has version 1 open: refused, nothing overwritten.
    const error = await run(db.current, chair.actor, saveItem, { itemId: item.id, version: 1, notes: 'Chefens text' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('stale');
    expect((error as { current: { notes: string } }).current.notes).toBe('Första utkastet');
    const [row] = await db.current.db.select().from(minuteItems).where(eq(minuteItems.id, item.id));
    expect(row!.notes).toBe('Första utkastet');
    // A stale autosave is refused too; an autosave refuses an identity number.
    await expect(autosaveItem({ database: db.current }, chair.actor, { itemId: item.id, version: 1, notes: 'x' })).rejects.toMatchObject({ code: 'stale' });
    await expect(autosaveItem({ database: db.current }, secretary.actor, { itemId: item.id, version: 2, notes: 'Patient 19121212-1212' })).rejects.toMatchObject({ status: 422 });
    // The explicit save from the current version is audited.
    await run(db.current, secretary.actor, saveItem, { itemId: item.id, version: 2, notes: 'Slutlig text' });
    expect(await audits()).toBe(before + 1);
  });
});

describe('tabled items and open actions as agenda proposals', () => {
  it('proposes a tabled item for the body’s next meeting, linked to where it was tabled, with its proposal', async () => {
    const { items, secretary, next, body } = await started();
    await run(db.current, secretary.actor, saveItem, { itemId: items[1]!.id, version: 1, proposal: ['anta budgeten'], outcome: 'tabled' });
    const [agenda] = await db.current.db.select().from(agendaItems).where(eq(agendaItems.id, items[1]!.agendaItemId!));
    expect(agenda!.outcome).toBe('tabled');
    const all = await openProposals({ tx: db.current.db, meeting: next, body, lang: 'sv' });
    const tabled = all.find((s) => s.source.id === TABLED_SOURCE)!.proposals;
    expect(tabled).toHaveLength(1);
    expect(tabled[0]).toMatchObject({ key: items[1]!.id, title: 'Budget för 2027', source: 'tabled' });
    expect(tabled[0]!.reason).toMatch(/^Bordlagd på mötet \d{4}-\d{2}-\d{2} \(punkt 2\)$/);
    expect(tabled[0]!.description).toContain('Att anta budgeten');

    // Accepted onto the next agenda, its minutes start with the proposal; it is not proposed again later.
    await run(db.current, secretary.actor, acceptProposal, { meetingId: next.id, sourceId: TABLED_SOURCE, key: items[1]!.id });
    // The minutes of the next meeting open once it has started: started at its start time.
    const m2 = await run(db.current, secretary.actor, startMinutes, { meetingId: next.id }, next.startsAt);
    const taken = (await itemsOf(db.current.db, m2.id)).find((i) => i.title === 'Budget för 2027')!;
    expect(taken.proposal).toEqual(['anta budgeten']);
  });

  it('proposes open actions until they are done; the owner sees them in "what needs me" and may complete them', async () => {
    const { items, secretary, member, next, body, meeting } = await started();
    const action = await run(db.current, secretary.actor, addAction, {
      meetingId: meeting.id,
      minuteItemId: items[1]!.id,
      title: 'Ta frågan om vaccin till MAS-nätverket',
      ownerPersonId: member.person.id,
      dueOn: new Date(Date.now() + 20 * 864e5).toISOString().slice(0, 10),
    });
    const [notice] = await db.current.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.personId, member.person.id), eq(notifications.kind, 'minutes.actionAssigned')));
    expect(notice!.title).toBe('Ny åtgärd: Ta frågan om vaccin till MAS-nätverket');
    const jobs = await db.current.db.select().from(outbox).where(eq(outbox.kind, 'minutes.actionReminder'));
    expect(jobs.some((j) => (j.payload as { actionId: string }).actionId === action.id)).toBe(true);
    const proposals = async () => (await openProposals({ tx: db.current.db, meeting: next, body, lang: 'sv' })).find((s) => s.source.id === 'actions')!.proposals;
    expect((await proposals()).map((p) => p.key)).toEqual([action.id]);
    await run(db.current, member.actor, completeAction, { actionId: action.id, note: 'Klart' });
    expect(await proposals()).toEqual([]);
  });
});

describe('approval (justering)', () => {
  it('locks the version when chair and adjuster have approved, with a verifiable digest, and never changes it', async () => {
    const { m, items, secretary, chair, adjuster, meeting, body } = await started();
    await run(db.current, secretary.actor, saveHeader, {
      meetingId: meeting.id,
      version: m.version,
      chairPersonId: chair.person.id,
      adjusterIds: [adjuster.person.id],
      noteTakerIds: [secretary.person.id],
    });
    await run(db.current, secretary.actor, saveItem, { itemId: items[1]!.id, version: 1, notes: 'Budgeten godkänns.', outcome: 'approved' });
    await expect(run(db.current, secretary.actor, approveMinutes, { meetingId: meeting.id, version: 1 })).rejects.toMatchObject({ status: 403 });
    // An address of an English-speaking person outside the body gets the mail in English.
    const reader = await fixturePerson(db.current.db, 'Ann Archivist', 'archive@example.org');
    await db.current.db.update(people).set({ language: 'en' }).where(eq(people.id, reader.id));
    await run(db.current, secretary.actor, setDistribution, { bodyId: body.id, emails: ['registrator@example.se', 'archive@example.org'] });
    await run(db.current, secretary.actor, sendForApproval, { meetingId: meeting.id });
    const asked = await db.current.db.select().from(notifications).where(eq(notifications.kind, 'minutes.approvalRequested'));
    expect(asked.map((n) => n.personId).sort()).toEqual([chair.person.id, adjuster.person.id].sort());

    const [current] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    const cv = await contentVersion(db.current.db, current!);
    await run(db.current, adjuster.actor, commentMinutes, { meetingId: meeting.id, comment: 'Stavfel i punkt 2.' });
    await run(db.current, adjuster.actor, approveMinutes, { meetingId: meeting.id, version: cv });
    // The secretary fixes the typo: the adjuster's approval is of an older version now.
    await run(db.current, secretary.actor, saveItem, { itemId: items[1]!.id, version: 2, notes: 'Budgeten godkänns utan ändringar.', outcome: 'approved' });
    const cv2 = await contentVersion(db.current.db, current!);
    const first = await run(db.current, chair.actor, approveMinutes, { meetingId: meeting.id, version: cv2 });
    expect(first.locked).toBeNull();
    const done = await run(db.current, adjuster.actor, approveMinutes, { meetingId: meeting.id, version: cv2 });
    expect(done.locked).not.toBeNull();
    const v1 = done.locked!;
    expect(v1.number).toBe(1);
    expect(v1.status).toBe('approved');
    expect(sha256Hex(v1.canonical)).toBe(v1.sha256);
    expect(canonicalJson(JSON.parse(v1.canonical))).toBe(v1.canonical);
    expect(v1.approvers.map((a) => a.role).sort()).toEqual(['adjuster', 'chair']);
    const distributed = await db.current.db.select().from(notifications).where(eq(notifications.kind, 'minutes.distributed'));
    expect(distributed.length).toBeGreaterThan(0);
    // The distribution list gets the approved minutes by e-mail, with the digest.
    const mails = (await db.current.db.select().from(outbox).where(eq(outbox.kind, 'mail'))).map((r) => r.payload as { to: string[]; text: string });
    const swedish = mails.find((mail) => mail.to.includes('registrator@example.se'));
    expect(swedish?.text).toContain(v1.sha256);
    expect(swedish?.text).toContain('Läs i Samverka');
    expect(swedish?.text).toContain('Protokollet från');
    expect(swedish?.text).toContain('är justerat.');
    const english = mails.find((mail) => mail.to.includes('archive@example.org'));
    expect(english?.to).toEqual(['archive@example.org']);
    expect(english?.text).toContain('Read them in Samverka');
    expect(english?.text).toMatch(/^The minutes of .* have been approved\./);
    expect(english?.text).toContain(v1.sha256);

    // Locked: no edits, only a correction as a new version.
    await expect(run(db.current, secretary.actor, saveItem, { itemId: items[1]!.id, version: 3, notes: 'Ändrat i efterhand' })).rejects.toMatchObject({ code: 'locked' });
    await run(db.current, secretary.actor, startCorrection, { meetingId: meeting.id, reason: 'Fel rubrik' });
    await run(db.current, secretary.actor, saveItem, { itemId: items[1]!.id, version: 3, notes: 'Rättad text.', outcome: 'approved' });
    await run(db.current, secretary.actor, sendForApproval, { meetingId: meeting.id });
    const [again] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    const cv3 = await contentVersion(db.current.db, again!);
    await run(db.current, chair.actor, approveMinutes, { meetingId: meeting.id, version: cv3 });
    const v2 = (await run(db.current, adjuster.actor, approveMinutes, { meetingId: meeting.id, version: cv3 })).locked!;
    expect(v2.number).toBe(2);
    expect(v2.reason).toBe('Fel rubrik');
    expect(v2.changes).toContainEqual({ where: '2. Budget för 2027', field: 'Anteckningar', before: 'Budgeten godkänns utan ändringar.', after: 'Rättad text.' });
    const versions = await db.current.db.select().from(minuteVersions).where(eq(minuteVersions.minutesId, m.id));
    expect(versions.find((v) => v.number === 1)!.sha256).toBe(v1.sha256);
    expect(versions.find((v) => v.number === 1)!.canonical).toBe(v1.canonical);
  });
});

describe('reminders and what waits for a person', () => {
  it('reminds approvers who have not approved before the deadline, and lists approvals, actions and evaluations as waiting', async () => {
    const { m, secretary, chair, adjuster, member, meeting } = await started();
    await run(db.current, secretary.actor, saveHeader, { meetingId: meeting.id, version: m.version, chairPersonId: chair.person.id, adjusterIds: [adjuster.person.id] });
    const in10days = new Date(Date.now() + 10 * 864e5).toISOString().slice(0, 10);
    await run(db.current, secretary.actor, sendForApproval, { meetingId: meeting.id, deadline: in10days });
    const [current] = await db.current.db.select().from(minutes).where(eq(minutes.id, m.id));
    await run(db.current, chair.actor, approveMinutes, { meetingId: meeting.id, version: await contentVersion(db.current.db, current!) });

    const waitingFor = async (personId: string) => (await collectWaiting({ db: db.current.db, personId, now: new Date() })).map((w) => w.title);
    expect((await waitingFor(adjuster.person.id)).some((t) => t.startsWith('Justera protokollet från'))).toBe(true);
    expect((await waitingFor(chair.person.id)).some((t) => t.startsWith('Justera protokollet från'))).toBe(false);
    // The member attended ten days ago and has not evaluated the meeting; after answering, it no longer waits.
    expect((await waitingFor(member.person.id)).some((t) => t.startsWith('Utvärdera mötet'))).toBe(true);
    await run(db.current, member.actor, evaluateMeeting, { meetingId: meeting.id, forward: 'Bra struktur' });
    expect((await waitingFor(member.person.id)).some((t) => t.startsWith('Utvärdera mötet'))).toBe(false);

    // The reminder job runs three days before the deadline: only the adjuster is reminded.
    const later = new Date(Date.now() + 8 * 864e5);
    await runDueJobs({ database: db.current, config: testConfig(), logger: createLogger('silent') }, { now: later, limit: 500 });
    const reminded = await db.current.db.select().from(notifications).where(eq(notifications.kind, 'minutes.approvalReminder'));
    expect(reminded.map((n) => n.personId)).toEqual([adjuster.person.id]);
  });
});
