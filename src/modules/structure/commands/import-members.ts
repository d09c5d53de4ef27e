import { and, eq, ilike, isNull, or, gte } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand, type CommandContext } from '../../../platform/commands.js';
import { writeAudit } from '../../../platform/audit/audit.js';
import { AppError, ValidationError } from '../../../platform/http/errors.js';
import { people } from '../../../platform/auth/schema.js';
import { findIdentityNumbers, freeTextRegistry, identityNumberMessage } from '../../../platform/pin.js';
import { sortKey } from '../../../platform/sortkey.js';
import { maxDay, today, isValidDay } from '../dates.js';
import { id } from '../inputs.js';
import { decodeCsv, parseCsv } from '../csv.js';
import { CSV_HEADER, mapHeader, parseCsvDay, parseRole, type CsvColumn } from '../csv-columns.js';
import { activeOn } from '../queries.js';
import { addMembership } from '../membership-rules.js';
import { contactSurfaces, memberships, organisations, principals, seats, structurePrincipals, type Body, type Seat } from '../schema.js';
import { sampleSetup } from '../samples.js';
import { bodyFor } from './common.js';

/** The pasted CSV text: free text, refused with the line of each identity number. */
export const csvText = (() => {
  const schema = z
    .string()
    .max(2_000_000)
    .superRefine((value, ctx) => {
      for (const problem of identityNumberProblems(value)) ctx.addIssue({ code: 'custom', message: problem, input: value, params: { reason: 'identity-number' } });
    });
  freeTextRegistry.add(schema, { freeText: true });
  return schema;
})();

function identityNumberProblems(text: string): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line, i) => {
    const found = findIdentityNumbers(line);
    return found.length ? [`Rad ${i + 1}: ${identityNumberMessage(found)}`] : [];
  });
}

export interface ImportReport {
  dryRun: boolean;
  imported: boolean;
  encoding: string;
  rows: number;
  seatsCreated: number;
  membershipsCreated: number;
  peopleCreated: number;
  contactSurfacesCreated: number;
}

class Rollback extends Error {}

/**
 * structure.importMembers: seats and members of a body from a CSV file. Every row is
 * checked under the same rules as the forms; any problem is reported with its line number
 * and nothing is imported. A dry run checks everything and imports nothing.
 */
export const importMembers = defineCommand({
  name: 'structure.importMembers',
  input: z.object({ bodyId: id, csv: csvText.optional(), csvBase64: z.base64().max(2_800_000).optional(), dryRun: z.boolean().default(false) }),
  labels: (t) => ({ csv: t('import.text') }),
  async run(ctx, input): Promise<ImportReport> {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    let text = input.csv ?? '';
    let encoding = 'utf-8';
    if (input.csvBase64) {
      const decoded = decodeCsv(new Uint8Array(Buffer.from(input.csvBase64, 'base64')));
      text = decoded.text;
      encoding = decoded.encoding;
      const pins = identityNumberProblems(text);
      if (pins.length) throw new ValidationError(pins.map((message) => ({ field: 'csv', message })), pins[0]);
    }
    if (!text.trim()) throw new ValidationError([{ field: 'csv', message: 'Filen är tom. Välj en CSV-fil eller klistra in innehållet.' }], 'Filen är tom.');

    const report: ImportReport = { dryRun: input.dryRun, imported: false, encoding, rows: 0, seatsCreated: 0, membershipsCreated: 0, peopleCreated: 0, contactSurfacesCreated: 0 };
    const problems: { line: number; message: string }[] = [];
    try {
      await ctx.tx.transaction(async (sp) => {
        await importRows(ctx, sp as unknown as CommandContext['tx'], body, text, report, problems);
        if (problems.length || input.dryRun) throw new Rollback();
      });
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
    if (problems.length) {
      problems.sort((a, b) => a.line - b.line);
      throw new ValidationError(
        problems.map((p) => ({ field: 'csv', message: `Rad ${p.line}: ${p.message}` })),
        `Filen har ${problems.length} fel; inget har importerats.`,
      );
    }
    report.imported = !input.dryRun;
    await ctx.audit({ objectType: 'body', objectId: body.id, after: { import: report } });
    return report;
  },
  async sample(sc) {
    const { actor, body, region } = await sampleSetup(sc);
    const csv = [CSV_HEADER.join(';'), `Hälso- och sjukvård;${region.name};;Karin Import;${sc.unique('imp')}@example.se;Ledamot;2025-01-01;;`].join('\r\n');
    return { actor, input: { bodyId: body.id, csv, dryRun: false } };
  },
});

async function importRows(outer: CommandContext, tx: CommandContext['tx'], body: Body, text: string, report: ImportReport, problems: { line: number; message: string }[]) {
  const records = parseCsv(text);
  const header = records.shift();
  if (!header) return void problems.push({ line: 1, message: 'Filen saknar rubrikrad.' });
  const { index, unknown } = mapHeader(header.cells);
  if (unknown.length) problems.push({ line: header.line, message: `Okända kolumner: ${unknown.join(', ')}. Kolumnerna är: ${CSV_HEADER.join(', ')}.` });
  if (index.seat === undefined && index.name === undefined && index.email === undefined) {
    return void problems.push({ line: header.line, message: `Rubrikraden måste ha kolumnen Plats eller Namn/E-post. Kolumnerna är: ${CSV_HEADER.join(', ')}.` });
  }
  const cell = (cells: string[], col: CsvColumn) => (index[col] === undefined ? '' : (cells[index[col]!] ?? '').trim());
  const defaultStart = maxDay(today(outer.now), body.activeFrom);
  const createdSeats = new Map<string, Seat>();

  for (const record of records) {
    report.rows++;
    const c = (col: CsvColumn) => cell(record.cells, col);
    const lineProblems: string[] = [];
    for (const col of ['seat', 'represents', 'contactSurface', 'name'] as CsvColumn[]) if (c(col).length > 200) lineProblems.push(`${col === 'seat' ? 'Plats' : col === 'name' ? 'Namn' : col === 'represents' ? 'Företräder' : 'Kontaktyta'} får vara högst 200 tecken.`);
    if (c('reason').length > 2000) lineProblems.push('Skäl får vara högst 2000 tecken.');
    const email = c('email').toLowerCase();
    if (email && !z.email().safeParse(email).success) lineProblems.push(`E-postadressen ”${email}” har fel format.`);
    const startOn = c('from') ? parseCsvDay(c('from')) : defaultStart;
    if (!startOn || !isValidDay(startOn)) lineProblems.push(`Från: ”${c('from')}” är inget datum. Skriv till exempel 2025-01-31.`);
    const endOn = c('to') ? parseCsvDay(c('to')) : null;
    if (endOn === undefined || (endOn && !isValidDay(endOn))) lineProblems.push(`Till: ”${c('to')}” är inget datum. Skriv till exempel 2025-12-31.`);
    const hasPerson = !!(c('name') || email);
    const role = c('role') ? parseRole(c('role')) : hasPerson ? (c('seat') ? 'member' : undefined) : undefined;
    if (c('role') && !role) lineProblems.push(`Okänd roll ”${c('role')}”. Använd t.ex. Ledamot, Ordförande, Vice ordförande, Sekreterare, Ersättare, Adjungerad, Sakkunnig eller Läsare.`);
    else if (hasPerson && !role) lineProblems.push('Ange roll för en person utan plats (t.ex. Adjungerad, Sakkunnig eller Läsare).');
    if (!c('seat') && !hasPerson) lineProblems.push('Raden har varken plats eller person.');
    if (lineProblems.length) {
      problems.push(...lineProblems.map((message) => ({ line: record.line, message })));
      continue;
    }
    try {
      await tx.transaction(async (rowTx) => {
        const ctx: CommandContext = {
          ...outer,
          tx: rowTx as unknown as CommandContext['tx'],
          audit: (e) => writeAudit(rowTx, outer.actor, { operation: 'structure.importMembers', ...e }, outer.requestId),
        };
        let seat: Seat | undefined;
        if (c('seat')) seat = await findOrCreateSeat(ctx, body, c('seat'), c('represents'), c('contactSurface'), startOn!, createdSeats, report);
        if (!hasPerson) return;
        const personId = await findOrCreatePerson(ctx, c('name'), email, report);
        let substituteFor: string | undefined;
        if (role === 'substitute') {
          if (!seat) throw new ValidationError([{ field: 'role', message: 'En ersättare behöver en plats: ange platsen vars ledamot ersätts.' }]);
          const [holder] = await ctx.tx
            .select({ id: memberships.id })
            .from(memberships)
            .where(and(eq(memberships.seatId, seat.id), activeOn(startOn!), or(eq(memberships.role, 'member'), eq(memberships.role, 'chair'), eq(memberships.role, 'vice_chair'))));
          substituteFor = holder?.id;
        }
        await addMembership(ctx, body, {
          personId,
          role: role!,
          seatId: role === 'substitute' ? undefined : seat?.id,
          substituteForMembershipId: substituteFor,
          reason: c('reason') || undefined,
          startOn: startOn!,
          endOn: endOn ?? undefined,
        });
        report.membershipsCreated++;
      });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) {
        const messages = err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [err.message];
        problems.push(...messages.map((message) => ({ line: record.line, message })));
      } else throw err;
    }
  }
}

async function findOrCreateSeat(ctx: CommandContext, body: Body, fn: string, represents: string, surface: string, createdOn: string, created: Map<string, Seat>, report: ImportReport): Promise<Seat> {
  const key = sortKey(fn);
  const cached = created.get(key);
  if (cached) return cached;
  const existing = await ctx.tx
    .select()
    .from(seats)
    .where(and(eq(seats.bodyId, body.id), eq(seats.sortKey, key), or(isNull(seats.endedOn), gte(seats.endedOn, createdOn))));
  if (existing[0]) return existing[0];

  let values: Partial<typeof seats.$inferInsert> = { representation: 'function' };
  if (represents) {
    const [p] = await ctx.tx
      .select({ id: principals.id, kind: principals.kind })
      .from(principals)
      .innerJoin(structurePrincipals, and(eq(structurePrincipals.principalId, principals.id), eq(structurePrincipals.structureId, body.structureId)))
      .where(eq(principals.sortKey, sortKey(represents)));
    if (p) values = { representation: 'principal', principalId: p.id, principalKind: p.kind };
    else {
      const [o] = await ctx.tx
        .select({ id: organisations.id, kind: principals.kind })
        .from(organisations)
        .innerJoin(principals, eq(principals.id, organisations.principalId))
        .innerJoin(structurePrincipals, and(eq(structurePrincipals.principalId, principals.id), eq(structurePrincipals.structureId, body.structureId)))
        .where(eq(organisations.sortKey, sortKey(represents)));
      if (!o) throw new ValidationError([{ field: 'represents', message: `Företräder: det finns ingen huvudman eller organisation i strukturen som heter ”${represents}”.` }]);
      values = { representation: 'organisation', organisationId: o.id, principalKind: o.kind };
    }
  }
  if (surface) {
    const [cs] = await ctx.tx
      .select()
      .from(contactSurfaces)
      .where(and(eq(contactSurfaces.structureId, body.structureId), ilike(contactSurfaces.name, surface.replace(/[\\%_]/g, (ch) => `\\${ch}`))));
    let surfaceId = cs?.id;
    if (!surfaceId) {
      const [row] = await ctx.tx.insert(contactSurfaces).values({ structureId: body.structureId, name: surface, sortKey: sortKey(surface) }).returning();
      await ctx.audit({ objectType: 'contact_surface', objectId: row!.id, after: row });
      report.contactSurfacesCreated++;
      surfaceId = row!.id;
    }
    values.contactSurfaceId = surfaceId;
  }
  if (createdOn < body.activeFrom || (body.activeTo && createdOn > body.activeTo)) {
    throw new ValidationError([{ field: 'from', message: `${body.name} är aktiv ${body.activeFrom}–${body.activeTo ?? 'tills vidare'}; platsen kan inte läggas till ${createdOn}.` }]);
  }
  const [row] = await ctx.tx
    .insert(seats)
    .values({ bodyId: body.id, function: fn, sortKey: key, representation: 'function', createdOn, position: 1000 + created.size, ...values })
    .returning();
  await ctx.audit({ objectType: 'seat', objectId: row!.id, after: row });
  created.set(key, row!);
  report.seatsCreated++;
  return row!;
}

async function findOrCreatePerson(ctx: CommandContext, name: string, email: string, report: ImportReport): Promise<string> {
  if (email) {
    const [p] = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.email, email));
    if (p) return p.id;
  } else {
    const same = await ctx.tx.select({ id: people.id }).from(people).where(eq(people.sortKey, sortKey(name))).limit(2);
    if (same.length === 1) return same[0]!.id;
    if (same.length > 1) throw new ValidationError([{ field: 'name', message: `Det finns flera personer som heter ${name}. Ange e-postadressen.` }]);
  }
  if (!name) throw new ValidationError([{ field: 'name', message: `Det finns ingen person med e-postadressen ${email}. Fyll i namnet så läggs personen till som kontakt.` }]);
  const [row] = await ctx.tx.insert(people).values({ name, sortKey: sortKey(name), email: email || null }).returning();
  const { passwordHash: _hidden, ...visible } = row!;
  await ctx.audit({ objectType: 'person', objectId: row!.id, after: visible });
  report.peopleCreated++;
  return row!.id;
}
