import { asc, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { DbOrTx } from '../../platform/db/client.js';
import type { AppEnv } from '../../platform/http/context.js';
import { perRequest } from '../../platform/http/per-request.js';
import type { Lang } from '../../platform/i18n/index.js';
import { principalKindsTable, type PrincipalKindRow } from './schema.js';

/*
 * Principal kinds are data (principal_kinds): the three built-in ones the migration seeds
 * (region, municipality, other) and any an administrator adds ("Privat utförare"). Wherever a
 * kind is shown, its name comes from the table in the reader's language.
 */

/** A kind's names in both languages: a message parameter shown in the reader's language. */
export type KindText = Readonly<Record<Lang, string>>;

/** Every principal kind, in the administrator's order. */
export async function listPrincipalKinds(db: DbOrTx): Promise<PrincipalKindRow[]> {
  return db.select().from(principalKindsTable).orderBy(asc(principalKindsTable.position), asc(principalKindsTable.key));
}

/** One principal kind by key (undefined when there is none). */
export async function principalKindByKey(db: DbOrTx, key: string): Promise<PrincipalKindRow | undefined> {
  const [row] = await db.select().from(principalKindsTable).where(eq(principalKindsTable.key, key));
  return row;
}

/** The kinds by key, loaded once per request. */
export function principalKindsOf(c: Context<AppEnv>): Promise<PrincipalKindRow[]> {
  return perRequest(c, 'structure.principalKinds', () => listPrincipalKinds(c.get('deps').database.db));
}

/** A kind's name in a language; the key itself when the kind is not known. */
export function kindName(kinds: readonly PrincipalKindRow[], key: string | null | undefined, lang: Lang): string {
  if (!key) return '';
  const row = kinds.find((k) => k.key === key);
  if (!row) return key;
  return lang === 'en' ? row.nameEn : row.nameSv;
}

/** A kind's names as a message parameter (the key itself when the kind is not known). */
export function kindText(kinds: readonly PrincipalKindRow[], key: string): KindText {
  const row = kinds.find((k) => k.key === key);
  return row ? { sv: row.nameSv, en: row.nameEn } : { sv: key, en: key };
}

/** Select options for a kind field, in the reader's language. */
export function kindOptions(kinds: readonly PrincipalKindRow[], lang: Lang): { value: string; label: string }[] {
  return kinds.map((k) => ({ value: k.key, label: lang === 'en' ? k.nameEn : k.nameSv }));
}
