// A process killed with SIGKILL in the middle of writing loses nothing it acknowledged:
// every commit that resolved is in the embedded database when the folder is reopened.
import { inArray, like } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/client.js';
import { principals } from '../../src/modules/structure/schema.js';
import { embeddedOnly, killAllChildren, spawnTs, tempFolder } from './helpers.js';

const suite = embeddedOnly ? describe.skip : describe;
let folder: ReturnType<typeof tempFolder> | undefined;
let reopened: Database | undefined;

afterEach(async () => {
  await killAllChildren();
  await reopened?.close();
  reopened = undefined;
});

afterAll(() => folder?.remove());

suite(`SIGKILL while writing to the embedded database${embeddedOnly}`, () => {
  it('keeps every acknowledged transaction', async () => {
    folder = tempFolder('sigkill');
    const writer = spawnTs('tests/process/fixtures/writer.ts', [folder.path], {});
    await writer.waitForStdout(/^ack 200$/m, 90_000);
    writer.kill('SIGKILL');
    const exit = await writer.exited;
    expect(exit.signal).toBe('SIGKILL'); // it was still writing, not finished

    const acks = [...writer.stdout().matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
    const last = acks.length;
    expect(last).toBeGreaterThanOrEqual(200);
    expect(acks).toEqual(Array.from({ length: last }, (_, i) => i + 1));

    // reopening takes over the dead writer's lock and recovers the folder
    reopened = await openDatabase({ dataDir: folder.path });
    expect(await reopened.migrationsApplied()).toBe(true);
    const acknowledged = acks.map((n) => `kill-test-${n}`);
    const found = await reopened.db.select({ name: principals.name }).from(principals).where(inArray(principals.name, acknowledged));
    const missing = acknowledged.filter((name) => !found.some((r) => r.name === name));
    expect(missing).toEqual([]);
    // at most one more commit can have landed between its ack and the kill
    const all = await reopened.db.select({ name: principals.name }).from(principals).where(like(principals.name, 'kill-test-%'));
    expect(all.length).toBeGreaterThanOrEqual(last);
    expect(all.length).toBeLessThanOrEqual(last + 1);
  }, 240_000);
});
