import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { outbox } from '../../platform/outbox/schema.js';
import { people } from '../../platform/auth/schema.js';
import { mailMessages } from '../../platform/outbox/schema.js';
import { runDueJobs } from '../../platform/worker.js';
import { createLogger } from '../../platform/logger.js';
import { appointChair, addMember, updateBody } from './commands/index.js';
import { structureTestKit } from './test-helpers.js';
import { currentAndNextPeriod, periodAt } from './chair.js';
import { compositionOf } from './queries/composition.js';
import { chairReminderKey, CHAIR_REMINDER_JOB } from './reminders.js';
import { memberships } from './schema.js';

const db = useTestDatabase();
const kit = structureTestKit(db);

/** A body alternating region/municipality with one-year periods from 2025 (region first), vice chair from the other kind. */
async function samlaLike(values: Record<string, unknown> = {}) {
  const s = await kit.structure();
  const body = await kit.body(s.structure.id, {
    name: 'Samordningsgruppen',
    chairPeriodMonths: 12,
    chairPeriodAnchor: '2025-01-01',
    chairKindRule: 'alternate',
    chairFirstKind: 'region',
    viceChairOtherKind: true,
    ...values,
  });
  const regionSeat = await kit.seat(body.id, 'region', { function: 'Sjukhusen i väster', representation: 'principal', principalId: s.region.id });
  const regionSeat2 = await kit.seat(body.id, 'region', { function: 'Regionhälsan', representation: 'principal', principalId: s.region.id });
  const municipalitySeat = await kit.seat(body.id, 'municipality', { function: 'Lerums kommun', representation: 'principal', principalId: s.municipality.id });
  const regionPerson = await kit.person('Rut Region');
  const regionPerson2 = await kit.person('Rolf Region');
  const municipalityPerson = await kit.person('Kim Kommun');
  await kit.membership({ bodyId: body.id, personId: regionPerson.id, seatId: regionSeat.id, role: 'member', startOn: '2024-01-01' });
  await kit.membership({ bodyId: body.id, personId: regionPerson2.id, seatId: regionSeat2.id, role: 'member', startOn: '2024-01-01' });
  await kit.membership({ bodyId: body.id, personId: municipalityPerson.id, seatId: municipalitySeat.id, role: 'member', startOn: '2024-01-01' });
  return { ...s, body, regionPerson, regionPerson2, municipalityPerson };
}

describe('mandate periods', () => {
  it('counts periods of fixed length from the anchor, before and after it', () => {
    expect(periodAt(12, '2025-01-01', '2025-06-30')).toEqual({ index: 0, start: '2025-01-01', end: '2025-12-31' });
    expect(periodAt(12, '2025-01-01', '2026-01-01')).toEqual({ index: 1, start: '2026-01-01', end: '2026-12-31' });
    expect(periodAt(12, '2025-01-01', '2024-12-31')).toEqual({ index: -1, start: '2024-01-01', end: '2024-12-31' });
    expect(periodAt(48, '2023-01-01', '2027-01-01')).toEqual({ index: 1, start: '2027-01-01', end: '2030-12-31' });
    expect(periodAt(12, '2025-07-01', '2026-06-30')).toEqual({ index: 0, start: '2025-07-01', end: '2026-06-30' });
  });

  it('tells the current and the next period and which kind chairs each', async () => {
    const { body } = await samlaLike();
    const { current, next } = await currentAndNextPeriod(db.current.db, body, '2025-05-01');
    expect(current).toMatchObject({ period: { start: '2025-01-01', end: '2025-12-31' }, chairKind: 'region' });
    expect(next).toMatchObject({ period: { start: '2026-01-01', end: '2026-12-31' }, chairKind: 'municipality' });
  });
});

describe('chair rotation', () => {
  it('refuses a chair from the wrong principal kind for the period, with a clear message', async () => {
    const { body, municipalityPerson } = await samlaLike();
    const message = await kit.refusal(appointChair, { bodyId: body.id, personId: municipalityPerson.id, role: 'chair', startOn: '2025-02-01' });
    expect(message).toContain('Under mandatperioden 2025-01-01–2025-12-31 ska ordföranden komma från en huvudman av typen ”Region”');
    expect(message).toContain('Kim Kommun företräder en huvudman av typen ”Kommun”');
  });

  it('accepts the right kind, ends the appointment with the period, and alternates the next year', async () => {
    const { body, regionPerson, municipalityPerson } = await samlaLike();
    const chair = await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-02-01' });
    expect(chair.endOn).toBe('2025-12-31');
    expect(await kit.refusal(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2026-01-01' })).toContain('ska ordföranden komma från en huvudman av typen ”Kommun”');
    const next = await kit.run(appointChair, { bodyId: body.id, personId: municipalityPerson.id, role: 'chair', startOn: '2026-01-01' });
    expect(next.endOn).toBe('2026-12-31');
  });

  it('refuses an appointment that reaches into the next period', async () => {
    const { body, regionPerson } = await samlaLike();
    const message = await kit.refusal(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-02-01', endOn: '2026-06-30' });
    expect(message).toContain('Sätt slutdatum senast 2025-12-31');
  });

  it('replaces the current chair: the old appointment ends the day before', async () => {
    const { body, regionPerson, regionPerson2 } = await samlaLike();
    const first = await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-01-01' });
    await kit.run(appointChair, { bodyId: body.id, personId: regionPerson2.id, role: 'chair', startOn: '2025-07-01' });
    const [old] = await db.current.db.select().from(memberships).where(eq(memberships.id, first.id));
    expect(old!.endOn).toBe('2025-06-30');
  });

  it('refuses a vice chair of the same kind as the chair when the rule says the other principal appoints', async () => {
    const { body, regionPerson, regionPerson2, municipalityPerson } = await samlaLike();
    await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-01-01' });
    const message = await kit.refusal(appointChair, { bodyId: body.id, personId: regionPerson2.id, role: 'vice_chair', startOn: '2025-01-01' });
    expect(message).toContain('Vice ordföranden utses av den huvudman som inte har ordförandeskapet');
    expect(message).toContain('så vice ordföranden ska komma från en annan typ av huvudman');
    const vice = await kit.run(appointChair, { bodyId: body.id, personId: municipalityPerson.id, role: 'vice_chair', startOn: '2025-01-01' });
    expect(vice.endOn).toBe('2025-12-31');
  });

  it('allows a vice chair of the same kind when the body has no such rule', async () => {
    const { body, regionPerson, regionPerson2 } = await samlaLike({ viceChairOtherKind: false, chairKindRule: 'any', chairFirstKind: null });
    await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-01-01' });
    await expect(kit.run(appointChair, { bodyId: body.id, personId: regionPerson2.id, role: 'vice_chair', startOn: '2025-01-01' })).resolves.toBeTruthy();
  });

  it('follows the principal chairing another body (SAMLA follows the political group)', async () => {
    const { structure, body: political } = await samlaLike({ name: 'Politiska samrådsgruppen', chairPeriodMonths: 12, chairFirstKind: 'municipality' });
    const group = await kit.body(structure.id, { name: 'Samordningsgrupp', parentId: political.id, chairKindRule: 'follow_body', chairFollowsBodyId: political.id });
    const regionSeat = await kit.seat(group.id, 'region', { function: 'Regionen' });
    const municipalitySeat = await kit.seat(group.id, 'municipality', { function: 'Kommunen' });
    const r = await kit.person('Regina Region');
    const k = await kit.person('Karl Kommun');
    await kit.membership({ bodyId: group.id, personId: r.id, seatId: regionSeat.id, role: 'member', startOn: '2024-01-01' });
    await kit.membership({ bodyId: group.id, personId: k.id, seatId: municipalitySeat.id, role: 'member', startOn: '2024-01-01' });
    const message = await kit.refusal(appointChair, { bodyId: group.id, personId: r.id, role: 'chair', startOn: '2025-03-01' });
    expect(message).toContain('ska ordföranden komma från en huvudman av typen ”Kommun” (ordförandeskapet följer Politiska samrådsgruppen)');
    const ok = await kit.run(appointChair, { bodyId: group.id, personId: k.id, role: 'chair', startOn: '2025-03-01' });
    expect(ok.endOn).toBe('2025-12-31');
  });

  it('applies the rule to chairs added as ordinary members too', async () => {
    const { body, municipalityPerson } = await samlaLike();
    const message = await kit.refusal(addMember, { bodyId: body.id, personId: municipalityPerson.id, role: 'chair', startOn: '2025-02-01' });
    expect(message).toContain('ska ordföranden komma från en huvudman av typen ”Region”');
  });

  it('warns on the body page when there is no chair for the current period', async () => {
    const { body } = await samlaLike();
    const composition = await compositionOf(db.current.db, body, '2025-05-01');
    expect(composition.warnings.map((w) => w.kind)).toContain('noChair');
  });
});

describe('reminder before a chair period ends', () => {
  it('schedules a reminder once per period and mails the secretary, then schedules the next', async () => {
    const { body, regionPerson } = await samlaLike({ chairReminderDays: 30 });
    const secretary = await kit.person('Siri Sekreterare');
    await kit.membership({ bodyId: body.id, personId: secretary.id, role: 'secretary', startOn: '2024-01-01' });
    await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-01-01' });
    await kit.run(
      updateBody,
      {
        bodyId: body.id,
        name: body.name,
        level: 'strategic',
        kind: 'standing_group',
        activeFrom: body.activeFrom,
        chairPeriodMonths: 12,
        chairPeriodAnchor: '2025-01-01',
        chairKindRule: 'alternate',
        chairFirstKind: 'region',
        viceChairOtherKind: true,
        chairReminderDays: 30,
      },
      { now: new Date('2025-03-01T10:00:00Z') },
    );
    const jobs = await db.current.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, chairReminderKey(body.id, '2025-12-31')));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.kind).toBe(CHAIR_REMINDER_JOB);
    expect(jobs[0]!.runAt.toISOString()).toBe('2025-12-01T07:00:00.000Z');

    const deps = { database: db.current, config: kit.config, logger: createLogger('silent') };
    await runDueJobs(deps, { now: new Date('2025-12-01T08:00:00Z') });
    const mails = await db.current.db
      .select()
      .from(outbox)
      .where(eq(outbox.dedupeKey, `structure.chair-period-mail:${body.id}:2025-12-31`));
    expect(mails).toHaveLength(1);
    const payload = mails[0]!.payload as { to: string[]; subject: string; text: string };
    expect(payload.to).toEqual([secretary.email]);
    expect(payload.subject).toContain('mandatperioden i Samordningsgruppen slutar 2025-12-31');
    expect(payload.text).toContain('ska ordföranden komma från en huvudman av typen ”Kommun”');
    const nextJob = await db.current.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.dedupeKey, chairReminderKey(body.id, '2026-12-31'))));
    expect(nextJob).toHaveLength(1);
    void mailMessages;
  });

  it('mails each secretary in their own language (Swedish by default)', async () => {
    const { body, regionPerson } = await samlaLike({ chairReminderDays: 30 });
    const swedish = await kit.person('Siri Sekreterare');
    const english = await kit.person('Sam Secretary');
    await db.current.db.update(people).set({ language: 'en' }).where(eq(people.id, english.id));
    for (const p of [swedish, english]) await kit.membership({ bodyId: body.id, personId: p.id, role: 'secretary', startOn: '2024-01-01' });
    await kit.run(appointChair, { bodyId: body.id, personId: regionPerson.id, role: 'chair', startOn: '2025-01-01' });
    await kit.run(
      updateBody,
      {
        bodyId: body.id,
        name: body.name,
        level: 'strategic',
        kind: 'standing_group',
        activeFrom: body.activeFrom,
        chairPeriodMonths: 12,
        chairPeriodAnchor: '2025-01-01',
        chairKindRule: 'alternate',
        chairFirstKind: 'region',
        viceChairOtherKind: true,
        chairReminderDays: 30,
      },
      { now: new Date('2025-03-01T10:00:00Z') },
    );
    const deps = { database: db.current, config: kit.config, logger: createLogger('silent') };
    await runDueJobs(deps, { now: new Date('2025-12-01T08:00:00Z') });
    const mailOf = async (key: string) => {
      const rows = await db.current.db.select().from(outbox).where(eq(outbox.dedupeKey, key));
      expect(rows).toHaveLength(1);
      return rows[0]!.payload as { to: string[]; subject: string; text: string };
    };
    const sv = await mailOf(`structure.chair-period-mail:${body.id}:2025-12-31`);
    expect(sv.to).toEqual([swedish.email]);
    expect(sv.text).toContain('ska ordföranden komma från en huvudman av typen ”Kommun”');
    const en = await mailOf(`structure.chair-period-mail:${body.id}:2025-12-31:en`);
    expect(en.to).toEqual([english.email]);
    expect(en.subject).toBe('Reminder: the mandate period in Samordningsgruppen ends on 2025-12-31');
    expect(en.text).toContain('The chair is then to come from a principal of the kind “Municipality”.');
    expect(en.text).toContain('The vice chair is to come from another kind of principal than “Municipality”.');
  });
});
