import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Flash } from './context.js';

const COOKIE = 'flash';

/** Sets a one-time message shown on the next page (post/redirect/get). */
export function setFlash(c: Context, flash: Flash): void {
  setCookie(c, COOKIE, Buffer.from(JSON.stringify(flash)).toString('base64url'), { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: 60 });
}

export function readFlash(c: Context): Flash | undefined {
  const raw = getCookie(c, COOKIE);
  if (!raw) return undefined;
  deleteCookie(c, COOKIE, { path: '/' });
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Flash;
    if (typeof v.message === 'string' && ['success', 'info', 'error'].includes(v.kind)) return { kind: v.kind, message: v.message.slice(0, 500) };
  } catch {
    /* ignore a bad cookie */
  }
  return undefined;
}
