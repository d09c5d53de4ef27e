import type { DbOrTx } from '../../platform/db/client.js';
import { attachmentDisposition, DOCX_CONTENT_TYPE, fileSlug, PDF_CONTENT_TYPE, renderDocx, renderPdf } from '../../platform/documents/index.js';
import { translator, type Lang } from '../../platform/i18n/index.js';
import type { Body } from '../structure/schema.js';
import type { Meeting } from '../meetings/schema.js';
import { canonicalJson, sha256Hex } from './canonical.js';
import { kindKey, minutesDocument, type DocumentVersion } from './document.js';
import { snapshotOf, versionInfo } from './queries/index.js';
import { buildSnapshot, publicSnapshot, type MinutesSnapshot } from './snapshot.js';
import type { Minutes, MinuteVersion } from './schema.js';

/*
 * The minutes as files: PDF (embedded fonts, tagged, PDF/A-2b metadata) and DOCX through
 * the platform's document renderer, and the canonical JSON of a locked version. Rendering
 * happens outside any transaction (the content is read first).
 */

export type MinutesFormat = 'pdf' | 'docx';

interface MinutesFile {
  body: Buffer;
  contentType: string;
  disposition: string;
}

interface FileSource {
  snapshot: MinutesSnapshot;
  version: DocumentVersion | undefined;
  status: Minutes['status'];
}

/** The content of a locked version, or the current draft. */
export async function fileSource(db: DbOrTx, meeting: Meeting, m: Minutes, body: Body, version?: MinuteVersion): Promise<FileSource> {
  if (version) return { snapshot: snapshotOf(version), version: versionInfo(version), status: version.status };
  return { snapshot: await buildSnapshot(db, meeting, m, { body }), version: undefined, status: m.status };
}

/**
 * The public form of a locked version: internal items left out. When something was left
 * out, its own canonical JSON gets its own digest (so that a public copy can be verified too).
 */
export function publicSource(version: MinuteVersion): FileSource & { canonical: string } {
  const full = snapshotOf(version);
  const shown = publicSnapshot(full);
  const canonical = shown.items.length === full.items.length ? version.canonical : canonicalJson(shown);
  const info = versionInfo(version);
  return { snapshot: shown, version: { ...info, sha256: canonical === version.canonical ? info.sha256 : sha256Hex(canonical) }, status: version.status, canonical };
}

function fileName(s: MinutesSnapshot, lang: Lang, version: DocumentVersion | undefined, ext: string): { name: string; ascii: string } {
  const kind = translator(lang)(kindKey(s.kind));
  const base = `${kind} ${s.body.shortName ?? s.body.name} ${s.meeting.date}${version ? ` v${version.number}` : lang === 'en' ? ' draft' : ' utkast'}`;
  return { name: `${base}.${ext}`, ascii: `${fileSlug(base)}.${ext}` };
}

export async function renderMinutesFile(source: FileSource, format: MinutesFormat, lang: Lang): Promise<MinutesFile> {
  const model = minutesDocument(source.snapshot, { lang, version: source.version, status: source.status });
  const body = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
  const { name, ascii } = fileName(source.snapshot, lang, source.version, format);
  return { body, contentType: format === 'pdf' ? PDF_CONTENT_TYPE : DOCX_CONTENT_TYPE, disposition: attachmentDisposition(name, ascii) };
}
