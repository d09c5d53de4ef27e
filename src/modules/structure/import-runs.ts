import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { defineCommand, execute } from '../../platform/commands.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, NotFoundError } from '../../platform/http/errors.js';
import { enqueue, defineJob, PermanentJobError } from '../../platform/outbox/outbox.js';
import { people } from '../../platform/auth/schema.js';
import { CSV_HEADER } from './csv-columns.js';
import { sampleSetup } from './samples.js';
import { importMembers } from './commands/import-members.js';
import { authorizedBody, bodyFor } from './commands/common.js';
import { importRuns, type ImportRun } from './schema.js';

/*
 * Large CSV imports run as a job in the background, so that the person who started one sees
 * how far it has come (the page polls, or is reloaded) instead of waiting on a request that
 * may take a minute on a slow day. The job runs the same command as a small import
 * (structure.importMembers), as the person who started it: the same checks, the same audit,
 * all or nothing. Its progress is stored after every chunk of checked lines.
 */

export const IMPORT_RUN_JOB = 'structure.importRun';

/** Files with more data lines than this run in the background with a progress page. */
export const LARGE_IMPORT_LINES = 1000;

/** Data lines in a file (its line breaks less the header), counted on the bytes: any encoding the import accepts. */
export function dataLinesIn(bytes: Uint8Array | string): number {
  let lf = 0;
  let cr = 0;
  if (typeof bytes === 'string') {
    for (let i = 0; i < bytes.length; i++) {
      const ch = bytes.charCodeAt(i);
      if (ch === 10) lf++;
      else if (ch === 13) cr++;
    }
  } else {
    for (const b of bytes) {
      if (b === 10) lf++;
      else if (b === 13) cr++;
    }
  }
  return Math.max(lf, cr);
}

const FINISHED = ['done', 'refused', 'failed'] as const;
export const isFinished = (run: Pick<ImportRun, 'status'>) => (FINISHED as readonly string[]).includes(run.status);

/**
 * structure.startImportRun: queues a large import. The file is checked for identity numbers
 * and emptiness at once (as the import itself does), the rest by the job.
 */
export const startImportRun = defineCommand({
  name: 'structure.startImportRun',
  input: importMembers.input,
  labels: importMembers.labels!,
  async prepare(input, { database, actor, now }) {
    await authorizedBody(database.db, actor, input.bodyId, 'structure.manageBody', now);
    const text = input.csvBase64 ? Buffer.from(input.csvBase64, 'base64') : (input.csv ?? '');
    return { lines: dataLinesIn(typeof text === 'string' ? text : new Uint8Array(text)) };
  },
  async run(ctx, input, prepared): Promise<ImportRun> {
    const body = await bodyFor(ctx, input.bodyId, 'structure.manageBody');
    if (ctx.actor.kind !== 'person') throw new AppError(403, 'forbidden', 'En import i bakgrunden startas av en person.');
    const [run] = await ctx.tx
      .insert(importRuns)
      .values({ bodyId: body.id, personId: ctx.actor.personId, dryRun: input.dryRun, linesTotal: (prepared as { lines: number }).lines, input })
      .returning();
    await enqueue(ctx.tx, { kind: IMPORT_RUN_JOB, payload: { runId: run!.id }, maxAttempts: 3 });
    const { input: _input, ...shown } = run!;
    await ctx.audit({ objectType: 'import_run', objectId: run!.id, after: shown });
    return run!;
  },
  async sample(sc) {
    const { actor, body, region } = await sampleSetup(sc);
    const csv = [CSV_HEADER.join(';'), `Hälso- och sjukvård;${region.name};;Karin Bakgrund;${sc.unique('bg')}@example.se;Ledamot;2025-01-01;;`].join('\r\n');
    return { actor, input: { bodyId: body.id, csv, dryRun: true } };
  },
});

/** One run of a body, for those who manage it (404 for any other run id). */
export async function importRunOf(db: Db, bodyId: string, runId: string): Promise<ImportRun> {
  const [run] = z.uuid().safeParse(runId).success
    ? await db
        .select()
        .from(importRuns)
        .where(and(eq(importRuns.id, runId), eq(importRuns.bodyId, bodyId)))
    : [];
  if (!run) throw new NotFoundError('Importen finns inte.');
  return run;
}

/** The latest runs of a body, newest first (the file itself left out). */
export async function recentImportRuns(db: Db, bodyId: string, limit = 5): Promise<ImportRun[]> {
  return db.select().from(importRuns).where(eq(importRuns.bodyId, bodyId)).orderBy(desc(importRuns.createdAt)).limit(limit);
}

/** What the problems of a refused import are called, one per line (with the line number). */
function problemsOf(err: AppError): string[] {
  return err.fieldErrors.length ? err.fieldErrors.map((f) => f.message) : [err.message];
}

async function finish(db: Db, runId: string, values: Partial<ImportRun>) {
  await db
    .update(importRuns)
    .set({ ...values, input: null, finishedAt: new Date() })
    .where(and(eq(importRuns.id, runId), inArray(importRuns.status, ['queued', 'checking', 'writing'])));
}

export const importRunJob = defineJob(IMPORT_RUN_JOB, async (job, { database, config }) => {
  const { runId } = job.payload as { runId: string };
  const db = database.db;
  const [run] = await db.select().from(importRuns).where(eq(importRuns.id, runId));
  if (!run || isFinished(run)) return;
  const [person] = await db.select().from(people).where(eq(people.id, run.personId));
  if (!person) throw new PermanentJobError(`The person who started import run ${runId} is gone`);
  const actor: Actor = { kind: 'person', personId: person.id, name: person.name, isAdmin: person.isAdmin, via: 'session' };
  await db.update(importRuns).set({ status: 'checking', linesDone: 0 }).where(eq(importRuns.id, runId));
  try {
    const report = await execute({ database, config }, actor, importMembers, run.input, {
      progress: async (done, total) => {
        await db
          .update(importRuns)
          .set({ linesDone: done, linesTotal: total, status: done >= total && !run.dryRun ? 'writing' : 'checking' })
          .where(eq(importRuns.id, runId));
      },
    });
    await finish(db, runId, { status: 'done', report, linesDone: report.rows });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      await finish(db, runId, { status: 'refused', problems: problemsOf(err) });
      return;
    }
    // Tried again by the outbox (from the start: nothing was written); the last try records the failure.
    if (job.attempts >= job.maxAttempts) await finish(db, runId, { status: 'failed' });
    throw err;
  }
});
