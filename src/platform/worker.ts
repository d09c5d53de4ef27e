import { install, type Registry } from './registry.js';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Database } from './db/client.js';
import type { Logger } from './logger.js';
import { isDatabaseUnavailable, unavailableReason } from './db/unavailable.js';
import { createMailer, type Mailer } from './mail.js';
import { DEFAULT_STUCK_AFTER_MS, claim, complete, errorText, fail, jobHandler, reclaimStuck, registeredKinds, PermanentJobError, type ClockOptions } from './outbox/outbox.js';
import type { OutboxRow } from './outbox/schema.js';

export interface WorkerDeps {
  database: Database;
  config: Config;
  logger: Logger;
  /** Built from the configuration when absent. */
  mailer?: Mailer | undefined;
  /** The modules whose jobs run: the composition root's registry (the installed one when absent, as in tests). */
  registry?: Registry | undefined;
}

interface RunOptions extends ClockOptions {
  workerId?: string | undefined;
  /** Most rows claimed in one round. */
  limit?: number | undefined;
  /** Rows in processing longer than this are taken back from a dead worker. */
  stuckAfterMs?: number | undefined;
}

interface RunSummary {
  reclaimed: number;
  claimed: number;
  done: number;
  retried: number;
  dead: number;
}

const DEFAULT_BATCH_LIMIT = 20;

function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

const mailers = new WeakMap<Config, Mailer>();
function mailerFor(deps: WorkerDeps): Mailer {
  if (deps.mailer) return deps.mailer;
  let mailer = mailers.get(deps.config);
  if (!mailer) {
    mailer = createMailer(deps.config);
    mailers.set(deps.config, mailer);
  }
  return mailer;
}

async function runOne(deps: WorkerDeps, job: OutboxRow, workerId: string, mailer: Mailer, summary: RunSummary) {
  const log = deps.logger.child({ outboxId: job.id, kind: job.kind, attempt: job.attempts });
  try {
    const handler = jobHandler(job.kind, deps.registry);
    if (!handler) throw new PermanentJobError(`No handler registered for "${job.kind}"`);
    const result = await handler(job, { database: deps.database, config: deps.config, logger: log, mailer, workerId });
    if (await complete(deps.database, job, result?.finish ?? undefined)) summary.done++;
    else log.warn('job finished after another worker took it back');
  } catch (err) {
    let outcome;
    try {
      outcome = await fail(deps.database, job, err);
    } catch (recordErr) {
      // The row stays in processing and is taken back once it counts as stuck.
      log.error({ err: recordErr, error: errorText(err) }, 'could not record a failed job');
      return;
    }
    if (outcome === 'dead') {
      summary.dead++;
      log.error({ error: errorText(err) }, 'job failed for good');
    } else if (outcome === 'retry') {
      summary.retried++;
      log.warn({ error: errorText(err) }, 'job failed, will retry');
    }
  }
}

/**
 * One round of the worker: takes back rows from dead workers, claims due rows of the
 * registered kinds, and runs each outside any transaction. Tests call this directly.
 */
export async function runDueJobs(deps: WorkerDeps, options: RunOptions = {}): Promise<RunSummary> {
  const workerId = options.workerId ?? newWorkerId();
  const summary: RunSummary = { reclaimed: 0, claimed: 0, done: 0, retried: 0, dead: 0 };
  summary.reclaimed = await reclaimStuck(deps.database, { olderThanMs: options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS, now: options.now });
  const jobs = await claim(deps.database, workerId, options.limit ?? DEFAULT_BATCH_LIMIT, { kinds: registeredKinds(deps.registry), now: options.now });
  summary.claimed = jobs.length;
  const mailer = mailerFor(deps);
  // One at a time: on PGlite every query waits its turn anyway, and mail servers prefer it.
  for (const job of jobs) await runOne(deps, job, workerId, mailer, summary);
  return summary;
}

/**
 * Runs rounds until nothing more is due (or `maxRounds` is reached) and adds up what
 * they did. For tests and scripts that need every due mail sent now.
 */
export async function drainDueJobs(deps: WorkerDeps, options: RunOptions & { maxRounds?: number } = {}): Promise<RunSummary> {
  const total: RunSummary = { reclaimed: 0, claimed: 0, done: 0, retried: 0, dead: 0 };
  const { maxRounds = 100, ...round } = options;
  for (let i = 0; i < maxRounds; i++) {
    const summary = await runDueJobs(deps, { limit: 200, ...round });
    for (const key of Object.keys(total) as (keyof RunSummary)[]) total[key] += summary[key];
    if (summary.claimed === 0) break;
  }
  return total;
}

interface Worker {
  readonly workerId: string;
  /** Finishes the round in progress, then stops. */
  stop(): Promise<void>;
}

/** The longest wait after failed rounds (jobs' own retries back off in the outbox). */
const MAX_ROUND_WAIT_MS = 30_000;

/** The wait after the n-th failed round in a row: the interval doubled each time, at most MAX_ROUND_WAIT_MS. */
function failedRoundWaitMs(intervalMs: number, failures: number): number {
  return Math.max(intervalMs, Math.min(intervalMs * 2 ** failures, MAX_ROUND_WAIT_MS));
}

/**
 * Polls the outbox every `intervalMs` (at once again when a round was full) until stopped.
 * A failed round (the database away) is logged and the next one waits longer each time.
 */
export function startWorker(deps: WorkerDeps, options: { intervalMs: number; workerId?: string | undefined; limit?: number | undefined; stuckAfterMs?: number | undefined }): Worker {
  // The jobs' commands read the same registry: it is the process's (install refuses another).
  if (deps.registry) install(deps.registry);
  const workerId = options.workerId ?? newWorkerId();
  const limit = options.limit ?? DEFAULT_BATCH_LIMIT;
  const ownMailer = deps.mailer ? undefined : createMailer(deps.config);
  const runDeps: WorkerDeps = { ...deps, mailer: deps.mailer ?? ownMailer };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> | undefined;

  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      round = tick().finally(() => {
        round = undefined;
      });
    }, ms);
    timer.unref?.();
  };

  let failures = 0;
  const tick = async () => {
    let next = options.intervalMs;
    try {
      const summary = await runDueJobs(runDeps, { workerId, limit, stuckAfterMs: options.stuckAfterMs });
      failures = 0;
      if (summary.claimed >= limit) next = 0;
      if (summary.claimed > 0 || summary.reclaimed > 0) deps.logger.debug({ workerId, ...summary }, 'worker round');
    } catch (err) {
      next = failedRoundWaitMs(options.intervalMs, ++failures);
      if (isDatabaseUnavailable(err)) deps.logger.warn({ workerId, retryInMs: next, reason: unavailableReason(err) }, 'worker round: database unavailable');
      else deps.logger.error({ err, workerId, retryInMs: next }, 'worker round failed');
    }
    schedule(next);
  };

  deps.logger.info({ workerId, intervalMs: options.intervalMs, mail: runDeps.mailer!.mode }, 'worker started');
  schedule(0);

  return {
    workerId,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await round;
      ownMailer?.close();
    },
  };
}
