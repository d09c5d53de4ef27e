import { actorId } from '../../platform/auth/actor.js';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { enqueueBatch, mailItem } from '../../platform/outbox/outbox.js';
import { absoluteUrl, mailLang, notify, subjectLine } from '../../platform/inbox/notify.js';
import { people } from '../../platform/auth/schema.js';
import { translator, type Lang, type Translate } from '../../platform/i18n/index.js';
import { organisations, principals, structurePrincipals } from '../structure/schema.js';
import type { CaseCtx } from './commands/common.js';
import { caseNotices, type Case, type CaseNotice, type NoticeKind } from './schema.js';

/** A principal of the structure and every address its distribution lists hold. */
interface PrincipalList {
  principalId: string;
  name: string;
  /** The principal kind's key (structure's principal_kinds). */
  kind: string;
  /** The principal's own list and those of its organisations (health centres, units), deduplicated. */
  emails: string[];
}

/** Every principal of a structure with the addresses of its and its organisations' lists. */
export async function principalLists(db: DbOrTx, structureId: string): Promise<PrincipalList[]> {
  const ps = await db
    .select({ id: principals.id, name: principals.name, kind: principals.kind, list: principals.distributionList })
    .from(structurePrincipals)
    .innerJoin(principals, eq(principals.id, structurePrincipals.principalId))
    .where(eq(structurePrincipals.structureId, structureId))
    .orderBy(asc(principals.sortKey), asc(principals.id));
  if (ps.length === 0) return [];
  const orgs = await db
    .select({ principalId: organisations.principalId, list: organisations.distributionList })
    .from(organisations)
    .where(
      inArray(
        organisations.principalId,
        ps.map((p) => p.id),
      ),
    );
  return ps.map((p) => {
    const emails = new Set(p.list.map((e) => e.trim().toLowerCase()).filter(Boolean));
    for (const o of orgs) if (o.principalId === p.id) for (const e of o.list) if (e.trim()) emails.add(e.trim().toLowerCase());
    return { principalId: p.id, name: p.name, kind: p.kind, emails: [...emails].sort() };
  });
}

interface NoticeResult {
  batchId: string;
  sentAt: Date;
  notices: CaseNotice[];
  /** Principals without any address (nothing could be sent to them). */
  unreachable: PrincipalList[];
}

/**
 * One notice to every principal's distribution lists in one outbox batch: the mails share
 * one batch id and one timestamp, so municipalities and health centres are informed at the
 * same time. One mail per principal, to all its addresses; one notice row per principal.
 */
export async function sendToPrincipals(ctx: CaseCtx, kase: Case, input: { kind: NoticeKind; subject: string; text: string; lists?: PrincipalList[] }): Promise<NoticeResult> {
  const lists = input.lists ?? (await principalLists(ctx.tx, kase.structureId));
  const reachable = lists.filter((l) => l.emails.length > 0);
  const link = absoluteUrl(`/cases/${kase.id}`, ctx.config.PUBLIC_URL);
  const subject = subjectLine(input.subject);
  const text = `${input.text.trim()}\n\n${link}`;
  const { batchId, rows } = await enqueueBatch(
    ctx.tx,
    reachable.map((l) => mailItem({ to: l.emails, subject, text })),
  );
  const sentAt = rows[0]?.createdAt ?? ctx.now;
  const notices = reachable.length
    ? await ctx.tx
        .insert(caseNotices)
        .values(
          reachable.map((l) => ({
            caseId: kase.id,
            kind: input.kind,
            principalId: l.principalId,
            recipients: l.emails,
            subject,
            text: input.text.trim(),
            batchId,
            sentAt,
            sentBy: actorId(ctx.actor),
          })),
        )
        .returning()
    : [];
  for (const n of notices) await ctx.audit({ objectType: 'case_notice', objectId: n.id, after: n });
  return { batchId, sentAt, notices, unreachable: lists.filter((l) => l.emails.length === 0) };
}

/** The notices of a case, newest first. */
export function noticesOf(db: DbOrTx, caseId: string, kind?: NoticeKind) {
  return db
    .select({ notice: caseNotices, principalName: principals.name })
    .from(caseNotices)
    .leftJoin(principals, eq(principals.id, caseNotices.principalId))
    .where(and(eq(caseNotices.caseId, caseId), kind ? eq(caseNotices.kind, kind) : undefined))
    .orderBy(asc(caseNotices.sentAt), asc(principals.sortKey));
}

/**
 * Notifies people about a case in their own language (`people.language`, Swedish when not
 * set): one notify() per language, the text written by key.
 */
export async function notifyAboutCase(
  tx: DbOrTx,
  personIds: readonly string[],
  input: { kind: string; caseId: string; link: string; text: (t: Translate, lang: Lang) => { title: string; body?: string } },
  options: { now?: Date | undefined; publicUrl: string },
): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const rows = await tx.select({ id: people.id, language: people.language }).from(people).where(inArray(people.id, ids));
  const byLang = new Map<Lang, string[]>();
  for (const r of rows) {
    const lang = mailLang(r.language);
    byLang.set(lang, [...(byLang.get(lang) ?? []), r.id]);
  }
  for (const [lang, ids] of byLang) {
    const { title, body } = input.text(translator(lang), lang);
    await notify(tx, { personIds: ids, kind: input.kind, title, body, link: input.link, objectType: 'case', objectId: input.caseId }, { now: options.now, publicUrl: options.publicUrl });
  }
}
