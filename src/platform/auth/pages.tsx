import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { readForm, tryCommand, runCommand, type FormValues } from '../http/forms.js';
import { setFlash } from '../http/flash.js';
import { AppError, fieldErrorsIn, messageIn, type FieldError } from '../http/errors.js';
import { CsrfInput } from '../views/components.js';
import { ErrorSummary, Field } from '../views/fields.js';
import { clientIp, cookieOptions, isSecure, setSessionCookie, SESSION_COOKIE, CSRF_COOKIE, csrfToken } from './middleware.js';
import { login, reserveAttempt, ThrottledError, type Attempt } from './commands/login.js';
import { revokeSession } from './commands/logout.js';
import { requestPasswordReset, resetPassword } from './commands/password.js';
import { newToken } from './tokens.js';
import { safeLocalPath } from '../http/redirect.js';
import { renderLoginPage } from './login-view.js';
import { pendingFromLogin, resendPage } from './pending-form.js';

const safeNext = safeLocalPath;

export function authPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/login', (c) => renderLoginPage(c));

  app.post('/login', async (c) => {
    const values = await readForm(c);
    const pending = await pendingFromLogin(c);
    const t = c.get('t');
    try {
      const result = await runCommand(c, login, {
        email: values.email ?? '',
        password: values.password ?? '',
        ip: clientIp(c),
        userAgent: c.req.header('user-agent'),
      });
      setSessionCookie(c, result.token);
      if (pending && pending.fields.length) return resendPage(c, pending);
      setFlash(c, { kind: 'success', message: t('auth.loggedIn') });
      return c.redirect(safeNext(values.next), 303);
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 422 || err.status === 429)) {
        const errors = err.fieldErrors.length ? fieldErrorsIn(err.fieldErrors, t) : [{ field: err.status === 429 ? '_' : 'password', message: messageIn(err, t) }];
        return renderLoginPage(c, { values: { email: values.email ?? '', next: values.next ?? '/' }, errors, status: err.status, pending });
      }
      throw err;
    }
  });

  app.post('/logout', async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await runCommand(c, revokeSession, { sessionId });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    setCookie(c, CSRF_COOKIE, newToken(), cookieOptions(isSecure(c)));
    setFlash(c, { kind: 'info', message: c.get('t')('auth.loggedOut') });
    return c.redirect('/', 303);
  });

  const forgotForm = (c: Context<AppEnv>, values: FormValues, errors: FieldError[], status = 200) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t('auth.reset.title'), status, breadcrumbs: [{ href: '/login', label: t('auth.login') }, { label: t('auth.reset.title') }] },
      <>
        <h1>{t('auth.reset.title')}</h1>
        <ErrorSummary t={t} errors={errors} />
        <p>{t('auth.reset.intro')}</p>
        <form method="post" action="/password/forgot" novalidate>
          <CsrfInput token={csrfToken(c)} />
          <Field t={t} name="email" label={t('auth.email')} type="email" autocomplete="email" value={values.email} errors={errors} required />
          <button type="submit" class="button">
            {t('auth.reset.send')}
          </button>
        </form>
      </>,
    );
  };

  app.get('/password/forgot', (c) => forgotForm(c, {}, []));
  app.post('/password/forgot', async (c) => {
    const values = await readForm(c);
    const t = c.get('t');
    // Throttled like logins: one address may not flood someone's mailbox.
    const keys = { ip: `reset:${clientIp(c)}`, email: `reset:${(values.email ?? '').trim().toLowerCase()}` };
    let attempt: Attempt;
    try {
      attempt = await reserveAttempt(c.get('deps').database, keys);
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      return forgotForm(c, values, [{ field: '_', message: messageIn(err, t) }], 429);
    }
    const result = await tryCommand(c, requestPasswordReset, { email: values.email ?? '', lang: c.get('lang') });
    if (!result.ok) {
      await attempt.release();
      return forgotForm(c, values, result.errors, 422);
    }
    setFlash(c, { kind: 'info', message: t('auth.reset.sent') });
    return c.redirect('/login', 303);
  });

  const resetForm = (c: Context<AppEnv>, token: string, errors: FieldError[], status = 200) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t('auth.reset.choose'), status },
      <>
        <h1>{t('auth.reset.choose')}</h1>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action={`/password/reset/${encodeURIComponent(token)}`} novalidate>
          <CsrfInput token={csrfToken(c)} />
          <Field t={t} name="newPassword" label={t('auth.newPassword')} hint={t('auth.newPasswordHint', { min: 10 })} type="password" autocomplete="new-password" errors={errors} required />
          <button type="submit" class="button">
            {t('form.save')}
          </button>
        </form>
      </>,
    );
  };

  app.get('/password/reset/:token', (c) => resetForm(c, c.req.param('token'), []));
  app.post('/password/reset/:token', async (c) => {
    const values = await readForm(c);
    const token = c.req.param('token');
    const result = await tryCommand(c, resetPassword, { token, newPassword: values.newPassword ?? '' });
    if (!result.ok) return resetForm(c, token, result.errors, result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('auth.reset.done') });
    return c.redirect('/login', 303);
  });

  return app;
}
