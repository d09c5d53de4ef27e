import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { addressList } from './addresses.js';
import { clientIp } from './middleware.js';
import { safeEqual } from './tokens.js';

/**
 * Whether a request may read /metrics: it carries `Authorization: Bearer <METRICS_TOKEN>`,
 * or the client's address (through trusted proxies, as for logins) is in METRICS_ALLOW.
 */
export function metricsAllowed(c: Context<AppEnv>): boolean {
  const { METRICS_TOKEN, METRICS_ALLOW } = c.get('deps').config;
  const auth = c.req.header('authorization');
  if (METRICS_TOKEN && auth?.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), METRICS_TOKEN)) return true;
  return addressList(METRICS_ALLOW).has(clientIp(c));
}
