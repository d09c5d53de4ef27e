import type pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from './db/client.js';

/**
 * The event bus for live updates (meetings in progress, later other pages).
 *
 * Events travel through the database with NOTIFY on one channel, so that every app
 * process sharing the database gets them: on PostgreSQL each process holds one dedicated
 * connection from its pool that LISTENs; PGlite (one process) listens on its instance.
 * Each process then fans an event out in memory to its own subscribers of the topic.
 *
 * Publishing with a transaction sends the event only if (and when) it commits, as
 * PostgreSQL delivers a NOTIFY at commit: a subscriber never sees a change that was rolled
 * back, and reading the database on receipt shows the change.
 *
 * An event is small (a topic, a type, a few ids); subscribers read what they show from
 * the database. When the LISTEN connection was lost and is back, every subscriber gets
 * a 'resync' event, as events may have been missed meanwhile; on close, a 'closed' event.
 */

const EVENTS_CHANNEL = 'samverka_events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_EVENT_BYTES = 7500;

export interface BusEvent {
  /** What the event is about, e.g. `meeting:<id>`. */
  topic: string;
  /** What happened, e.g. 'current-item'; 'resync' and 'closed' come from the bus itself. */
  type: string;
  data?: Record<string, unknown>;
}

type BusListener = (event: BusEvent) => void;

interface EventBus {
  /** Resolves once this process is listening (events published before may be missed). */
  readonly ready: Promise<void>;
  /** Sends an event to every process; with a transaction, at its commit. */
  publish(db: DbOrTx, event: BusEvent): Promise<void>;
  /** Listens to one topic in this process; returns the function that stops listening. */
  subscribe(topic: string, listener: BusListener): () => void;
  /** How many subscribers this process has (all topics, or one). */
  subscriberCount(topic?: string): number;
  close(): Promise<void>;
}

/** Validates and encodes an event for NOTIFY. */
export function encodeEvent(event: BusEvent): string {
  if (!event.topic || !event.type) throw new Error('An event needs a topic and a type');
  const text = JSON.stringify({ topic: event.topic, type: event.type, ...(event.data ? { data: event.data } : {}) });
  if (Buffer.byteLength(text) > MAX_EVENT_BYTES) throw new Error(`Event too large for NOTIFY (${Buffer.byteLength(text)} bytes): send ids, not content`);
  return text;
}

function decodeEvent(text: string): BusEvent | undefined {
  try {
    const v = JSON.parse(text) as BusEvent;
    return typeof v.topic === 'string' && typeof v.type === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The in-memory half: subscribers by topic. */
class FanOut {
  private readonly topics = new Map<string, Set<BusListener>>();

  subscribe(topic: string, listener: BusListener): () => void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.topics.get(topic);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.topics.delete(topic);
    };
  }

  deliver(event: BusEvent): void {
    const set = this.topics.get(event.topic);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch {
        /* one failing subscriber must not stop the others */
      }
    }
  }

  /** The bus's own events ('resync', 'closed') go to every topic. */
  broadcast(type: string): void {
    for (const topic of [...this.topics.keys()]) this.deliver({ topic, type });
  }

  count(topic?: string): number {
    if (topic !== undefined) return this.topics.get(topic)?.size ?? 0;
    let n = 0;
    for (const set of this.topics.values()) n += set.size;
    return n;
  }

  clear(): void {
    this.topics.clear();
  }
}

const buses = new WeakMap<Database, EventBus>();

/** The event bus of a database (one per process and database, started on first use). */
export function eventBus(database: Database): EventBus {
  let bus = buses.get(database);
  if (!bus) {
    bus = database.pool ? postgresBus(database.pool) : pgliteBus(database);
    buses.set(database, bus);
    const created = bus;
    database.onClose(() => created.close());
  }
  return bus;
}

/** Closes the database's event bus if one was started (its subscribers get 'closed'). */
export async function closeEventBus(database: Database): Promise<void> {
  await buses.get(database)?.close();
}

/**
 * Sends an event to every process through the database; with a transaction, at its commit.
 * Needs no bus: commands publish with their transaction, subscribers use eventBus().
 */
export async function publishEvent(db: DbOrTx, event: BusEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${encodeEvent(event)})`);
}

function pgliteBus(database: Database): EventBus {
  const pglite = database.pglite;
  if (!pglite) throw new Error('The event bus needs PostgreSQL (pool) or PGlite');
  const fan = new FanOut();
  let closed = false;
  let unlisten: (() => Promise<void>) | undefined;
  const ready = pglite
    .listen(EVENTS_CHANNEL, (payload) => {
      const event = decodeEvent(payload);
      if (event) fan.deliver(event);
    })
    .then((stop) => {
      unlisten = stop;
    });
  return {
    ready,
    async publish(db, event) {
      await ready;
      await publishEvent(db, event);
    },
    subscribe: (topic, listener) => fan.subscribe(topic, listener),
    subscriberCount: (topic) => fan.count(topic),
    async close() {
      if (closed) return;
      closed = true;
      fan.broadcast('closed');
      fan.clear();
      await ready.catch(() => undefined);
      if (unlisten && !pglite.closed) await unlisten().catch(() => undefined);
    },
  };
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

function postgresBus(pool: pg.Pool): EventBus {
  const fan = new FanOut();
  let client: pg.PoolClient | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let connecting: Promise<void> | undefined;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let everListened = false;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    const event = decodeEvent(message.payload);
    if (event) fan.deliver(event);
  };

  const lost = (held: pg.PoolClient) => {
    if (client !== held) return;
    client = undefined;
    held.removeListener('notification', onNotification);
    held.release(true);
    if (!closed) schedule();
  };

  const schedule = () => {
    if (retryTimer || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryTimer.unref?.();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      let held: pg.PoolClient | undefined;
      try {
        held = await pool.connect();
        if (closed) {
          held.release();
          return;
        }
        held.on('notification', onNotification);
        held.on('error', () => lost(held!));
        held.on('end', () => lost(held!));
        await held.query(`LISTEN ${EVENTS_CHANNEL}`);
        client = held;
        retryMs = RETRY_MIN_MS;
        if (everListened) fan.broadcast('resync');
        everListened = true;
        resolveReady();
      } catch {
        if (held) {
          held.removeListener('notification', onNotification);
          held.release(true);
        }
        schedule();
      } finally {
        connecting = undefined;
      }
    })());

  void connect();

  return {
    ready,
    async publish(db, event) {
      await publishEvent(db, event);
    },
    subscribe: (topic, listener) => fan.subscribe(topic, listener),
    subscriberCount: (topic) => fan.count(topic),
    async close() {
      if (closed) return;
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      fan.broadcast('closed');
      fan.clear();
      await connecting?.catch(() => undefined);
      const held = client;
      client = undefined;
      if (held) {
        held.removeListener('notification', onNotification);
        try {
          await held.query(`UNLISTEN ${EVENTS_CHANNEL}`);
          held.release();
        } catch {
          held.release(true);
        }
      }
      resolveReady();
    },
  };
}
