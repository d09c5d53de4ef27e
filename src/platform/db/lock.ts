import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class FolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${folder} is already in use by process ${holderPid}. ` +
        'Only one Samverka process may open an embedded database. Stop that process, ' +
        'or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
    this.name = 'FolderLockedError';
  }
}

export interface FolderLock {
  readonly path: string;
  release(): void;
  /** Writes this process's pid into the lock file again (after something replaced the folder's files). */
  renew(): void;
}

const LOCK_FILE = 'samverka.lock';

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // a pid reused by us after a crash is stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite folder with an O_EXCL pid file.
 * A live holder makes this throw FolderLockedError at once; a dead holder's file is removed.
 */
export function lockFolder(folder: string): FolderLock {
  const dir = resolve(folder);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      const renew = () => writeFileSync(path, String(process.pid));
      return { path, release, renew };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder = NaN;
      try {
        holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      } catch {
        continue; // removed between open and read: try again
      }
      if (isAlive(holder)) throw new FolderLockedError(dir, holder);
      try {
        unlinkSync(path);
      } catch {
        /* someone else removed it */
      }
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
}
