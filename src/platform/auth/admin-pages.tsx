import { Hono, type Context } from 'hono';
import { asc, count } from 'drizzle-orm';
import type { AppEnv } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { readForm, tryCommand, type FormValues } from '../http/forms.js';
import { setFlash } from '../http/flash.js';
import type { FieldError } from '../http/errors.js';
import { pageQuery, PAGE_SIZE } from '../http/paging.js';
import { parseOrThrow } from '../http/validation.js';
import { CsrfInput, Pager } from '../views/components.js';
import { ErrorSummary, Field } from '../views/fields.js';
import { requireAdmin, requireLogin, csrfToken } from './middleware.js';
import { createPerson } from './commands/people.js';
import { people } from './schema.js';
import { recentAudit } from '../audit/audit.js';
import { auditLog } from '../audit/schema.js';
import { HistoryList, HistorySection } from '../audit/views.js';
import { describeHistory, historyChoices, historyFilterQuery, historyPage, namesOf } from '../audit/history.js';
import { can } from './authorize.js';
import { ForbiddenError } from '../http/errors.js';
import { extensionPoint, installed } from '../registry.js';
import type { MessageKey } from '../i18n/index.js';

async function peoplePage(c: Context<AppEnv>, values: FormValues = {}, errors: FieldError[] = [], status = 200) {
  const t = c.get('t');
  const { page } = parseOrThrow(pageQuery, c.req.query(), c.get('t'));
  const db = c.get('deps').database.db;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(people)
      .orderBy(asc(people.sortKey), asc(people.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(people),
  ]);
  const pages = Math.max(1, Math.ceil((totals[0]?.n ?? 0) / PAGE_SIZE));
  return renderPage(
    c,
    { title: t('admin.people'), status, breadcrumbs: [{ href: '/admin', label: t('admin.title') }, { label: t('admin.people') }] },
    <>
      <h1>{t('admin.people')}</h1>
      <div class="table-wrap">
        <table>
          <caption>{t('table.caption.sorted')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('people.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('admin.people.account')}</th>
              <th scope="col">{t('admin.history')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr>
                <td>
                  {p.name}
                  {p.isAdmin ? <span class="tag">{t('admin.people.isAdmin')}</span> : null}
                </td>
                <td>{p.email ?? '–'}</td>
                <td>{p.passwordHash ? t('admin.people.hasLogin') : t('admin.people.contact')}</td>
                <td>
                  <a href={`/history/person/${p.id}`} aria-label={`${t('admin.history')}: ${p.name}`}>
                    {t('admin.history')}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager t={t} page={page} pages={pages} href={(p) => `/admin/people?page=${p}`} />
      <h2 id="create">{t('admin.people.create')}</h2>
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/admin/people" novalidate>
        <CsrfInput token={csrfToken(c)} />
        <Field t={t} name="name" label={t('people.name')} value={values.name} errors={errors} required maxlength={200} />
        <Field t={t} name="email" label={t('auth.email')} type="email" value={values.email} errors={errors} />
        <Field t={t} name="title" label={t('people.title')} value={values.title} errors={errors} maxlength={200} />
        <Field t={t} name="password" label={t('auth.password')} type="password" autocomplete="new-password" hint={t('admin.people.passwordHint')} errors={errors} />
        <div class="field">
          <input type="checkbox" id="field-isAdmin" name="isAdmin" value="1" checked={values.isAdmin === '1'} /> <label for="field-isAdmin">{t('admin.people.isAdmin')}</label>
        </div>
        <button type="submit" class="button">
          {t('admin.people.create')}
        </button>
      </form>
    </>,
  );
}

export function adminPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/admin', requireAdmin);
  app.use('/admin/*', requireAdmin);
  app.use('/history/*', requireLogin);

  app.get('/admin', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t('admin.title'), breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: t('admin.title') }] },
      <>
        <h1>{t('admin.title')}</h1>
        <ul>
          <li>
            <a href="/admin/people">{t('admin.people')}</a>
          </li>
          <li>
            <a href="/admin/audit">{t('admin.audit')}</a>
          </li>
          <li>
            <a href="/admin/mail">{t('mailLog.list.title')}</a>
          </li>
          <li>
            <a href="/admin/outbox">{t('outbox.title')}</a>
          </li>
          {installed()
            .all(ADMIN_LINKS)
            .map((l) => (
              <li>
                <a href={l.href}>{t(l.label)}</a>
              </li>
            ))}
        </ul>
      </>,
    );
  });

  app.get('/admin/people', (c) => peoplePage(c));
  app.post('/admin/people', async (c) => {
    const values = await readForm(c);
    const result = await tryCommand(c, createPerson, {
      name: values.name ?? '',
      email: values.email ?? '',
      title: values.title || undefined,
      password: values.password ?? '',
      isAdmin: values.isAdmin === '1',
    });
    if (!result.ok) return peoplePage(c, values, result.errors, result.status);
    setFlash(c, { kind: 'success', message: c.get('t')('admin.people.created', { name: result.value.name }) });
    return c.redirect('/admin/people', 303);
  });

  app.get('/admin/audit', async (c) => {
    const t = c.get('t');
    const { page } = parseOrThrow(pageQuery, c.req.query(), c.get('t'));
    const db = c.get('deps').database.db;
    const [rows, totals] = await Promise.all([recentAudit(db, PAGE_SIZE, (page - 1) * PAGE_SIZE), db.select({ n: count() }).from(auditLog)]);
    const pages = Math.max(1, Math.ceil((totals[0]?.n ?? 0) / PAGE_SIZE));
    return renderPage(
      c,
      { title: t('admin.audit'), breadcrumbs: [{ href: '/admin', label: t('admin.title') }, { label: t('admin.audit') }] },
      <>
        <h1>{t('admin.audit')}</h1>
        <p>{t('admin.audit.intro')}</p>
        <HistoryList t={t} entries={await describeHistory(db, rows, c.get('lang'), t)} historyHref={(e) => `/history/${encodeURIComponent(e.objectType)}/${encodeURIComponent(e.objectId)}`} />
        <Pager t={t} page={page} pages={pages} href={(p) => `/admin/audit?page=${p}`} />
      </>,
    );
  });

  /** The change history of any object (and of the objects under it); who may see it is decided per object type. */
  app.get('/history/:type/:id', async (c) => {
    const t = c.get('t');
    const type = c.req.param('type');
    const id = c.req.param('id');
    const actor = c.get('actor');
    const check = installed().find(HISTORY_ACCESS, (h) => h.objectType, type)?.allowed;
    const allowed = can(actor, 'admin.manage', null) || (check ? await check(c, id) : false);
    if (!allowed) throw new ForbiddenError();
    const filter = parseOrThrow(historyFilterQuery, c.req.query(), t);
    const db = c.get('deps').database.db;
    const lang = c.get('lang');
    const [list, choices, names] = await Promise.all([historyPage(db, type, id, filter), historyChoices(db, type, id, lang), namesOf(db, id.split(':'), lang)]);
    const name = id
      .split(':')
      .map((p) => names.get(p.toLowerCase()))
      .filter(Boolean)
      .join(', ');
    const title = t('admin.history.changesOf', { name: name || id.slice(0, 8) });
    return renderPage(
      c,
      { title },
      <>
        <h1>{title}</h1>
        <HistorySection
          t={t}
          action={`/history/${encodeURIComponent(type)}/${encodeURIComponent(id)}`}
          filter={filter}
          choices={choices}
          entries={await describeHistory(db, list.items, lang, t)}
          page={list.page}
          pages={list.pages}
          total={list.total}
        />
      </>,
    );
  });

  return app;
}

/** Who may read the history of one type of object (besides administrators): a manifest's `historyAccess`. */
export interface HistoryAccess {
  objectType: string;
  allowed: (c: Context<AppEnv>, id: string) => Promise<boolean>;
}
export const HISTORY_ACCESS = extensionPoint<HistoryAccess>('platform.historyAccess');

/** A link on the administration index: a manifest's `adminLinks`. */
export interface AdminLink {
  href: string;
  label: MessageKey;
}
export const ADMIN_LINKS = extensionPoint<AdminLink>('platform.adminLinks');

/** A person may read their own history. */
export const personHistoryAccess: HistoryAccess = {
  objectType: 'person',
  allowed: async (c, id) => {
    const actor = c.get('actor');
    return actor.kind === 'person' && actor.personId === id;
  },
};
