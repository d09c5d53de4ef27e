import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { runCommand } from '../http/forms.js';
import { setFlash } from '../http/flash.js';
import { NotFoundError } from '../http/errors.js';
import { clientIp, cookieOptions, isSecure, setSessionCookie } from './middleware.js';
import { loginOidc, OidcLoginRefused } from './commands/login-oidc.js';
import { oidcLoginEnabled } from './oidc-config.js';
import {
  beginOidcLogin,
  classifyOidcError,
  completeOidcLogin,
  decodePending,
  displayName,
  encodePending,
  OIDC_CALLBACK_PATH,
  OIDC_LOGIN_PATH,
  OIDC_STATE_COOKIE,
  OIDC_STATE_MAX_AGE_S,
  type OidcIdentity,
} from './oidc.js';

/** A page explaining why the login did not go through, with the way back to the login page. */
function oidcProblemPage(c: Context<AppEnv>, status: number, message: string) {
  const t = c.get('t');
  return renderPage(
    c,
    { title: t('auth.oidc.title'), status },
    <>
      <h1>{t('auth.oidc.title')}</h1>
      <p>{message}</p>
      <p>
        <a href="/login">{t('auth.oidc.backToLogin')}</a>
      </p>
    </>,
  );
}

/**
 * GET /login/oidc sends the browser to the identity provider; GET /login/oidc/callback is
 * where it comes back. The network work (discovery, code exchange, ID token) happens here,
 * outside any transaction; the command identity.loginOidc then links and logs in.
 */
export function oidcPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const stateCookieOptions = (c: Context<AppEnv>) => ({ ...cookieOptions(isSecure(c)), path: OIDC_LOGIN_PATH });

  app.get(OIDC_LOGIN_PATH, async (c) => {
    const { config, logger } = c.get('deps');
    if (!oidcLoginEnabled(config)) throw new NotFoundError();
    let started: Awaited<ReturnType<typeof beginOidcLogin>>;
    try {
      started = await beginOidcLogin(config, c.req.query('next'));
    } catch (err) {
      logger.error({ err, requestId: c.get('requestId'), issuer: config.OIDC_ISSUER }, 'OpenID Connect discovery failed');
      return oidcProblemPage(c, 502, c.get('t')('auth.oidc.unavailable'));
    }
    setCookie(c, OIDC_STATE_COOKIE, encodePending(started.pending), { ...stateCookieOptions(c), maxAge: OIDC_STATE_MAX_AGE_S });
    return c.redirect(started.url.href, 303);
  });

  app.get(OIDC_CALLBACK_PATH, async (c) => {
    const { config, logger } = c.get('deps');
    if (!oidcLoginEnabled(config)) throw new NotFoundError();
    const t = c.get('t');
    const pending = decodePending(getCookie(c, OIDC_STATE_COOKIE));
    // One use only: the values are worthless after this request, whatever its outcome.
    deleteCookie(c, OIDC_STATE_COOKIE, stateCookieOptions(c));
    if (!pending) return oidcProblemPage(c, 400, t('auth.oidc.expired'));

    // The callback as the provider addressed it (on PUBLIC_URL, also behind a proxy).
    const callbackUrl = new URL(OIDC_CALLBACK_PATH + new URL(c.req.url).search, config.PUBLIC_URL);
    let identity: OidcIdentity;
    try {
      identity = await completeOidcLogin(config, callbackUrl, pending);
    } catch (err) {
      const kind = classifyOidcError(err);
      logger.warn({ err, requestId: c.get('requestId'), kind }, 'OpenID Connect login failed');
      if (kind === 'cancelled') return oidcProblemPage(c, 400, t('auth.oidc.cancelled'));
      if (kind === 'unavailable') return oidcProblemPage(c, 502, t('auth.oidc.unavailable'));
      return oidcProblemPage(c, 400, t('auth.oidc.failed'));
    }

    try {
      const result = await runCommand(c, loginOidc, {
        issuer: identity.issuer,
        subject: identity.subject,
        email: identity.email,
        emailVerified: identity.emailVerified,
        name: displayName(identity.name),
        ip: clientIp(c),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookie(c, result.token);
      setFlash(c, { kind: 'success', message: t('auth.loggedIn') });
      return c.redirect(pending.next, 303);
    } catch (err) {
      if (!(err instanceof OidcLoginRefused)) throw err;
      logger.info({ requestId: c.get('requestId'), reason: err.reason, issuer: identity.issuer }, 'OpenID Connect login refused');
      const who = err.email ?? displayName(identity.name) ?? t('auth.oidc.thisIdentity');
      const message =
        err.reason === 'unverified' ? t('auth.oidc.unverified', { email: err.email ?? '' }) : err.reason === 'inactive' ? t('auth.oidc.inactive', { who }) : t('auth.oidc.noAccount', { who });
      return oidcProblemPage(c, 403, message);
    }
  });

  return app;
}
