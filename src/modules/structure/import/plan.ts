import { randomUUID } from 'node:crypto';
import { refuse } from '../../../platform/refusals.js';
import { z } from 'zod';
import type { Db } from '../../../platform/db/client.js';
import type { Progress } from '../../../platform/commands.js';
import { AppError, textsOf, type Text } from '../../../platform/http/errors.js';
import { sortKey as sortKeyOf } from '../../../platform/sortkey.js';
import { maxDay, today, isValidDay as isValidDayOf, type Day } from '../../../platform/days.js';
import { parseCsv, type CsvRecord } from './csv.js';
import { CSV_HEADER, mapHeader, parseCsvDay, parseRole, type CsvColumn } from './csv-columns.js';
import { checkMembership } from '../membership-rules.js';
import { loadBodyModel, yieldToOthers, type BodyModel, type ModelPerson } from './model.js';
import type { Body, ContactSurface, Membership, Seat } from '../schema.js';

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
  /** Each problem by line, as a text by key (told in the reader's language). */
  problems: { line: number; text: Text }[];
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
  if (!header)
    return { ...empty, problems: [{ line: 1, text: { key: 'structure.import.problem.noHeader' } }], model: await loadBodyModel(db, body, { emails: [], nameKeys: [], from: body.activeFrom }) };
  const { index, unknown } = mapHeader(header.cells);
  if (unknown.length) problems.push({ line: header.line, text: { key: 'structure.import.problem.unknownColumns', params: { columns: unknown.join(', '), all: CSV_HEADER.join(', ') } } });
  const cell = (cells: string[], col: CsvColumn) => (index[col] === undefined ? '' : (cells[index[col]!] ?? '').trim());
  const lines: Line[] = records.map((record) => ({ record, c: (col) => cell(record.cells, col) }));
  const defaultStart = maxDay(today(now), body.activeFrom);
  const model = await loadBodyModel(db, body, wantedBy(lines, defaultStart));
  const plan: ImportPlan = { ...empty, model };
  if (index.seat === undefined && index.name === undefined && index.email === undefined) {
    problems.push({ line: header.line, text: { key: 'structure.import.problem.headerColumns', params: { all: CSV_HEADER.join(', ') } } });
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
  const problems: Text[] = [];
  for (const col of ['seat', 'represents', 'contactSurface', 'name'] as const) if (c(col).length > 200) problems.push({ key: `structure.import.problem.tooLong.${col}` });
  if (c('reason').length > 2000) problems.push({ key: 'structure.import.problem.reasonTooLong' });
  const email = c('email').toLowerCase();
  if (email && !emailFormat.safeParse(email).success) problems.push({ key: 'structure.import.problem.email', params: { email } });
  const startOn = c('from') ? parseCsvDay(c('from')) : defaultStart;
  if (!startOn || !isValidDay(startOn)) problems.push({ key: 'structure.import.problem.from', params: { value: c('from') } });
  const endOn = c('to') ? parseCsvDay(c('to')) : null;
  if (endOn === undefined || (endOn && !isValidDay(endOn))) problems.push({ key: 'structure.import.problem.to', params: { value: c('to') } });
  const hasPerson = !!(c('name') || email);
  const role = c('role') ? parseRole(c('role')) : hasPerson ? (c('seat') ? 'member' : undefined) : undefined;
  if (c('role') && !role) problems.push({ key: 'structure.import.problem.role', params: { value: c('role') } });
  else if (hasPerson && !role) problems.push({ key: 'structure.import.problem.roleNeeded' });
  if (!c('seat') && !hasPerson) problems.push({ key: 'structure.import.problem.empty' });
  return { problems, email, startOn: startOn!, endOn: endOn ?? undefined, hasPerson, role: role! };
}

async function planLine(plan: ImportPlan, { record, c }: Line, defaultStart: Day, now: Date) {
  plan.report.rows++;
  const line = formatProblems(c, defaultStart);
  if (line.problems.length) return void plan.problems.push(...line.problems.map((text) => ({ line: record.line, text })));
  const { model } = plan;
  try {
    const seat = c('seat') ? planSeat(plan, c('seat'), c('represents'), c('contactSurface'), line.startOn, now) : undefined;
    if (!line.hasPerson) return;
    const personId = planPerson(plan, c('name'), line.email);
    let substituteFor: string | undefined;
    if (line.role === 'substitute') {
      if (!seat) refuse('role', 'structure.refuse.importSubstituteSeat');
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
    plan.problems.push(...textsOf(err).map((text) => ({ line: record.line, text })));
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
    else refuse('represents', 'structure.refuse.importUnknownRepresents', { name: represents });
  }
  if (createdOn < body.activeFrom || (body.activeTo && createdOn > body.activeTo)) {
    const active = { body: body.name, from: body.activeFrom, day: createdOn };
    if (body.activeTo) refuse('from', 'structure.refuse.importSeatOutside', { ...active, to: body.activeTo });
    refuse('from', 'structure.refuse.importSeatOutsideOngoing', active);
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
    if (same.length > 1) refuse('name', 'structure.refuse.sameName', { name });
  }
  if (!name) refuse('name', 'structure.refuse.unknownEmail', { email });
  const person: ModelPerson = { id: randomUUID(), name, leftOn: null, email: email || null };
  model.addPerson(person);
  plan.people.push(person);
  plan.report.peopleCreated++;
  return person.id;
}
