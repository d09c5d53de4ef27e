import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import type { FormValues } from '../http/forms.js';
import type { FieldError } from '../http/errors.js';
import { safeLocalPath } from '../http/redirect.js';
import { CsrfInput } from '../views/components.js';
import { ErrorSummary, Field } from '../views/fields.js';
import { oidcLoginEnabled } from './oidc-config.js';
import { PendingInputs, PendingNotice, PendingText, type PendingForm } from './pending-form.js';
import { csrfToken } from './middleware.js';

interface LoginPageOptions {
  values?: FormValues;
  errors?: FieldError[];
  status?: number;
  /** A form posted after the session ended, carried through this login. */
  pending?: PendingForm | undefined;
}

/** The login page: e-mail and password, and e-identification when configured. */
export function renderLoginPage(c: Context<AppEnv>, options: LoginPageOptions = {}): Promise<Response> {
  const t = c.get('t');
  const values = options.values ?? {};
  const errors = options.errors ?? [];
  const pending = options.pending;
  const next = safeLocalPath(pending?.back ?? values.next ?? c.req.query('next'));
  const oidc = oidcLoginEnabled(c.get('deps').config);
  return renderPage(
    c,
    { title: t('auth.loginTitle'), status: options.status ?? 200 },
    <>
      <h1>{t('auth.loginTitle')}</h1>
      {pending ? <PendingNotice t={t} pending={pending} oidc={oidc} /> : null}
      <ErrorSummary t={t} errors={errors} />
      <p>{t('auth.loginIntro')}</p>
      <form method="post" action="/login" novalidate>
        <CsrfInput token={csrfToken(c)} />
        <input type="hidden" name="next" value={next} />
        {pending && !pending.tooLarge ? <PendingInputs pending={pending} /> : null}
        <Field t={t} name="email" label={t('auth.email')} type="email" autocomplete="username" value={values.email} errors={errors} required />
        <Field t={t} name="password" label={t('auth.password')} type="password" autocomplete="current-password" errors={errors} required />
        <div class="actions">
          <button type="submit" class="button">
            {t('auth.login')}
          </button>
          <a href="/password/forgot">{t('auth.forgot')}</a>
        </div>
      </form>
      {oidc ? (
        <>
          <p>{t('auth.or')}</p>
          <p>
            <a class="button button-secondary" href={`/login/oidc?next=${encodeURIComponent(next)}`}>
              {t('auth.loginWithOidc')}
            </a>
          </p>
        </>
      ) : null}
      {pending ? <PendingText t={t} pending={pending} /> : null}
    </>,
  );
}
