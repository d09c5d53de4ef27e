import type { Context } from 'hono';

const memos = new WeakMap<Context, Map<string, Promise<unknown>>>();

/**
 * Loads a value once per reading request: a page and its surrounding navigation that need the
 * same thing (a body and the visitor's roles on it) share one load. Only GET and HEAD are
 * memoised: a request that changes data may read it again after the change and must see it.
 */
export function perRequest<T>(c: Context, key: string, load: () => Promise<T>): Promise<T> {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return load();
  let memo = memos.get(c);
  if (!memo) memos.set(c, (memo = new Map()));
  let found = memo.get(key) as Promise<T> | undefined;
  if (!found) memo.set(key, (found = load()));
  return found;
}
