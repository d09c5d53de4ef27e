import { actorId } from '../../platform/auth/actor.js';
import { one } from '../../platform/db/rows.js';
import { and, asc, eq, gt, gte, inArray, isNull, or } from 'drizzle-orm';
import { people } from '../../platform/auth/schema.js';
import { notify } from '../../platform/inbox/notify.js';
import { endMembership } from '../structure/index.js';
import { addDays, today } from '../../platform/days.js';
import { bodies, memberships, organisations, seatPrincipals, seats, structurePrincipals, principals, type Body } from '../structure/schema.js';
import { agendaItems, meetings, type Meeting } from '../meetings/schema.js';
import { afterPublishedChange, insertItem, jointBodyIdsOf } from '../meetings/index.js';
import { type CaseCtx } from './access.js';
import { CASE_ANCHORING, CASE_ANSWERED } from './kinds.js';
import { sendToPrincipals } from './notices.js';
import { caseRef } from './numbering.js';
import { caseAdoptions, caseAnchoring, caseNotices, type Case } from './schema.js';

/*
 * What transitions do besides moving the case (flow.ts names them): agenda items, the
 * activity plan, answers and notices, anchoring and adoption rows, ending the working group.
 */

/** The agenda item's title for a case. */
export const itemTitle = (kase: Pick<Case, 'title' | 'year' | 'number'>) => `${kase.title} (ärende ${caseRef(kase)})`;

/**
 * Puts the case on a meeting's agenda (unless an item for it is there already), in the
 * decision section; a published agenda is marked changed as the meetings module does.
 */
export async function putOnAgenda(ctx: CaseCtx, kase: Case, meeting: Meeting, body: Body, options: { sourceRef: string; description?: string | null }): Promise<boolean> {
  const [existing] = await ctx.tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meeting.id), eq(agendaItems.caseId, kase.id)))
    .limit(1);
  if (existing || meeting.status === 'held' || meeting.status === 'cancelled') return false;
  const item = await insertItem(ctx, meeting, {
    title: itemTitle(kase),
    description: options.description ?? kase.description,
    kind: 'decision',
    section: 'Beslut',
    source: 'secretary',
    sourceRef: options.sourceRef,
    caseId: kase.id,
    presenterPersonId: kase.raisedByPersonId,
    presenterName: kase.raisedByName,
  });
  await ctx.audit({ objectType: 'agenda_item', objectId: item.id, after: item });
  // A published agenda goes out again (calendar update, live view), also from a decision hook.
  if (meeting.agendaPublishedAt && meeting.status === 'called') {
    await afterPublishedChange(ctx, { meeting, body, jointBodyIds: await jointBodyIdsOf(ctx.tx, meeting.id) }, ['agenda']);
  }
  return true;
}

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

/** Sends the answer (No) to whoever raised the case: the inbox, and e-mail as they prefer. */
export async function answerRaiser(ctx: CaseCtx, kase: Case, answer: string, kind: 'answer' | 'no_change' = 'answer'): Promise<void> {
  if (!kase.raisedByPersonId) return;
  const [raiser] = await ctx.tx.select({ email: people.email }).from(people).where(eq(people.id, kase.raisedByPersonId));
  const title = kind === 'answer' ? `Svar på ärende ${caseRef(kase)}: ${kase.title}` : `Ingen förändring: ${kase.title} (ärende ${caseRef(kase)})`;
  await notify(
    ctx.tx,
    { personIds: [kase.raisedByPersonId], kind: CASE_ANSWERED, title, body: answer, link: `/cases/${kase.id}`, objectType: 'case', objectId: kase.id },
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
  );
  const row = one(
    await ctx.tx
      .insert(caseNotices)
      .values({ caseId: kase.id, kind, principalId: null, recipients: raiser?.email ? [raiser.email] : [], subject: title, text: answer, sentAt: ctx.now, sentBy: actorId(ctx.actor) })
      .returning(),
  );
  await ctx.audit({ objectType: 'case_notice', objectId: row.id, after: row });
}

/** "No change" is communicated to those concerned: every principal's lists, and the raiser. */
export async function informConcerned(ctx: CaseCtx, kase: Case, message: string): Promise<void> {
  await sendToPrincipals(ctx, kase, { kind: 'no_change', subject: `Ingen förändring av arbetssätt: ${kase.title}`, text: message });
  await answerRaiser(ctx, kase, message, 'no_change');
}

/** The seats of a body that speak for each principal (active on the day). */
async function seatsByPrincipal(ctx: CaseCtx, bodyId: string, day: string) {
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

/**
 * Opens the anchoring: one row per principal of the structure, with the seat (and its
 * contact surface) that covers it; the members holding those seats are asked to answer.
 */
export async function openAnchoring(ctx: CaseCtx, kase: Case): Promise<void> {
  const day = today(ctx.now);
  const ps = await ctx.tx.select({ id: structurePrincipals.principalId }).from(structurePrincipals).where(eq(structurePrincipals.structureId, kase.structureId));
  const bySeat = await seatsByPrincipal(ctx, kase.bodyId, day);
  for (const p of ps) {
    const covering = bySeat.get(p.id) ?? [];
    const chosen = covering.find((s) => s.contactSurfaceId) ?? covering[0];
    const [row] = await ctx.tx
      .insert(caseAnchoring)
      .values({ caseId: kase.id, principalId: p.id, seatId: chosen?.seatId ?? null, contactSurfaceId: chosen?.contactSurfaceId ?? null, openedAt: ctx.now })
      .onConflictDoNothing()
      .returning();
    if (row) await ctx.audit({ objectType: 'case_anchoring', objectId: `${kase.id}:${p.id}`, after: row });
  }
  const seatIds = [...bySeat.values()].flat().map((s) => s.seatId);
  if (seatIds.length) {
    const holders = await ctx.tx
      .select({ personId: memberships.personId })
      .from(memberships)
      .where(and(eq(memberships.bodyId, kase.bodyId), inArray(memberships.seatId, seatIds), or(isNull(memberships.endOn), gte(memberships.endOn, day))));
    await notify(
      ctx.tx,
      {
        personIds: holders.map((h) => h.personId),
        kind: CASE_ANCHORING,
        title: `Förankra ärende ${caseRef(kase)}: ${kase.title}`,
        body: 'Ta ärendet till din kontaktyta och registrera återkopplingen från din huvudman i Samverka.',
        link: `/cases/${kase.id}#anchoring`,
        objectType: 'case',
        objectId: kase.id,
      },
      { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL },
    );
  }
}

/**
 * Opens the adoption: one pending row per principal of the structure that adopts through
 * its own committees (the regions and municipalities; associations and provider groups
 * take part in the structure without adopting its recommendations).
 */
export async function openAdoption(ctx: CaseCtx, kase: Case): Promise<void> {
  const ps = await ctx.tx
    .select({ id: structurePrincipals.principalId })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(and(eq(structurePrincipals.structureId, kase.structureId), inArray(principals.kind, ['region', 'municipality'])));
  for (const p of ps) {
    const [row] = await ctx.tx.insert(caseAdoptions).values({ caseId: kase.id, principalId: p.id }).onConflictDoNothing().returning();
    if (row) await ctx.audit({ objectType: 'case_adoption', objectId: `${kase.id}:${p.id}`, after: row });
  }
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

/**
 * The working group's assignment ends with the case: the temporary body's last day becomes
 * today (or yesterday's end stays), and every engagement in it ends through the structure
 * module's rules.
 */
export async function endWorkingGroup(ctx: CaseCtx, kase: Case): Promise<void> {
  if (!kase.workingGroupBodyId) return;
  const day = today(ctx.now);
  const [wg] = await ctx.tx.select().from(bodies).where(eq(bodies.id, kase.workingGroupBodyId)).for('update');
  if (!wg || (wg.activeTo && wg.activeTo <= day)) return;
  const end = day < wg.activeFrom ? wg.activeFrom : day;
  const row = one(
    await ctx.tx
      .update(bodies)
      .set({ activeTo: end, version: wg.version + 1 })
      .where(eq(bodies.id, wg.id))
      .returning(),
  );
  await ctx.audit({ objectType: 'body', objectId: wg.id, before: wg, after: row });
  const open = await ctx.tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.bodyId, wg.id), or(isNull(memberships.endOn), gt(memberships.endOn, end))));
  for (const m of open) await endMembership(ctx, m, end < m.startOn ? addDays(m.startOn, -1) : end);
}
