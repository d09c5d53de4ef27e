import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import type { Lang } from '../i18n/index.js';
import { pageOf, PAGE_SIZE, type Paged } from '../http/paging.js';
import { notificationKinds } from './kinds.js';
import { notificationPreferences, notifications, type Delivery, type Notification } from './schema.js';

/** A person's notifications, newest first, paged. */
export async function listNotifications(db: DbOrTx, personId: string, page = 1, pageSize = PAGE_SIZE): Promise<Paged<Notification>> {
  const mine = eq(notifications.personId, personId);
  const items = await db
    .select()
    .from(notifications)
    .where(mine)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await db.select({ n: count() }).from(notifications).where(mine);
  return pageOf(items, page, total?.n ?? 0, pageSize);
}

/** How many of a person's notifications are unread. */
export async function unreadCount(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.personId, personId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The choices a person has saved, by kind (kinds without a row use their default). */
export async function savedPreferences(db: DbOrTx, personId: string): Promise<Map<string, Delivery>> {
  const rows = await db.select({ kind: notificationPreferences.kind, delivery: notificationPreferences.delivery }).from(notificationPreferences).where(eq(notificationPreferences.personId, personId));
  return new Map(rows.map((r) => [r.kind, r.delivery]));
}

interface EffectivePreference {
  kind: string;
  label: string;
  delivery: Delivery;
  defaultDelivery: Delivery;
  /** True when the person has chosen (false: the default applies). */
  chosen: boolean;
}

/** For every registered kind: what applies to the person, and the kind's default. */
export async function effectivePreferences(db: DbOrTx, personId: string, lang: Lang): Promise<EffectivePreference[]> {
  const saved = await savedPreferences(db, personId);
  return notificationKinds().map((k) => ({
    kind: k.kind,
    label: k.label[lang],
    delivery: saved.get(k.kind) ?? k.defaultDelivery,
    defaultDelivery: k.defaultDelivery,
    chosen: saved.has(k.kind),
  }));
}
