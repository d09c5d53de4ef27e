import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../platform/db/client.js';
import type { Progress } from '../../platform/commands.js';
import { AppError, ValidationError } from '../../platform/http/errors.js';
import { sortKey as sortKeyOf } from '../../platform/sortkey.js';
import { maxDay, today, isValidDay as isValidDayOf, type Day } from './dates.js';
import { parseCsv, type CsvRecord } from './csv.js';
import { CSV_HEADER, mapHeader, parseCsvDay, parseRole, type CsvColumn } from './csv-columns.js';
import { checkMembership } from './membership-rules.js';
import { loadBodyModel, yieldToOthers, type BodyModel, type ModelPerson } from './import-model.js';
import type { Body, ContactSurface, Membership, Seat } from './schema.js';

/*
 * A CSV import checked line by line before anything is written: every line goes through the
 * same rules as the forms (checkMembership), against the body as it is plus what the lines
 * before it create. The lines are checked in chunks with a turn for other requests between,
 * outside any transaction, so a large file never holds the embedded database. The result
 * is the plan the writing transaction carries out in a few multi-row statements.
 */

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

export interface ImportPlan {
  report: ImportReport;
  problems: { line: number; message: string }[];
  surfaces: Pick<ContactSurface, 'id' | 'name' | 'sortKey' | 'structureId'>[];
  seats: Seat[];
  people: ModelPerson[];
  memberships: Membership[];
  /** Engagements already in the database that an appointment in the file ends. */
  ends: { membershipId: string; endOn: Day }[];
  /** Start days of chair appointments (their reminders are scheduled). */
  chairStarts: Day[];
  model: BodyModel;
}

/** The same few dates, seats, principals and surfaces recur on many lines: computed once each. */
function memo<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!cache.has(text)) {
      if (cache.size > 50_000) cache.clear();
      cache.set(text, fn(text));
    }
    return cache.get(text)!;
  };
}
const sortKey = memo(sortKeyOf);
const isValidDay = memo(isValidDayOf);

/** Lines checked between two turns for other requests. */
const LINE_CHUNK = 200;

interface Line {
  record: CsvRecord;
  c: (col: CsvColumn) => string;
}

/** Checks every line of the file; problems are collected with their line numbers. */
export async function planImport(db: Db, body: Body, text: string, report: ImportReport, now: Date, progress?: Progress): Promise<ImportPlan> {
  const problems: ImportPlan['problems'] = [];
  const records = parseCsv(text);
  const header = records.shift();
  const empty = { report, problems, surfaces: [], seats: [], people: [], memberships: [], ends: [], chairStarts: [] };
  if (!header) return { ...empty, problems: [{ line: 1, message: 'Filen saknar rubrikrad.' }], model: await loadBodyModel(db, body, { emails: [], nameKeys: [], from: body.activeFrom }) };
  const { index, unknown } = mapHeader(header.cells);
  if (unknown.length) problems.push({ line: header.line, message: `Okända kolumner: ${unknown.join(', ')}. Kolumnerna är: ${CSV_HEADER.join(', ')}.` });
  const cell = (cells: string[], col: CsvColumn) => (index[col] === undefined ? '' : (cells[index[col]!] ?? '').trim());
  const lines: Line[] = records.map((record) => ({ record, c: (col) => cell(record.cells, col) }));
  const defaultStart = maxDay(today(now), body.activeFrom);
  const model = await loadBodyModel(db, body, wantedBy(lines, defaultStart));
  const plan: ImportPlan = { ...empty, model };
  if (index.seat === undefined && index.name === undefined && index.email === undefined) {
    problems.push({ line: header.line, message: `Rubrikraden måste ha kolumnen Plats eller Namn/E-post. Kolumnerna är: ${CSV_HEADER.join(', ')}.` });
    return plan;
  }
  for (let i = 0; i < lines.length; i++) {
    if (i > 0 && i % LINE_CHUNK === 0) {
      await progress?.(i, lines.length);
      await yieldToOthers();
    }
    await planLine(plan, lines[i]!, defaultStart, now);
  }
  await progress?.(lines.length, lines.length);
  return plan;
}

/** The e-mail addresses and names the lines look people up by, and the earliest day they name. */
function wantedBy(lines: Line[], defaultStart: Day) {
  const emails = new Set<string>();
  const nameKeys = new Set<string>();
  let from = defaultStart;
  for (const { c } of lines) {
    const email = c('email').toLowerCase();
    if (email) emails.add(email);
    else if (c('name')) nameKeys.add(sortKey(c('name')));
    const start = parseCsvDay(c('from'));
    if (start && isValidDay(start) && start < from) from = start;
  }
  return { emails: [...emails], nameKeys: [...nameKeys], from };
}

const emailFormat = z.email();

/** The checks of one line's cells on their own (formats, dates, role). */
function formatProblems(c: Line['c'], defaultStart: Day) {
  const problems: string[] = [];
  for (const col of ['seat', 'represents', 'contactSurface', 'name'] as CsvColumn[])
    if (c(col).length > 200) problems.push(`${col === 'seat' ? 'Plats' : col === 'name' ? 'Namn' : col === 'represents' ? 'Företräder' : 'Kontaktyta'} får vara högst 200 tecken.`);
  if (c('reason').length > 2000) problems.push('Skäl får vara högst 2000 tecken.');
  const email = c('email').toLowerCase();
  if (email && !emailFormat.safeParse(email).success) problems.push(`E-postadressen ”${email}” har fel format.`);
  const startOn = c('from') ? parseCsvDay(c('from')) : defaultStart;
  if (!startOn || !isValidDay(startOn)) problems.push(`Från: ”${c('from')}” är inget datum. Skriv till exempel 2025-01-31.`);
  const endOn = c('to') ? parseCsvDay(c('to')) : null;
  if (endOn === undefined || (endOn && !isValidDay(endOn))) problems.push(`Till: ”${c('to')}” är inget datum. Skriv till exempel 2025-12-31.`);
  const hasPerson = !!(c('name') || email);
  const role = c('role') ? parseRole(c('role')) : hasPerson ? (c('seat') ? 'member' : undefined) : undefined;
  if (c('role') && !role) problems.push(`Okänd roll ”${c('role')}”. Använd t.ex. Ledamot, Ordförande, Vice ordförande, Sekreterare, Ersättare, Adjungerad, Sakkunnig eller Läsare.`);
  else if (hasPerson && !role) problems.push('Ange roll för en person utan plats (t.ex. Adjungerad, Sakkunnig eller Läsare).');
  if (!c('seat') && !hasPerson) problems.push('Raden har varken plats eller person.');
  return { problems, email, startOn: startOn!, endOn: endOn ?? undefined, hasPerson, role: role! };
}

async function planLine(plan: ImportPlan, { record, c }: Line, defaultStart: Day, now: Date) {
  plan.report.rows++;
  const line = formatProblems(c, defaultStart);
  if (line.problems.length) return void plan.problems.push(...line.problems.map((message) => ({ line: record.line, message })));
  const { model } = plan;
  try {
    const seat = c('seat') ? planSeat(plan, c('seat'), c('represents'), c('contactSurface'), line.startOn, now) : undefined;
    if (!line.hasPerson) return;
    const personId = planPerson(plan, c('name'), line.email);
    let substituteFor: string | undefined;
    if (line.role === 'substitute') {
      if (!seat) throw new ValidationError([{ field: 'role', message: 'En ersättare behöver en plats: ange platsen vars ledamot ersätts.' }]);
      substituteFor = model.seatHolderOn(seat.id, line.startOn)?.id;
    }
    const m = {
      personId,
      role: line.role,
      seatId: line.role === 'substitute' ? undefined : seat?.id,
      substituteForMembershipId: substituteFor,
      reason: c('reason') || undefined,
      startOn: line.startOn,
      endOn: line.endOn,
    };
    const checked = await checkMembership(model.reads(), model.body, m);
    for (const end of checked.ends) {
      if (!plan.memberships.includes(end.membership)) plan.ends.push({ membershipId: end.membership.id, endOn: end.endOn });
      model.end(end.membership, end.endOn);
    }
    const row: Membership = {
      id: randomUUID(),
      bodyId: model.body.id,
      personId,
      seatId: checked.seatId,
      role: line.role,
      substituteForMembershipId: substituteFor ?? null,
      organisationId: null,
      reason: m.reason ?? null,
      startOn: line.startOn,
      endOn: checked.endOn ?? null,
      exOfficio: false,
      exOfficioSourceId: null,
      createdAt: now,
      version: 1,
    };
    model.addMembership(row);
    plan.memberships.push(row);
    if (line.role === 'chair') plan.chairStarts.push(line.startOn);
    plan.report.membershipsCreated++;
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    const messages = err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [err.message];
    plan.problems.push(...messages.map((message) => ({ line: record.line, message })));
  }
}

/** The seat a line names: an open one of the body, else a new one (with its contact surface). */
function planSeat(plan: ImportPlan, fn: string, represents: string, surface: string, createdOn: Day, now: Date): Seat {
  const { model } = plan;
  const { body } = model;
  const key = sortKey(fn);
  const existing = model.seatByName(key, createdOn);
  if (existing) return existing;
  let values: Pick<Seat, 'representation' | 'principalId' | 'organisationId' | 'principalKind'> = { representation: 'function', principalId: null, organisationId: null, principalKind: null };
  if (represents) {
    const p = model.principalsByKey.get(sortKey(represents));
    const o = p ? undefined : model.organisationsByKey.get(sortKey(represents));
    if (p) values = { representation: 'principal', principalId: p.id, organisationId: null, principalKind: p.kind };
    else if (o) values = { representation: 'organisation', principalId: null, organisationId: o.id, principalKind: o.kind };
    else throw new ValidationError([{ field: 'represents', message: `Företräder: det finns ingen huvudman eller organisation i strukturen som heter ”${represents}”.` }]);
  }
  if (createdOn < body.activeFrom || (body.activeTo && createdOn > body.activeTo)) {
    throw new ValidationError([{ field: 'from', message: `${body.name} är aktiv ${body.activeFrom}–${body.activeTo ?? 'tills vidare'}; platsen kan inte läggas till ${createdOn}.` }]);
  }
  const seat: Seat = {
    id: randomUUID(),
    bodyId: body.id,
    function: fn,
    sortKey: key,
    position: 1000 + plan.seats.length,
    ...values,
    groupLabel: null,
    contactSurfaceId: surface ? planSurface(plan, surface) : null,
    exOfficioBodyId: null,
    exOfficioRole: null,
    createdOn,
    endedOn: null,
    createdAt: now,
    version: 1,
  };
  model.addSeat(seat);
  plan.seats.push(seat);
  plan.report.seatsCreated++;
  return seat;
}

/** The structure's contact surface of that name (any case), else a new one. */
function planSurface(plan: ImportPlan, name: string): string {
  const found = plan.model.surfacesByName.get(name.toLowerCase());
  if (found) return found.id;
  const surface = { id: randomUUID(), structureId: plan.model.body.structureId, name, sortKey: sortKey(name) };
  plan.model.surfacesByName.set(name.toLowerCase(), surface);
  plan.surfaces.push(surface);
  plan.report.contactSurfacesCreated++;
  return surface.id;
}

/** The person a line names: by e-mail address, else by a name only one person has; else a new contact. */
function planPerson(plan: ImportPlan, name: string, email: string): string {
  const { model } = plan;
  if (email) {
    const id = model.peopleByEmail.get(email);
    if (id) return id;
  } else {
    const same = model.peopleBySortKey.get(sortKey(name)) ?? [];
    if (same.length === 1) return same[0]!;
    if (same.length > 1) throw new ValidationError([{ field: 'name', message: `Det finns flera personer som heter ${name}. Ange e-postadressen.` }]);
  }
  if (!name) throw new ValidationError([{ field: 'name', message: `Det finns ingen person med e-postadressen ${email}. Fyll i namnet så läggs personen till som kontakt.` }]);
  const person: ModelPerson = { id: randomUUID(), name, leftOn: null, email: email || null };
  model.addPerson(person);
  plan.people.push(person);
  plan.report.peopleCreated++;
  return person.id;
}
