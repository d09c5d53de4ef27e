/*
 * The safe Markdown subset of minute notes and of a body's mandate. Nothing of the input is ever passed through as
 * HTML: every character is escaped, and only the elements this file writes itself come
 * out. Supported:
 *   paragraphs (separated by a blank line; a single line break is kept as <br>),
 *   bullet lists ("- " or "* "), numbered lists ("1. " or "1) "),
 *   **bold**, *italic* or _italic_, and links [text](https://…) (http, https, mailto only).
 * Anything else is shown as the text it is.
 */

type MarkdownBlock = { type: 'paragraph'; lines: string[] } | { type: 'list'; ordered: boolean; items: string[] };

const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

/** Splits text into paragraphs and lists. */
export function parseBlocks(source: string | null | undefined): MarkdownBlock[] {
  const lines = (source ?? '').replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let current: MarkdownBlock | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      flush();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = !!numbered;
      const text = (bullet ?? numbered)![1]!.trim();
      if (current?.type !== 'list' || current.ordered !== ordered) {
        flush();
        current = { type: 'list', ordered, items: [] };
      }
      current.items.push(text);
      continue;
    }
    if (current?.type === 'list' && /^\s{2,}\S/.test(raw) && current.items.length) {
      // An indented line continues the list item above it.
      current.items[current.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    if (current?.type !== 'paragraph') {
      flush();
      current = { type: 'paragraph', lines: [] };
    }
    current.lines.push(line.trim());
  }
  flush();
  return blocks;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const INLINE = /\*\*(?=\S)(.+?)\*\*|(?<![\w*])\*(?=\S)(.+?)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)_(?!\w)|\[([^\]\n]{1,500})\]\(((?:https?:\/\/|mailto:)[^\s()<>]{1,2000})\)/g;

function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** One line of inline Markdown as safe HTML. */
function inlineHtml(text: string, depth = 0): string {
  if (depth > 3) return escapeHtml(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    const [whole, bold, star, under, linkText, url] = m;
    if (bold !== undefined) out += `<strong>${inlineHtml(bold, depth + 1)}</strong>`;
    else if (star !== undefined || under !== undefined) out += `<em>${inlineHtml((star ?? under)!, depth + 1)}</em>`;
    else {
      const href = safeUrl(url!);
      out += href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer">${inlineHtml(linkText!, depth + 1)}</a>` : escapeHtml(whole);
    }
    last = m.index + whole.length;
  }
  return out + escapeHtml(text.slice(last));
}

/** One line of inline Markdown as plain text (markers removed; a link keeps its address). */
export function inlinePlain(text: string, depth = 0): string {
  if (depth > 3) return text;
  return text.replace(INLINE, (whole, bold?: string, star?: string, under?: string, linkText?: string, url?: string) => {
    if (bold !== undefined) return inlinePlain(bold, depth + 1);
    if (star !== undefined || under !== undefined) return inlinePlain((star ?? under)!, depth + 1);
    return safeUrl(url!) ? `${inlinePlain(linkText!, depth + 1)} (${url})` : whole;
  });
}

/** The whole text as safe HTML. */
export function markdownToHtml(source: string | null | undefined): string {
  return parseBlocks(source)
    .map((b) => {
      if (b.type === 'paragraph') return `<p>${b.lines.map((l) => inlineHtml(l)).join('<br>')}</p>`;
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${inlineHtml(i)}</li>`).join('')}</${tag}>`;
    })
    .join('\n');
}

/** The whole text as plain paragraphs and lists (for PDF and DOCX). */
export function markdownToPlain(source: string | null | undefined): MarkdownBlock[] {
  return parseBlocks(source).map((b) =>
    b.type === 'paragraph' ? { type: 'paragraph', lines: b.lines.map((l) => inlinePlain(l)) } : { type: 'list', ordered: b.ordered, items: b.items.map((i) => inlinePlain(i)) },
  );
}
