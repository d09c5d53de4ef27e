import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppEnv } from '../http/context.js';
import { keyedError } from '../refusals.js';
import { forbidden } from '../refusals.js';
import { anonymous, type Actor } from './actor.js';
import { lookupSession, sessionLifetime } from './sessions.js';
import { apiTokens, people } from './schema.js';
import { newToken, safeEqual, sha256 } from './tokens.js';
import { API_TOKEN_PREFIX } from './commands/api-tokens.js';
import { addressList, resolveClientAddress } from './addresses.js';
import { renderLoginPage } from './login-view.js';
import { pendingFromRequest } from './pending-form.js';

export const SESSION_COOKIE = 'samverka_session';
export const CSRF_COOKIE = 'samverka_csrf';
export const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'Lax' as const, secure };
}

export function isSecure(c: Context<AppEnv>): boolean {
  return c.get('deps').config.PUBLIC_URL.startsWith('https:');
}

/**
 * Starts a new session in the browser: the session cookie (kept as long as the session may
 * live) and a new CSRF token (rotated with every new session), which this response's forms use.
 */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const secure = isSecure(c);
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(secure), maxAge: c.get('deps').config.SESSION_MAX_HOURS * 3600 });
  const csrf = newToken();
  setCookie(c, CSRF_COOKIE, csrf, cookieOptions(secure));
  c.set('csrfToken', csrf);
}

/**
 * The CSRF token this response's forms repeat. The cookie is set only when a page asks for
 * the token (it has a form) and the browser has none yet: a page without forms sets no cookie.
 */
export function csrfToken(c: Context<AppEnv>): string {
  let token = c.get('csrfToken');
  if (token) return token;
  const sent = getCookie(c, CSRF_COOKIE);
  if (sent && sent.length >= 20) token = sent;
  else {
    token = newToken();
    setCookie(c, CSRF_COOKIE, token, cookieOptions(isSecure(c)));
  }
  c.set('csrfToken', token);
  return token;
}

/** The address of the TCP peer (a proxy, when there is one), if the request came over a socket. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress;
}

/** The client address: the socket's, or from X-Forwarded-For when the socket is a trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  const trusted = addressList(c.get('deps').config.TRUSTED_PROXIES);
  return resolveClientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trusted);
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
      if (!token.startsWith(API_TOKEN_PREFIX)) throw keyedError(401, 'bad-token', 'auth.refused.badToken');
      const rows = await db
        .select({ token: apiTokens, person: people })
        .from(apiTokens)
        .innerJoin(people, eq(people.id, apiTokens.personId))
        .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)))
        .limit(1);
      const row = rows[0];
      if (!row || row.person.status !== 'active') throw keyedError(401, 'bad-token', 'auth.refused.revokedToken');
      await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.token.id));
      actor = { kind: 'person', personId: row.person.id, name: row.person.name, isAdmin: row.person.isAdmin, via: 'token' };
      c.set('person', row.person);
    } else {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) {
        const found = await lookupSession(db, token, new Date(), sessionLifetime(c.get('deps').config));
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
 * Whether a URL (an Origin or a Referer) is this site: PUBLIC_URL's origin, or the host the
 * request was sent to (whatever the scheme: a proxy may end TLS in front of us).
 */
export function isOwnUrl(c: Context<AppEnv>, url: string): boolean {
  let sent: URL;
  try {
    sent = new URL(url);
  } catch {
    return false; // "null" and anything unreadable
  }
  if (sent.origin === 'null') return false;
  return sent.origin === new URL(c.get('deps').config.PUBLIC_URL).origin || sent.host === new URL(c.req.url).host;
}

/**
 * Whether the browser says the request comes from another site: its Origin header (or,
 * without one, its Referer) is not this site. Neither header: not foreign.
 */
function foreignOrigin(c: Context<AppEnv>): boolean {
  const sent = c.req.header('origin') ?? c.req.header('referer');
  return sent !== undefined && !isOwnUrl(c, sent.trim());
}

/**
 * CSRF protection: a random token in an HttpOnly cookie that every form repeats in a hidden
 * field (or the API in a header), and a request whose Origin (or Referer) is another site's is
 * refused. Requests authenticated by a bearer token need none.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const unsafe = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    const bearer = c.req.header('authorization')?.startsWith('Bearer ');
    const api = isApiPath(c.req.path);
    if (unsafe && !bearer) {
      // API calls without a session cookie carry no ambient authority; nothing to forge.
      const needsCheck = !api || getCookie(c, SESSION_COOKIE) !== undefined;
      if (needsCheck) {
        if (foreignOrigin(c)) throw keyedError(403, 'csrf-origin', 'auth.csrfOrigin');
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
          throw keyedError(403, 'csrf', 'auth.csrf');
        }
      }
    }
    await next();
  };
}

/**
 * Pages: send anonymous visitors to the login page; a form posted after the session ended is
 * answered with the login page (401) carrying the form, to be sent again after the login.
 * API: 401 problem.
 */
export const requireLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('actor').kind !== 'person') {
    if (isApiPath(c.req.path)) throw keyedError(401, 'unauthenticated', 'auth.refused.unauthenticated');
    if (c.req.method === 'POST') return renderLoginPage(c, { status: 401, pending: await pendingFromRequest(c) });
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  await next();
};

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.get('actor');
  if (actor.kind !== 'person') return requireLogin(c, next);
  if (!actor.isAdmin) forbidden('error.forbidden.detail');
  await next();
};
