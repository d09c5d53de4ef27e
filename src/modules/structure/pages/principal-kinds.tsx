import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { type FormData, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { authorize, can } from '../../../platform/auth/authorize.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { ErrorSummary, Field } from '../../../platform/views/fields.js';
import { csrfToken } from '../../../platform/auth/middleware.js';
import { createPrincipalKind, removePrincipalKind, updatePrincipalKind } from '../commands/index.js';
import { listPrincipalKinds } from '../principal-kinds.js';
import { fieldErrors } from '../views/common.js';

/*
 * /principals/kinds: the kinds of principal (region, kommun, other and those an administrator
 * added), with a form to add one, to rename each, and to remove an added kind nothing uses.
 */

type Which = { form: 'create' } | { form: 'edit' | 'remove'; key: string };

async function kindsPage(c: Context<AppEnv>, which?: Which, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const kinds = await listPrincipalKinds(c.get('deps').database.db);
  const admin = can(c.get('actor'), 'structure.administer', null);
  const v = which?.form === 'create' ? formValues(form) : {};
  const errorsFor = (w: Which) => (which && which.form === w.form && (w.form === 'create' || (which as { key: string }).key === (w as { key: string }).key) ? errors : []);
  return renderPage(
    c,
    {
      title: t('structure.kinds.title'),
      status,
      breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: '/principals', label: t('structure.principals.title') }, { label: t('structure.kinds.title') }],
    },
    <>
      <h1>{t('structure.kinds.title')}</h1>
      <p>{t('structure.kinds.intro')}</p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('structure.kinds.nameSv')}</th>
              <th scope="col">{t('structure.kinds.nameEn')}</th>
              <th scope="col">{t('structure.kinds.builtIn')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr id={`kind-${k.key}`}>
                <td>{k.nameSv}</td>
                <td>{k.nameEn}</td>
                <td>{k.builtIn ? t('structure.kinds.builtIn.yes') : t('structure.kinds.builtIn.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {admin ? (
        <>
          <section aria-labelledby="add-kind">
            <h2 id="add-kind">{t('structure.kinds.create')}</h2>
            <ErrorSummary t={t} errors={errorsFor({ form: 'create' })} />
            <form method="post" action="/principals/kinds" novalidate>
              <CsrfInput token={csrfToken(c)} />
              <Field t={t} name="nameSv" label={t('structure.kinds.nameSv')} value={v.nameSv} errors={errorsFor({ form: 'create' })} required maxlength={200} />
              <Field t={t} name="nameEn" label={t('structure.kinds.nameEn')} value={v.nameEn} errors={errorsFor({ form: 'create' })} required maxlength={200} />
              <button type="submit" class="button">
                {t('structure.kinds.create')}
              </button>
            </form>
          </section>
          {kinds.map((k) => {
            const edit = which?.form === 'edit' && which.key === k.key ? formValues(form) : { nameSv: k.nameSv, nameEn: k.nameEn };
            const e = errorsFor({ form: 'edit', key: k.key });
            return (
              <section aria-labelledby={`edit-${k.key}`}>
                <h2 id={`edit-${k.key}`}>{t('structure.kinds.edit', { name: c.get('lang') === 'en' ? k.nameEn : k.nameSv })}</h2>
                <ErrorSummary t={t} errors={[...e, ...errorsFor({ form: 'remove', key: k.key })]} />
                <form method="post" action={`/principals/kinds/${k.key}`} novalidate>
                  <CsrfInput token={csrfToken(c)} />
                  <input type="hidden" name="version" value={String(k.version)} />
                  <Field t={t} name="nameSv" label={t('structure.kinds.nameSv')} value={edit.nameSv} errors={e} required maxlength={200} />
                  <Field t={t} name="nameEn" label={t('structure.kinds.nameEn')} value={edit.nameEn} errors={e} required maxlength={200} />
                  <button type="submit" class="button">
                    {t('structure.kinds.save')}
                  </button>
                </form>
                {k.builtIn ? null : (
                  <form method="post" action={`/principals/kinds/${k.key}/remove`}>
                    <CsrfInput token={csrfToken(c)} />
                    <button type="submit" class="button secondary">
                      {t('structure.kinds.remove')}
                    </button>
                  </form>
                )}
              </section>
            );
          })}
        </>
      ) : null}
    </>,
  );
}

export function principalKindPages(app: Hono<AppEnv>) {
  app.get('/principals/kinds', (c) => kindsPage(c));
  app.post('/principals/kinds', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const form = await readFormAll(c);
    const result = await tryCommand(c, createPrincipalKind, { nameSv: formOne(form, 'nameSv'), nameEn: formOne(form, 'nameEn') });
    if (!result.ok) return kindsPage(c, { form: 'create' }, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.kinds.created', { name: c.get('lang') === 'en' ? result.value.nameEn : result.value.nameSv }) });
    return c.redirect('/principals/kinds', 303);
  });
  app.post('/principals/kinds/:key', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const key = c.req.param('key');
    const form = await readFormAll(c);
    const result = await tryCommand(c, updatePrincipalKind, { key, version: formOne(form, 'version') || undefined, nameSv: formOne(form, 'nameSv'), nameEn: formOne(form, 'nameEn') });
    if (!result.ok) return kindsPage(c, { form: 'edit', key }, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.kinds.saved') });
    return c.redirect('/principals/kinds', 303);
  });
  app.post('/principals/kinds/:key/remove', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const key = c.req.param('key');
    const result = await tryCommand(c, removePrincipalKind, { key });
    if (!result.ok) return kindsPage(c, { form: 'remove', key }, {}, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.kinds.removed') });
    return c.redirect('/principals/kinds', 303);
  });
}
