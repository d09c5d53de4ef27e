/*
 * Item numbers of a meeting, written once for the agenda and the minutes: items form a tree
 * (main items, their sub-items, and so on), each sibling group ordered by position. Every
 * item gets a shown number that no other item of the meeting shares.
 */

/** What numbering needs of an agenda or minutes item. */
export interface NumberedItem {
  id: string;
  /** The item this one is a sub-item of; null for a main item. */
  parentId: string | null;
  /** Order among the items with the same parent. */
  position: number;
  /** A number typed by the secretary ("4 a"); null for an automatic one. */
  number: string | null;
}

/** A typed number as shown: trimmed, white space collapsed, without a trailing full stop. */
export function cleanNumber(typed: string | null | undefined): string | null {
  const s = (typed ?? '').replace(/\s+/g, ' ').trim().replace(/\.+$/, '').trim();
  return s || null;
}

/** The form two numbers are compared in ("2 A." is the same number as "2 a"). */
const key = (n: string) => n.toLowerCase();

/**
 * The items in tree order: each main item followed by its sub-items (depth first), siblings
 * by position. An item whose parent is not in the list is taken as a main item.
 */
export function treeOrder<I extends NumberedItem>(items: readonly I[]): I[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, I[]>();
  for (const item of items) {
    const parent = item.parentId && ids.has(item.parentId) && item.parentId !== item.id ? item.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: I[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null) => {
    for (const item of children.get(parent) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
      walk(item.id);
    }
  };
  walk(null);
  // Items in a cycle of parents (never written by the commands) still get a place.
  for (const item of items) if (!seen.has(item.id)) out.push(item);
  return out;
}

/** How deep an item is: 0 for a main item, 1 for its sub-items, and so on. */
export function depthOf(items: readonly Pick<NumberedItem, 'id' | 'parentId'>[], id: string): number {
  const byId = new Map(items.map((i) => [i.id, i]));
  let depth = 0;
  let current = byId.get(id);
  const seen = new Set<string>();
  while (current?.parentId && byId.has(current.parentId) && !seen.has(current.id)) {
    seen.add(current.id);
    depth++;
    current = byId.get(current.parentId);
  }
  return depth;
}

/**
 * The shown number of every item of one meeting, by item id: main items 1, 2, 3 …, sub-items
 * 2.1, 2.2, deeper ones 2.5.1. A number typed by the secretary is kept when no item before it
 * (in tree order) typed the same one; an automatic number is the item's place among its
 * siblings (parent's number as prefix), moved on past any number that is typed elsewhere or
 * given before it ("1", "2", "4 a", "4"). No two items ever share a shown number. Numbers
 * carry no trailing full stop.
 */
export function itemNumbers(items: readonly NumberedItem[]): Map<string, string> {
  const ordered = treeOrder(items);
  const typed = new Map<string, string>();
  const taken = new Set<string>();
  for (const item of ordered) {
    const n = cleanNumber(item.number);
    if (n && !taken.has(key(n))) {
      taken.add(key(n));
      typed.set(item.id, n);
    }
  }
  const shown = new Map<string, string>();
  const counters = new Map<string | null, number>();
  const ids = new Set(items.map((i) => i.id));
  const index = new Map<string | null, number>();
  for (const item of ordered) {
    const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
    const own = typed.get(item.id);
    if (own) {
      shown.set(item.id, own);
      index.set(parent, (index.get(parent) ?? 0) + 1);
      continue;
    }
    const prefix = parent ? `${shown.get(parent) ?? '?'}.` : '';
    // The item's place among its siblings, never below the number before it.
    const place = (index.get(parent) ?? 0) + 1;
    let k = Math.max(place, (counters.get(parent) ?? 0) + 1);
    let candidate = `${prefix}${k}`;
    while (taken.has(key(candidate))) candidate = `${prefix}${++k}`;
    counters.set(parent, k);
    taken.add(key(candidate));
    shown.set(item.id, candidate);
    index.set(parent, place);
  }
  return shown;
}

/**
 * The item whose shown number a typed number would take: another item that typed it, or
 * whose automatic number it is. `item` is the item being saved (a new one has no id yet).
 * Null when the number is free (or none is typed).
 */
export function numberConflict<I extends NumberedItem>(items: readonly I[], item: { id?: string | undefined; number: string | null | undefined }): { item: I; number: string } | null {
  const wanted = cleanNumber(item.number);
  if (!wanted) return null;
  const others = items.filter((i) => i.id !== item.id);
  const typedBy = treeOrder(others).find((i) => {
    const n = cleanNumber(i.number);
    return n !== null && key(n) === key(wanted);
  });
  if (typedBy) return { item: typedBy, number: cleanNumber(typedBy.number)! };
  const current = items.map((i) => (i.id === item.id ? { ...i, number: null } : i));
  const shown = itemNumbers(current);
  const holder = others.find((i) => key(shown.get(i.id) ?? '') === key(wanted));
  return holder ? { item: holder, number: shown.get(holder.id)! } : null;
}

/** The ids of an item's sub-items, at any depth. */
export function descendantsOf(items: readonly Pick<NumberedItem, 'id' | 'parentId'>[], id: string): Set<string> {
  const out = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next = items.filter((i) => i.parentId && frontier.includes(i.parentId) && !out.has(i.id)).map((i) => i.id);
    next.forEach((n) => out.add(n));
    frontier = next;
  }
  return out;
}
