// Reads the text of a PDF in a worker thread (see pdf.ts): the parent kills the thread when
// it takes too long, so a hostile PDF cannot stall the server. Plain JavaScript so that it
// runs the same under tsx, vitest and plain node.
import { parentPort, workerData } from 'node:worker_threads';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const { data, maxPages, maxChars } = workerData;

async function read() {
  const task = getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  const pdf = await task.promise;
  try {
    if (pdf.numPages > maxPages) return { ok: false, reason: 'tooLarge' };
    const pages = [];
    let chars = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      page.cleanup();
      chars += text.length;
      if (chars > maxChars) return { ok: false, reason: 'tooLarge' };
      pages.push(text);
    }
    return { ok: true, text: pages.join('\n') };
  } finally {
    await pdf.destroy();
  }
}

read().then(
  (result) => parentPort.postMessage(result),
  (err) => parentPort.postMessage({ ok: false, reason: 'unreadable', detail: String(err?.name ?? err) }),
);
