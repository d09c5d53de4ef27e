import type { Context, MiddlewareHandler } from 'hono';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { AppEnv } from './context.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './idempotency-schema.js';

/**
 * A double click, a browser's resend or an API client's retry carries out a request once.
 * Every form carries a fresh key in its hidden `_idem` field (see `CsrfInput`); API clients
 * may send an `Idempotency-Key` header. The first request with a key claims it; a repeat
 * waits for the first to finish and gets its result: the same redirect for a form, the same
 * status and JSON for the API. A first request that failed (4xx/5xx) releases its key, so
 * correcting and resending works. A key used again for another request is refused (422).
 * Pages that answer with a secret (a new API token) set `noReplay`: a repeat then gets 409.
 * Background saves by htmx (autosaved drafts, which post the same form again and again) are
 * idempotent by themselves and keep no key.
 */

export const IDEMPOTENCY_FIELD = '_idem';
const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;
const MAX_STORED_BODY = 256 * 1024;
const WAIT_MS = 60_000;
const POLL_MS = 100;
const KEEP = sql`interval '24 hours'`;

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
const unsafe = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';

async function keyOf(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header(IDEMPOTENCY_HEADER);
  if (header !== undefined) return header;
  if (isApiPath(c.req.path)) return undefined;
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return undefined;
  const value = (await c.req.parseBody())[IDEMPOTENCY_FIELD];
  return typeof value === 'string' && value ? value : undefined;
}

type Stored = typeof idempotencyKeys.$inferSelect;

function replay(c: Context<AppEnv>, row: Stored): Response {
  const t = c.get('t');
  if (row.location) return c.redirect(row.location, (row.status ?? 303) as 303);
  if (row.body) {
    return new Response(new Uint8Array(row.body), { status: row.status ?? 200, headers: { 'content-type': row.contentType ?? 'application/json', 'idempotent-replayed': 'true' } });
  }
  throw new AppError(409, 'already-done', t('request.alreadyDone'));
}

let claims = 0;

export function idempotency(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!unsafe(c.req.method) || actor.kind !== 'person' || c.req.header('hx-request')) return next();
    const key = await keyOf(c);
    if (key === undefined) return next();
    const t = c.get('t');
    if (!KEY_PATTERN.test(key)) throw new AppError(400, 'bad-idempotency-key', t('request.badIdempotencyKey'));
    const db = c.get('deps').database.db;
    const personId = actor.personId;
    const method = c.req.method;
    const path = c.req.path;

    if (++claims % 500 === 0) await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - ${KEEP}`));

    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const claimed = await db.insert(idempotencyKeys).values({ personId, key, method, path }).onConflictDoNothing().returning({ key: idempotencyKeys.key });
      if (claimed.length) break;
      const [row] = await db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key)));
      if (!row) continue; // the first request failed and let go of the key: carry this one out
      if (row.method !== method || row.path !== path) throw new AppError(422, 'idempotency-key-reused', t('request.idempotencyKeyReused'));
      if (row.status !== null) return replay(c, row);
      if (Date.now() > deadline) throw new AppError(409, 'in-progress', t('request.inProgress'));
      await new Promise((r) => setTimeout(r, POLL_MS));
    }

    const where = and(eq(idempotencyKeys.personId, personId), eq(idempotencyKeys.key, key));
    let ok = false;
    try {
      await next();
      ok = c.res.status < 400 && !c.error;
    } finally {
      if (!ok) await db.delete(idempotencyKeys).where(where);
    }
    const res = c.res;
    const location = res.headers.get('location');
    const contentType = res.headers.get('content-type');
    let body: Buffer | null = null;
    if (!location && !c.get('noReplay') && isApiPath(path) && contentType?.includes('json')) {
      const bytes = Buffer.from(await res.clone().arrayBuffer());
      if (bytes.length <= MAX_STORED_BODY) body = bytes;
    }
    await db.update(idempotencyKeys).set({ status: res.status, location, contentType, body, completedAt: new Date() }).where(where);
  };
}
