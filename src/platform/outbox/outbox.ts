import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database, DbOrTx, Tx } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../mail.js';
import { MAIL_KIND, mailPayload, type MailInput } from './mail-payload.js';
import { outbox, type OutboxRow } from './schema.js';
import { addTo, extensionPoint, installed, type Registry } from '../registry.js';

/*
 * The durable outbox. Rows are written inside the caller's business transaction, so a
 * mail or job exists exactly when the change commits. Workers claim due rows in one short
 * transaction (FOR UPDATE SKIP LOCKED, so several processes share the table), do the work
 * outside any transaction, and record the outcome in another short transaction. Delivery
 * is at least once: a worker that dies after the work but before recording it leaves a
 * row that is reclaimed and run again.
 */

const DEFAULT_MAX_ATTEMPTS = 5;
/** First retry after 30 s · 2^attempts (1 min after the first failure), at most an hour. */
const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
/** A row in processing for longer than this was left by a worker that died. */
export const DEFAULT_STUCK_AFTER_MS = 15 * 60_000;

const MAX_ERROR_LENGTH = 4000;
const INSERT_CHUNK = 1000;

interface EnqueueInput {
  /** 'mail', or the name of a job registered with registerJob. */
  kind: string;
  payload?: unknown;
  /** Not before this time (scheduled jobs); now when absent. */
  runAt?: Date | undefined;
  /** A second enqueue with the same key is ignored (idempotent scheduling). */
  dedupeKey?: string | undefined;
  batchId?: string | undefined;
  maxAttempts?: number | undefined;
}

type EnqueueMailInput = MailInput & Omit<EnqueueInput, 'kind' | 'payload'>;

function toValues(input: EnqueueInput, batchId: string | undefined, createdAt?: Date) {
  if (!input.kind.trim()) throw new Error('An outbox row needs a kind');
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error('maxAttempts must be a positive integer');
  return {
    kind: input.kind,
    payload: input.payload ?? {},
    maxAttempts,
    batchId: batchId ?? null,
    dedupeKey: input.dedupeKey ?? null,
    ...(input.runAt ? { runAt: input.runAt } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

/**
 * Adds one row. Call it with the business transaction. Returns the row, or undefined when
 * a row with the same dedupeKey already exists.
 */
export async function enqueue(tx: DbOrTx, input: EnqueueInput): Promise<OutboxRow | undefined> {
  const [row] = await tx.insert(outbox).values(toValues(input, input.batchId)).onConflictDoNothing({ target: outbox.dedupeKey }).returning();
  return row;
}

/** The outbox item for one mail, validated (for enqueueBatch). */
export function mailItem(mail: EnqueueMailInput): EnqueueInput {
  const { runAt, dedupeKey, batchId, maxAttempts, ...content } = mail;
  return { kind: MAIL_KIND, payload: mailPayload.parse(content), runAt, dedupeKey, batchId, maxAttempts };
}

/** Adds one mail to the outbox; it is sent (or kept) by the worker after the commit. */
export async function enqueueMail(tx: DbOrTx, mail: EnqueueMailInput): Promise<OutboxRow | undefined> {
  return enqueue(tx, mailItem(mail));
}

/**
 * Adds several rows as one batch: they share one batchId (a new one unless given) and one
 * createdAt. Rows whose dedupeKey already exists are left out of `rows`.
 */
export async function enqueueBatch(tx: DbOrTx, items: readonly EnqueueInput[], options: { batchId?: string } = {}): Promise<{ batchId: string; rows: OutboxRow[] }> {
  const batchId = options.batchId ?? randomUUID();
  const rows: OutboxRow[] = [];
  if (items.length === 0) return { batchId, rows };
  // One statement per chunk; every chunk reuses the first one's timestamp.
  const clock = await tx.execute(sql`select (extract(epoch from now()) * 1000)::float8 as ms`);
  const createdAt = new Date(Number((clock.rows[0] as { ms: number | string }).ms));
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    const chunk = items.slice(i, i + INSERT_CHUNK).map((item) => toValues(item, batchId, createdAt));
    rows.push(...(await tx.insert(outbox).values(chunk).onConflictDoNothing({ target: outbox.dedupeKey }).returning()));
  }
  return { batchId, rows };
}

// ---------------------------------------------------------------------------------------
// Job handlers

/** What a handler may use; it runs outside any transaction. */
export interface JobContext {
  database: Database;
  config: Config;
  logger: Logger;
  mailer: Mailer;
  workerId: string;
}

export interface JobResult {
  /** Runs in the short transaction that marks the row done (e.g. to record what was sent). */
  finish?: (tx: Tx) => Promise<void>;
}

export type JobHandler = (job: OutboxRow, ctx: JobContext) => Promise<void | JobResult>;

/** Thrown by a handler when trying again cannot help: the row goes straight to dead. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** One kind of job and its handler (a manifest's `jobs`). */
export interface JobDef {
  kind: string;
  handler: JobHandler;
}

export const JOBS = extensionPoint<JobDef>('platform.jobs');

/** Defines the handler of a kind of job (no side effect: the module's manifest lists it). */
export function defineJob(kind: string, handler: JobHandler): JobDef {
  return { kind, handler };
}

/** Adds a handler to the installed registry (tests); returns a function that removes it again. */
export function registerJob(kind: string, handler: JobHandler): () => void {
  if (jobHandler(kind)) throw new Error(`A job handler for "${kind}" is already registered`);
  return addTo(JOBS, defineJob(kind, handler));
}

export function jobHandler(kind: string, registry: Registry = installed()): JobHandler | undefined {
  return registry.find(JOBS, (j) => j.kind, kind)?.handler;
}

export function registeredKinds(registry: Registry = installed()): string[] {
  return registry.all(JOBS).map((j) => j.kind);
}

// ---------------------------------------------------------------------------------------
// Claiming and recording outcomes

export interface ClockOptions {
  /** Compare due times against this instant instead of the database's now() (tests). */
  now?: Date | undefined;
}

function nowSql(now: Date | undefined): SQL {
  return now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
}

/**
 * Claims up to `limit` due pending rows for `workerId` in one short transaction, skipping
 * rows another worker holds, and marks them processing (counting the attempt). Only kinds
 * in `options.kinds` are claimed when given, so a process never takes work it cannot do.
 */
export async function claim(database: Database, workerId: string, limit: number, options: ClockOptions & { kinds?: readonly string[] | undefined } = {}): Promise<OutboxRow[]> {
  if (limit < 1 || (options.kinds && options.kinds.length === 0)) return [];
  const claimed = await database.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.runAt, nowSql(options.now)), options.kinds ? inArray(outbox.kind, [...options.kinds]) : undefined))
      .orderBy(asc(outbox.runAt), asc(outbox.createdAt), asc(outbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(outbox)
      .set({ status: 'processing', lockedAt: sql`now()`, lockedBy: workerId, attempts: sql`${outbox.attempts} + 1` })
      .where(
        inArray(
          outbox.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
  return claimed.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
}

/** The row is still ours: processing and locked by the worker that claimed it. */
function heldBy(job: Pick<OutboxRow, 'id' | 'lockedBy'>) {
  return and(eq(outbox.id, job.id), eq(outbox.status, 'processing'), eq(outbox.lockedBy, job.lockedBy ?? ''));
}

/**
 * Marks a claimed row done, running `finish` in the same short transaction. Returns false
 * (and runs nothing) when the row is no longer held by the worker that claimed it.
 */
export async function complete(database: Database, job: Pick<OutboxRow, 'id' | 'lockedBy'>, finish?: (tx: Tx) => Promise<void>): Promise<boolean> {
  return database.db.transaction(async (tx) => {
    const done = await tx
      .update(outbox)
      .set({ status: 'done', completedAt: sql`now()`, lockedAt: null, lockedBy: null })
      .where(heldBy(job))
      .returning({ id: outbox.id });
    if (done.length === 0) return false;
    await finish?.(tx);
    return true;
  });
}

/** Delay before the next try after `attempts` tries: 30 s · 2^attempts, capped. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts), BACKOFF_CAP_MS);
}

export function errorText(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const response = (error as { response?: unknown }).response;
    text = [typeof code === 'string' ? `${code}:` : '', error.message, typeof response === 'string' && !error.message.includes(response) ? `(${response})` : ''].filter(Boolean).join(' ');
  } else {
    text = String(error);
  }
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

type FailOutcome = 'retry' | 'dead' | 'lost';

/**
 * Records a failed try: back to pending with exponential backoff, or dead after
 * maxAttempts tries or a PermanentJobError. 'lost' when the row is no longer ours.
 */
export async function fail(database: Database, job: Pick<OutboxRow, 'id' | 'lockedBy' | 'attempts' | 'maxAttempts'>, error: unknown): Promise<FailOutcome> {
  const dead = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
  const delaySeconds = backoffMs(job.attempts) / 1000;
  const rows = await database.db.transaction(async (tx) =>
    tx
      .update(outbox)
      .set(
        dead
          ? { status: 'dead', completedAt: sql`now()`, lockedAt: null, lockedBy: null, lastError: errorText(error) }
          : {
              status: 'pending',
              runAt: sql`now() + make_interval(secs => ${delaySeconds})`,
              lockedAt: null,
              lockedBy: null,
              lastError: errorText(error),
            },
      )
      .where(heldBy(job))
      .returning({ id: outbox.id }),
  );
  if (rows.length === 0) return 'lost';
  return dead ? 'dead' : 'retry';
}

/**
 * Frees rows left in processing longer than `olderThanMs` by a worker that died: back to
 * pending (due at once), or dead when they have used all their attempts. Returns how many.
 */
export async function reclaimStuck(database: Database, options: ClockOptions & { olderThanMs?: number | undefined } = {}): Promise<number> {
  const olderThanSeconds = (options.olderThanMs ?? DEFAULT_STUCK_AFTER_MS) / 1000;
  const exhausted = sql`${outbox.attempts} >= ${outbox.maxAttempts}`;
  const rows = await database.db
    .update(outbox)
    .set({
      status: sql`case when ${exhausted} then 'dead'::outbox_status else 'pending'::outbox_status end`,
      completedAt: sql`case when ${exhausted} then now() else null end`,
      runAt: sql`case when ${exhausted} then ${outbox.runAt} else now() end`,
      lastError: sql`concat('Abandoned by worker ', ${outbox.lockedBy}, ' (processing since ', ${outbox.lockedAt}::text, ')')`,
      lockedAt: null,
      lockedBy: null,
    })
    .where(and(eq(outbox.status, 'processing'), lt(outbox.lockedAt, sql`${nowSql(options.now)} - make_interval(secs => ${olderThanSeconds})`)))
    .returning({ id: outbox.id });
  return rows.length;
}
