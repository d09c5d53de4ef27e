import { actorId } from '../../../platform/auth/actor.js';
import { desc, eq, sql } from 'drizzle-orm';
import type { CommandContext } from '../../../platform/commands.js';
import { one } from '../../../platform/db/rows.js';
import { enqueueBatch, mailItem } from '../../../platform/outbox/outbox.js';
import { formatDate } from '../../../platform/time.js';
import { agendaOf, meetingRecipients, meetingLabel } from '../../meetings/index.js';
import { itemsOf, type LoadedMinutes } from '../access.js';
import { canonicalJson, sha256Hex } from '../canonical.js';
import { changesBetween } from '../changes.js';
import { reconcileItem } from '../decisions.js';
import { KIND, minutesLink, notifyPersons } from '../notices.js';
import { buildSnapshot, type MinutesSnapshot } from '../snapshot.js';
import { tabledOrigin } from '../sources.js';
import { minuteItems, minutes, minutesDistribution, minuteVersions, type MinuteVersion, type Minutes, type VersionApprover } from '../schema.js';

/**
 * Gives every agenda item its entry in the minutes (a tabled item taken up again brings
 * its proposal for decision along) and keeps titles, numbers and order in step with the
 * agenda. Does nothing to locked minutes.
 */
export async function syncItems(ctx: CommandContext, meetingId: string, m: Minutes): Promise<void> {
  if (m.status === 'approved' || m.status === 'final') return;
  const [agenda, items] = await Promise.all([agendaOf(ctx.tx, meetingId), itemsOf(ctx.tx, m.id)]);
  const byAgenda = new Map(items.filter((i) => i.agendaItemId).map((i) => [i.agendaItemId!, i]));
  for (const a of agenda) {
    const existing = byAgenda.get(a.id);
    if (!existing) {
      const origin = tabledOrigin(a.sourceRef);
      const [tabled] = origin ? await ctx.tx.select().from(minuteItems).where(eq(minuteItems.id, origin)) : [];
      await ctx.tx.insert(minuteItems).values({
        minutesId: m.id,
        meetingId,
        agendaItemId: a.id,
        position: a.position,
        number: a.number,
        title: a.title,
        presenterPersonId: a.presenterPersonId,
        presenterName: a.presenterName,
        internal: a.internal,
        caseId: a.caseId,
        proposal: tabled?.proposal ?? [],
        updatedAt: ctx.now,
      });
    } else if (existing.position !== a.position || existing.number !== a.number || existing.title !== a.title) {
      await ctx.tx.update(minuteItems).set({ position: a.position, number: a.number, title: a.title }).where(eq(minuteItems.id, existing.id));
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
  const kindKey = loaded.minutes.kind === 'protocol' ? 'minutes.kind.protocol' : 'minutes.kind.notes';
  await notifyPersons(
    ctx.tx,
    recipients.map((r) => r.personId),
    KIND.distributed,
    (t, lang) => ({
      title: t('minutes.notice.distributed', { kind: t(kindKey), meeting: meetingLabel(meeting, lang), version: version.number }),
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
  const kind = loaded.minutes.kind === 'protocol' ? 'Protokoll' : 'Minnesanteckningar';
  const publicLink = body.isPublic && loaded.minutes.publishedAt ? `${base}/published/minutes/${meeting.id}` : `${base}${link}`;
  const text = [
    `${kind} från ${body.name} ${formatDate(meeting.startsAt)} (version ${version.number}) är ${version.status === 'approved' ? 'justerat' : 'fastställt'}.`,
    '',
    `Läs dem i Samverka: ${publicLink}`,
    `PDF: ${base}${link}/versions/${version.number}/pdf`,
    '',
    `Kontrollsumma (SHA-256): ${version.sha256}`,
  ].join('\n');
  await enqueueBatch(ctx.tx, [mailItem({ to, subject: `${kind}: ${body.name} ${formatDate(meeting.startsAt)}`, text, dedupeKey: `minutes.distribute:${loaded.minutes.id}:${version.number}` })]);
}
