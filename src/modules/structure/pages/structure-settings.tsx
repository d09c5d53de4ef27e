import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { type FormData, formMany, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { CsrfInput } from '../../../platform/views/components.js';
import { CheckboxField, CheckboxGroup, ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { addCategory, createContactSurface, updateStructure } from '../commands/index.js';
import { allPrincipals, structureBySlug, structureDetails } from '../queries.js';
import { fieldErrors, splitList } from '../views/common.js';
import type { Structure } from '../schema.js';

type Which = 'settings' | 'category' | 'surface';

async function settingsPage(c: Context<AppEnv>, structure: Structure, which?: Which, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const [details, principals] = await Promise.all([structureDetails(db, structure.id), allPrincipals(db)]);
  const mine = (w: Which) => (which === w ? errors : []);
  const v = which === 'settings' ? formValues(form) : { name: structure.name, shortName: structure.shortName ?? '', description: structure.description ?? '' };
  const chosen = which === 'settings' ? formMany(form, 'principalIds') : details.principals.map((p) => p.id);
  const cv = which === 'category' ? formValues(form) : {};
  const sv = which === 'surface' ? formValues(form) : {};
  const base = `/structures/${structure.slug}`;
  return renderPage(
    c,
    {
      title: t('structure.settings'),
      status,
      breadcrumbs: [
        { href: '/', label: t('layout.nav.home') },
        { href: '/structures', label: t('structure.list.title') },
        { href: base, label: structure.shortName ?? structure.name },
        { label: t('structure.settings') },
      ],
    },
    <>
      <h1>
        {t('structure.settings')}: {structure.name}
      </h1>
      <section aria-labelledby="edit-structure">
        <h2 id="edit-structure">{t('structure.overview.settings')}</h2>
        <ErrorSummary t={t} errors={mine('settings')} />
        <form method="post" action={`${base}/settings`} novalidate>
          <CsrfInput token={c.get('csrfToken')} />
          <input type="hidden" name="version" value={String(structure.version)} />
          <Field t={t} name="name" label={t('structure.name')} value={v.name} errors={mine('settings')} required maxlength={200} />
          <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={mine('settings')} maxlength={60} />
          <Field t={t} name="description" label={t('structure.description')} value={v.description} errors={mine('settings')} multiline rows={3} />
          <CheckboxGroup t={t} name="principalIds" legend={t('structure.principals')} options={principals.map((p) => ({ value: p.id, label: p.name }))} checked={chosen} errors={mine('settings')} />
          <button type="submit" class="button">
            {t('structure.common.save')}
          </button>
        </form>
      </section>

      <section aria-labelledby="categories">
        <h2 id="categories">{t('structure.categories')}</h2>
        {details.categories.length ? (
          <ul>
            {details.categories.map((cat) => (
              <li>
                {cat.name} <span class="tag">{t(`structure.category.kind.${cat.kind}`)}</span>
                {cat.crossCutting ? <span class="muted"> – {t('structure.category.crossCutting')}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.categories.empty')}</p>
        )}
        <h3 id="add-category">{t('structure.categories.create')}</h3>
        <ErrorSummary t={t} errors={mine('category')} />
        <form method="post" action={`${base}/categories`} novalidate>
          <CsrfInput token={c.get('csrfToken')} />
          <SelectField
            t={t}
            name="kind"
            label={t('structure.category.kind')}
            value={cv.kind}
            options={[
              { value: 'goal_area', label: t('structure.category.kind.goal_area') },
              { value: 'target_group', label: t('structure.category.kind.target_group') },
            ]}
            errors={mine('category')}
          />
          <Field t={t} name="name" label={t('structure.category.name')} value={cv.name} errors={mine('category')} required maxlength={200} />
          <Field t={t} name="description" label={t('structure.description')} value={cv.description} errors={mine('category')} multiline rows={2} />
          <CheckboxField t={t} name="crossCutting" label={t('structure.category.crossCutting')} checked={cv.crossCutting === '1'} />
          <button type="submit" class="button">
            {t('structure.categories.create')}
          </button>
        </form>
      </section>

      <section aria-labelledby="surfaces">
        <h2 id="surfaces">{t('structure.contactSurfaces')}</h2>
        {details.contactSurfaces.length ? (
          <ul>
            {details.contactSurfaces.map((s) => (
              <li>
                {s.name}
                {s.distributionList.length ? <span class="muted"> – {s.distributionList.join(', ')}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('structure.contactSurfaces.empty')}</p>
        )}
        <h3 id="add-surface">{t('structure.contactSurfaces.create')}</h3>
        <ErrorSummary t={t} errors={mine('surface')} />
        <form method="post" action={`${base}/contact-surfaces`} novalidate>
          <CsrfInput token={c.get('csrfToken')} />
          <Field t={t} name="name" label={t('structure.contactSurface')} value={sv.name} errors={mine('surface')} required maxlength={200} />
          <Field t={t} name="description" label={t('structure.description')} value={sv.description} errors={mine('surface')} multiline rows={2} />
          <Field
            t={t}
            name="distributionList"
            label={t('structure.distributionList')}
            hint={t('structure.distributionListHint')}
            value={sv.distributionList}
            errors={mine('surface')}
            multiline
            rows={3}
          />
          <button type="submit" class="button">
            {t('structure.contactSurfaces.create')}
          </button>
        </form>
      </section>
    </>,
  );
}

async function loadStructure(c: Context<AppEnv>) {
  authorize(c.get('actor'), 'structure.administer', null);
  const structure = await structureBySlug(c.get('deps').database.db, c.req.param('slug') ?? '');
  if (!structure) throw new NotFoundError();
  return structure;
}

export function structureSettingsPages(app: Hono<AppEnv>) {
  app.get('/structures/:slug/settings', async (c) => settingsPage(c, await loadStructure(c)));
  app.post('/structures/:slug/settings', async (c) => {
    const structure = await loadStructure(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, updateStructure, {
      structureId: structure.id,
      version: formOne(form, 'version') || undefined,
      name: formOne(form, 'name'),
      shortName: formOne(form, 'shortName'),
      description: formOne(form, 'description'),
      principalIds: formMany(form, 'principalIds'),
    });
    if (!result.ok) return settingsPage(c, structure, 'settings', form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.saved') });
    return c.redirect(`/structures/${structure.slug}/settings`, 303);
  });
  app.post('/structures/:slug/categories', async (c) => {
    const structure = await loadStructure(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, addCategory, {
      structureId: structure.id,
      kind: formOne(form, 'kind') as 'goal_area',
      name: formOne(form, 'name'),
      description: formOne(form, 'description'),
      crossCutting: formOne(form, 'crossCutting') === '1',
    });
    if (!result.ok) return settingsPage(c, structure, 'category', form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.categories.created', { name: result.value.name }) });
    return c.redirect(`/structures/${structure.slug}/settings#categories`, 303);
  });
  app.post('/structures/:slug/contact-surfaces', async (c) => {
    const structure = await loadStructure(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, createContactSurface, {
      structureId: structure.id,
      name: formOne(form, 'name'),
      description: formOne(form, 'description'),
      distributionList: splitList(formOne(form, 'distributionList')),
    });
    if (!result.ok) return settingsPage(c, structure, 'surface', form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.contactSurfaces.created', { name: result.value.name }) });
    return c.redirect(`/structures/${structure.slug}/settings#surfaces`, 303);
  });
}
