import { Hono, type Context } from 'hono';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { readForm, tryCommand, runCommand } from '../http/forms.js';
import { setFlash } from '../http/flash.js';
import type { FieldError } from '../http/errors.js';
import { ActionButtonForm, CsrfInput } from '../views/components.js';
import { ErrorSummary, Field } from '../views/fields.js';
import { requireLogin, setSessionCookie, csrfToken } from './middleware.js';
import { changePassword } from './commands/password.js';
import { revokeSession } from './commands/logout.js';
import { createApiToken, revokeApiToken } from './commands/api-tokens.js';
import { apiTokens, sessions } from './schema.js';
import { formatDateTime } from '../time.js';
import { PASSWORD_MIN } from './password.js';

async function accountPage(c: Context<AppEnv>, extra: { errors?: FieldError[]; tokenErrors?: FieldError[]; newToken?: string; tokenName?: string; status?: number } = {}) {
  const t = c.get('t');
  const actor = c.get('actor');
  if (actor.kind !== 'person') throw new Error('unreachable');
  const db = c.get('deps').database.db;
  const [mySessions, myTokens] = await Promise.all([
    db
      .select()
      .from(sessions)
      .where(and(eq(sessions.personId, actor.personId), isNull(sessions.revokedAt)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(50),
    db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.personId, actor.personId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt)),
  ]);
  const errors = extra.errors ?? [];
  const tokenErrors = extra.tokenErrors ?? [];
  const csrf = csrfToken(c);
  return renderPage(
    c,
    { title: t('auth.account'), status: extra.status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('auth.account') }] },
    <>
      <h1>{t('auth.account')}</h1>
      <p>{t('auth.signedInAs', { name: actor.name })}</p>
      <section aria-labelledby="pw">
        <h2 id="pw">{t('auth.changePassword')}</h2>
        <ErrorSummary t={t} errors={errors} />
        <form method="post" action="/account/password" novalidate>
          <CsrfInput token={csrf} />
          <input type="text" name="username" autocomplete="username" value={c.get('person')?.email ?? ''} class="visually-hidden" tabindex={-1} aria-hidden="true" />
          <Field t={t} name="currentPassword" label={t('auth.currentPassword')} type="password" autocomplete="current-password" errors={errors} required />
          <Field t={t} name="newPassword" label={t('auth.newPassword')} hint={t('auth.newPasswordHint', { min: PASSWORD_MIN })} type="password" autocomplete="new-password" errors={errors} required />
          <button type="submit" class="button">
            {t('auth.changePassword')}
          </button>
        </form>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t('auth.sessions')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('auth.sessions.started')}</th>
                <th scope="col">{t('auth.sessions.lastSeen')}</th>
                <th scope="col">{t('auth.sessions.device')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('auth.sessions.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mySessions.map((s) => (
                <tr>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastSeenAt)}</td>
                  <td>{s.userAgent ?? '–'}</td>
                  <td>
                    {s.id === c.get('sessionId') ? (
                      t('auth.sessions.current')
                    ) : (
                      <form method="post" action="/account/sessions/revoke">
                        <CsrfInput token={csrf} />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" class="button button-secondary">
                          {t('auth.sessions.revoke')}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="tokens">
        <h2 id="tokens">{t('tokens.title')}</h2>
        <p>{t('tokens.intro')}</p>
        {extra.newToken ? (
          <div class="flash flash-success" role="status">
            <p>{t('tokens.created')}</p>
            <p>
              <code id="new-token">{extra.newToken}</code>
            </p>
          </div>
        ) : null}
        {myTokens.length === 0 ? (
          <p>{t('tokens.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('tokens.name')}</th>
                  <th scope="col">{t('tokens.prefix')}</th>
                  <th scope="col">{t('tokens.lastUsed')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('tokens.revoke')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {myTokens.map((tok) => (
                  <tr>
                    <td>{tok.name}</td>
                    <td>
                      <code>{tok.prefix}…</code>
                    </td>
                    <td>{tok.lastUsedAt ? formatDateTime(tok.lastUsedAt) : t('tokens.never')}</td>
                    <td>
                      <ActionButtonForm csrf={csrf} action="/account/tokens/revoke" values={{ tokenId: tok.id }} label={t('tokens.revoke')} accessibleName={`${t('tokens.revoke')} ${tok.name}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ErrorSummary t={t} errors={tokenErrors} />
        <form method="post" action="/account/tokens" novalidate>
          <CsrfInput token={csrf} />
          <Field t={t} name="name" label={t('tokens.name')} value={extra.tokenName} errors={tokenErrors} required maxlength={100} />
          <button type="submit" class="button">
            {t('tokens.create')}
          </button>
        </form>
      </section>
    </>,
  );
}

export function accountPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/account', requireLogin);
  app.use('/account/*', requireLogin);

  app.get('/account', (c) => accountPage(c));

  app.post('/account/password', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, changePassword, {
      currentPassword: values.currentPassword ?? '',
      newPassword: values.newPassword ?? '',
      keepSessionId: c.get('sessionId'),
    });
    if (!result.ok) return accountPage(c, { errors: result.errors, status: result.status });
    // This session goes on under a new id (and a new CSRF token); every other one has ended.
    if (result.value.sessionToken) setSessionCookie(c, result.value.sessionToken);
    setFlash(c, { kind: 'success', message: c.get('t')('auth.passwordChanged') });
    return c.redirect('/account', 303);
  });

  app.post('/account/sessions/revoke', async (c) => {
    const values = await readForm(c);
    await runCommand(c, revokeSession, { sessionId: values.sessionId ?? '' });
    setFlash(c, { kind: 'success', message: c.get('t')('auth.sessions.revoked') });
    return c.redirect('/account', 303);
  });

  app.post('/account/tokens', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, createApiToken, { name: values.name ?? '' });
    if (!result.ok) return accountPage(c, { tokenErrors: result.errors, tokenName: values.name, status: result.status });
    return accountPage(c, { newToken: result.value.token });
  });

  app.post('/account/tokens/revoke', async (c) => {
    const values = await readForm(c);
    await runCommand(c, revokeApiToken, { tokenId: values.tokenId ?? '' });
    setFlash(c, { kind: 'success', message: c.get('t')('tokens.revoked') });
    return c.redirect('/account', 303);
  });

  return app;
}
