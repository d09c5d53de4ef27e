import { z } from 'zod';
import { parseAddressList } from './platform/auth/addresses.js';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

/** A comma-separated list of IP addresses and CIDR ranges; each bad entry is named. */
const addressListSetting = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .superRefine((v, ctx) => {
        try {
          parseAddressList(v);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
  );

const configFields = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  SEED_DEMO: z.preprocess(emptyToUndefined, z.enum(['0', '1']).optional()),
  /** Base URL of links in mail and calendars. Empty: this server's own address (see publicUrlDefault). */
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  /** OpenID Connect: issuer URL, client, scopes and which claims hold e-mail and name. */
  OIDC_ISSUER: z.preprocess(emptyToUndefined, z.string().url().optional()),
  OIDC_CLIENT_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  OIDC_CLIENT_SECRET: z.preprocess(emptyToUndefined, z.string().optional()),
  OIDC_SCOPES: z.preprocess(emptyToUndefined, z.string().default('openid email profile')),
  OIDC_EMAIL_CLAIM: z.preprocess(emptyToUndefined, z.string().default('email')),
  OIDC_NAME_CLAIM: z.preprocess(emptyToUndefined, z.string().default('name')),
  /** First administrator, created at start when no administrator exists. */
  ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.string().email().optional()),
  ADMIN_PASSWORD: z.preprocess(emptyToUndefined, z.string().min(10).optional()),
  ADMIN_NAME: z.preprocess(emptyToUndefined, z.string().default('Administratör')),
  NODE_ENV: z.preprocess(emptyToUndefined, z.string().default('development')),
  /** smtp:// or smtps:// URL of the mail server; without it mail is only kept in the database. */
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\//i.test(v), 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().min(3).default('Samverka <noreply@samverka.local>')),
  /** How often the background worker looks for due jobs, in milliseconds. */
  WORKER_INTERVAL_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(50).max(3_600_000).default(2000)),
  /** Proxies whose X-Forwarded-For is believed: addresses and CIDR ranges, comma-separated. Empty: none. */
  TRUSTED_PROXIES: addressListSetting(''),
  /** Who may read /metrics without METRICS_TOKEN: addresses and CIDR ranges. Default: loopback only. */
  METRICS_ALLOW: addressListSetting('127.0.0.0/8, ::1'),
  /** A bearer token that opens /metrics from any address. */
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** A session ends after this many minutes without a request, and this many hours after login. */
  SESSION_IDLE_MINUTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
  ),
  SESSION_MAX_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
  ),
});

/** The settings, with PUBLIC_URL following HOST and PORT unless it is set. */
export const configSchema = configFields.transform(({ PUBLIC_URL, ...rest }) => ({ ...rest, PUBLIC_URL: PUBLIC_URL ?? publicUrlDefault(rest.HOST, rest.PORT) }));

export type Config = z.infer<typeof configSchema>;

/** Hosts that mean "every interface": a browser cannot open them, so links use localhost. */
const ANY_HOST = new Set(['', '0.0.0.0', '::', '[::]', '*']);

/**
 * The address a browser on this machine reaches the server at: the host it listens on
 * (localhost when it listens on every interface) and its port.
 */
export function publicUrlDefault(host: string, port: number): string {
  const h = host.trim();
  const name = ANY_HOST.has(h) ? 'localhost' : h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
  return `http://${name}:${port}`;
}

/** Reads and validates the configuration; exits with a readable message on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
