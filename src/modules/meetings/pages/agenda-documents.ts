import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { apiFileRoute } from '../../../platform/http/api.js';
import type { AppEnv } from '../../../platform/http/context.js';
import { requireLogin } from '../../../platform/auth/middleware.js';
import { isLang, type Lang } from '../../../platform/i18n/index.js';
import { notFound } from '../../../platform/refusals.js';
import { formatDate } from '../../../platform/time.js';
import { attachmentDisposition, DOCX_CONTENT_TYPE, fileSlug, PDF_CONTENT_TYPE, renderDocx, renderPdf } from '../../../platform/documents/index.js';
import { agendaOf } from '../queries/index.js';
import type { MeetingLinks } from '../links.js';
import { attachmentsOf, jointBodies } from '../queries/index.js';
import { readerAgenda, readerFiles } from '../policy.js';
import { meetingPage } from './common.js';
import { agendaDocument, agendaFilename } from '../views/agenda-document.js';

/** The agenda as PDF and Word, linked from the meeting page. */
export const agendaDocumentLinks: MeetingLinks = {
  order: 20,
  links: ({ meeting, agendaVisible }) =>
    agendaVisible
      ? [
          { href: `/meetings/${meeting.id}/agenda.pdf`, label: 'meetings.agendaDoc.pdf' },
          { href: `/meetings/${meeting.id}/agenda.docx`, label: 'meetings.agendaDoc.docx' },
        ]
      : null,
};

/**
 * The agenda of a meeting as PDF and DOCX, for whoever may see the meeting (the
 * meetings.view rule of the meeting page), with the items that reader sees there
 * (readerAgenda: no internal items for a role only in a body above; nothing before the
 * call opens): /meetings/:id/agenda.pdf|docx for the browser (anonymous visitors are
 * sent to log in) and /api/meetings/:id/agenda.pdf|docx for API
 * clients (a bearer token; 401 problem without one). `?lang=en` gives the English text.
 */

type Format = 'pdf' | 'docx';

async function agendaFile(c: Context<AppEnv>, format: Format): Promise<Response> {
  const db = c.get('deps').database.db;
  const loaded = await meetingPage(c);
  const asked = c.req.query('lang');
  const lang: Lang = isLang(asked) ? asked : c.get('lang');
  const [items, attachments, joint] = await Promise.all([
    agendaOf(db, loaded.meeting.id),
    attachmentsOf(db, loaded.meeting.id),
    loaded.jointBodyIds.length ? jointBodies(db, loaded.meeting.id) : Promise.resolve([]),
  ]);
  // The same rule as the meeting page and the API: what this reader may see of the agenda.
  const agenda = readerAgenda(c.get('actor'), loaded, items);
  if (!agenda.open) notFound('meetings.agendaDoc.notYet', { date: loaded.meeting.callOpensOn ? formatDate(loaded.meeting.callOpensOn) : '' });
  // Rendering is CPU work: it runs after the reads, outside any transaction.
  const model = agendaDocument({ meeting: loaded.meeting, body: loaded.body, jointBodies: joint, agenda, attachments: readerFiles(agenda, attachments), lang });
  const file = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
  const filename = agendaFilename(loaded.meeting, lang, format);
  return c.body(new Uint8Array(file), 200, {
    'content-type': format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE,
    'content-disposition': attachmentDisposition(filename, `${fileSlug(filename.replace(/\.\w+$/, ''))}.${format}`),
    'cache-control': 'private, no-store',
  });
}

export function meetingDocumentRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('/meetings/:id/agenda.pdf', requireLogin);
  app.use('/meetings/:id/agenda.docx', requireLogin);
  app.use('/api/meetings/:id/agenda.pdf', requireLogin);
  app.use('/api/meetings/:id/agenda.docx', requireLogin);
  for (const format of ['pdf', 'docx'] as const) {
    app.get(`/meetings/:id/agenda.${format}`, (c) => agendaFile(c, format));
    apiFileRoute(
      app,
      {
        path: `/api/meetings/:id/agenda.${format}`,
        operationId: `meetings.agenda${format === 'pdf' ? 'Pdf' : 'Docx'}`,
        summary: `The agenda of a meeting as ${format === 'pdf' ? 'PDF' : 'DOCX'} (?lang=en for English)`,
        tags: ['meetings'],
        params: z.object({ id: z.string() }),
        query: z.object({ lang: z.enum(['sv', 'en']).optional() }),
        produces: [format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE],
        errors: [401, 403, 404],
      },
      (c) => agendaFile(c, format),
    );
  }
  return app;
}
