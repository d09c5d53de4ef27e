import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPostgres } from './db/client.js';
import { eventBus, encodeEvent, type BusEvent } from './events.js';
import { useTestDatabase } from '../../tests/helpers/db.js';
import { testDbKind } from '../../tests/helpers/db-env.js';

const db = useTestDatabase();

/** Resolves with the events of a topic once `count` have arrived (or rejects after a while). */
function collect(topic: string, count: number, timeoutMs = 30_000) {
  const bus = eventBus(db.current);
  const got: BusEvent[] = [];
  let stop = () => {};
  const done = new Promise<BusEvent[]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${got.length} of ${count} events on ${topic}`)), timeoutMs);
    stop = bus.subscribe(topic, (e) => {
      got.push(e);
      if (got.length === count) {
        clearTimeout(timer);
        resolve(got);
      }
    });
  });
  return { got, done, stop: () => stop() };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('event bus', () => {
  it('delivers an event published in a transaction at commit, and never one rolled back', async () => {
    const bus = eventBus(db.current);
    await bus.ready;
    const topic = `meeting:${crypto.randomUUID()}`;
    const listener = collect(topic, 2);
    await db.current.db.transaction(async (tx) => {
      await bus.publish(tx, { topic, type: 'current-item', data: { itemId: 'a' } });
      await pause(100);
      expect(listener.got).toEqual([]);
    });
    await expect(
      db.current.db.transaction(async (tx) => {
        await bus.publish(tx, { topic, type: 'current-item', data: { itemId: 'rolled-back' } });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await bus.publish(db.current.db, { topic, type: 'agenda-changed' });
    const events = await listener.done;
    expect(events).toEqual([
      { topic, type: 'current-item', data: { itemId: 'a' } },
      { topic, type: 'agenda-changed' },
    ]);
    listener.stop();
    expect(bus.subscriberCount(topic)).toBe(0);
  });

  it('fans out to every subscriber of a topic and to no other topic', async () => {
    const bus = eventBus(db.current);
    const a = collect('topic:a', 1);
    const a2 = collect('topic:a', 1);
    const b: BusEvent[] = [];
    const stopB = bus.subscribe('topic:b', (e) => b.push(e));
    await bus.publish(db.current.db, { topic: 'topic:a', type: 'ping' });
    expect((await a.done)[0]!.type).toBe('ping');
    expect((await a2.done)[0]!.type).toBe('ping');
    await pause(50);
    expect(b).toEqual([]);
    a.stop();
    a2.stop();
    stopB();
  });

  it('refuses an event too large for NOTIFY', () => {
    expect(() => encodeEvent({ topic: 't', type: 'x', data: { blob: 'x'.repeat(9000) } })).toThrow(/too large/);
  });
});

describe.skipIf(testDbKind() !== 'postgres')('event bus across processes (PostgreSQL)', () => {
  const others: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const o of others) await o.close();
  });

  it('an event published through one pool reaches a subscriber of another', async () => {
    const url = (db.current.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const second = await openPostgres(url, 2);
    others.push(second);
    const secondBus = eventBus(second);
    await Promise.all([secondBus.ready, eventBus(db.current).ready]);
    const topic = `meeting:${crypto.randomUUID()}`;
    const received = new Promise<BusEvent>((resolve) => secondBus.subscribe(topic, resolve));
    await eventBus(db.current).publish(db.current.db, { topic, type: 'current-item' });
    expect(await received).toEqual({ topic, type: 'current-item' });
  });

  it('listens again after its connection was killed, and tells subscribers to resync', async () => {
    const bus = eventBus(db.current);
    await bus.ready;
    const topic = `meeting:${crypto.randomUUID()}`;
    const events: BusEvent[] = [];
    bus.subscribe(topic, (e) => events.push(e));
    await db.current.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'LISTEN %' and pid <> pg_backend_pid()`);
    const deadline = Date.now() + 30_000;
    while (!events.some((e) => e.type === 'resync') && Date.now() < deadline) await pause(50);
    expect(events.map((e) => e.type)).toContain('resync');
    await bus.publish(db.current.db, { topic, type: 'after-reconnect' });
    while (!events.some((e) => e.type === 'after-reconnect') && Date.now() < deadline) await pause(20);
    expect(events.map((e) => e.type)).toContain('after-reconnect');
  });
});
