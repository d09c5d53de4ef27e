import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { importMembers } from './commands/index.js';
import { structureTestKit } from './test-helpers.js';
import { memberships, seats } from './schema.js';
import { ValidationError } from '../../platform/http/errors.js';

const db = useTestDatabase();
const kit = structureTestKit(db);

async function setup() {
  const s = await kit.structure();
  const body = await kit.body(s.structure.id, { name: 'SAMS', sizeMax: 3 });
  return { ...s, body };
}

const header = 'Plats;Företräder;Kontaktyta;Namn;E-post;Roll;Från;Till;Skäl';

describe('CSV import of seats and members', () => {
  it('imports seats, contacts and engagements from a valid file', async () => {
    const { body, region, municipality } = await setup();
    const csv = [
      header,
      `Apotekare;${region.name};Läkemedelscentrum;Lina Läkemedel;lina.import@example.se;Ledamot;2025-01-01;;`,
      `Medicinskt ansvarig sjuksköterska;${municipality.name};MAS/MAR-nätverket;;;;;;`,
      `;;;Ada Adjungerad;ada.import@example.se;Adjungerad;2025-02-01;2025-06-30;Vaccinationsfrågor`,
    ].join('\r\n');
    const report = await kit.run(importMembers, { bodyId: body.id, csv });
    expect(report).toMatchObject({ imported: true, rows: 3, seatsCreated: 2, membershipsCreated: 2, peopleCreated: 2, contactSurfacesCreated: 2 });
    const all = await db.current.db.select().from(memberships).where(eq(memberships.bodyId, body.id));
    expect(all.map((m) => m.role).sort()).toEqual(['adjunct', 'member']);
  });

  it('reports every problem with its line number on a dry run and imports nothing', async () => {
    const { body, region } = await setup();
    const csv = [
      header,
      `Apotekare;${region.name};;Lina;lina.dry@example.se;Ledamot;2025-01-01;;`,
      `Läkare;Okänd huvudman;;Bo;bo.dry@example.se;Ledamot;2025-01-01;;`,
      `;;;Cilla;cilla.dry@example.se;Kung;2025-01-01;;`,
      `;;;Dan;dan.dry@example.se;Adjungerad;31/1/2025;;`,
      `;;;Eva;eva.dry@example.se;Adjungerad;2025-01-01;;`,
    ].join('\n');
    const error = await kit.run(importMembers, { bodyId: body.id, csv, dryRun: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const messages = (error as ValidationError).fieldErrors.map((f) => f.message);
    expect(messages).toEqual([
      expect.stringMatching(/^Rad 3: Företräder: det finns ingen huvudman eller organisation i strukturen som heter ”Okänd huvudman”/),
      expect.stringMatching(/^Rad 4: Okänd roll ”Kung”/),
      expect.stringMatching(/^Rad 5: Från: ”31\/1\/2025” är inget datum/),
      expect.stringMatching(/^Rad 6: Ange skälet till att Eva adjungeras/),
    ]);
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);
  });

  it('a valid dry run reports what would happen and imports nothing', async () => {
    const { body, region } = await setup();
    const csv = `${header}\nApotekare;${region.name};;Lina;lina.ok@example.se;Ledamot;2025-01-01;;\n`;
    const report = await kit.run(importMembers, { bodyId: body.id, csv, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, imported: false, seatsCreated: 1, membershipsCreated: 1, peopleCreated: 1 });
    expect(await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id))).toHaveLength(0);
  });

  it('applies the body rules across rows (size bounds) and refuses the whole file', async () => {
    const { body } = await setup();
    const rows = [1, 2, 3, 4].map((i) => `Plats ${i};;;Person ${i};p${i}.size@example.se;Ledamot;2025-01-01;;`);
    const error = (await kit.run(importMembers, { bodyId: body.id, csv: [header, ...rows].join('\n') }).catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors.map((f) => f.message)).toEqual([expect.stringMatching(/^Rad 5: SAMS får ha högst 3 ledamöter/)]);
    expect(await db.current.db.select().from(memberships).where(eq(memberships.bodyId, body.id))).toHaveLength(0);
  });

  it('reads a comma-separated Windows-1252 file sent as bytes, and refuses identity numbers by line', async () => {
    const { body, region } = await setup();
    const text = `Plats,Företräder,Namn,E-post,Roll\r\nÄldrevårdsöverläkare,${region.name},Örjan Åström,orjan.win@example.se,Ledamot\r\n`;
    const bytes = Buffer.from([...text].map((ch) => ({ å: 0xe5, ä: 0xe4, ö: 0xf6, Å: 0xc5, Ä: 0xc4, Ö: 0xd6 })[ch] ?? ch.charCodeAt(0)));
    const report = await kit.run(importMembers, { bodyId: body.id, csvBase64: bytes.toString('base64') });
    expect(report).toMatchObject({ encoding: 'windows-1252', seatsCreated: 1, membershipsCreated: 1 });
    const [seat] = await db.current.db.select().from(seats).where(eq(seats.bodyId, body.id));
    expect(seat!.function).toBe('Äldrevårdsöverläkare');
    const pin = `Plats;Namn;Roll\nA;Patient 19121212-1212;Ledamot\n`;
    const error = (await kit.run(importMembers, { bodyId: body.id, csvBase64: Buffer.from(pin).toString('base64') }).catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors[0]!.message).toMatch(/^Rad 2: .*19121212-1212/);
  });
});
