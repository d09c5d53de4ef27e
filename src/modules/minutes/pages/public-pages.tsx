import type { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { attachmentDisposition, fileSlug } from '../../../platform/documents/index.js';
import { formatDate } from '../../../platform/time.js';
import { bodyTrail, bodyWithStructure } from '../../structure/index.js';
import { UUID, attachmentById, attachmentsOf } from '../../meetings/index.js';
import { meetings } from '../../meetings/schema.js';
import { publicSource, renderMinutesFile } from '../export.js';
import { publishedOfBody, versionsOf } from '../queries/index.js';
import { minutes } from '../schema.js';
import { MinutesView, minutesKindLabel } from '../views/minutes-view.js';
import { pageDeps, type C } from './common.js';

/*
 * The public pages of a public body's minutes: the list of published minutes and each one
 * as an accessible HTML page (the latest locked version, internal items left out), with
 * the PDF beside it, its canonical JSON and the attachments the secretary selected.
 * Readable without an account.
 */

async function publicBody(c: C) {
  const found = await bodyWithStructure(pageDeps(c).db, c.req.param('bodyId') ?? '');
  if (!found?.body.isPublic) throw new NotFoundError();
  return found;
}

async function published(c: C) {
  const { db } = pageDeps(c);
  const { body, structure } = await publicBody(c);
  const meetingId = c.req.param('meetingId') ?? '';
  if (!UUID.test(meetingId)) throw new NotFoundError();
  const [row] = await db
    .select({ minutes, meeting: meetings })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(and(eq(minutes.meetingId, meetingId), eq(minutes.bodyId, body.id)));
  if (!row?.minutes.publishedAt || row.minutes.lockedVersion === 0) throw new NotFoundError();
  const version = (await versionsOf(db, row.minutes.id)).find((v) => v.number === row.minutes.lockedVersion);
  if (!version) throw new NotFoundError();
  return { body, structure, minutes: row.minutes, meeting: row.meeting, version, source: publicSource(version) };
}

export function publicRoutes(app: Hono<AppEnv>): void {
  app.get('/bodies/:bodyId/published', async (c) => {
    const { t, db } = pageDeps(c);
    const { body, structure } = await publicBody(c);
    const rows = await publishedOfBody(db, body.id);
    const title = t('minutes.public.title', { body: body.name });
    return renderPage(
      c,
      { title, breadcrumbs: bodyTrail(t, body, structure, { label: t('minutes.tab.published') }) },
      <>
        <h1>{title}</h1>
        {rows.length === 0 ? (
          <p>{t('minutes.public.none')}</p>
        ) : (
          <ul>
            {rows.map((r) => (
              <li>
                <a href={`/bodies/${body.id}/published/${r.meeting.id}`}>
                  {minutesKindLabel(t, r.minutes.kind)} {formatDate(r.meeting.startsAt)}
                </a>{' '}
                (<a href={`/bodies/${body.id}/published/${r.meeting.id}/pdf`}>{t('minutes.pdf')}</a>)
              </li>
            ))}
          </ul>
        )}
      </>,
    );
  });

  app.get('/bodies/:bodyId/published/:meetingId', async (c) => {
    const { t, lang, db } = pageDeps(c);
    const p = await published(c);
    const kind = minutesKindLabel(t, p.minutes.kind);
    const title = t('minutes.title', { kind, meeting: `${p.body.name} ${formatDate(p.meeting.startsAt)}` });
    const files = (await attachmentsOf(db, p.meeting.id)).filter((f) => p.minutes.publicAttachmentIds.includes(f.id));
    const base = `/bodies/${p.body.id}/published/${p.meeting.id}`;
    return renderPage(
      c,
      {
        title,
        breadcrumbs: bodyTrail(t, p.body, p.structure, { href: `/bodies/${p.body.id}/published`, label: t('minutes.tab.published') }, { label: formatDate(p.meeting.startsAt) }),
      },
      <>
        <h1>{title}</h1>
        <p>
          {t('minutes.downloads')}: <a href={`${base}/pdf`}>{t('minutes.pdf')}</a> · <a href={`${base}/json`}>{t('minutes.json')}</a>
        </p>
        {files.length ? (
          <section aria-labelledby="public-attachments">
            <h2 id="public-attachments">{t('minutes.public.attachments')}</h2>
            <ul>
              {files.map((f) => (
                <li>
                  <a href={`${base}/attachments/${f.id}`}>{f.filename}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <MinutesView
          t={t}
          lang={lang}
          s={p.source.snapshot}
          version={p.source.version}
          jsonHref={`${base}/json`}
          // Attachments the secretary published are linked; the others are named only.
          attachmentHref={(id) => (p.minutes.publicAttachmentIds.includes(id) ? `${base}/attachments/${id}` : null)}
        />
      </>,
    );
  });

  app.get('/bodies/:bodyId/published/:meetingId/pdf', async (c) => {
    const p = await published(c);
    const file = await renderMinutesFile(p.source, 'pdf', pageDeps(c).lang);
    return c.body(new Uint8Array(file.body), 200, { 'content-type': file.contentType, 'content-disposition': file.disposition });
  });

  app.get('/bodies/:bodyId/published/:meetingId/json', async (c) => {
    const p = await published(c);
    return c.body(p.source.canonical, 200, { 'content-type': 'application/json; charset=utf-8' });
  });

  app.get('/bodies/:bodyId/published/:meetingId/attachments/:attachmentId', async (c) => {
    const p = await published(c);
    const id = c.req.param('attachmentId');
    if (!p.minutes.publicAttachmentIds.includes(id)) throw new NotFoundError();
    const file = await attachmentById(pageDeps(c).db, id);
    if (!file || file.meetingId !== p.meeting.id) throw new NotFoundError();
    const ext = file.filename.includes('.') ? file.filename.slice(file.filename.lastIndexOf('.')) : '';
    return c.body(new Uint8Array(file.data), 200, {
      'content-type': file.contentType,
      'content-disposition': attachmentDisposition(file.filename, `${fileSlug(file.filename.replace(/\.[^.]*$/, ''))}${ext.replace(/[^.a-z0-9]/gi, '')}`),
      'x-content-type-options': 'nosniff',
    });
  });
}
