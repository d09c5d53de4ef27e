// Helpers for tests that run Samverka (or a fixture) as a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testDbKind } from '../helpers/db-env.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Why the embedded-database process tests do not run on a PostgreSQL pass. */
export const embeddedOnly = testDbKind() === 'postgres' ? ' [skipped with TEST_DB=postgres: these tests are about the embedded database folder]' : '';

/** A free TCP port on this machine (listen on 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  readonly pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Resolves when stdout has a line matching, rejects if the process ends first or the time runs out. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  kill(signal?: NodeJS.Signals): void;
}

const children = new Set<Child>();

/**
 * Runs a TypeScript entry point in its own Node process with tsx loaded through
 * --import, so the child's pid is the program's pid (no wrapper process to orphan).
 */
export function spawnTs(script: string, args: string[], env: Record<string, string>): Child {
  return spawnNode(['--import', 'tsx', script, ...args], env);
}

/** What `npm start` runs (scripts/start.mjs: compile when the sources changed, then the compiled server), without npm around it. */
export function startCompiled(dataDir: string, port: number, env: Record<string, string> = {}): Child {
  return spawnNode(['scripts/start.mjs'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
}

/** Runs Node with these arguments in the repository, the database settings cleared. */
function spawnNode(nodeArgs: string[], env: Record<string, string>): Child {
  const proc = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env: {
      ...process.env,
      // the children decide their own database; never inherit the test run's settings
      DATABASE_URL: '',
      SEED_DEMO: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let ended = false;
  const listeners = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const l of listeners) l();
  });
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => {
    err += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.once('exit', (code, signal) => {
      ended = true;
      for (const l of listeners) l();
      resolve({ code, signal });
    });
  });
  const child: Child = {
    proc,
    pid: proc.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => ended,
    waitForStdout(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) return done(() => resolve(m));
          if (ended) return done(() => reject(new Error(`process ${child.pid} ended before printing ${pattern}\nstdout: ${out}\nstderr: ${err}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`timed out waiting for ${pattern}\nstdout: ${out}\nstderr: ${err}`))), timeoutMs);
        const done = (f: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          f();
        };
        listeners.add(check);
        check();
      });
    },
    kill(signal = 'SIGKILL') {
      if (!ended) proc.kill(signal);
    },
  };
  children.add(child);
  void exited.then(() => children.delete(child));
  return child;
}

/** SIGKILLs every child still running and waits for them to be gone (for afterEach/afterAll). */
export async function killAllChildren(): Promise<void> {
  const running = [...children];
  for (const c of running) c.kill('SIGKILL');
  await Promise.all(running.map((c) => c.exited));
}

/** Starts src/main.ts on a data folder and port. */
export function startApp(dataDir: string, port: number, env: Record<string, string> = {}): Child {
  return spawnTs('src/main.ts', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
}

/** Polls a URL until it answers 200, the child ends, or the time runs out. */
export async function waitForHttp(url: string, child: Child, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.hasExited()) {
      const { code, signal } = await child.exited;
      throw new Error(`process ${child.pid} exited (${code ?? signal}) before ${url} answered\nstdout: ${child.stdout()}\nstderr: ${child.stderr()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return res;
      lastError = new Error(`status ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${String(lastError)})\nstdout: ${child.stdout()}\nstderr: ${child.stderr()}`);
}

/** A fresh temporary folder; remove() deletes it. */
export function tempFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `samverka-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Resolves like `promise`, or rejects with `message()` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
