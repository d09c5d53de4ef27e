import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { people } from '../../platform/auth/schema.js';
import { addMember, appointChair, createBody, createSeat, endEngagement, endMembership, updateBody } from './commands/index.js';
import { structureTestKit } from './test-helpers.js';
import { compositionOf } from './queries/composition.js';
import { holdingsOf } from './holdings.js';
import { memberships, seats } from './schema.js';

const db = useTestDatabase();
const kit = structureTestKit(db);

const settings = (body: { name: string; activeFrom: string }) => ({ name: body.name, level: 'strategic' as const, kind: 'standing_group' as const, activeFrom: body.activeFrom });

describe('substitutes', () => {
  it('refuses a substitute where the body does not allow them (SAMLA)', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Samordningsgruppen', substitutesAllowed: false });
    const seat = await kit.seat(body.id, 'municipality');
    const member = await kit.person();
    const m = await kit.membership({ bodyId: body.id, personId: member.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    const substitute = await kit.person();
    const message = await kit.refusal(addMember, { bodyId: body.id, personId: substitute.id, role: 'substitute', substituteForMembershipId: m.id, startOn: '2025-01-01' });
    expect(message).toContain('Samordningsgruppen tillåter inte ersättare');
    expect(await db.current.db.select().from(memberships).where(eq(memberships.personId, substitute.id))).toHaveLength(0);
  });

  it('accepts a substitute for a named member where allowed, in that member’s seat, and ends with the member', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Chefsgruppen', substitutesAllowed: true });
    const seat = await kit.seat(body.id, 'region');
    const member = await kit.person('Ewa-Lena Exempel');
    const m = await kit.membership({ bodyId: body.id, personId: member.id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    const substitute = await kit.person('Jenny Ersättare');
    expect(await kit.refusal(addMember, { bodyId: body.id, personId: substitute.id, role: 'substitute', startOn: '2025-01-01' })).toContain('Ange vilken ledamot ersättaren ersätter');
    const sub = await kit.run(addMember, { bodyId: body.id, personId: substitute.id, role: 'substitute', substituteForMembershipId: m.id, startOn: '2025-01-01' });
    expect(sub.seatId).toBe(seat.id);
    const composition = await compositionOf(db.current.db, body, '2025-02-01');
    expect(composition.groups.flatMap((g) => g.seats)[0]!.substitutes[0]).toMatchObject({ name: 'Jenny Ersättare', substituteFor: 'Ewa-Lena Exempel' });
    await kit.run(endMembership, { membershipId: m.id, endOn: '2025-06-30' });
    const [after] = await db.current.db.select().from(memberships).where(eq(memberships.id, sub.id));
    expect(after!.endOn).toBe('2025-06-30');
  });

  it('refuses to forbid substitutes while substitutes still serve', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { substitutesAllowed: true });
    const seat = await kit.seat(body.id, 'region');
    const m = await kit.membership({ bodyId: body.id, personId: (await kit.person()).id, seatId: seat.id, role: 'member', startOn: '2024-01-01' });
    await kit.membership({ bodyId: body.id, personId: (await kit.person()).id, seatId: seat.id, role: 'substitute', substituteForMembershipId: m.id, startOn: '2024-01-01' });
    const message = await kit.refusal(updateBody, { bodyId: body.id, ...settings(body), substitutesAllowed: false }, { now: new Date('2025-03-01T10:00:00Z') });
    expect(message).toContain('har 1 ersättare med pågående uppdrag');
  });
});

describe('size bounds and vacancy', () => {
  it('refuses a member beyond the maximum size with a clear message', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'SSÖ', sizeMin: 2, sizeMax: 2 });
    for (let i = 0; i < 2; i++) await kit.run(addMember, { bodyId: body.id, personId: (await kit.person()).id, role: 'member', startOn: '2025-01-01' });
    const message = await kit.refusal(addMember, { bodyId: body.id, personId: (await kit.person()).id, role: 'member', startOn: '2025-01-01' });
    expect(message).toContain('SSÖ får ha högst 2 ledamöter enligt uppdragsbeskrivningen och har redan 2 den 2025-01-01');
    // Roles without a seat do not count towards the size.
    await expect(kit.run(addMember, { bodyId: body.id, personId: (await kit.person()).id, role: 'expert', startOn: '2025-01-01' })).resolves.toBeTruthy();
  });

  it('warns when the composition is outside the size bounds', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { sizeMin: 13, sizeMax: 15 });
    await kit.membership({ bodyId: body.id, personId: (await kit.person()).id, role: 'member', startOn: '2024-01-01' });
    const few = await compositionOf(db.current.db, body, '2025-01-01');
    expect(few.warnings).toContainEqual({ kind: 'tooFew', params: { count: 1, min: 13 } });
    const small = await kit.body(s.structure.id, { sizeMin: 0, sizeMax: 1 });
    for (let i = 0; i < 2; i++) await kit.membership({ bodyId: small.id, personId: (await kit.person()).id, role: 'member', startOn: '2024-01-01' });
    expect((await compositionOf(db.current.db, small, '2025-01-01')).warnings).toContainEqual({ kind: 'tooMany', params: { count: 2, max: 1 } });
  });

  it('shows a vacant seat as a warning, and fills a seat with one holder at a time', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id);
    const seat = await kit.seat(body.id, 'region', { function: 'Habilitering och hälsa' });
    expect((await compositionOf(db.current.db, body, '2025-01-01')).warnings).toContainEqual({ kind: 'vacant', params: { seat: 'Habilitering och hälsa' } });
    const first = await kit.person('Hanna Först');
    await kit.run(addMember, { bodyId: body.id, personId: first.id, role: 'member', seatId: seat.id, startOn: '2025-01-01' });
    const composition = await compositionOf(db.current.db, body, '2025-02-01');
    expect(composition.warnings.filter((w) => w.kind === 'vacant')).toEqual([]);
    const message = await kit.refusal(addMember, { bodyId: body.id, personId: (await kit.person()).id, role: 'member', seatId: seat.id, startOn: '2025-03-01' });
    expect(message).toContain('Platsen ”Habilitering och hälsa” innehas av Hanna Först');
  });
});

describe('ex-officio seats', () => {
  it('fills the seat with whoever chairs the other body, and follows a new chair', async () => {
    const s = await kit.structure();
    const sso = await kit.body(s.structure.id, { name: 'SSÖ' });
    const oso = await kit.body(s.structure.id, { name: 'OSÖ Barn och unga', parentId: sso.id });
    const seat = await kit.run(createSeat, {
      bodyId: sso.id,
      function: 'Ordförande OSÖ Barn och unga',
      representation: 'function',
      exOfficioBodyId: oso.id,
      exOfficioRole: 'chair',
      createdOn: '2024-01-01',
    });
    const a = await kit.person('Anna Ordförande');
    const b = await kit.person('Bertil Ordförande');
    await kit.run(appointChair, { bodyId: oso.id, personId: a.id, role: 'chair', startOn: '2025-01-01' });
    let held = await db.current.db.select().from(memberships).where(eq(memberships.seatId, seat.id));
    expect(held).toMatchObject([{ personId: a.id, startOn: '2025-01-01', endOn: null, exOfficio: true }]);

    await kit.run(appointChair, { bodyId: oso.id, personId: b.id, role: 'chair', startOn: '2025-09-01' });
    held = await db.current.db.select().from(memberships).where(eq(memberships.seatId, seat.id));
    expect(held.find((m) => m.personId === a.id)!.endOn).toBe('2025-08-31');
    expect(held.find((m) => m.personId === b.id)).toMatchObject({ startOn: '2025-09-01', endOn: null });

    const manual = await kit.refusal(addMember, { bodyId: sso.id, personId: (await kit.person()).id, role: 'member', seatId: seat.id, startOn: '2025-10-01' });
    expect(manual).toContain('tillsätts automatiskt med den som är ordförande i OSÖ Barn och unga');
    const mirror = held.find((m) => m.personId === b.id)!;
    expect(await kit.refusal(endMembership, { membershipId: mirror.id, endOn: '2025-12-31' })).toContain('avslutas automatiskt');
  });
});

describe('temporary bodies', () => {
  it('ends every engagement and seat when the body ends, and refuses new ones after its end', async () => {
    const s = await kit.structure();
    const top = await kit.body(s.structure.id, { name: 'SAMS' });
    const group = await kit.run(createBody, {
      structureId: s.structure.id,
      parentId: top.id,
      slug: 'vaccination',
      name: 'Operativ arbetsgrupp vaccination',
      level: 'operational',
      kind: 'working_group',
      activeFrom: '2025-01-01',
    });
    const seat = await kit.seat(group.id, 'region', { createdOn: '2025-01-01' });
    const m = await kit.run(addMember, { bodyId: group.id, personId: (await kit.person()).id, role: 'member', seatId: seat.id, startOn: '2025-01-01' });
    const later = await kit.run(addMember, { bodyId: group.id, personId: (await kit.person()).id, role: 'convenor', startOn: '2025-09-01' });
    await kit.run(updateBody, { bodyId: group.id, ...settings(group), level: 'operational', kind: 'working_group', activeTo: '2025-06-30' });
    const [ended] = await db.current.db.select().from(memberships).where(eq(memberships.id, m.id));
    expect(ended!.endOn).toBe('2025-06-30');
    expect(await db.current.db.select().from(memberships).where(eq(memberships.id, later.id))).toHaveLength(0);
    const [seatAfter] = await db.current.db.select().from(seats).where(eq(seats.id, seat.id));
    expect(seatAfter!.endedOn).toBe('2025-06-30');
    const message = await kit.refusal(addMember, { bodyId: group.id, personId: (await kit.person()).id, role: 'adjunct', reason: 'Läkemedelsfrågor', startOn: '2025-07-01' });
    expect(message).toContain('är en tillfällig grupp som avslutas 2025-06-30');
    // Until the end, new engagements end with the body.
    const short = await kit.run(addMember, { bodyId: group.id, personId: (await kit.person()).id, role: 'expert', startOn: '2025-05-01' });
    expect(short.endOn).toBe('2025-06-30');
  });

  it('asks for the reason of an adjunct member', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id);
    expect(await kit.refusal(addMember, { bodyId: body.id, personId: (await kit.person('Ada Adjungerad')).id, role: 'adjunct', startOn: '2025-01-01' })).toContain(
      'Ange skälet till att Ada Adjungerad adjungeras',
    );
  });
});

describe('leaving', () => {
  it('ends every engagement across bodies and hands each over in one step', async () => {
    const s = await kit.structure();
    const a = await kit.body(s.structure.id, { name: 'Grupp A' });
    const b = await kit.body(s.structure.id, { name: 'Grupp B', parentId: a.id });
    const seatA = await kit.seat(a.id, 'region');
    const leaver = await kit.person('Lena Lämnar');
    const successor = await kit.person('Sam Efterträdare');
    const mA = await kit.membership({ bodyId: a.id, personId: leaver.id, seatId: seatA.id, role: 'member', startOn: '2024-01-01' });
    const mB = await kit.membership({ bodyId: b.id, personId: leaver.id, role: 'secretary', startOn: '2024-01-01' });
    const holdings = await holdingsOf(db.current.db, leaver.id, '2025-06-30');
    expect(holdings.memberships.map((h) => h.bodyName).sort()).toEqual(['Grupp A', 'Grupp B']);

    const result = await kit.run(
      endEngagement,
      { personId: leaver.id, endOn: '2025-06-30', handovers: [{ membershipId: mA.id, successorEmail: successor.email! }] },
      { now: new Date('2025-07-15T10:00:00Z') },
    );
    expect(result).toMatchObject({ ended: 2, handedOver: 1 });
    const mine = await db.current.db.select().from(memberships).where(eq(memberships.personId, leaver.id));
    expect(mine.map((m) => m.endOn)).toEqual(['2025-06-30', '2025-06-30']);
    const theirs = await db.current.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.personId, successor.id), eq(memberships.bodyId, a.id)));
    expect(theirs).toMatchObject([{ seatId: seatA.id, role: 'member', startOn: '2025-07-01', endOn: null }]);
    const [person] = await db.current.db.select().from(people).where(eq(people.id, leaver.id));
    expect(person).toMatchObject({ leftOn: '2025-06-30', status: 'left' });
    void mB;
  });

  it('refuses the whole leaving when a hand-over breaks a rule, and changes nothing', async () => {
    const s = await kit.structure();
    const body = await kit.body(s.structure.id, { name: 'Samordningsgruppen', chairPeriodMonths: 12, chairPeriodAnchor: '2025-01-01', chairKindRule: 'alternate', chairFirstKind: 'region' });
    const regionSeat = await kit.seat(body.id, 'region');
    const municipalitySeat = await kit.seat(body.id, 'municipality');
    const chair = await kit.person('Rita Region');
    const municipal = await kit.person('Mats Kommun');
    await kit.membership({ bodyId: body.id, personId: chair.id, seatId: regionSeat.id, role: 'member', startOn: '2024-01-01' });
    await kit.membership({ bodyId: body.id, personId: municipal.id, seatId: municipalitySeat.id, role: 'member', startOn: '2024-01-01' });
    const chairship = await kit.run(appointChair, { bodyId: body.id, personId: chair.id, role: 'chair', startOn: '2025-01-01' });
    const message = await kit.refusal(endEngagement, { personId: chair.id, endOn: '2025-06-30', handovers: [{ membershipId: chairship.id, successorEmail: municipal.email! }] });
    expect(message).toContain('Ordförande i Samordningsgruppen');
    expect(message).toContain('ska ordföranden komma från en huvudman av typen ”Region”');
    const still = await db.current.db.select().from(memberships).where(eq(memberships.id, chairship.id));
    expect(still[0]!.endOn).toBe('2025-12-31');
  });
});

describe('commissioning bodies', () => {
  it('allows only one top body per structure', async () => {
    const s = await kit.structure();
    await kit.body(s.structure.id, { name: 'Chefsgrupp' });
    const message = await kit.refusal(createBody, { structureId: s.structure.id, slug: 'sams', name: 'SAMS', level: 'strategic', kind: 'working_group', activeFrom: '2024-01-01' });
    expect(message).toContain('Strukturen har redan en översta grupp (Chefsgrupp)');
  });
});
