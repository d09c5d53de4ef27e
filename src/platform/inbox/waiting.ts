import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Lang } from '../i18n/index.js';
import { isRelativeLink } from './notify.js';
import { addTo, extensionPoint, installed } from '../registry.js';

/** Something that waits for a person: a deadline, an approval, an action, a report due. */
export interface WaitingItem {
  /** What kind of thing it is, e.g. 'agenda.deadline', 'cases.approval'. */
  kind: string;
  title: string;
  /** When it must be done, if there is a date. */
  due?: Date | undefined;
  /** Relative URL of the page where the person does it. */
  link: string;
}

export interface WaitingContext {
  db: Db;
  personId: string;
  now: Date;
  /** The language of the titles; Swedish unless given. */
  lang?: Lang | undefined;
}

export type WaitingSource = (ctx: WaitingContext) => Promise<WaitingItem[]>;

/**
 * Extension point for "what needs me": a module lists (in its manifest's waitingSources) a
 * function that lists what waits for one person.
 */
export const WAITING_SOURCES = extensionPoint<WaitingSource>('platform.waitingSources');

/** Adds a source to the installed registry (tests); returns a function that removes it again. */
export function registerWaitingSource(source: WaitingSource): () => void {
  return addTo(WAITING_SOURCES, source);
}

/** Earliest due first; items without a date after those with one; then by title. */
function compareWaiting(a: WaitingItem, b: WaitingItem): number {
  const da = a.due?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.due?.getTime() ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  return a.title.localeCompare(b.title, 'sv');
}

/**
 * Everything waiting for the person from every registered source, sorted by due date.
 * A source that fails is logged and left out, so that one module cannot break the home page;
 * items whose link is not a local path are left out too.
 */
export async function collectWaiting(ctx: WaitingContext, logger?: Logger): Promise<WaitingItem[]> {
  const results = await Promise.allSettled(
    installed()
      .all(WAITING_SOURCES)
      .map((source) => source(ctx)),
  );
  const items: WaitingItem[] = [];
  for (const result of results) {
    if (result.status === 'rejected') {
      logger?.error({ err: result.reason, personId: ctx.personId }, 'a waiting source failed');
      continue;
    }
    for (const item of result.value) {
      if (isRelativeLink(item.link)) items.push(item);
      else logger?.warn({ kind: item.kind, link: item.link }, 'waiting item with a link that is not a local path left out');
    }
  }
  return items.sort(compareWaiting);
}
