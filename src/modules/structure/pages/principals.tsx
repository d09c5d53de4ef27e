import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { pageQuery } from '../../../platform/http/paging.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { type FormData, formOne, formValues, readFormAll, tryCommand } from '../../../platform/http/forms.js';
import { setFlash } from '../../../platform/http/flash.js';
import { NotFoundError, type FieldError } from '../../../platform/http/errors.js';
import { authorize, can } from '../../../platform/auth/authorize.js';
import { CsrfInput, Pager } from '../../../platform/views/components.js';
import { ErrorSummary, Field, SelectField } from '../../../platform/views/fields.js';
import { createOrganisation, createPrincipal, updateOrganisation, updatePrincipal } from '../commands/index.js';
import { listPrincipals, organisationById, organisationsOfPrincipal, principalById } from '../queries/index.js';
import { fieldErrors, splitList } from '../views/common.js';
import { kindName, kindOptions, principalKindsOf } from '../principal-kinds.js';
import { principalKindPages } from './principal-kinds.js';
import type { Organisation, Principal } from '../schema.js';
import { csrfToken } from '../../../platform/auth/middleware.js';

const kinds = async (c: Context<AppEnv>) => kindOptions(await principalKindsOf(c), c.get('lang'));

async function principalsPage(c: Context<AppEnv>, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const { page } = parseOrThrow(pageQuery, c.req.query());
  const list = await listPrincipals(c.get('deps').database.db, page);
  const admin = can(c.get('actor'), 'structure.administer', null);
  const v = formValues(form);
  const kindRows = await principalKindsOf(c);
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t('structure.principals.title'), status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('structure.principals.title') }] },
    <>
      <h1>{t('structure.principals.title')}</h1>
      {list.items.length === 0 ? (
        <p>{t('structure.principals.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('table.caption.sorted')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('structure.principals.name')}</th>
                <th scope="col">{t('structure.principals.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr>
                  <td>
                    <a href={`/principals/${p.id}`}>{p.name}</a>
                  </td>
                  <td>{kindName(kindRows, p.kind, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/principals?page=${p}`} />
      <p>
        <a href="/principals/kinds">{t('structure.kinds.link')}</a>
      </p>
      {admin ? (
        <section aria-labelledby="create-principal">
          <h2 id="create-principal">{t('structure.principal.create')}</h2>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action="/principals" novalidate>
            <CsrfInput token={csrfToken(c)} />
            <Field t={t} name="name" label={t('structure.principals.name')} value={v.name} errors={errors} required maxlength={200} />
            <SelectField t={t} name="kind" label={t('structure.principals.kind')} value={v.kind} options={await kinds(c)} errors={errors} required />
            <Field t={t} name="distributionList" label={t('structure.distributionList')} hint={t('structure.distributionListHint')} value={v.distributionList} errors={errors} multiline rows={3} />
            <button type="submit" class="button">
              {t('structure.principal.create')}
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

function OrgTree(props: { orgs: Organisation[]; parentId: string | null }) {
  const level = props.orgs.filter((o) => o.parentId === props.parentId);
  if (!level.length) return null;
  return (
    <ul>
      {level.map((o) => (
        <li>
          <a href={`/organisations/${o.id}`}>{o.name}</a>
          {o.distributionList.length ? <span class="muted"> – {o.distributionList.join(', ')}</span> : null}
          <OrgTree orgs={props.orgs} parentId={o.id} />
        </li>
      ))}
    </ul>
  );
}

async function principalPage(c: Context<AppEnv>, principal: Principal, which?: 'edit' | 'org', form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const orgs = await organisationsOfPrincipal(c.get('deps').database.db, principal.id);
  const admin = can(c.get('actor'), 'structure.administer', null);
  const ev = which === 'edit' ? formValues(form) : { name: principal.name, kind: principal.kind, distributionList: principal.distributionList.join('\n') };
  const ov = which === 'org' ? formValues(form) : {};
  const title = t('structure.principal.title', { name: principal.name });
  return renderPage(
    c,
    { title, status, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { href: '/principals', label: t('structure.principals.title') }, { label: principal.name }] },
    <>
      <h1>{principal.name}</h1>
      <p>
        {t('structure.principals.kind')}: {kindName(await principalKindsOf(c), principal.kind, c.get('lang'))}
      </p>
      {principal.distributionList.length ? (
        <p>
          {t('structure.distributionList')}: {principal.distributionList.join(', ')}
        </p>
      ) : null}
      <h2>{t('structure.orgs')}</h2>
      {orgs.length ? <OrgTree orgs={orgs} parentId={null} /> : <p>{t('structure.orgs.empty')}</p>}
      {admin ? (
        <>
          <section aria-labelledby="add-org">
            <h2 id="add-org">{t('structure.orgs.create')}</h2>
            <ErrorSummary t={t} errors={which === 'org' ? errors : []} />
            <form method="post" action={`/principals/${principal.id}/organisations`} novalidate>
              <CsrfInput token={csrfToken(c)} />
              <Field t={t} name="name" label={t('structure.org.name')} value={ov.name} errors={which === 'org' ? errors : []} required maxlength={200} />
              <Field t={t} name="shortName" label={t('structure.shortName')} value={ov.shortName} errors={which === 'org' ? errors : []} maxlength={60} />
              <SelectField
                t={t}
                name="parentId"
                label={t('structure.org.parent')}
                value={ov.parentId}
                options={[{ value: '', label: t('structure.org.none') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
                errors={which === 'org' ? errors : []}
              />
              <Field
                t={t}
                name="distributionList"
                label={t('structure.distributionList')}
                hint={t('structure.distributionListHint')}
                value={ov.distributionList}
                errors={which === 'org' ? errors : []}
                multiline
                rows={3}
              />
              <button type="submit" class="button">
                {t('structure.orgs.create')}
              </button>
            </form>
          </section>
          <section aria-labelledby="edit-principal">
            <h2 id="edit-principal">{t('structure.principal.edit')}</h2>
            <ErrorSummary t={t} errors={which === 'edit' ? errors : []} />
            <form method="post" action={`/principals/${principal.id}`} novalidate>
              <CsrfInput token={csrfToken(c)} />
              <input type="hidden" name="version" value={String(principal.version)} />
              <Field t={t} name="name" label={t('structure.principals.name')} value={ev.name} errors={which === 'edit' ? errors : []} required maxlength={200} />
              <SelectField t={t} name="kind" label={t('structure.principals.kind')} value={ev.kind} options={await kinds(c)} errors={which === 'edit' ? errors : []} required />
              <Field
                t={t}
                name="distributionList"
                label={t('structure.distributionList')}
                hint={t('structure.distributionListHint')}
                value={ev.distributionList}
                errors={which === 'edit' ? errors : []}
                multiline
                rows={3}
              />
              <button type="submit" class="button">
                {t('structure.common.save')}
              </button>
            </form>
          </section>
        </>
      ) : null}
    </>,
  );
}

async function organisationPage(c: Context<AppEnv>, org: Organisation, form: FormData = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const db = c.get('deps').database.db;
  const principal = (await principalById(db, org.principalId))!;
  const all = await organisationsOfPrincipal(db, principal.id);
  const admin = can(c.get('actor'), 'structure.administer', null);
  const v = errors.length ? formValues(form) : { name: org.name, shortName: org.shortName ?? '', distributionList: org.distributionList.join('\n') };
  return renderPage(
    c,
    {
      title: t('structure.org.title', { name: org.name }),
      status,
      breadcrumbs: [
        { href: '/', label: t('layout.nav.home') },
        { href: '/principals', label: t('structure.principals.title') },
        { href: `/principals/${principal.id}`, label: principal.name },
        { label: org.name },
      ],
    },
    <>
      <h1>{org.name}</h1>
      <p>
        {t('structure.org.principal')}: <a href={`/principals/${principal.id}`}>{principal.name}</a>
      </p>
      {org.distributionList.length ? (
        <p>
          {t('structure.distributionList')}: {org.distributionList.join(', ')}
        </p>
      ) : null}
      <h2>{t('structure.org.subunits')}</h2>
      {all.some((o) => o.parentId === org.id) ? <OrgTree orgs={all} parentId={org.id} /> : <p>{t('structure.orgs.empty')}</p>}
      {admin ? (
        <section aria-labelledby="edit-org">
          <h2 id="edit-org">{t('structure.org.edit')}</h2>
          <ErrorSummary t={t} errors={errors} />
          <form method="post" action={`/organisations/${org.id}`} novalidate>
            <CsrfInput token={csrfToken(c)} />
            <input type="hidden" name="version" value={String(org.version)} />
            <Field t={t} name="name" label={t('structure.org.name')} value={v.name} errors={errors} required maxlength={200} />
            <Field t={t} name="shortName" label={t('structure.shortName')} value={v.shortName} errors={errors} maxlength={60} />
            <Field t={t} name="distributionList" label={t('structure.distributionList')} hint={t('structure.distributionListHint')} value={v.distributionList} errors={errors} multiline rows={3} />
            <button type="submit" class="button">
              {t('structure.common.save')}
            </button>
          </form>
        </section>
      ) : null}
    </>,
  );
}

async function loadPrincipal(c: Context<AppEnv>) {
  const p = await principalById(c.get('deps').database.db, c.req.param('id') ?? '');
  if (!p) throw new NotFoundError();
  return p;
}
async function loadOrganisation(c: Context<AppEnv>) {
  const o = await organisationById(c.get('deps').database.db, c.req.param('id') ?? '');
  if (!o) throw new NotFoundError();
  return o;
}

export function principalPages(app: Hono<AppEnv>) {
  app.get('/principals', (c) => principalsPage(c));
  // Before /principals/:id: the kinds of principal have their own page.
  principalKindPages(app);
  app.post('/principals', async (c) => {
    const form = await readFormAll(c);
    const result = await tryCommand(c, createPrincipal, { name: formOne(form, 'name'), kind: formOne(form, 'kind'), distributionList: splitList(formOne(form, 'distributionList')) });
    if (!result.ok) return principalsPage(c, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.principal.created', { name: result.value.name }) });
    return c.redirect(`/principals/${result.value.id}`, 303);
  });
  app.get('/principals/:id', async (c) => principalPage(c, await loadPrincipal(c)));
  app.post('/principals/:id', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const principal = await loadPrincipal(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, updatePrincipal, {
      principalId: principal.id,
      version: formOne(form, 'version') || undefined,
      name: formOne(form, 'name'),
      kind: formOne(form, 'kind'),
      distributionList: splitList(formOne(form, 'distributionList')),
    });
    if (!result.ok) return principalPage(c, principal, 'edit', form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.principal.saved') });
    return c.redirect(`/principals/${principal.id}`, 303);
  });
  app.post('/principals/:id/organisations', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const principal = await loadPrincipal(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, createOrganisation, {
      principalId: principal.id,
      parentId: formOne(form, 'parentId'),
      name: formOne(form, 'name'),
      shortName: formOne(form, 'shortName'),
      distributionList: splitList(formOne(form, 'distributionList')),
    });
    if (!result.ok) return principalPage(c, principal, 'org', form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.orgs.created', { name: result.value.name }) });
    return c.redirect(`/principals/${principal.id}`, 303);
  });
  app.get('/organisations/:id', async (c) => organisationPage(c, await loadOrganisation(c)));
  app.post('/organisations/:id', async (c) => {
    authorize(c.get('actor'), 'structure.administer', null);
    const org = await loadOrganisation(c);
    const form = await readFormAll(c);
    const result = await tryCommand(c, updateOrganisation, {
      organisationId: org.id,
      version: formOne(form, 'version') || undefined,
      name: formOne(form, 'name'),
      shortName: formOne(form, 'shortName'),
      distributionList: splitList(formOne(form, 'distributionList')),
    });
    if (!result.ok) return organisationPage(c, org, form, fieldErrors(result.errors), result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('structure.orgs.saved') });
    return c.redirect(`/organisations/${org.id}`, 303);
  });
}
