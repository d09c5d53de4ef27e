import { Hono } from 'hono';
import { notFound } from '../../../platform/refusals.js';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { pageQuery } from '../../../platform/http/paging.js';
import { parseOrThrow } from '../../../platform/http/validation.js';
import { Pager } from '../../../platform/views/components.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { today } from '../../../platform/days.js';
import { listStructureMeetings, structureBySlugOrId, visibleBodyIds } from '../queries/index.js';
import { StatusTag, whenText, whereText } from '../views/meeting.js';
import { pageDeps, type C } from './common.js';

async function structureMeetingsPage(c: C) {
  const { t, lang, db, actor } = pageDeps(c);
  const structure = await structureBySlugOrId(db, c.req.param('slug') ?? '');
  if (!structure) notFound('meetings.refusal.structureNotFound');
  const { page } = parseOrThrow(pageQuery, c.req.query(), t);
  const visible = await visibleBodyIds(db, actor, today());
  const list = await listStructureMeetings(db, structure.id, visible, page);
  const title = t('meetings.structure.title', { structure: structure.name });
  return renderPage(
    c,
    { title, breadcrumbs: [{ href: '/', label: t('layout.nav.home') }, { label: title }] },
    <>
      <h1>{title}</h1>
      <p>{visible === null ? t('meetings.structure.introAll') : t('meetings.structure.introMine')}</p>
      {list.items.length === 0 ? (
        <p>{t('meetings.structure.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{t('meetings.structure.caption', { total: list.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.when')}</th>
                <th scope="col">{t('meetings.body')}</th>
                <th scope="col">{t('meetings.meeting')}</th>
                <th scope="col">{t('meetings.where')}</th>
                <th scope="col">{t('meetings.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((m) => (
                <tr>
                  <td>
                    <time datetime={m.startsAt.toISOString()}>{whenText(m, lang)}</time>
                  </td>
                  <td>
                    <a href={`/bodies/${m.bodyId}/meetings`}>{m.bodyName}</a>
                  </td>
                  <td>
                    <a href={`/meetings/${m.id}`}>{m.title}</a>
                  </td>
                  <td>{whereText(m, t)}</td>
                  <td>
                    <StatusTag t={t} meeting={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager t={t} page={list.page} pages={list.pages} href={(p) => `/structures/${structure.slug}/meetings?page=${p}`} />
    </>,
  );
}

export function structureMeetingPages(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/structures/:slug/meetings', requireLogin);
  app.get('/structures/:slug/meetings', (c) => structureMeetingsPage(c));
  return app;
}
