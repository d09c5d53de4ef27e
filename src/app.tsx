import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { randomUUID } from 'node:crypto';
import { loggablePath } from './platform/http/log-path.js';
import type { AppDeps, AppEnv } from './platform/http/context.js';
import { AppError, fieldErrorsIn, messageIn } from './platform/http/errors.js';
import { problem } from './platform/http/problem.js';
import { databaseUnavailable } from './platform/http/unavailable.js';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, unavailableReason } from './platform/db/unavailable.js';
import { nodeResponse, securityHeaders } from './platform/http/security.js';
import { DEFAULT_BODY_BYTES, requestGuard } from './platform/http/request-guard.js';
import { idempotency } from './platform/http/idempotency.js';
import { MAX_ATTACHMENT_BYTES } from './modules/meetings/index.js';
import { mountStatic } from './platform/http/static.js';
import { createMetrics } from './platform/http/metrics.js';
import { openApiDocument } from './platform/http/api.js';
import { renderPage } from './platform/http/render.js';
import { safeLocalPath } from './platform/http/redirect.js';
import { defaultLang, isLang, translator } from './platform/i18n/index.js';
import { readFlash } from './platform/http/flash.js';
import { homePage } from './platform/views/home.js';
import { authenticate, csrf, requireAdmin } from './platform/auth/middleware.js';
import { metricsAllowed } from './platform/auth/metrics-access.js';
import { authPages } from './platform/auth/pages.js';
import { oidcPages } from './platform/auth/oidc-pages.js';
import { accountPages } from './platform/auth/account-pages.js';
import { adminPages } from './platform/auth/admin-pages.js';
import { authApi } from './platform/auth/api.js';
import { mountOutboxAdmin } from './platform/outbox/admin-pages.js';
import { inboxApi, inboxPages } from './platform/inbox/index.js';
import { ROUTES } from './platform/modules.js';
import { install } from './platform/registry.js';

const APP_VERSION = '0.1.0';

/** Requests that may carry files: attachments (also as base64 JSON) and CSV imports. */
const UPLOAD_PATHS = [/^\/(api\/)?bodies\/[^/]+\/import$/, /^\/meetings\/[^/]+\/(agenda\/items|attachments|submit)$/, /^\/api\/meetings\/[^/]+\/(items|attachments|submissions)$/];
/** Up to four attachments of the largest size in one request, as base64 JSON. */
const UPLOAD_BYTES = Math.ceil((MAX_ATTACHMENT_BYTES * 4 * 4) / 3);

function isApi(c: Context) {
  return c.req.path === '/api' || c.req.path.startsWith('/api/');
}

/** Builds the whole application: platform middleware, then each module's pages and API. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  // The modules, composed once per process by the root (src/modules.ts) and handed over here.
  const registry = install(deps.registry);
  const app = new Hono<AppEnv>();
  const metrics = createMetrics();
  const https = deps.config.PUBLIC_URL.startsWith('https:');

  const debug = deps.logger.isLevelEnabled('debug');
  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('deps', deps);
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('requestId', requestId);
    const node = nodeResponse(c);
    node?.setHeader('x-request-id', requestId);
    const fromCookie = getCookie(c, 'lang');
    const lang = isLang(fromCookie) ? fromCookie : defaultLang;
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.set('flash', readFlash(c));
    await next();
    if (!node) c.res.headers.set('x-request-id', requestId);
    if (debug) deps.logger.debug({ req: { method: c.req.method, path: loggablePath(c.req.path) }, status: c.res.status, ms: Math.round(performance.now() - started), requestId }, 'request');
  });
  app.use('*', metrics.middleware);
  app.use('*', securityHeaders({ https }));
  app.use('*', requestGuard({ defaultBytes: DEFAULT_BODY_BYTES, uploadBytes: UPLOAD_BYTES, uploadPaths: UPLOAD_PATHS }));

  // Before authentication: its bearer token is METRICS_TOKEN, not a personal API token.
  app.get('/metrics', async (c) => {
    if (!metricsAllowed(c)) return problem(c, 403, 'forbidden', 'Forbidden', 'Metrics are served to the addresses in METRICS_ALLOW or with METRICS_TOKEN.');
    return c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });

  mountStatic(app);
  app.use('*', authenticate());
  app.use('*', csrf());
  app.use('*', idempotency());

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.database.ping();
      const migrated = await deps.database.migrationsApplied();
      if (!migrated) return c.json({ status: 'not-ready', database: 'ok', migrations: 'pending' }, 503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return c.json({ status: 'ready', database: 'ok', migrations: 'applied' });
    } catch {
      return c.json({ status: 'not-ready', database: 'unreachable' }, 503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
    }
  });

  app.get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    const next = c.req.query('next') ?? '/';
    const safeNext = safeLocalPath(next);
    if (isLang(lang)) {
      setCookie(c, 'lang', lang, { path: '/', sameSite: 'Lax', maxAge: 60 * 60 * 24 * 365, httpOnly: true, secure: https });
    }
    return c.redirect(safeNext, 303);
  });

  app.get('/', homePage);
  app.route('/', authPages());
  app.route('/', oidcPages());
  app.route('/', accountPages());
  app.route('/', adminPages());
  app.route('/', authApi());
  app.route('/', inboxPages());
  app.route('/', inboxApi());
  mountOutboxAdmin(app, requireAdmin);
  // Every module's pages and API, in the order of src/modules.ts.
  for (const routes of registry.all(ROUTES)) app.route('/', routes());

  app.get('/api/openapi.json', (c) => c.json(openApiDocument({ title: 'Samverka API', version: APP_VERSION, serverUrl: deps.config.PUBLIC_URL })));

  app.notFound((c) => {
    const t = c.get('t') ?? translator(defaultLang);
    if (isApi(c)) return problem(c, 404, 'not-found', 'Not Found', t('error.notFound.resource', { path: c.req.path }));
    return renderPage(
      c,
      { title: t('error.notFound.title'), status: 404 },
      <>
        <h1>{t('error.notFound.title')}</h1>
        <p>{t('error.notFound.detail')}</p>
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </>,
    );
  });

  app.onError((err, c) => {
    const t = c.get('t') ?? translator(defaultLang);
    if (!c.get('deps')) c.set('deps', deps);
    if (!c.get('t')) {
      c.set('lang', defaultLang);
      c.set('t', t);
    }
    if (isDatabaseUnavailable(err)) {
      deps.logger.warn({ requestId: c.get('requestId'), path: loggablePath(c.req.path), reason: unavailableReason(err) }, 'database unavailable');
      return databaseUnavailable(c, isApi(c));
    }
    const known = err instanceof AppError;
    const status = known ? err.status : 500;
    if (!known) deps.logger.error({ err, requestId: c.get('requestId'), path: loggablePath(c.req.path) }, 'unhandled error');
    if (isApi(c)) {
      return problem(
        c,
        status,
        known ? err.code : 'internal',
        known ? titleFor(status) : 'Internal Server Error',
        known ? messageIn(err, t) : 'An unexpected error occurred.',
        known ? fieldErrorsIn(err.fieldErrors, t) : [],
      );
    }
    const title = status === 404 ? t('error.notFound.title') : status === 403 ? t('error.forbidden.title') : status < 500 ? t('error.badRequest.title') : t('error.title');
    const detail = status === 404 ? t('error.notFound.detail') : status === 403 ? messageIn(err as AppError, t) : status < 500 ? messageIn(err as AppError, t) : t('error.server.detail');
    return renderPage(
      c,
      { title, status },
      <>
        <h1>{title}</h1>
        <p>{detail}</p>
        {known && err.fieldErrors.length ? (
          <ul>
            {fieldErrorsIn(err.fieldErrors, t).map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        ) : null}
        <p>
          <a href="/">{t('error.backHome')}</a>
        </p>
      </>,
    );
  });

  return app;
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    413: 'Content Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Content',
    429: 'Too Many Requests',
  };
  return titles[status] ?? 'Error';
}
