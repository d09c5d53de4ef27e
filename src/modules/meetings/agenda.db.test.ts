import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { renderPdf } from '../../platform/documents/index.js';
import { meetingsTestKit } from './test-kit.js';
import {
  acceptProposal,
  acceptSubmission,
  addItem,
  cancelMeeting,
  createMeeting,
  declineSubmission,
  dismissProposal,
  mergeSubmission,
  moveItem,
  publishAgenda,
  removeItem,
  submitItem,
  updateItem,
  updateMeeting,
} from './commands/index.js';
import { agendaOf } from './queries/index.js';
import { MEETING_HOOKS, onAgendaPublished, onMeetingCancelled, onMeetingChanged, type MeetingHookContext } from './hooks.js';
import { addTo } from '../../platform/registry.js';
import { openProposals, registerAgendaSource } from './sources.js';
import { attachments, itemSubmissions, meetings } from './schema.js';
import { dayFromNow, fixtureItem, fixtureMeeting } from './samples.js';
import './index.js';

const db = useTestDatabase();
const kit = meetingsTestKit(db);
const cleanup: (() => void)[] = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});

async function setup(values = {}) {
  const s = await kit.body(values);
  const meeting = await kit.run(s.secretary.actor, createMeeting, { bodyId: s.body.id, date: dayFromNow(20), startTime: '09:00', endTime: '12:00', format: 'physical', address: 'Eklundavägen 2' });
  return { ...s, meeting };
}

describe('submitting items', () => {
  it('accepts items from members until the deadline and refuses them after it with a clear Swedish message', async () => {
    const { meeting, member } = await setup();
    // A real PDF: attachments' text is read and checked for identity numbers (upload-text).
    const pdf = (await renderPdf({ title: 'Underlag', lang: 'sv-SE', blocks: [{ type: 'paragraph', text: 'Barn som anhöriga.' }] })).toString('base64');
    const before = new Date(meeting.submissionDeadline!.getTime() - 60_000);
    const s = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Barn som anhöriga', wishedMinutes: 20, attachments: [{ filename: 'underlag.pdf', content: pdf }] }, before);
    expect(s).toMatchObject({ status: 'proposed', title: 'Barn som anhöriga', wishedMinutes: 20 });
    expect(s.attachments).toMatchObject([{ filename: 'underlag.pdf', contentType: 'application/pdf' }]);

    // The last minute counts: 23:59:30 is still in time.
    await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'I sista minuten' }, new Date(meeting.submissionDeadline!.getTime() - 29_000));

    const after = new Date(meeting.submissionDeadline!.getTime() + 1);
    const refused = await kit.refusal(member.actor, submitItem, { meetingId: meeting.id, title: 'För sent' }, after);
    expect(refused.status).toBe(409);
    expect(refused.message).toMatch(/^Sista dag för att skicka in punkter var \S+dag \d{1,2} \S+ \d{4} kl\. 23:59\./);
  });

  it('lets the secretary add items after the deadline', async () => {
    const { meeting, secretary } = await setup();
    const item = await kit.run(
      secretary.actor,
      addItem,
      { meetingId: meeting.id, title: 'Brådskande: vaccinationsläget', durationMinutes: 15 },
      new Date(meeting.submissionDeadline!.getTime() + 3600_000),
    );
    expect(item.source).toBe('secretary');
  });

  it('lets substitutes submit only where the body allows substitutes, and refuses readers', async () => {
    const allowed = await setup({ substitutesAllowed: true });
    await kit.run(allowed.substitute.actor, submitItem, { meetingId: allowed.meeting.id, title: 'Från ersättaren' });
    const notAllowed = await setup({ substitutesAllowed: false });
    expect((await kit.refusal(notAllowed.substitute.actor, submitItem, { meetingId: notAllowed.meeting.id, title: 'Från ersättaren' })).status).toBe(403);
    const reader = await kit.person(allowed.body, 'reader');
    expect((await kit.refusal(reader.actor, submitItem, { meetingId: allowed.meeting.id, title: 'Från läsaren' })).status).toBe(403);
  });

  it('refuses attachments of other types, with content that does not match, or too large', async () => {
    const { meeting, member } = await setup();
    const bad = (filename: string, content: Buffer) =>
      kit.refusal(member.actor, submitItem, { meetingId: meeting.id, title: 'Bilaga', attachments: [{ filename, content: content.toString('base64') }] });
    expect((await bad('virus.exe', Buffer.from('MZ'))).message).toContain('filtypen går inte att bifoga');
    expect((await bad('falsk.pdf', Buffer.from('inte en pdf'))).message).toContain('stämmer inte');
    expect((await bad('stor.txt', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'))).message).toContain('för stor');
    expect(await db.current.db.select().from(attachments).where(eq(attachments.meetingId, meeting.id))).toEqual([]);
  });
});

describe('the agenda builder', () => {
  it('proposes the template, submissions and unfinished items of the previous meeting', async () => {
    const { meeting, member, body, secretary } = await setup();
    const previous = await fixtureMeeting(db.current.db, body, -30, { status: 'held' });
    await fixtureItem(db.current.db, previous, 1, { title: 'Utskrivningsprocessen', outcome: 'unfinished' });
    await fixtureItem(db.current.db, previous, 2, { title: 'Klart ärende', outcome: 'handled' });
    await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Nytt inspel' });
    const open = await openProposals({ tx: db.current.db, meeting, body, lang: 'sv' });
    const byId = Object.fromEntries(open.map((o) => [o.source.id, o.proposals.map((p) => p.title)]));
    expect(byId.template).toEqual(['Mötets öppnande och upprop', 'Godkännande av dagordning', 'Föregående mötes anteckningar läggs till handlingarna', 'Övriga frågor', 'Kort utvärdering av mötet']);
    expect(byId.submissions).toEqual(['Nytt inspel']);
    expect(byId.previous).toEqual(['Utskrivningsprocessen']);

    // Accepting everything puts the opening items first and the closing items last.
    for (const o of open) for (const p of o.proposals) await kit.run(secretary.actor, acceptProposal, { meetingId: meeting.id, sourceId: o.source.id, key: p.key });
    const items = await agendaOf(db.current.db, meeting.id);
    expect(items.map((i) => i.title)).toEqual([
      'Mötets öppnande och upprop',
      'Godkännande av dagordning',
      'Föregående mötes anteckningar läggs till handlingarna',
      'Nytt inspel',
      'Utskrivningsprocessen',
      'Övriga frågor',
      'Kort utvärdering av mötet',
    ]);
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(items.find((i) => i.title === 'Utskrivningsprocessen')!.source).toBe('previous_unfinished');
    const after = await openProposals({ tx: db.current.db, meeting, body, lang: 'sv' });
    expect(after.flatMap((o) => o.proposals)).toEqual([]);
  });

  it('takes proposals from a source another module registers, and can dismiss them', async () => {
    const { meeting, body, secretary } = await setup();
    cleanup.push(
      registerAgendaSource({
        id: 'test-status-reports',
        label: { sv: 'Lägesrapporter', en: 'Status reports' },
        async propose(ctx) {
          expect(ctx.meeting.id).toBe(meeting.id);
          return [
            { key: 'wg-1', title: 'Lägesrapport: arbetsgruppen för nutrition', kind: 'feedback', section: 'Återkoppling', durationMinutes: 10, source: 'status_report' },
            { key: 'wg-2', title: 'Lägesrapport: arbetsgruppen för barn och unga', kind: 'feedback', source: 'status_report' },
          ];
        },
      }),
    );
    const item = await kit.run(secretary.actor, acceptProposal, { meetingId: meeting.id, sourceId: 'test-status-reports', key: 'wg-1' });
    expect(item).toMatchObject({ source: 'status_report', sourceRef: 'test-status-reports:wg-1', section: 'Återkoppling', durationMinutes: 10 });
    await kit.run(secretary.actor, dismissProposal, { meetingId: meeting.id, sourceId: 'test-status-reports', key: 'wg-2' });
    const open = await openProposals({ tx: db.current.db, meeting, body, lang: 'sv' });
    expect(open.find((o) => o.source.id === 'test-status-reports')!.proposals).toEqual([]);
    expect((await kit.refusal(secretary.actor, acceptProposal, { meetingId: meeting.id, sourceId: 'test-status-reports', key: 'wg-2' })).message).toContain('finns inte längre');
  });

  it('declines a submission with a reply that reaches the submitter, and merges another into an item', async () => {
    const { meeting, member, secretary } = await setup();
    const a = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Munskydd i hemtjänsten' });
    const b = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Influensavaccinering' });
    expect((await kit.refusal(secretary.actor, declineSubmission, { submissionId: a.id, reply: '' })).message).toBeTruthy();
    await kit.run(secretary.actor, declineSubmission, { submissionId: a.id, reply: 'Frågan tas i MAS-nätverket.' });
    const [declined] = await db.current.db.select().from(itemSubmissions).where(eq(itemSubmissions.id, a.id));
    expect(declined).toMatchObject({ status: 'declined', reply: 'Frågan tas i MAS-nätverket.' });
    const inbox = await kit.inbox(member.person.id);
    const notice = inbox.find((n) => n.kind === 'meetings.submissionDeclined')!;
    expect(notice.title).toContain('Munskydd i hemtjänsten');
    expect(notice.body).toBe('Frågan tas i MAS-nätverket.');
    expect((await kit.refusal(secretary.actor, declineSubmission, { submissionId: a.id, reply: 'Igen' })).message).toContain('redan behandlad');

    const covid = await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Covidfrågor' });
    await kit.run(secretary.actor, mergeSubmission, { submissionId: b.id, itemId: covid.id, reply: 'Tas upp under Covidfrågor.' });
    const [merged] = await db.current.db.select().from(itemSubmissions).where(eq(itemSubmissions.id, b.id));
    expect(merged).toMatchObject({ status: 'merged', mergedIntoItemId: covid.id });
    // A member cannot decide on submissions.
    const c = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Tredje' });
    expect((await kit.refusal(member.actor, acceptSubmission, { submissionId: c.id })).status).toBe(403);
  });

  it('orders items with up and down (and keeps positions without gaps when one is removed)', async () => {
    const { meeting, secretary } = await setup();
    const [a, b, c] = [
      await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'A', durationMinutes: 10 }),
      await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'B', durationMinutes: 20 }),
      await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'C', durationMinutes: 30 }),
    ];
    const titles = async () => (await agendaOf(db.current.db, meeting.id)).map((i) => `${i.position}${i.title}`);
    expect(await titles()).toEqual(['1A', '2B', '3C']);
    await kit.run(secretary.actor, moveItem, { itemId: c.id, direction: 'up' });
    expect(await titles()).toEqual(['1A', '2C', '3B']);
    expect(await kit.run(secretary.actor, moveItem, { itemId: a.id, direction: 'up' })).toEqual({ moved: false, position: 1 });
    await kit.run(secretary.actor, moveItem, { itemId: a.id, direction: 'last' });
    expect(await titles()).toEqual(['1C', '2B', '3A']);
    await kit.run(secretary.actor, removeItem, { itemId: b.id });
    expect(await titles()).toEqual(['1C', '2A']);
    await kit.run(secretary.actor, updateItem, { itemId: c.id, title: 'C', section: 'Beslut', number: '5', durationMinutes: 45, kind: 'decision' });
    expect((await agendaOf(db.current.db, meeting.id))[0]).toMatchObject({ section: 'Beslut', number: '5', durationMinutes: 45, kind: 'decision' });
  });

  it('puts a removed submission back among the proposals', async () => {
    const { meeting, member, secretary, body } = await setup();
    const s = await kit.run(member.actor, submitItem, { meetingId: meeting.id, title: 'Tillbaka' });
    const item = await kit.run(secretary.actor, acceptSubmission, { submissionId: s.id, section: 'Beslut', durationMinutes: 15 });
    expect(item).toMatchObject({ title: 'Tillbaka', source: 'submission', section: 'Beslut', durationMinutes: 15 });
    await kit.run(secretary.actor, removeItem, { itemId: item.id });
    const open = await openProposals({ tx: db.current.db, meeting, body, lang: 'sv' });
    expect(open.find((o) => o.source.id === 'submissions')!.proposals.map((p) => p.key)).toEqual([s.id]);
  });
});

describe('publishing and later changes', () => {
  it('publishes the agenda: the meeting is called, everyone notified, and the hook gets the meeting, items and recipients', async () => {
    const { meeting, member, substitute, secretary } = await setup();
    const calls: { event: string; ctx: MeetingHookContext }[] = [];
    cleanup.push(
      addTo(
        MEETING_HOOKS,
        onAgendaPublished(async (ctx) => void calls.push({ event: 'published', ctx })),
      ),
    );
    cleanup.push(
      addTo(
        MEETING_HOOKS,
        onMeetingChanged(async (ctx) => void calls.push({ event: 'changed', ctx })),
      ),
    );
    cleanup.push(
      addTo(
        MEETING_HOOKS,
        onMeetingCancelled(async (ctx) => void calls.push({ event: 'cancelled', ctx })),
      ),
    );

    expect((await kit.refusal(secretary.actor, publishAgenda, { meetingId: meeting.id })).message).toContain('tom');
    const item = await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Mötets öppnande', durationMinutes: 5 });
    const published = await kit.run(secretary.actor, publishAgenda, { meetingId: meeting.id });
    expect(published).toMatchObject({ status: 'called', sequence: 0 });
    expect(published.agendaPublishedAt).not.toBeNull();
    expect(calls.map((c) => c.event)).toEqual(['published']);
    const hook = calls[0]!.ctx;
    expect(hook.meeting.id).toBe(meeting.id);
    expect(hook.items.map((i) => i.title)).toEqual(['Mötets öppnande']);
    expect(hook.recipients.map((r) => r.personId).sort()).toEqual([secretary.person.id, member.person.id, substitute.person.id].sort());
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).toContain('meetings.agendaPublished');
    expect((await kit.refusal(secretary.actor, publishAgenda, { meetingId: meeting.id })).message).toContain('redan publicerad');

    // A change to the agenda after publication: marked, sequence bumped, hook called again.
    await kit.run(secretary.actor, updateItem, { itemId: item.id, title: 'Mötets öppnande och upprop', durationMinutes: 10 });
    const [afterItem] = await db.current.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(afterItem!.sequence).toBe(1);
    expect(afterItem!.changedAfterPublishAt).not.toBeNull();
    expect((await agendaOf(db.current.db, meeting.id))[0]!.changedAfterPublishAt).not.toBeNull();
    expect(calls.map((c) => c.event)).toEqual(['published', 'changed']);
    expect(calls[1]!.ctx.changes).toEqual(['agenda']);
    expect(calls[1]!.ctx.meeting.sequence).toBe(1);

    const added = await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Extra punkt' });
    expect(added.changedAfterPublishAt).not.toBeNull();

    // Moving the meeting: sequence bumped again, the hook sees what it was, members are told.
    const moved = await kit.run(secretary.actor, updateMeeting, { meetingId: meeting.id, date: dayFromNow(21), startTime: '10:00', endTime: '13:00', format: 'physical', address: 'Eklundavägen 2' });
    expect(moved.sequence).toBe(3);
    expect(calls.at(-1)!.event).toBe('changed');
    expect(calls.at(-1)!.ctx.changes).toEqual(['details']);
    expect(calls.at(-1)!.ctx.before!.startsAt.toISOString()).toBe(meeting.startsAt.toISOString());
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).toContain('meetings.changed');

    // A stale version is refused.
    expect(
      (await kit.refusal(secretary.actor, updateMeeting, { meetingId: meeting.id, version: meeting.version, date: dayFromNow(22), startTime: '10:00', endTime: '13:00', format: 'digital' })).status,
    ).toBe(409);

    // Cancelling: the cancel hook runs and sequence is bumped once more.
    const cancelled = await kit.run(secretary.actor, cancelMeeting, { meetingId: meeting.id, reason: 'Sjukdom' });
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 4, cancelReason: 'Sjukdom' });
    expect(calls.at(-1)!.event).toBe('cancelled');
    expect(calls.at(-1)!.ctx.recipients.length).toBe(3);
    expect((await kit.inbox(member.person.id)).map((n) => n.kind)).toContain('meetings.cancelled');
  });

  it('does not bump the sequence or call hooks for changes before publication', async () => {
    const { meeting, secretary } = await setup();
    let called = 0;
    cleanup.push(
      addTo(
        MEETING_HOOKS,
        onMeetingChanged(async () => void called++),
      ),
    );
    await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Före publicering' });
    const m = await kit.run(secretary.actor, updateMeeting, { meetingId: meeting.id, date: dayFromNow(25), startTime: '09:00', endTime: '12:00', format: 'digital' });
    expect(m.sequence).toBe(0);
    expect(m.changedAfterPublishAt).toBeNull();
    expect(called).toBe(0);
  });

  it('rolls the publication back when a hook fails', async () => {
    const { meeting, secretary } = await setup();
    await kit.run(secretary.actor, addItem, { meetingId: meeting.id, title: 'Punkt' });
    cleanup.push(
      addTo(
        MEETING_HOOKS,
        onAgendaPublished(async () => {
          throw new Error('calendar down');
        }),
      ),
    );
    await expect(kit.run(secretary.actor, publishAgenda, { meetingId: meeting.id })).rejects.toThrow('calendar down');
    const [row] = await db.current.db.select().from(meetings).where(eq(meetings.id, meeting.id));
    expect(row).toMatchObject({ status: 'planned', agendaPublishedAt: null });
  });
});
