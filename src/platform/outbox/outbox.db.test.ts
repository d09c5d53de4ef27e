import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { useTestDatabase } from '../../../tests/helpers/db.js';
import { testConfig } from '../../../tests/helpers/app.js';
import { testDbKind } from '../../../tests/helpers/db-env.js';
import { createLogger } from '../logger.js';
import { runDueJobs, type WorkerDeps } from '../worker.js';
import { mailMessages, outbox, type OutboxRow } from './schema.js';
import { BACKOFF_CAP_MS, PermanentJobError, backoffMs, claim, complete, enqueue, enqueueBatch, enqueueMail, fail, mailItem, reclaimStuck, registerJob, type JobHandler } from './outbox.js';

const db = useTestDatabase();
const database = () => db.current;
const deps = (): WorkerDeps => ({ database: database(), config: testConfig(), logger: createLogger('silent') });
const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000);

async function row(id: string): Promise<OutboxRow> {
  const [r] = await database().db.select().from(outbox).where(eq(outbox.id, id));
  if (!r) throw new Error(`no outbox row ${id}`);
  return r;
}

/** Seconds from the database's now() to the row's runAt. */
async function dueInSeconds(id: string): Promise<number> {
  const [r] = await database().query<{ s: number }>('select extract(epoch from run_at - now())::float8 as s from outbox where id = $1', [id]);
  return Number(r!.s);
}

const unregister: (() => void)[] = [];
function job(kind: string, handler: JobHandler) {
  unregister.push(registerJob(kind, handler));
}

beforeEach(async () => {
  await database().db.delete(mailMessages);
  await database().db.delete(outbox);
});
afterEach(() => {
  for (const u of unregister.splice(0)) u();
});

describe('enqueueing inside the business transaction', () => {
  it('keeps no mail when the business transaction rolls back, and keeps it when it commits', async () => {
    const mail = { to: ['anna@example.se'], subject: 'Kallelse', text: 'Välkommen.' };
    await expect(
      database().db.transaction(async (tx) => {
        await enqueueMail(tx, mail);
        throw new Error('the business rule refused');
      }),
    ).rejects.toThrow('the business rule refused');
    expect((await database().db.select({ n: count() }).from(outbox))[0]!.n).toBe(0);

    const created = await database().db.transaction((tx) => enqueueMail(tx, mail));
    const stored = await row(created!.id);
    expect(stored).toMatchObject({ kind: 'mail', status: 'pending', attempts: 0, maxAttempts: 5, batchId: null });
    expect(stored.payload).toMatchObject(mail);
  });

  it('refuses a mail without recipients or with a line break in the subject', async () => {
    await expect(enqueueMail(database().db, { to: [], subject: 'x', text: 'y' })).rejects.toThrow();
    await expect(enqueueMail(database().db, { to: ['a@example.se'], subject: 'x\r\nBcc: b@example.se', text: 'y' })).rejects.toThrow();
    await expect(enqueueMail(database().db, { to: ['inte en adress'], subject: 'x', text: 'y' })).rejects.toThrow();
  });

  it('gives the rows of a batch one batchId and one createdAt', async () => {
    const lists = ['styrgruppen@example.se', 'beredningen@example.se', 'natverket@example.se'];
    const { batchId, rows } = await database().db.transaction(async (tx) => {
      return enqueueBatch(tx, [...lists.map((to) => mailItem({ to: [to], subject: 'Nytt ärende', text: 'Ett ärende har kommit in.' })), { kind: 'test.digest', payload: { lists: lists.length } }]);
    });
    expect(rows).toHaveLength(4);
    const stored = await database().db.select().from(outbox).where(eq(outbox.batchId, batchId));
    expect(stored).toHaveLength(4);
    expect(new Set(stored.map((r) => r.createdAt.getTime())).size).toBe(1);
    const [distinct] = await database().query<{ n: number }>('select count(distinct created_at)::int as n from outbox where batch_id = $1', [batchId]);
    expect(distinct!.n).toBe(1);
  });

  it('ignores a second row with the same dedupeKey', async () => {
    const first = await enqueue(database().db, { kind: 'test.reminder', payload: { meeting: 1 }, dedupeKey: 'reminder:meeting-1:24h' });
    const second = await enqueue(database().db, { kind: 'test.reminder', payload: { meeting: 1 }, dedupeKey: 'reminder:meeting-1:24h' });
    expect(first).toBeDefined();
    expect(second).toBeUndefined();
    const batch = await enqueueBatch(database().db, [
      { kind: 'test.reminder', dedupeKey: 'reminder:meeting-1:24h' },
      { kind: 'test.reminder', dedupeKey: 'reminder:meeting-2:24h' },
    ]);
    expect(batch.rows.map((r) => r.dedupeKey)).toEqual(['reminder:meeting-2:24h']);
  });

  it('holds a scheduled row until its runAt', async () => {
    const ran: string[] = [];
    job('test.scheduled', async (j) => {
      ran.push(j.id);
    });
    const scheduled = await enqueue(database().db, { kind: 'test.scheduled', runAt: minutesFromNow(60) });
    expect((await runDueJobs(deps())).claimed).toBe(0);
    expect((await runDueJobs(deps(), { now: minutesFromNow(61) })).done).toBe(1);
    expect(ran).toEqual([scheduled!.id]);
  });
});

describe('claiming with FOR UPDATE SKIP LOCKED', () => {
  it('never gives the same row to two concurrent claimers', async () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ kind: 'test.parallel', payload: { i } }));
    await enqueueBatch(database().db, items);
    const claimers = Array.from({ length: 4 }, (_, i) => `worker-${i}`);
    const rounds = await Promise.all(claimers.map((w) => claim(database(), w, 12, { kinds: ['test.parallel'] })));
    const again = await claim(database(), 'worker-late', 40, { kinds: ['test.parallel'] });
    const ids = [...rounds.flat(), ...again].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(40);
    for (const [i, claimed] of rounds.entries()) {
      for (const r of claimed) expect(r).toMatchObject({ status: 'processing', lockedBy: claimers[i], attempts: 1 });
    }
    const stored = await database().db.select().from(outbox);
    for (const r of stored) expect(r.status).toBe('processing');
  });

  it.runIf(testDbKind() === 'postgres')('skips rows that another transaction holds locked', async () => {
    const { rows } = await enqueueBatch(
      database().db,
      Array.from({ length: 6 }, (_, i) => ({ kind: 'test.locked', payload: { i } })),
    );
    const held = rows.slice(0, 2).map((r) => r.id);
    const client = await database().pool!.connect();
    try {
      await client.query('begin');
      await client.query('select id from outbox where id = any($1::uuid[]) for update', [held]);
      const claimed = await claim(database(), 'worker-a', 10, { kinds: ['test.locked'] });
      expect(claimed.map((r) => r.id).sort()).toEqual(
        rows
          .slice(2)
          .map((r) => r.id)
          .sort(),
      );
      await client.query('rollback');
    } finally {
      client.release();
    }
    const rest = await claim(database(), 'worker-b', 10, { kinds: ['test.locked'] });
    expect(rest.map((r) => r.id).sort()).toEqual([...held].sort());
  });

  it('claims only the kinds it is given, oldest due first', async () => {
    const early = await enqueue(database().db, { kind: 'test.a', runAt: minutesFromNow(-10) });
    const late = await enqueue(database().db, { kind: 'test.a', runAt: minutesFromNow(-5) });
    await enqueue(database().db, { kind: 'test.unknown' });
    const claimed = await claim(database(), 'w', 10, { kinds: ['test.a'] });
    expect(claimed.map((r) => r.id)).toEqual([early!.id, late!.id]);
    expect(await claim(database(), 'w', 10, { kinds: [] })).toEqual([]);
  });

  it('leaves rows of kinds nobody registered waiting in the queue', async () => {
    const orphan = await enqueue(database().db, { kind: 'test.from-a-newer-version' });
    expect((await runDueJobs(deps())).claimed).toBe(0);
    expect(await row(orphan!.id)).toMatchObject({ status: 'pending', attempts: 0 });
  });
});

describe('outcomes: done, retry with backoff, dead letter', () => {
  it('marks a finished job done and runs its finish step in the same transaction', async () => {
    job('test.ok', async (j) => ({
      async finish(tx) {
        await tx.execute(sql`insert into system_meta (key, value) values (${`test.ok:${j.id}`}, '{"ok":true}'::jsonb)`);
      },
    }));
    const created = await enqueue(database().db, { kind: 'test.ok' });
    expect(await runDueJobs(deps(), { workerId: 'w1' })).toMatchObject({ claimed: 1, done: 1, retried: 0, dead: 0 });
    const stored = await row(created!.id);
    expect(stored).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedAt: null });
    expect(stored.completedAt).toBeInstanceOf(Date);
    const meta = await database().query('select 1 from system_meta where key = $1', [`test.ok:${created!.id}`]);
    expect(meta).toHaveLength(1);
  });

  it('doubles the wait after each failure, capped', () => {
    expect(backoffMs(1)).toBe(60_000);
    expect(backoffMs(2)).toBe(120_000);
    expect(backoffMs(3)).toBe(240_000);
    expect(backoffMs(30)).toBe(BACKOFF_CAP_MS);
  });

  it('retries a failing job later with exponential backoff, then dead-letters it after maxAttempts', async () => {
    let calls = 0;
    job('test.flaky', async () => {
      calls++;
      throw new Error(`remote system answered 503 (call ${calls})`);
    });
    const created = await enqueue(database().db, { kind: 'test.flaky', maxAttempts: 3 });
    const id = created!.id;

    expect(await runDueJobs(deps())).toMatchObject({ claimed: 1, retried: 1, dead: 0 });
    let stored = await row(id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 1, lockedBy: null, lastError: 'remote system answered 503 (call 1)' });
    const firstWait = await dueInSeconds(id);
    expect(firstWait).toBeGreaterThan(50);
    expect(firstWait).toBeLessThanOrEqual(60);

    // Not due yet: nothing happens.
    expect((await runDueJobs(deps())).claimed).toBe(0);
    expect(calls).toBe(1);

    expect(await runDueJobs(deps(), { now: minutesFromNow(2) })).toMatchObject({ claimed: 1, retried: 1 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: 'pending', attempts: 2 });
    const secondWait = await dueInSeconds(id);
    expect(secondWait).toBeGreaterThan(110);
    expect(secondWait).toBeLessThanOrEqual(120);

    expect(await runDueJobs(deps(), { now: minutesFromNow(5) })).toMatchObject({ claimed: 1, retried: 0, dead: 1 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: 'dead', attempts: 3, lastError: 'remote system answered 503 (call 3)' });
    expect(stored.completedAt).toBeInstanceOf(Date);

    expect((await runDueJobs(deps(), { now: minutesFromNow(600) })).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('dead-letters at once on a permanent error', async () => {
    job('test.hopeless', async () => {
      throw new PermanentJobError('the meeting no longer exists');
    });
    const created = await enqueue(database().db, { kind: 'test.hopeless' });
    expect(await runDueJobs(deps())).toMatchObject({ claimed: 1, dead: 1 });
    expect(await row(created!.id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'the meeting no longer exists' });
  });
});

describe('rows left by a worker that died', () => {
  it('takes back a row stuck in processing and runs it again', async () => {
    const ran: string[] = [];
    job('test.stuck', async (j) => {
      ran.push(j.lockedBy ?? '');
    });
    const created = await enqueue(database().db, { kind: 'test.stuck' });
    const [crashed] = await claim(database(), 'crashed-worker', 1, { kinds: ['test.stuck'] });
    expect(crashed!.id).toBe(created!.id);

    // Not stuck for long enough yet.
    expect(await runDueJobs(deps(), { workerId: 'w2', stuckAfterMs: 10 * 60_000 })).toMatchObject({ reclaimed: 0, claimed: 0 });

    const summary = await runDueJobs(deps(), { workerId: 'w2', stuckAfterMs: 10 * 60_000, now: minutesFromNow(11) });
    expect(summary).toMatchObject({ reclaimed: 1, claimed: 1, done: 1 });
    expect(ran).toEqual(['w2']);
    const stored = await row(created!.id);
    expect(stored).toMatchObject({ status: 'done', attempts: 2 });
    expect(stored.lastError).toMatch(/Abandoned by worker crashed-worker/);

    // The crashed worker wakes up: its outcome no longer counts.
    expect(await complete(database(), crashed!)).toBe(false);
    expect(await fail(database(), crashed!, new Error('late'))).toBe('lost');
    expect((await row(created!.id)).status).toBe('done');
  });

  it('dead-letters a stuck row that has used all its attempts', async () => {
    const created = await enqueue(database().db, { kind: 'test.crashes-the-worker', maxAttempts: 1 });
    await claim(database(), 'crashed-worker', 1, { kinds: ['test.crashes-the-worker'] });
    expect(await reclaimStuck(database(), { olderThanMs: 60_000, now: minutesFromNow(2) })).toBe(1);
    expect(await row(created!.id)).toMatchObject({ status: 'dead', attempts: 1, lockedBy: null });
  });
});
