import { inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { isAdmin, type Actor } from '../../platform/auth/actor.js';
import { people } from '../../platform/auth/schema.js';
import type { DbOrTx } from '../../platform/db/client.js';
import type { Composition, Holder } from './composition.js';
import { today, type Day } from '../../platform/days.js';

/*
 * Whose e-mail address a reader may see. The one rule, used by the people directory (page
 * and API), the person page, a body's composition (page, API, members CSV) and member lists:
 *
 *   an administrator sees every address; a person sees their own, and that of anyone who
 *   has an engagement (active or starting later) in a body where the reader has an active
 *   engagement today.
 *
 * Sharing a body covers managing it: the chair, vice chair, secretary and process leader
 * of a body sit in it, so they see the addresses of its members. Everyone else (another
 * structure, another body, anonymous visitors) sees none.
 */

/** SQL: true when the reader may see the e-mail address of the person whose id is `personId`. */
function mayReadEmailSql(reader: Actor, personId: SQL | AnyColumn, on: Day = today()): SQL<boolean> {
  if (isAdmin(reader)) return sql<boolean>`true`;
  if (reader.kind !== 'person') return sql<boolean>`false`;
  return sql<boolean>`(${personId} = ${reader.personId} or exists (
    select 1 from memberships mine join memberships theirs on theirs.body_id = mine.body_id
    where mine.person_id = ${reader.personId} and mine.start_on <= ${on} and (mine.end_on is null or mine.end_on >= ${on})
      and theirs.person_id = ${personId} and (theirs.end_on is null or theirs.end_on >= ${on})))`;
}

/** SQL: the person's e-mail address when the reader may see it, else null. */
export function visibleEmailSql(reader: Actor, on: Day = today()): SQL<string | null> {
  return sql<string | null>`case when ${mayReadEmailSql(reader, people.id, on)} then ${people.email} end`;
}

/** The ids among `personIds` whose addresses the reader may see (one query). */
export async function readableEmailsOf(db: DbOrTx, reader: Actor, personIds: readonly string[], on: Day = today()): Promise<Set<string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0 || reader.kind === 'anonymous') return new Set();
  if (isAdmin(reader)) return new Set(ids);
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(sql`${inArray(people.id, ids)} and ${mayReadEmailSql(reader, people.id, on)}`);
  return new Set(rows.map((r) => r.id));
}

/** A composition with the addresses the reader may not see set to null (one query). */
export async function compositionForReader(db: DbOrTx, reader: Actor, comp: Composition): Promise<Composition> {
  const holders = [...comp.groups.flatMap((g) => g.seats.flatMap((s) => [...s.holders, ...s.substitutes])), ...comp.withoutSeat];
  const readable = await readableEmailsOf(
    db,
    reader,
    holders.filter((h) => h.email).map((h) => h.personId),
  );
  const hide = (h: Holder): Holder => (h.email && !readable.has(h.personId) ? { ...h, email: null } : h);
  return {
    ...comp,
    groups: comp.groups.map((g) => ({ ...g, seats: g.seats.map((s) => ({ ...s, holders: s.holders.map(hide), substitutes: s.substitutes.map(hide) })) })),
    withoutSeat: comp.withoutSeat.map(hide),
  };
}
