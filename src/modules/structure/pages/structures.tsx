import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { pageQuery } from '../../../platform/http/paging.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { type FormData, formMany, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { can } from '../../../platform/auth/authorize.js';
import { CsrfInput, Pager } from '../../../platform/views/components.js';
import { CheckboxGroup, ErrorSummary, Field } from '../../../platform/views/fields.js';
import { today } from '../../../platform/days.js';
import { createStructure } from '../commands/index.js';
import { allPrincipals, bodyTreePage, chartNodes, listStructures, memberCounts, structureBySlug, structureDetails } from '../queries/index.js';
import { OrgChart } from '../views/orgchart.js';
import { fieldErrors, kindLabel, levelLabel } from '../views/common.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

const crumbs = (c: Context<AppEnv>) => [{ href: '/', label: c.get('t')('layout.nav.home') }];

async function structuresPage(c: Context<AppEnv>, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const { page } = parseOrThrow(pageQuery, c.req.query());
  const list = await listStructures(db, page);
  const admin = can(c.get('actor'), 'structure.administer', null);
  const principals = admin ? await allPrincipals(db) : [];
  const v = formValues(form);
  return renderPage(
    c,
    { title: t('structure.list.title'), status, breadcrumbs: [...crumbs(c), { label: t('structure.list.title') }] },
    <>
      <h1>{t('structure.list.title')}</h1>
      <p>{t('structure.list.intro')}</p>
      {list.items.length === 0 ? (
        <p>{t('structure.list.empty')}</p>
      ) : (
        <ul class="card-list">
          {list.items.map((s) => (
            <li class="card">
              <h2>
                <a href={`/structures/${s.slug}`}>{s.name}</a>
              </h2>
              {s.description ? <p>{s.description}</p> : null}
              <p class="muted">
                {t('structure.list.bodies')}: {s.bodyCount}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/structures?page=${p}`} />
      {admin ? (
        <section aria-labelledby="create-structure">
          <h2 id="create-structure">{t('structure.list.create')}</h2>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action="/structures" novalidate>
            <CsrfInput token={csrfToken(c)} />
            <Field t={t} name="name" label={t('structure.name')} value={v.name} errors={errors} required maxlength={200} />
            <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={errors} maxlength={60} />
            <Field t={t} name="slug" label={t('structure.slug')} hint={t('structure.slugHint')} value={v.slug} errors={errors} maxlength={60} />
            <Field t={t} name="description" label={t('structure.description')} value={v.description} errors={errors} multiline rows={3} />
            <CheckboxGroup
              t={t}
              name="principalIds"
              legend={t('structure.principals')}
              options={principals.map((p) => ({ value: p.id, label: p.name }))}
              checked={formMany(form, 'principalIds')}
              errors={errors}
            />
            <button type="submit" class="button">
              {t('structure.list.create')}
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

export function structurePages(app: Hono<AppEnv>) {
  app.get('/structures', (c) => structuresPage(c));
  app.post('/structures', async (c) => {
    const form = await readFormAll(c);
    const result = await tryCommand(c, createStructure, {
      slug: formOne(form, 'slug'),
      name: formOne(form, 'name'),
      shortName: formOne(form, 'shortName'),
      description: formOne(form, 'description'),
      principalIds: formMany(form, 'principalIds'),
    });
    if (!result.ok) return structuresPage(c, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.created', { name: result.value.name }) });
    return c.redirect(`/structures/${result.value.slug}`, 303);
  });

  app.get('/structures/:slug', async (c) => {
    const t = c.get('t');
    const db = c.get('deps').database.db;
    const structure = await structureBySlug(db, c.req.param('slug'));
    if (!structure) throw new NotFoundError();
    const { page } = parseOrThrow(pageQuery, c.req.query());
    const [details, tree, chart] = await Promise.all([structureDetails(db, structure.id), bodyTreePage(db, structure.id, page), chartNodes(db, structure.id)]);
    const counts = await memberCounts(
      db,
      tree.items.map((b) => b.id),
      today(),
    );
    const admin = can(c.get('actor'), 'structure.administer', null);
    const top = tree.items.find((b) => b.parentId === null);
    return renderPage(
      c,
      { title: structure.name, breadcrumbs: [...crumbs(c), { href: '/structures', label: t('structure.list.title') }, { label: structure.shortName ?? structure.name }] },
      <>
        <h1>{structure.name}</h1>
        {structure.description ? <p>{structure.description}</p> : null}
        {admin ? (
          <p class="actions">
            <a class="button button-secondary" href={`/structures/${structure.slug}/settings`}>
              {t('structure.overview.settings')}
            </a>
            <a class="button button-secondary" href={`/structures/${structure.slug}/bodies/new${top ? `?parent=${top.id}` : ''}`}>
              {t('structure.overview.addBody')}
            </a>
          </p>
        ) : null}
        {details.principals.length ? (
          <p>
            <strong>{t('structure.principals')}:</strong> {details.principals.map((p) => p.name).join(', ')}
          </p>
        ) : null}
        {details.categories.length ? (
          <section aria-labelledby="categories">
            <h2 id="categories">{t('structure.categories')}</h2>
            <ul>
              {details.categories.map((cat) => (
                <li>
                  {cat.name} <span class="tag">{t(`structure.category.kind.${cat.kind}`)}</span>
                  {cat.crossCutting ? <span class="muted"> – {t('structure.category.crossCutting')}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <h2>{t('structure.overview.chart')}</h2>
        {chart.nodes.length ? <OrgChart t={t} nodes={chart.nodes} total={chart.total} /> : <p>{t('structure.overview.empty')}</p>}
        <section aria-labelledby="all-bodies">
          <h2 id="all-bodies">{t('structure.overview.list')}</h2>
          {tree.items.length ? (
            <div class="table-wrap">
              <table>
                <caption>{t('structure.overview.listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('structure.name')}</th>
                    <th scope="col">{t('structure.body.level')}</th>
                    <th scope="col">{t('structure.body.kind')}</th>
                    <th scope="col">{t('structure.overview.members')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tree.items.map((b) => (
                    <tr>
                      <td>
                        <span class={`tree-name tree-depth-${Math.min(b.depth, 6)}`}>
                          <a href={`/bodies/${b.id}`}>{b.name}</a>
                          {b.depth > 0 ? (
                            <span class="visually-hidden">
                              {' '}
                              ({t('structure.overview.depth')}: {b.depth + 1})
                            </span>
                          ) : null}
                          {b.activeTo ? <span class="muted"> ({t('structure.body.period.closed', { from: '', to: b.activeTo }).replace(/^–/, '→ ')})</span> : null}
                        </span>
                      </td>
                      <td>{levelLabel(t, b.level)}</td>
                      <td>{kindLabel(t, b.kind)}</td>
                      <td>{counts.get(b.id) ?? 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>{t('structure.overview.empty')}</p>
          )}
          <Pager t={t} page={tree.page} pages={tree.pages} href={(p) => `/structures/${structure.slug}?page=${p}`} />
        </section>
      </>,
    );
  });
}
