import { Worker } from 'node:worker_threads';

/*
 * The text of a PDF, read with pdfjs-dist (legacy build, runs on Node 20) in a worker
 * thread with its own memory cap. The thread is terminated after `timeoutMs`, so a PDF
 * built to make the parser loop or blow up costs one bounded thread, never the server's
 * event loop or memory. Encrypted and broken files come back as unreadable. At most
 * MAX_READERS PDFs are read at once per process; further uploads wait their turn.
 */

interface PdfLimits {
  maxPages: number;
  maxChars: number;
  timeoutMs: number;
}

type PdfTextResult = { ok: true; text: string } | { ok: false; reason: 'unreadable' | 'tooLarge' | 'timeout' };

const WORKER = new URL('./pdf-worker.mjs', import.meta.url);
const MAX_READERS = 2;
let reading = 0;
const waiting: (() => void)[] = [];

export async function pdfText(data: Buffer, limits: PdfLimits): Promise<PdfTextResult> {
  // A finished reading hands its place straight to the next one waiting.
  if (reading < MAX_READERS) reading++;
  else await new Promise<void>((resolve) => waiting.push(resolve));
  try {
    return await readInWorker(data, limits);
  } finally {
    const next = waiting.shift();
    if (next) next();
    else reading--;
  }
}

function readInWorker(data: Buffer, limits: PdfLimits): Promise<PdfTextResult> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, {
      workerData: { data, maxPages: limits.maxPages, maxChars: limits.maxChars },
      resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    // pdfjs may warn about a broken file on the console: read and drop it.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (result: PdfTextResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), limits.timeoutMs);
    worker.on('message', (result: PdfTextResult) => finish(result.ok ? { ok: true, text: result.text } : { ok: false, reason: result.reason }));
    // A thread that ran out of memory or crashed could not read the file.
    worker.on('error', () => finish({ ok: false, reason: 'unreadable' }));
    worker.on('exit', () => finish({ ok: false, reason: 'unreadable' }));
  });
}
