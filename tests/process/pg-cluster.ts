// A PostgreSQL cluster of the test's own, a real Samverka process on it, light load, and
// restarts of the cluster under that load: the code that both the restart test
// (tests/process/pg-restart.db.test.ts) and the longer trial (scripts/pg-restart-trial.ts)
// run, so that the trial measures exactly what the test checks.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openPostgres } from '../../src/platform/db/client.js';
import { people } from '../../src/platform/auth/schema.js';
import { fixtureBody, fixtureMembership, fixtureStructure } from '../../src/modules/structure/samples.js';
import { fixtureItem, fixtureMeeting } from '../../src/modules/meetings/samples.js';
import { TestClient } from '../helpers/http.js';
import { SseReader } from '../helpers/sse.js';
import { freePort, spawnTs, tempFolder, waitForHttp, type Child } from './helpers.js';

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type RestartMode = 'fast' | 'immediate';

/** The folder of initdb and pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/<version>/bin. */
export function postgresBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    /* no pg_config */
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root))
    candidates.push(
      ...readdirSync(root)
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(root, v, 'bin')),
    );
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

// initdb refuses to run as root: as root, the server's programs run as the postgres user.
const asRoot = process.getuid?.() === 0;

async function pgRun(binDir: string, program: string, args: string[]): Promise<void> {
  const bin = join(binDir, program);
  const [cmd, cmdArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await execFileAsync(cmd, cmdArgs, { timeout: 180_000 });
  } catch (err) {
    const e = err as { message: string; stdout?: string; stderr?: string };
    throw new Error(`${program} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function postgresOwner(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export interface PgCluster {
  readonly port: number;
  /** Samverka's database on this cluster. */
  readonly url: string;
  /** `pg_ctl restart -m <mode>`, waiting until the server accepts connections again. */
  restart(mode: RestartMode): Promise<void>;
  /** Stops the server and deletes its folder (data, socket, log); safe to call more than once. */
  destroy(): Promise<void>;
}

/** initdb into a fresh temporary folder, start on a free port of 127.0.0.1, create the database "samverka". */
export async function startPgCluster(binDir: string): Promise<PgCluster> {
  const folder = tempFolder('pg-cluster');
  const data = join(folder.path, 'data');
  const socket = join(folder.path, 'socket');
  const log = join(folder.path, 'server.log');
  mkdirSync(data, { mode: 0o700 });
  mkdirSync(socket, { mode: 0o700 });
  if (asRoot) {
    const { uid, gid } = postgresOwner();
    for (const path of [folder.path, data, socket]) chownSync(path, uid, gid);
  }
  const port = await freePort();
  let destroyed = false;
  const cluster: PgCluster = {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/samverka`,
    restart: (mode) => pgRun(binDir, 'pg_ctl', ['restart', '-D', data, '-l', log, '-m', mode, '-w', '-t', '120']),
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      if (existsSync(join(data, 'postmaster.pid'))) await pgRun(binDir, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']).catch(() => undefined);
      folder.remove();
    },
  };
  try {
    await pgRun(binDir, 'initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await pgRun(binDir, 'pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '120', '-o', `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1`]);
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('create database samverka');
    } finally {
      await admin.end();
    }
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}

/** The administrator the app creates at its first start (ADMIN_EMAIL, ADMIN_PASSWORD). */
export const TRIAL_ADMIN = { email: 'drift@example.se', password: 'omstart-prov-lösenord-1' };

/** Starts src/main.ts on the cluster (no demo data, the worker every 200 ms) and waits until /readyz says 200. */
export async function startSamverkaOn(cluster: PgCluster, port: number): Promise<Child> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawnTs('src/main.ts', [], {
    DATABASE_URL: cluster.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
    SEED_DEMO: '0',
    ADMIN_EMAIL: TRIAL_ADMIN.email,
    ADMIN_PASSWORD: TRIAL_ADMIN.password,
    WORKER_INTERVAL_MS: '200',
  });
  await waitForHttp(`${base}/readyz`, child, 180_000);
  return child;
}

interface Answer {
  at: number;
  what: 'page' | 'write' | 'readyz';
  status: number;
}

export interface TrialReport {
  tries: number;
  /** Times the app process ended by itself. */
  crashes: number;
  status500: number;
  /** Answers other than the expected success or 503 with Retry-After (500s, network errors, 503s without Retry-After…), described. */
  unexpected: string[];
  /** Restarts after which the app did not answer again within the time allowed. */
  unrecovered: number;
  /** The longest time from a 503 to the next success, in milliseconds. */
  longest503Ms: number;
  /** The longest `pg_ctl restart` (the database away), in milliseconds. */
  longestRestartMs: number;
  /** The longest time from the database being back (pg_ctl returned) to the app's next success, in milliseconds. */
  longestRecoveryMs: number;
  /** Restarts during which /readyz answered 503 at least once. */
  readyz503Restarts: number;
  acknowledgedWrites: number;
  /** Writes answered 201 that are not in the database afterwards. */
  lostWrites: string[];
  /** The live view, followed since before the first restart, shows a change made after the last one. */
  liveViewBack: boolean;
  /** Lines the app logged about errors that escaped their handler. */
  escapedErrors: string[];
  /** The end of what a crashed app process wrote to stderr. */
  crashOutput: string[];
}

export interface TrialOptions {
  cluster: PgCluster;
  modes: RestartMode[];
  /** Load before each restart, in milliseconds. */
  loadMs?: number;
  /** After a crash: start the app again and go on (the trial script), or stop (the test). */
  afterCrash?: 'restart' | 'stop';
  /** One line per restart, e.g. to print progress. */
  progress?: (line: string) => void;
}

interface LiveMeeting {
  meetingId: string;
  itemIds: string[];
}

/** A body with the administrator as its secretary and a called meeting of two items, written with the test fixtures. */
async function createLiveMeeting(cluster: PgCluster): Promise<LiveMeeting> {
  const database = await openPostgres(cluster.url, 1);
  try {
    const db = database.db;
    const [admin] = await db.select({ id: people.id }).from(people).where(eq(people.email, TRIAL_ADMIN.email));
    const { structure } = await fixtureStructure(db);
    const body = await fixtureBody(db, structure.id, { name: 'Driftgruppen' });
    await fixtureMembership(db, { bodyId: body.id, personId: admin!.id, role: 'secretary', startOn: '2020-01-01' });
    // In progress: it began an hour ago (the live view opens once a meeting has started).
    const meeting = await fixtureMeeting(db, body, -1 / 24, { status: 'called', agendaPublishedAt: new Date() });
    const items = [await fixtureItem(db, meeting, 1, { title: 'Inledning' }), await fixtureItem(db, meeting, 2, { title: 'Läget i driften' })];
    return { meetingId: meeting.id, itemIds: items.map((i) => i.id) };
  } finally {
    await database.close();
  }
}

/** Signs the administrator in and gives them an API token. */
async function signIn(base: string): Promise<{ admin: TestClient; token: string }> {
  const admin = new TestClient(base);
  if ((await admin.login(TRIAL_ADMIN.email, TRIAL_ADMIN.password)).status !== 303) throw new Error('the administrator could not log in');
  const res = await admin.json('POST', '/api/me/tokens', { name: 'Omstartsprov' }, { 'x-csrf-token': await admin.csrf() });
  if (res.status !== 201) throw new Error(`no API token: ${res.status} ${await res.text()}`);
  return { admin, token: ((await res.json()) as { token: string }).token };
}

/** Follows the meeting's live view (Server-Sent Events) from now on. */
async function follow(admin: TestClient, live: LiveMeeting): Promise<SseReader> {
  const res = await admin.get(`/meetings/${live.meetingId}/live/events`);
  if (res.status !== 200) throw new Error(`the live view answered ${res.status}`);
  const follower = new SseReader(res);
  await follower.state(30_000);
  return follower;
}

/**
 * Light load until stopped: three readers of a page that reads the database (signed in, so
 * the session is read too), one writer adding principals through the API with a token, and
 * /readyz every 100 ms. Each answer must be the expected success or 503 with Retry-After.
 */
class Load {
  readonly answers: Answer[] = [];
  readonly acknowledged: string[] = [];
  readonly unexpected: string[] = [];
  status500 = 0;
  private running = true;
  private readonly loops: Promise<void>[];
  private readonly run = randomBytes(3).toString('hex');
  private written = 0;

  constructor(
    private readonly base: string,
    private readonly session: string,
    private readonly token: string,
  ) {
    this.loops = [this.reader(), this.reader(), this.reader(), this.writer(), this.readiness()];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** The last /readyz answer was 200 and came after `since`, and a write was acknowledged after `since`. */
  recoveredSince(since: number, acksBefore: number): boolean {
    const ready = this.answers.findLast((a) => a.what === 'readyz');
    return !!ready && ready.at > since && ready.status === 200 && this.acknowledged.length > acksBefore;
  }

  private async call(what: Answer['what'], expected: number, path: string, init: RequestInit = {}): Promise<number> {
    let status = 0;
    let detail = '';
    try {
      const res = await fetch(`${this.base}${path}`, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      status = res.status;
      const body = await res.text();
      if (status === 503 && !res.headers.get('retry-after')) detail = '503 without Retry-After';
      else if (status !== expected && status !== 503) detail = `${status} ${body.slice(0, 300)}`;
    } catch (err) {
      detail = `no answer: ${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`;
    }
    this.answers.push({ at: Date.now(), what, status });
    if (status === 500) this.status500++;
    if (detail) this.unexpected.push(`${what} ${path}: ${detail}`);
    return status;
  }

  private async reader(): Promise<void> {
    while (this.running) {
      await this.call('page', 200, '/principals', { headers: { cookie: `samverka_session=${this.session}` } });
      await sleep(20);
    }
  }

  private async writer(): Promise<void> {
    while (this.running) {
      const name = `Omstart ${this.run} ${++this.written}`;
      const status = await this.call('write', 201, '/api/principals', {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, kind: 'region' }),
      });
      if (status === 201) this.acknowledged.push(name);
      await sleep(20);
    }
  }

  private async readiness(): Promise<void> {
    while (this.running) {
      await this.call('readyz', 200, '/readyz');
      await sleep(100);
    }
  }
}

function emptyReport(): TrialReport {
  return {
    tries: 0,
    crashes: 0,
    status500: 0,
    unexpected: [],
    unrecovered: 0,
    longest503Ms: 0,
    longestRestartMs: 0,
    longestRecoveryMs: 0,
    readyz503Restarts: 0,
    acknowledgedWrites: 0,
    lostWrites: [],
    liveViewBack: false,
    escapedErrors: [],
    crashOutput: [],
  };
}

/**
 * Restarts the cluster once per mode under light load (see Load) on a real app process
 * that a live-view follower watches. After each restart (pg_ctl returns once the server
 * accepts connections) it waits until /readyz says 200 and a write is acknowledged again.
 */
export async function runRestartTrial(options: TrialOptions): Promise<TrialReport> {
  const { cluster, modes, loadMs = 1_000, afterCrash = 'stop', progress = () => undefined } = options;
  const appPort = await freePort();
  const base = `http://127.0.0.1:${appPort}`;
  let app = await startSamverkaOn(cluster, appPort);
  const report = emptyReport();
  const logs: string[] = [];
  const { admin, token } = await signIn(base);
  const live = await createLiveMeeting(cluster);
  const follower = await follow(admin, live);
  const load = new Load(base, admin.cookies.get('samverka_session')!, token);

  try {
    for (const mode of modes) {
      report.tries++;
      await sleep(loadMs);
      const restartAt = Date.now();
      await cluster.restart(mode);
      const upAt = Date.now();
      report.longestRestartMs = Math.max(report.longestRestartMs, upAt - restartAt);
      const acksBefore = load.acknowledged.length;
      const deadline = upAt + 60_000;
      while (!load.recoveredSince(upAt, acksBefore) && !app.hasExited() && Date.now() < deadline) await sleep(50);
      if (load.answers.some((a) => a.what === 'readyz' && a.at > restartAt && a.status === 503)) report.readyz503Restarts++;
      if (app.hasExited()) {
        report.crashes++;
        logs.push(app.stdout(), app.stderr());
        report.crashOutput.push(app.stderr().slice(-3_000));
        progress(`restart ${report.tries} (${mode}): the app process ended`);
        if (afterCrash === 'stop') break;
        app = await startSamverkaOn(cluster, appPort);
        continue;
      }
      const recovered = load.recoveredSince(upAt, acksBefore);
      if (!recovered) report.unrecovered++;
      const firstSuccess = load.answers.find((a) => a.at > upAt && a.status >= 200 && a.status < 300);
      if (firstSuccess) report.longestRecoveryMs = Math.max(report.longestRecoveryMs, firstSuccess.at - upAt);
      progress(`restart ${report.tries} (${mode}): ${recovered ? 'recovered' : 'NOT recovered within 60 s'}`);
    }
  } finally {
    await load.stop();
  }

  report.status500 = load.status500;
  report.unexpected = load.unexpected;
  report.acknowledgedWrites = load.acknowledged.length;
  report.longest503Ms = longest503Window(load.answers);
  report.lostWrites = await missingPrincipals(cluster, load.acknowledged);
  if (!app.hasExited()) report.liveViewBack = await liveViewFollows(admin, follower, live);
  await follower.close();
  logs.push(app.stdout(), app.stderr());
  report.escapedErrors = logs
    .join('\n')
    .split('\n')
    .filter((line) => line.includes('escaped its handler'));
  return report;
}

/** The longest span from a 503 to the next success of the same kind of request. */
function longest503Window(answers: Answer[]): number {
  let longest = 0;
  for (const what of ['page', 'write', 'readyz'] as const) {
    let since: number | undefined;
    for (const a of answers.filter((x) => x.what === what)) {
      if (a.status === 503) since ??= a.at;
      else if (a.status >= 200 && a.status < 300 && since !== undefined) {
        longest = Math.max(longest, a.at - since);
        since = undefined;
      }
    }
  }
  return longest;
}

async function missingPrincipals(cluster: PgCluster, names: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('select name from principals where name = any($1::text[])', [names]);
    const found = new Set(rows.map((r) => r.name));
    return names.filter((n) => !found.has(n));
  } finally {
    await client.end();
  }
}

/** Moves the meeting to each item in turn; the follower must see each (the app LISTENs again). */
async function liveViewFollows(admin: TestClient, follower: SseReader, live: LiveMeeting): Promise<boolean> {
  for (const itemId of live.itemIds) {
    const res = await admin.post(`/meetings/${live.meetingId}/live/current`, { itemId });
    if (res.status !== 303) return false;
    const deadline = Date.now() + 30_000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      const state = await follower.state<{ currentItemId: string | null }>(Math.max(1, deadline - Date.now())).catch(() => undefined);
      if (!state) break;
      seen = state.currentItemId === itemId;
    }
    if (!seen) return false;
  }
  return true;
}
