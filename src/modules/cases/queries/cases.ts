import { and, asc, count, eq, gte, inArray, isNull, lte, ne, sql, or, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../platform/db/client.js';
import { people } from '../../../platform/auth/schema.js';
import { activeOn, rolesOf, type BodyRoles } from '../../structure/index.js';
import { today, type Day } from '../../../platform/days.js';
import { bodies, contactSurfaces, memberships, principals, seats, structureCategories, structures, organisations, seatPrincipals, type Body } from '../../structure/schema.js';
import { meetings, type Meeting } from '../../meetings/schema.js';
import { decisions } from '../../minutes/schema.js';
import { noticesOf } from '../notices.js';
import { reportDues } from '../reports.js';
import { caseAdoptions, caseAnchoring, caseCategories, caseDirectives, caseHistory, caseLinks, cases, caseStatusReports, type Case } from '../schema.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { notFound } from '../../../platform/refusals.js';
import type { CaseTarget } from '../policy.js';
import type { CaseCtx } from '../commands/common.js';
const raiser = alias(people, 'raiser');
const escalatedBody = alias(bodies, 'escalated_body');
const wgBody = alias(bodies, 'wg_body');

export async function caseDetails(db: DbOrTx, caseId: string, now = new Date()) {
  const [head] = await db
    .select({
      kase: cases,
      body: bodies,
      structure: structures,
      raiserEmail: raiser.email,
      escalatedName: escalatedBody.name,
      wgId: wgBody.id,
      wgName: wgBody.name,
      wgActiveFrom: wgBody.activeFrom,
      wgActiveTo: wgBody.activeTo,
    })
    .from(cases)
    .innerJoin(bodies, eq(bodies.id, cases.bodyId))
    .innerJoin(structures, eq(structures.id, cases.structureId))
    .leftJoin(raiser, eq(raiser.id, cases.raisedByPersonId))
    .leftJoin(escalatedBody, eq(escalatedBody.id, cases.escalatedToBodyId))
    .leftJoin(wgBody, eq(wgBody.id, cases.workingGroupBodyId))
    .where(eq(cases.id, caseId));
  if (!head) return undefined;
  const kase = head.kase;
  const answerer = alias(people, 'answerer');
  const reporter = alias(people, 'reporter');
  const [categories, links, history, directive, reports, anchoring, adoptions, notices, wgMembers, meeting, dues] = await Promise.all([
    db
      .select({ id: structureCategories.id, name: structureCategories.name, kind: structureCategories.kind })
      .from(caseCategories)
      .innerJoin(structureCategories, eq(structureCategories.id, caseCategories.categoryId))
      .where(eq(caseCategories.caseId, caseId))
      .orderBy(asc(structureCategories.kind), asc(structureCategories.position)),
    linksOf(db, caseId),
    db
      .select({ h: caseHistory, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt, bodyName: bodies.name })
      .from(caseHistory)
      .leftJoin(meetings, eq(meetings.id, caseHistory.meetingId))
      .leftJoin(bodies, eq(bodies.id, caseHistory.bodyId))
      .where(eq(caseHistory.caseId, caseId))
      .orderBy(asc(caseHistory.at), asc(caseHistory.id)),
    db
      .select()
      .from(caseDirectives)
      .where(eq(caseDirectives.caseId, caseId))
      .then((r) => r[0]),
    db
      .select({ r: caseStatusReports, reporterName: reporter.name, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt })
      .from(caseStatusReports)
      .leftJoin(reporter, eq(reporter.id, caseStatusReports.reportedBy))
      .leftJoin(meetings, eq(meetings.id, caseStatusReports.meetingId))
      .where(eq(caseStatusReports.caseId, caseId))
      .orderBy(asc(caseStatusReports.reportedOn), asc(caseStatusReports.createdAt)),
    db
      .select({ a: caseAnchoring, principalName: principals.name, seatFunction: seats.function, surfaceName: contactSurfaces.name, answeredByName: answerer.name })
      .from(caseAnchoring)
      .innerJoin(principals, eq(principals.id, caseAnchoring.principalId))
      .leftJoin(seats, eq(seats.id, caseAnchoring.seatId))
      .leftJoin(contactSurfaces, eq(contactSurfaces.id, caseAnchoring.contactSurfaceId))
      .leftJoin(answerer, eq(answerer.id, caseAnchoring.answeredBy))
      .where(eq(caseAnchoring.caseId, caseId))
      .orderBy(asc(principals.sortKey)),
    db
      .select({ a: caseAdoptions, principalName: principals.name, kind: principals.kind })
      .from(caseAdoptions)
      .innerJoin(principals, eq(principals.id, caseAdoptions.principalId))
      .where(eq(caseAdoptions.caseId, caseId))
      .orderBy(asc(principals.sortKey)),
    noticesOf(db, caseId),
    kase.workingGroupBodyId
      ? db
          .select({ id: memberships.id, personId: memberships.personId, name: people.name, role: memberships.role, reason: memberships.reason, startOn: memberships.startOn, endOn: memberships.endOn })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .where(eq(memberships.bodyId, kase.workingGroupBodyId))
          .orderBy(asc(memberships.role), asc(people.sortKey))
      : Promise.resolve([]),
    kase.meetingId
      ? db
          .select()
          .from(meetings)
          .where(eq(meetings.id, kase.meetingId))
          .then((r) => r[0])
      : Promise.resolve(undefined),
    reportDues(db, [kase], now),
  ]);
  return { ...head, categories, links, history, directive, reports, anchoring, adoptions, notices, wgMembers, meeting, dues };
}
export type CaseDetails = NonNullable<Awaited<ReturnType<typeof caseDetails>>>;

/** A case's links, with the title of what each points to. */
async function linksOf(db: DbOrTx, caseId: string) {
  const rows = await db.select().from(caseLinks).where(eq(caseLinks.caseId, caseId)).orderBy(asc(caseLinks.createdAt));
  const ids = (kind: string) => rows.filter((r) => r.kind === kind && r.targetId).map((r) => r.targetId!);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const [ms, ds, cs] = await Promise.all([
    db
      .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
      .from(meetings)
      .where(inArray(meetings.id, [...ids('meeting'), ...none])),
    db
      .select({ id: decisions.id, title: decisions.title, year: decisions.year, number: decisions.number, paragraph: bodies.paragraphNumbering })
      .from(decisions)
      .innerJoin(bodies, eq(bodies.id, decisions.bodyId))
      .where(inArray(decisions.id, [...ids('decision'), ...none])),
    db
      .select({ id: cases.id, title: cases.title, year: cases.year, number: cases.number })
      .from(cases)
      .where(inArray(cases.id, [...ids('case'), ...none])),
  ]);
  return rows.map((r) => {
    let target: string | null = null;
    let href: string | null = r.url;
    if (r.kind === 'meeting') {
      const m = ms.find((x) => x.id === r.targetId);
      target = m ? `${m.title} ${m.startsAt.toISOString().slice(0, 10)}` : null;
      href = `/meetings/${r.targetId}`;
    } else if (r.kind === 'decision') {
      const d = ds.find((x) => x.id === r.targetId);
      // Where the body numbers by §, a decision's number is its §.
      target = d ? `${d.paragraph ? `§ ${d.number}` : `${d.year}:${d.number}`} ${d.title}` : null;
      href = null;
    } else if (r.kind === 'case') {
      const c = cases_(cs, r.targetId);
      target = c ? `${c.year}/${c.number} ${c.title}` : null;
      href = `/cases/${r.targetId}`;
    }
    return { link: r, target, href };
  });
}
const cases_ = <T extends { id: string }>(list: T[], id: string | null) => list.find((x) => x.id === id);

// ---------------------------------------------------------------------------------------
// Choices for forms

/** The body's coming meetings (a case can be put on their agenda). */
export function upcomingMeetings(db: DbOrTx, bodyId: string, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), inArray(meetings.status, ['planned', 'called']), gte(meetings.endsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(20);
}

/** The body's meetings around now (status reports are given at them). */
export function reportMeetings(db: DbOrTx, bodyId: string, now = new Date()) {
  return db
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        ne(meetings.status, 'cancelled'),
        gte(meetings.startsAt, new Date(now.getTime() - 120 * 24 * 3600_000)),
        lte(meetings.startsAt, new Date(now.getTime() + 120 * 24 * 3600_000)),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(20);
}

/** The people active in a body on a day (for choosing a working group). */
export async function bodyPeople(db: DbOrTx, bodyId: string, on: Day = today()) {
  const rows = await db
    .select({ personId: memberships.personId, name: people.name, role: memberships.role, sortKey: people.sortKey })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.bodyId, bodyId), activeOn(on)))
    .orderBy(asc(people.sortKey));
  const seen = new Map<string, { personId: string; name: string; roles: string[] }>();
  for (const r of rows) {
    const p = seen.get(r.personId) ?? { personId: r.personId, name: r.name, roles: [] };
    p.roles.push(r.role);
    seen.set(r.personId, p);
  }
  return [...seen.values()];
}

export function categoriesOf(db: DbOrTx, structureId: string) {
  return db
    .select()
    .from(structureCategories)
    .where(eq(structureCategories.structureId, structureId))
    .orderBy(asc(structureCategories.kind), asc(structureCategories.position), asc(structureCategories.name));
}

/** A structure's bodies (for the overview's filter). */
export function bodiesOf(db: DbOrTx, structureId: string) {
  return db
    .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, parentId: bodies.parentId, activeTo: bodies.activeTo })
    .from(bodies)
    .where(eq(bodies.structureId, structureId))
    .orderBy(asc(bodies.sortKey), asc(bodies.id))
    .limit(500);
}

/**
 * A structure (by slug or id) for its case overview, in one query: the structure, how many
 * active engagements the person has in its bodies, and whether a body filtered on is one of
 * its bodies.
 */
export async function structureForOverview(db: DbOrTx, key: { slug: string } | { id: string }, personId: string | undefined, bodyId: string | undefined, on: Day = today()) {
  if ('id' in key && !/^[0-9a-f-]{36}$/i.test(key.id)) return undefined;
  const roles = personId
    ? db
        .select({ n: count() })
        .from(memberships)
        .innerJoin(bodies, eq(bodies.id, memberships.bodyId))
        .where(and(eq(memberships.personId, personId), eq(bodies.structureId, structures.id), activeOn(on)))
    : sql`0`;
  const [row] = await db
    .select({
      structure: structures,
      roles: sql<number>`${roles}`.mapWith(Number),
      bodyInStructure: bodyId ? sql<boolean>`exists (select 1 from ${bodies} b where b.id = ${bodyId} and b.structure_id = ${structures}.id)` : sql<boolean>`true`,
    })
    .from(structures)
    .where('slug' in key ? eq(structures.slug, key.slug) : eq(structures.id, key.id));
  return row;
}

// ---------------------------------------------------------------------------------------
// One case with the actor's target (for commands, pages and the API)

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoadedCase {
  kase: Case;
  body: Body;
  target: CaseTarget;
}

/**
 * The principals a person speaks for in a body on a day: through the seats they hold there
 * (a principal's seat, an organisation's seat, or a group seat's principals).
 */
async function coveredPrincipals(db: DbOrTx, personId: string, bodyId: string, on: Day): Promise<string[]> {
  const rows = await db
    .select({ principalId: seats.principalId, orgPrincipal: organisations.principalId, groupPrincipal: seatPrincipals.principalId })
    .from(memberships)
    .innerJoin(seats, eq(seats.id, memberships.seatId))
    .leftJoin(organisations, eq(organisations.id, seats.organisationId))
    .leftJoin(seatPrincipals, eq(seatPrincipals.seatId, seats.id))
    .where(and(eq(memberships.personId, personId), eq(memberships.bodyId, bodyId), lte(memberships.startOn, on), or(isNull(memberships.endOn), gte(memberships.endOn, on))));
  const ids = new Set<string>();
  for (const r of rows) for (const id of [r.principalId, r.orgPrincipal, r.groupPrincipal]) if (id) ids.add(id);
  return [...ids];
}

/** The actor's roles on the case's body, its working group and the commissioning body. */
async function caseTarget(db: DbOrTx, actor: Actor, kase: Case, body: Body, on: Day): Promise<CaseTarget> {
  const none: BodyRoles = { own: [], inherited: [], byMandate: [] };
  if (actor.kind !== 'person') {
    return { body, roles: { body: none, workingGroup: [], commissioner: [] }, isRaiser: false, coveredPrincipalIds: [] };
  }
  const [roles, wg, commissioner, covered] = await Promise.all([
    rolesOf(db, actor, body.id, on),
    kase.workingGroupBodyId ? rolesOf(db, actor, kase.workingGroupBodyId, on) : Promise.resolve(none),
    (kase.escalatedToBodyId ?? body.parentId) ? rolesOf(db, actor, (kase.escalatedToBodyId ?? body.parentId)!, on) : Promise.resolve(none),
    coveredPrincipals(db, actor.personId, body.id, on),
  ]);
  return {
    body,
    roles: { body: roles, workingGroup: wg.own, commissioner: commissioner.own },
    isRaiser: kase.raisedByPersonId === actor.personId,
    coveredPrincipalIds: covered,
  };
}

/** Loads a case, its body and the actor's target (no authorization). */
export async function loadCase(db: DbOrTx, actor: Actor, caseId: string, now = new Date(), lock = false): Promise<LoadedCase> {
  if (!UUID.test(caseId)) notFound('cases.refusal.caseNotFound');
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [kase] = lock ? await query.for('update') : await query;
  if (!kase) notFound('cases.refusal.caseNotFound');
  const [body] = await db.select().from(bodies).where(eq(bodies.id, kase.bodyId));
  if (!body) notFound('cases.refusal.bodyNotFound');
  return { kase, body, target: await caseTarget(db, actor, kase, body, today(now)) };
}

// ---------------------------------------------------------------------------------------
// For the transitions

/** The body's next meeting that can take new items (planned or called, not yet started). */
export async function nextMeeting(ctx: CaseCtx, bodyId: string): Promise<Meeting | undefined> {
  const [row] = await ctx.tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.bodyId, bodyId), gt(meetings.startsAt, ctx.now), inArray(meetings.status, ['planned', 'called'])))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return row;
}

/** The seats of a body that speak for each principal (active on the day). */
export async function seatsByPrincipal(ctx: CaseCtx, bodyId: string, day: string) {
  const rows = await ctx.tx
    .select({
      seatId: seats.id,
      principalId: seats.principalId,
      orgPrincipal: organisations.principalId,
      groupPrincipal: seatPrincipals.principalId,
      contactSurfaceId: seats.contactSurfaceId,
      position: seats.position,
    })
    .from(seats)
    .leftJoin(organisations, eq(organisations.id, seats.organisationId))
    .leftJoin(seatPrincipals, eq(seatPrincipals.seatId, seats.id))
    .where(and(eq(seats.bodyId, bodyId), or(isNull(seats.endedOn), gte(seats.endedOn, day))))
    .orderBy(asc(seats.position), asc(seats.sortKey));
  const out = new Map<string, { seatId: string; contactSurfaceId: string | null }[]>();
  for (const r of rows) {
    for (const p of new Set([r.principalId, r.orgPrincipal, r.groupPrincipal])) {
      if (!p) continue;
      const list = out.get(p) ?? [];
      if (!list.some((s) => s.seatId === r.seatId)) list.push({ seatId: r.seatId, contactSurfaceId: r.contactSurfaceId });
      out.set(p, list);
    }
  }
  return out;
}

/** The principals that have not answered in the anchoring, by name. */
export async function unansweredPrincipals(ctx: Pick<CaseCtx, 'tx'>, caseId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ name: principals.name })
    .from(caseAnchoring)
    .innerJoin(principals, eq(principals.id, caseAnchoring.principalId))
    .where(and(eq(caseAnchoring.caseId, caseId), isNull(caseAnchoring.answeredAt)))
    .orderBy(asc(principals.sortKey));
  return rows.map((r) => r.name);
}
