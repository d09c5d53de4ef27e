// What `npm start` does for a newcomer: it compiles the sources (scripts/start.mjs), then the
// compiled entry point on an empty folder creates the embedded database, migrates, seeds demo
// data, serves Swedish pages, and stops cleanly; a second start on the same folder compiles
// nothing and seeds nothing.
// Always on PGlite (it is the default start), also during the PostgreSQL pass.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort, killAllChildren, startCompiled, tempFolder, waitForHttp } from './helpers.js';

let folder: ReturnType<typeof tempFolder> | undefined;

afterEach(async () => {
  await killAllChildren();
});

afterAll(() => folder?.remove());

describe('npm start (scripts/start.mjs) on an empty data folder, then again on the same folder', () => {
  it('creates, migrates and seeds the embedded database, serves Swedish pages, and exits 0 on SIGTERM', async () => {
    folder = tempFolder('start');
    const dataDir = join(folder.path, 'data'); // does not exist yet
    const port = await freePort();
    const app = startCompiled(dataDir, port);
    const base = `http://127.0.0.1:${port}`;

    const health = await waitForHttp(`${base}/healthz`, app, 240_000);
    expect(await health.json()).toEqual({ status: 'ok' });

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'ok', migrations: 'applied' });

    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toMatch(/<html lang="sv">/);
    expect(html).toContain('Välkommen till Samverka');
    // the demo's principals, in the list the main menu links to
    expect(html).toContain('href="/principals"');
    const principals = await (await fetch(`${base}/principals`)).text();
    expect(principals).toContain('Alingsås kommun');
    expect(principals).toContain('Linköpings kommun');

    expect(app.stdout()).toMatch(/^Demo data: .*\b\d+ principals\b/m);
    expect(app.stdout()).toContain(`Samverka is running at http://127.0.0.1:${port}`);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    app.kill('SIGTERM');
    const exit = await app.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(app.stderr()).not.toMatch(/error/i);

    // Again on the same folder: the compiled files are current and the demo is there already.
    const again = startCompiled(dataDir, port);
    await waitForHttp(`${base}/readyz`, again, 240_000);
    expect((await fetch(`${base}/`)).status).toBe(200);
    expect(again.stdout()).not.toMatch(/^Compiled /m);
    expect(again.stdout()).not.toMatch(/^Demo data: /m);
    again.kill('SIGTERM');
    expect(await again.exited).toEqual({ code: 0, signal: null });
  }, 420_000);
});
