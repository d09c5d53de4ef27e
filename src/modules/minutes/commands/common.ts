import { and, desc, eq, inArray, max, ne, sql } from 'drizzle-orm';
import { actorId } from '../../../platform/auth/actor.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { people } from '../../../platform/auth/schema.js';
import type { CommandContext } from '../../../platform/commands.js';
import type { DbOrTx } from '../../../platform/db/client.js';
import { one } from '../../../platform/db/rows.js';
import { translator, type Lang } from '../../../platform/i18n/index.js';
import { mailLang } from '../../../platform/inbox/notify.js';
import { enqueueBatch, mailItem } from '../../../platform/outbox/outbox.js';
import { conflict, notFound, refuseAll, type Refusal } from '../../../platform/refusals.js';
import { formatDate, stockholmDay } from '../../../platform/time.js';
import { agendaOf, loadMeeting, meetingRecipients, meetingLabel, type LoadedMeeting } from '../../meetings/index.js';
import { agendaItems, type Meeting } from '../../meetings/schema.js';
import { bodies, type Body } from '../../structure/schema.js';
import { canonicalJson, sha256Hex } from '../canonical.js';
import { changesBetween } from '../changes.js';
import { assignParagraphs, defaultDecisionText, isDecisionOutcome, paragraphDecisionNumber } from '../decisions.js';
import { runDecisionHooks } from '../hooks.js';
import { minutesLink } from '../links.js';
import { KIND, notifyPersons } from '../notices.js';
import { minutesTarget } from '../policy.js';
import { appointees, isLocked, itemsOf, minutesOf, type AppointingMeeting } from '../queries/index.js';
import { buildSnapshot, type MinutesSnapshot } from '../snapshot.js';
import { tabledOrigin } from '../sources.js';
import {
  actionItems,
  decisions,
  minuteItems,
  minutes,
  minutesDistribution,
  minuteVersions,
  type Decision,
  type MinuteItem,
  type MinuteOutcome,
  type MinuteVersion,
  type Minutes,
  type VersionApprover,
} from '../schema.js';

/*
 * What the minutes commands share: loading and locking the minutes, the editable check,
 * appointees, the decision register kept in step with the items, locking a version and
 * sending it out.
 */

export interface LoadedMinutes extends LoadedMeeting {
  minutes: Minutes;
}

/** In a command: locks the meeting and its minutes and authorizes the actor. */
export async function minutesFor(ctx: CommandContext, meetingId: string, action: 'minutes.view' | 'minutes.write'): Promise<LoadedMinutes> {
  const loaded = await loadMeeting(ctx.tx, ctx.actor, meetingId, ctx.now, true);
  authorize(ctx.actor, action, minutesTarget(loaded, action));
  const row = await minutesOf(ctx.tx, meetingId, true);
  if (!row) notFound('minutes.none');
  return { ...loaded, minutes: row };
}

/** Refuses changes to locked minutes: a correction starts a new version. */
export function assertEditable(m: Pick<Minutes, 'status'>): void {
  if (isLocked(m)) conflict('minutes.refusal.locked', undefined, 'locked');
}

/**
 * Gives every agenda item its entry in the minutes (a tabled item taken up again brings
 * its proposal for decision along) and keeps titles, numbers and order in step with the
 * agenda. Does nothing to locked minutes.
 */
export async function syncItems(ctx: CommandContext, meetingId: string, m: Minutes): Promise<void> {
  if (m.status === 'approved' || m.status === 'final') return;
  const [agenda, items] = await Promise.all([agendaOf(ctx.tx, meetingId), itemsOf(ctx.tx, m.id)]);
  const byAgenda = new Map(items.filter((i) => i.agendaItemId).map((i) => [i.agendaItemId!, i]));
  // The agenda comes in tree order, so a sub-item's parent has its entry before the sub-item.
  for (const a of agenda) {
    const existing = byAgenda.get(a.id);
    const parentId = a.parentId ? (byAgenda.get(a.parentId)?.id ?? null) : null;
    if (!existing) {
      const origin = tabledOrigin(a.sourceRef);
      const [tabled] = origin ? await ctx.tx.select().from(minuteItems).where(eq(minuteItems.id, origin)) : [];
      const [row] = await ctx.tx
        .insert(minuteItems)
        .values({
          minutesId: m.id,
          meetingId,
          agendaItemId: a.id,
          parentId,
          position: a.position,
          number: a.number,
          title: a.title,
          presenters: a.presenters,
          internal: a.internal,
          caseId: a.caseId,
          proposal: tabled?.proposal ?? [],
          updatedAt: ctx.now,
        })
        .returning();
      if (row) byAgenda.set(a.id, row);
    } else if (existing.position !== a.position || existing.number !== a.number || existing.title !== a.title || existing.parentId !== parentId) {
      await ctx.tx.update(minuteItems).set({ parentId, position: a.position, number: a.number, title: a.title }).where(eq(minuteItems.id, existing.id));
    }
  }
}

/** Bumps the minutes' version (every save of the minutes or an item). */
export async function bumpMinutes(ctx: CommandContext, minutesId: string, values: Partial<typeof minutes.$inferInsert> = {}): Promise<Minutes> {
  return one(
    await ctx.tx
      .update(minutes)
      .set({ ...values, version: sql`${minutes.version} + 1`, updatedAt: ctx.now, updatedBy: actorId(ctx.actor) })
      .where(eq(minutes.id, minutesId))
      .returning(),
  );
}

/** Every item's decision and follow-up brought in line (before a version is locked). */
export async function reconcileAll(ctx: CommandContext, loaded: LoadedMinutes): Promise<void> {
  for (const item of await itemsOf(ctx.tx, loaded.minutes.id)) await reconcileItem(ctx, loaded.meeting, loaded.body, item);
}

async function latestVersion(ctx: Pick<CommandContext, 'tx'>, minutesId: string): Promise<MinuteVersion | undefined> {
  const [row] = await ctx.tx.select().from(minuteVersions).where(eq(minuteVersions.minutesId, minutesId)).orderBy(desc(minuteVersions.number)).limit(1);
  return row;
}

/**
 * Locks the current content as the next version: its canonical JSON and SHA-256, the
 * approvers with their timestamps, and the changes against the previous version. Then the
 * minutes are sent out to the members and the distribution list.
 */
export async function lockVersion(ctx: CommandContext, loaded: LoadedMinutes, status: 'approved' | 'final', approvers: VersionApprover[]): Promise<MinuteVersion> {
  // Where the body numbers by §, the items get their § now, and the decisions their § as number.
  await assignParagraphs(ctx, loaded.body, loaded.meeting, loaded.minutes.id);
  await reconcileAll(ctx, loaded);
  const m = loaded.minutes;
  const snapshot = await buildSnapshot(ctx.tx, loaded.meeting, m, { body: loaded.body });
  const canonical = canonicalJson(snapshot);
  const previous = await latestVersion(ctx, m.id);
  const changes = previous ? changesBetween(JSON.parse(previous.canonical) as MinutesSnapshot, snapshot) : [];
  const number = m.lockedVersion + 1;
  const version = one(
    await ctx.tx
      .insert(minuteVersions)
      .values({
        minutesId: m.id,
        number,
        status,
        canonical,
        sha256: sha256Hex(canonical),
        approvers,
        changes,
        reason: m.correctionReason,
        lockedBy: actorId(ctx.actor),
        lockedAt: ctx.now,
      })
      .returning(),
  );
  const locked = await bumpMinutes(ctx, m.id, { status, lockedVersion: number, correctionReason: null, approvalDeadline: null, distributedAt: ctx.now });
  await ctx.audit({ operation: 'minutes.lock', objectType: 'minutes', objectId: m.id, before: m, after: { ...locked, sha256: version.sha256, approvers, changes } });
  await distribute(ctx, { ...loaded, minutes: locked }, version);
  return version;
}

/** Parses an e-mail list written one per line or separated by commas or semicolons. */
export function parseEmails(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/[\s,;]+/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** Sends locked minutes: an inbox notice to everyone called to the body's meetings, an e-mail to the distribution list. */
async function distribute(ctx: CommandContext, loaded: LoadedMinutes, version: MinuteVersion): Promise<void> {
  const { meeting, body } = loaded;
  const recipients = await meetingRecipients(ctx.tx, meeting, { substitutes: true, jointBodyIds: loaded.jointBodyIds });
  const link = minutesLink(meeting.id);
  const notes = loaded.minutes.kind !== 'protocol';
  const kindKey = notes ? 'minutes.kind.notes' : 'minutes.kind.protocol';
  await notifyPersons(
    ctx.tx,
    recipients.map((r) => r.personId),
    KIND.distributed,
    (t, lang) => ({
      title: t(notes ? 'minutes.notice.distributed.notes' : 'minutes.notice.distributed.protocol', { meeting: meetingLabel(meeting, lang), version: version.number }),
      body: `${t('minutes.digest')}: ${version.sha256}`,
    }),
    link,
    { now: ctx.now, publicUrl: ctx.config.PUBLIC_URL, objectId: loaded.minutes.id },
  );
  const [list] = await ctx.tx.select().from(minutesDistribution).where(eq(minutesDistribution.bodyId, body.id));
  const memberEmails = new Set(recipients.map((r) => r.email?.toLowerCase()).filter(Boolean));
  const to = (list?.emails ?? []).filter((e) => !memberEmails.has(e));
  if (!to.length) return;
  const base = ctx.config.PUBLIC_URL.replace(/\/+$/, '');
  const publicLink = body.isPublic && loaded.minutes.publishedAt ? `${base}/published/minutes/${meeting.id}` : `${base}${link}`;
  const date = formatDate(meeting.startsAt);
  const items = [];
  // Each address in its owner's language when it is a person's address here, else in Swedish.
  for (const [lang, group] of await addressesByLanguage(ctx.tx, to)) {
    const t = translator(lang);
    const kind = t(kindKey);
    const text = [
      t(notes ? 'minutes.mail.distributed.notes' : version.status === 'approved' ? 'minutes.mail.distributed.approved' : 'minutes.mail.distributed.final', {
        body: body.name,
        date,
        version: version.number,
      }),
      '',
      t('minutes.mail.distributed.read', { link: publicLink }),
      t('minutes.mail.distributed.pdf', { link: `${base}${link}/versions/${version.number}/pdf` }),
      '',
      `${t('minutes.digest')}: ${version.sha256}`,
    ].join('\n');
    const dedupeKey = `minutes.distribute:${loaded.minutes.id}:${version.number}${lang === 'sv' ? '' : `:${lang}`}`;
    items.push(mailItem({ to: group, subject: t('minutes.mail.distributed.subject', { kind, body: body.name, date }), text, dedupeKey }));
  }
  await enqueueBatch(ctx.tx, items);
}

/** Addresses grouped by the language of the person who has each (Swedish when nobody here has it), Swedish first. */
async function addressesByLanguage(tx: DbOrTx, addresses: readonly string[]): Promise<Map<Lang, string[]>> {
  const rows = await tx
    .select({ email: sql<string>`lower(${people.email})`, language: people.language })
    .from(people)
    .where(inArray(sql`lower(${people.email})`, [...addresses]));
  const langOf = new Map(rows.map((r) => [r.email, mailLang(r.language)]));
  const groups = new Map<Lang, string[]>([['sv', []]]);
  for (const address of addresses) {
    const lang = langOf.get(address) ?? 'sv';
    groups.set(lang, [...(groups.get(lang) ?? []), address]);
  }
  for (const [lang, group] of groups) if (!group.length) groups.delete(lang);
  return groups;
}

/**
 * In a command: refuses every picked person without a role in the body, one field error per
 * field, naming them. `picks` maps a field to the ids chosen in it.
 */
export async function refuseOutsiders(ctx: CommandContext, m: AppointingMeeting, picks: Record<string, readonly string[]>): Promise<void> {
  const all = [...new Set(Object.values(picks).flat())];
  if (all.length === 0) return;
  const eligible = new Set((await appointees(ctx.tx, m, all, ctx.now)).map((p) => p.id));
  const outsiders = all.filter((id) => !eligible.has(id));
  if (outsiders.length === 0) return;
  const names = new Map((await ctx.tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, outsiders))).map((p) => [p.id, p.name]));
  const refusals: Refusal[] = [];
  for (const [field, ids] of Object.entries(picks)) {
    const bad = ids.filter((id) => !eligible.has(id));
    if (bad.length === 0) continue;
    const who = bad.map((id) => names.get(id));
    refusals.push(who.some((n) => n === undefined) ? { field, key: 'minutes.appointee.unknown' } : { field, key: 'minutes.appointee.noRole', params: { names: who.join(', ') } });
  }
  refuseAll(refusals);
}

// ---------------------------------------------------------------------------------------
// The decision register kept in step with the minutes: an item whose outcome is a decision
// of the body gets a numbered decision (once; later saves update it), an item whose outcome
// stops being a decision withdraws it (the number is never reused). A decision's condition
// becomes a follow-up action. The decision hooks run for every change.

/**
 * The next decision number of a body in a year. Locks the body's row first, so that two
 * transactions numbering decisions of the same body take turns (numbers never repeat or
 * skip because of a race); a withdrawn decision keeps its number.
 */
export async function nextDecisionNumber(tx: DbOrTx, bodyId: string, year: number): Promise<number> {
  await tx.select({ id: bodies.id }).from(bodies).where(eq(bodies.id, bodyId)).for('update');
  const [row] = await tx
    .select({ n: max(decisions.number) })
    .from(decisions)
    .where(and(eq(decisions.bodyId, bodyId), eq(decisions.year, year)));
  return (row?.n ?? 0) + 1;
}

/** What the agenda item records about the outcome (the meetings module reads it). */
function agendaOutcome(outcome: MinuteOutcome | null): 'handled' | 'tabled' | null {
  if (!outcome) return null;
  return outcome === 'tabled' ? 'tabled' : 'handled';
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Brings the item's decision, its condition's follow-up and the agenda item's outcome in line with the item. */
export async function reconcileItem(ctx: CommandContext, meeting: Meeting, body: Body, item: MinuteItem): Promise<Decision | null> {
  if (item.agendaItemId) {
    await ctx.tx
      .update(agendaItems)
      .set({ outcome: agendaOutcome(item.outcome), updatedAt: ctx.now })
      .where(eq(agendaItems.id, item.agendaItemId));
  }
  const [existing] = await ctx.tx.select().from(decisions).where(eq(decisions.minuteItemId, item.id)).for('update');
  let decision: Decision | null = null;
  if (isDecisionOutcome(item.outcome)) {
    const values = {
      title: item.title,
      outcome: item.outcome,
      text: item.decisionText?.trim() || defaultDecisionText(body, item.outcome, item.proposal),
      clauses: item.proposal,
      condition: item.condition,
      caseId: item.caseId,
      caseTransition: item.caseTransition,
      internal: item.internal,
    };
    if (!existing) {
      const decidedOn = stockholmDay(meeting.startsAt);
      const year = Number(decidedOn.slice(0, 4));
      const number = body.paragraphNumbering ? await paragraphDecisionNumber(ctx, body, meeting, item, undefined) : await nextDecisionNumber(ctx.tx, body.id, year);
      const row = one(
        await ctx.tx
          .insert(decisions)
          .values({
            ...values,
            bodyId: body.id,
            structureId: body.structureId,
            year,
            number,
            meetingId: meeting.id,
            minuteItemId: item.id,
            decidedOn,
            followUpStatus: item.condition ? 'open' : 'none',
            createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning(),
      );
      decision = row;
      await ctx.audit({ operation: 'minutes.recordDecision', objectType: 'decision', objectId: decision.id, after: decision });
      await runDecisionHooks(ctx, { decision, minuteItem: item, meeting, change: 'created' });
    } else {
      const number = body.paragraphNumbering ? await paragraphDecisionNumber(ctx, body, meeting, item, existing) : existing.number;
      const changed =
        existing.number !== number ||
        existing.withdrawnAt !== null ||
        existing.title !== values.title ||
        existing.outcome !== values.outcome ||
        existing.text !== values.text ||
        !same(existing.clauses, values.clauses) ||
        existing.condition !== values.condition ||
        existing.caseId !== values.caseId ||
        existing.caseTransition !== values.caseTransition ||
        existing.internal !== values.internal;
      decision = existing;
      if (changed) {
        const row = one(
          await ctx.tx
            .update(decisions)
            .set({ ...values, number, withdrawnAt: null, updatedAt: ctx.now })
            .where(eq(decisions.id, existing.id))
            .returning(),
        );
        decision = row;
        await ctx.audit({ operation: 'minutes.recordDecision', objectType: 'decision', objectId: decision.id, before: existing, after: decision });
        await runDecisionHooks(ctx, { decision, minuteItem: item, meeting, change: 'updated' });
      }
    }
  } else if (existing && !existing.withdrawnAt) {
    const row = one(await ctx.tx.update(decisions).set({ withdrawnAt: ctx.now, updatedAt: ctx.now }).where(eq(decisions.id, existing.id)).returning());
    await ctx.audit({ operation: 'minutes.withdrawDecision', objectType: 'decision', objectId: existing.id, before: existing, after: row });
    await runDecisionHooks(ctx, { decision: row, minuteItem: item, meeting, change: 'withdrawn' });
  }
  await reconcileCondition(ctx, meeting, body, item, decision);
  return decision;
}

/** A decision's condition is followed up as an action ("Beslutet behöver förankras med …"). */
async function reconcileCondition(ctx: CommandContext, meeting: Meeting, body: Body, item: MinuteItem, decision: Decision | null): Promise<void> {
  const [action] = await ctx.tx
    .select()
    .from(actionItems)
    .where(and(eq(actionItems.minuteItemId, item.id), eq(actionItems.fromCondition, true)));
  const condition = item.condition?.trim() || null;
  if (condition && !action) {
    await ctx.tx.insert(actionItems).values({
      bodyId: body.id,
      meetingId: meeting.id,
      minuteItemId: item.id,
      decisionId: decision?.id ?? null,
      caseId: item.caseId,
      title: condition,
      fromCondition: true,
      createdBy: ctx.actor.kind === 'person' ? ctx.actor.personId : null,
      createdAt: ctx.now,
    });
  } else if (condition && action && (action.title !== condition || action.decisionId !== (decision?.id ?? null))) {
    await ctx.tx
      .update(actionItems)
      .set({ title: condition, decisionId: decision?.id ?? null, caseId: item.caseId })
      .where(eq(actionItems.id, action.id));
  } else if (!condition && action && action.status === 'open') {
    await ctx.tx.delete(actionItems).where(eq(actionItems.id, action.id));
  }
  if (decision) await refreshFollowUp(ctx, decision.id);
}

/** A decision's follow-up status from its actions: open while one is open, done when all are. */
export async function refreshFollowUp(ctx: Pick<CommandContext, 'tx' | 'now'>, decisionId: string): Promise<void> {
  const actions = await ctx.tx.select({ status: actionItems.status }).from(actionItems).where(eq(actionItems.decisionId, decisionId));
  const status = actions.length === 0 ? 'none' : actions.some((a) => a.status === 'open') ? 'open' : 'done';
  await ctx.tx
    .update(decisions)
    .set({ followUpStatus: status, updatedAt: ctx.now })
    .where(and(eq(decisions.id, decisionId), ne(decisions.followUpStatus, status)));
}
