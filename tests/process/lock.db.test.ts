// The embedded database folder admits one process: a second one exits at once, naming the
// folder and the holder; after the holder is killed, the next start takes the lock over.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FolderLockedError, lockFolder } from '../../src/platform/db/lock.js';
import { embeddedOnly, freePort, killAllChildren, startApp, tempFolder, waitForHttp, withTimeout } from './helpers.js';

const suite = embeddedOnly ? describe.skip : describe;
const folders: { remove(): void }[] = [];

function folder(prefix: string) {
  const f = tempFolder(prefix);
  folders.push(f);
  return f.path;
}

afterEach(async () => {
  await killAllChildren();
});

afterAll(() => {
  for (const f of folders) f.remove();
});

suite(`lockFolder in this process${embeddedOnly}`, () => {
  it('takes over a pid file left by a dead process', () => {
    const dir = folder('lock-unit');
    const dead = spawnSync(process.execPath, ['-e', '']);
    expect(dead.status).toBe(0);
    writeFileSync(join(dir, 'samverka.lock'), String(dead.pid));
    const lock = lockFolder(dir);
    expect(readFileSync(lock.path, 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('treats a pid file holding its own pid as stale (a pid reused after a crash)', () => {
    const dir = folder('lock-unit');
    writeFileSync(join(dir, 'samverka.lock'), String(process.pid));
    const lock = lockFolder(dir);
    expect(readFileSync(lock.path, 'utf8')).toBe(String(process.pid));
    lock.release();
  });

  it('refuses a folder held by a live process, naming the folder and the pid', () => {
    const dir = folder('lock-unit');
    const holder = process.ppid; // the test runner: alive for as long as this test runs
    writeFileSync(join(dir, 'samverka.lock'), String(holder));
    let caught: unknown;
    try {
      lockFolder(dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(FolderLockedError);
    const err = caught as FolderLockedError;
    expect(err.holderPid).toBe(holder);
    expect(err.folder).toBe(resolve(dir));
    expect(err.message).toContain(resolve(dir));
    expect(err.message).toContain(String(holder));
    // the holder's file is left alone
    expect(readFileSync(join(dir, 'samverka.lock'), 'utf8')).toBe(String(holder));
  });
});

suite(`folder lock between real processes${embeddedOnly}`, () => {
  it('refuses a second process at once and recovers right after the holder is killed', async () => {
    const dir = folder('lock');

    const portA = await freePort();
    // No demo data: this test is about the lock, and seeding would only slow the start.
    const a = startApp(dir, portA, { SEED_DEMO: '0' });
    await waitForHttp(`http://127.0.0.1:${portA}/healthz`, a, 90_000);

    const b = startApp(dir, await freePort(), { SEED_DEMO: '0' });
    const bExit = await withTimeout(b.exited, 120_000, () => `second process still running after 120 s\nstderr: ${b.stderr()}`);
    expect(bExit.code).not.toBe(0);
    expect(bExit.code).not.toBeNull();
    expect(b.stderr()).toContain(resolve(dir));
    expect(b.stderr()).toContain(`process ${a.pid}`);
    // it gave up before serving anything
    expect(b.stdout()).not.toContain('Samverka is running');
    // and the holder is unharmed
    expect((await fetch(`http://127.0.0.1:${portA}/healthz`)).status).toBe(200);

    a.kill('SIGKILL');
    await a.exited;

    const portC = await freePort();
    const c = startApp(dir, portC, { SEED_DEMO: '0' });
    await waitForHttp(`http://127.0.0.1:${portC}/healthz`, c, 90_000);
    const ready = await fetch(`http://127.0.0.1:${portC}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', migrations: 'applied' });
    expect(readFileSync(join(dir, 'samverka.lock'), 'utf8').trim()).toBe(String(c.pid));

    c.kill('SIGTERM');
    expect((await c.exited).code).toBe(0);
    // a clean stop removes the pid file
    expect(existsSync(join(dir, 'samverka.lock'))).toBe(false);
  }, 240_000);
});
