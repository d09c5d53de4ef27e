import { and, desc, eq, inArray } from 'drizzle-orm';
import { notFound } from '../../../platform/refusals.js';
import { z } from 'zod';
import { execute } from '../../../platform/commands.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError, textsOf, type Text } from '../../../platform/http/errors.js';
import { defineJob, PermanentJobError } from '../../../platform/outbox/outbox.js';
import { people } from '../../../platform/auth/schema.js';
import { importMembers } from '../commands/import-members.js';
import { importRuns, type ImportRun } from '../schema.js';

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

/** One run of a body, for those who manage it (404 for any other run id). */
export async function importRunOf(db: Db, bodyId: string, runId: string): Promise<ImportRun> {
  const [run] = z.uuid().safeParse(runId).success
    ? await db
        .select()
        .from(importRuns)
        .where(and(eq(importRuns.id, runId), eq(importRuns.bodyId, bodyId)))
    : [];
  if (!run) notFound('structure.refuse.importNotFound');
  return run;
}

/** The latest runs of a body, newest first (the file itself left out). */
export async function recentImportRuns(db: Db, bodyId: string, limit = 5): Promise<ImportRun[]> {
  return db.select().from(importRuns).where(eq(importRuns.bodyId, bodyId)).orderBy(desc(importRuns.createdAt)).limit(limit);
}

/** The problems of a refused import, one per line (with the line number), as texts by key. */
function problemsOf(err: AppError): Text[] {
  return textsOf(err);
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
