import type { Database } from '../../platform/db/client.js';
import { eventBus, type BusEvent } from '../../platform/events.js';
import { liveTopic, loadLiveState, stateFor, type LiveState } from './state.js';
import type { AgendaVisibility } from '../meetings/index.js';

/**
 * Fans live-view updates out to this process's Server-Sent Events streams. The first
 * stream of a meeting subscribes to its topic on the event bus; on each event the state is
 * read from the database once and the same encoded message is written to every stream of
 * the meeting (2,000 followers cost one query, not 2,000). Events arriving while a read is
 * running are folded into one more read. One timer sends a comment to every stream now and
 * then so that proxies keep idle connections open.
 */

interface LiveStream {
  /** What of the agenda this follower may see: followers who see the same get the same message. */
  sees: AgendaVisibility;
  /** Writes an already encoded SSE message. */
  write(chunk: Uint8Array): void;
  /** Ends the stream (the server is shutting down). */
  close(): void;
}

const encoder = new TextEncoder();
const HEARTBEAT_MS = 25_000;

/** One SSE message: "event: <name>\ndata: <json>\n\n". */
export function sseMessage(event: string, data: unknown, id?: string): Uint8Array {
  return encoder.encode(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

const HEARTBEAT = encoder.encode(': ping\n\n');

interface Room {
  streams: Set<LiveStream>;
  unsubscribe: () => void;
  reading: boolean;
  again: boolean;
}

class LiveHub {
  private readonly rooms = new Map<string, Room>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly database: Database) {}

  /** Adds a stream to a meeting's followers; returns the function that removes it. */
  join(meetingId: string, stream: LiveStream): () => void {
    let room = this.rooms.get(meetingId);
    if (!room) {
      const created: Room = { streams: new Set(), unsubscribe: () => {}, reading: false, again: false };
      created.unsubscribe = eventBus(this.database).subscribe(liveTopic(meetingId), (event) => this.onEvent(meetingId, event));
      this.rooms.set(meetingId, created);
      room = created;
    }
    room.streams.add(stream);
    this.startHeartbeat();
    return () => this.leave(meetingId, stream);
  }

  /** Followers in this process (of one meeting, or all). */
  count(meetingId?: string): number {
    if (meetingId) return this.rooms.get(meetingId)?.streams.size ?? 0;
    let n = 0;
    for (const room of this.rooms.values()) n += room.streams.size;
    return n;
  }

  private leave(meetingId: string, stream: LiveStream): void {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    room.streams.delete(stream);
    if (room.streams.size === 0) {
      room.unsubscribe();
      this.rooms.delete(meetingId);
    }
    if (this.rooms.size === 0) this.stopHeartbeat();
  }

  private onEvent(meetingId: string, event: BusEvent): void {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    if (event.type === 'closed') {
      for (const stream of [...room.streams]) stream.close();
      return;
    }
    void this.refresh(meetingId, room);
  }

  /** Reads the state once and writes it to every stream; coalesces events that come meanwhile. */
  private async refresh(meetingId: string, room: Room): Promise<void> {
    if (room.reading) {
      room.again = true;
      return;
    }
    room.reading = true;
    try {
      do {
        room.again = false;
        let state: LiveState | undefined;
        try {
          state = await loadLiveState(this.database.db, meetingId);
        } catch {
          // The database is away: the streams keep their last state and get the next event.
          return;
        }
        // One encoded message per kind of reader (all, no internal items, nothing yet).
        const messages = new Map<string, Uint8Array>();
        for (const stream of room.streams) {
          const kind = `${stream.sees.open}:${stream.sees.internal}`;
          let message = messages.get(kind);
          if (!message) {
            message = state ? sseMessage('state', stateFor(state, stream.sees)) : sseMessage('gone', { meetingId });
            messages.set(kind, message);
          }
          stream.write(message);
        }
      } while (room.again && this.rooms.get(meetingId) === room);
    } finally {
      room.reading = false;
    }
  }

  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      for (const room of this.rooms.values()) for (const stream of room.streams) stream.write(HEARTBEAT);
    }, HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }
}

const hubs = new WeakMap<Database, LiveHub>();

export function liveHub(database: Database): LiveHub {
  let hub = hubs.get(database);
  if (!hub) {
    hub = new LiveHub(database);
    hubs.set(database, hub);
  }
  return hub;
}
