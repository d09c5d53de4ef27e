import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { type FormData, formMany, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { authorize } from '../../../platform/auth/authorize.js';
import { addCategory, createContactSurface, updateStructure } from '../commands/index.js';
import { allPrincipals, structureBySlug, structureDetails } from '../queries/index.js';
import { fieldErrors, splitList } from '../views/common.js';
import type { Structure } from '../schema.js';
import { SettingsView, type SettingsForm, type SettingsPageData } from '../views/structure-settings.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

type Which = SettingsForm;

async function loadSettingsPage(c: Context<AppEnv>, structure: Structure, which: Which | undefined, form: FormData, errors: FieldError[]): Promise<SettingsPageData> {
  const db = c.get('deps').database.db;
  const [details, principals] = await Promise.all([structureDetails(db, structure.id), allPrincipals(db)]);
  return {
    structure,
    details,
    principals,
    v: which === 'settings' ? formValues(form) : { name: structure.name, shortName: structure.shortName ?? '', description: structure.description ?? '' },
    chosen: which === 'settings' ? formMany(form, 'principalIds') : details.principals.map((p) => p.id),
    cv: which === 'category' ? formValues(form) : {},
    sv: which === 'surface' ? formValues(form) : {},
    which,
    errors,
  };
}

async function settingsPage(c: Context<AppEnv>, structure: Structure, which?: Which, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const d = await loadSettingsPage(c, structure, which, form, errors);
  return renderPage(
    c,
    {
      title: t('structure.settings'),
      status,
      breadcrumbs: [
        { href: '/', label: t('layout.nav.home') },
        { href: '/structures', label: t('structure.list.title') },
        { href: `/structures/${structure.slug}`, label: structure.shortName ?? structure.name },
        { label: t('structure.settings') },
      ],
    },
    <SettingsView t={t} csrf={csrfToken(c)} d={d} />,
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
