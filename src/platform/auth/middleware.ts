import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppEnv } from '../http/context.js';
import { AppError, ForbiddenError } from '../http/errors.js';
import { anonymous, type Actor } from './actor.js';
import { lookupSession } from './sessions.js';
import { apiTokens, people } from './schema.js';
import { newToken, safeEqual, sha256 } from './tokens.js';
import { API_TOKEN_PREFIX } from './commands/api-tokens.js';

export const SESSION_COOKIE = 'samverka_session';
export const CSRF_COOKIE = 'samverka_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure };
}

export function isSecure(c: Context<AppEnv>): boolean {
  return c.get('deps').config.PUBLIC_URL.startsWith('https:');
}

/** The client address (the socket's, or the first forwarded one when behind a proxy). */
export function clientIp(c: Context): string {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Resolves who is asking: a bearer API token, or a session cookie. */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const db = c.get('deps').database.db;
    let actor: Actor = anonymous;
    c.set('person', undefined);
    c.set('sessionId', undefined);
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      if (!token.startsWith(API_TOKEN_PREFIX)) throw new AppError(401, 'bad-token', 'Invalid API token.');
      const rows = await db
        .select({ token: apiTokens, person: people })
        .from(apiTokens)
        .innerJoin(people, eq(people.id, apiTokens.personId))
        .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
        .limit(1);
      const row = rows[0];
      if (!row || row.person.status !== 'active') throw new AppError(401, 'bad-token', 'Invalid or revoked API token.');
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
      actor = { kind: 'person', personId: row.person.id, name: row.person.name, isAdmin: row.person.isAdmin, via: 'token' };
      c.set('person', row.person);
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const found = await lookupSession(db, token);
        if (found) {
          actor = { kind: 'person', personId: found.person.id, name: found.person.name, isAdmin: found.person.isAdmin, via: 'session' };
          c.set('person', found.person);
          c.set('sessionId', found.sessionId);
        }
      }
    }
    c.set('actor', actor);
    await next();
  };
}

/**
 * CSRF protection: a random token in an HttpOnly cookie that every form repeats in a hidden
 * field (or the API in a header). Requests authenticated by a bearer token need none.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE);
    if (!token || token.length < 20) {
      token = newToken();
      setCookie(c, CSRF_COOKIE, token, cookieOptions(isSecure(c)));
    }
    c.set('csrfToken', token);
    const method = c.req.method;
    const unsafe = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    const bearer = c.req.header('authorization')?.startsWith('Bearer ');
    const api = isApiPath(c.req.path);
    if (unsafe && !bearer) {
      // API calls without a session cookie carry no ambient authority; nothing to forge.
      const needsCheck = !api || getCookie(c, SESSION_COOKIE) !== undefined;
      if (needsCheck) {
        let sent = c.req.header(CSRF_HEADER);
        if (!sent && !api) {
          const type = c.req.header('content-type') ?? '';
          if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
            const body = await c.req.parseBody();
            const v = body[CSRF_FIELD];
            sent = typeof v === 'string' ? v : undefined;
          }
        }
        if (!sent || !safeEqual(sent, getCookie(c, CSRF_COOKIE) ?? '')) {
          throw new AppError(403, 'csrf', c.get('t')('auth.csrf'));
        }
      }
    }
    await next();
  };
}

/** Pages: send anonymous visitors to the login page. API: 401 problem. */
export const requireLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('actor').kind !== 'person') {
    if (isApiPath(c.req.path)) throw new AppError(401, 'unauthenticated', 'Log in or send a personal API token (Authorization: Bearer …).');
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  await next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  if (actor.kind !== 'person') return requireLogin(c, next);
  if (!actor.isAdmin) throw new ForbiddenError();
  await next();
};

