import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/http/context.js';
import { renderPage } from '../../../platform/http/render.js';
import { notFound } from '../../../platform/refusals.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { formatDate } from '../../../platform/time.js';
import { fileSource, renderMinutesFile, type MinutesFormat } from '../export.js';
import { isLocked } from '../queries/index.js';
import { snapshotOf, versionInfo, versionOf, versionsOf } from '../queries/index.js';
import { MinutesView, minutesKindLabel } from '../views/minutes-view.js';
import { minutesCrumbs, minutesPage, pageDeps, type C } from './common.js';

/* A locked version as a page, and the minutes as PDF, DOCX and canonical JSON. */

async function loadVersion(c: C) {
  const data = await minutesPage(c);
  if (!data.minutes) notFound('minutes.none');
  const n = Number(c.req.param('n'));
  const version = Number.isInteger(n) && n > 0 ? await versionOf(pageDeps(c).db, data.minutes.id, n) : undefined;
  if (!version) notFound('minutes.refusal.versionNotFound');
  return { data, minutes: data.minutes, version };
}

/** The minutes as a file: a locked version, or the current ones (the latest locked version, else the draft). */
export async function sendFile(c: C, format: MinutesFormat, which: 'current' | 'version') {
  const { db, lang } = pageDeps(c);
  let file;
  if (which === 'version') {
    const { data, minutes, version } = await loadVersion(c);
    file = await renderMinutesFile(await fileSource(db, data.meeting, minutes, data.body, version), format, lang);
  } else {
    const data = await minutesPage(c);
    if (!data.minutes) notFound('minutes.none');
    // Locked minutes: the latest locked version; otherwise the current draft.
    const latest = isLocked(data.minutes) ? (await versionsOf(db, data.minutes.id)).at(-1) : undefined;
    file = await renderMinutesFile(await fileSource(db, data.meeting, data.minutes, data.body, latest), format, lang);
  }
  return c.body(new Uint8Array(file.body), 200, { 'content-type': file.contentType, 'content-disposition': file.disposition, 'cache-control': 'private, no-store' });
}

export function versionRoutes(app: Hono<AppEnv>): void {
  app.get('/meetings/:id/minutes/pdf', requireLogin, (c) => sendFile(c, 'pdf', 'current'));
  app.get('/meetings/:id/minutes/docx', requireLogin, (c) => sendFile(c, 'docx', 'current'));
  app.get('/meetings/:id/minutes/versions/:n/pdf', requireLogin, (c) => sendFile(c, 'pdf', 'version'));
  app.get('/meetings/:id/minutes/versions/:n/docx', requireLogin, (c) => sendFile(c, 'docx', 'version'));
  app.get('/meetings/:id/minutes/versions/:n/json', requireLogin, async (c) => {
    const { version } = await loadVersion(c);
    return c.body(version.canonical, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="minutes-v${version.number}-${version.sha256.slice(0, 12)}.json"`,
    });
  });

  app.get('/meetings/:id/minutes/versions/:n', requireLogin, async (c) => {
    const { t, lang } = pageDeps(c);
    const { data, minutes, version } = await loadVersion(c);
    const kind = minutesKindLabel(t, minutes.kind);
    const label = t('minutes.versionOf', { number: version.number });
    const title = `${t('minutes.title', { kind, meeting: `${data.meeting.title} ${formatDate(data.meeting.startsAt)}` })} – ${label}`;
    const base = `/meetings/${data.meeting.id}/minutes/versions/${version.number}`;
    return renderPage(
      c,
      { title, breadcrumbs: minutesCrumbs(c, data, kind, label) },
      <>
        <h1>{title}</h1>
        <p>{t('minutes.locked')}</p>
        <p>
          {t('minutes.downloads')}: <a href={`${base}/pdf`}>{t('minutes.pdf')}</a> · <a href={`${base}/docx`}>{t('minutes.docx')}</a> · <a href={`${base}/json`}>{t('minutes.json')}</a>
        </p>
        <MinutesView t={t} lang={lang} s={snapshotOf(version)} version={versionInfo(version)} jsonHref={`${base}/json`} />
      </>,
    );
  });
}
