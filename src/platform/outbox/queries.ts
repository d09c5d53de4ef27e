import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { pageOf, PAGE_SIZE, type Paged } from '../http/paging.js';
import { mailMessages, outbox, type MailMessage, type OutboxRow } from './schema.js';

type MailSummary = Pick<MailMessage, 'id' | 'to' | 'subject' | 'transport' | 'createdAt' | 'sentAt'>;

/** Kept and sent mail, newest first, paged. */
export async function listMail(db: DbOrTx, page = 1, pageSize = PAGE_SIZE): Promise<Paged<MailSummary>> {
  const [items, totals] = await Promise.all([
    db
      .select({
        id: mailMessages.id,
        to: mailMessages.to,
        subject: mailMessages.subject,
        transport: mailMessages.transport,
        createdAt: mailMessages.createdAt,
        sentAt: mailMessages.sentAt,
      })
      .from(mailMessages)
      .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(mailMessages),
  ]);
  return pageOf(items, page, totals[0]?.n ?? 0, pageSize);
}

export async function getMail(db: DbOrTx, id: string): Promise<MailMessage | undefined> {
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  return row;
}

const openStatuses = ['pending', 'processing', 'dead'] as const;

/** Rows still waiting or running, and those that failed for good, oldest first. */
export async function listOpenOutbox(db: DbOrTx, page = 1, pageSize = PAGE_SIZE): Promise<Paged<OutboxRow>> {
  const open = inArray(outbox.status, [...openStatuses]);
  const [items, totals] = await Promise.all([
    db
      .select()
      .from(outbox)
      .where(open)
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(outbox).where(open),
  ]);
  return pageOf(items, page, totals[0]?.n ?? 0, pageSize);
}
