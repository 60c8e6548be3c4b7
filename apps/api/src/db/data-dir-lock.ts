import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * PGlite is one process's database: two processes on one data folder corrupt it or lose writes.
 * So whoever opens a folder first holds an exclusive OS file lock (flock(2)) on `<folder>.lock`
 * until it closes; everyone else stops at once.
 *
 * The lock belongs to the open file, not to a pid written somewhere: the kernel drops it when its
 * process ends in any way (exit, crash, kill -9, OOM killer). So there is no stale lock to judge
 * and nothing to delete by hand: a server restarted after kill -9 takes the folder whether the old
 * file names pid 1 (a container's), its own pid or another host name (a container recreated on the
 * same volume). Two processes starting together cannot both win: flock is atomic. The folder is
 * resolved to its real path first, so a symlink to a folder locks that folder, not the link.
 * The file's content (pid, host, since) only names the holder in the refusal message.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockContent | null,
    readonly lockFile: string,
  ) {
    const who = holder ? `pid ${holder.pid}${holder.host && holder.host !== os.hostname() ? ` on host ${holder.host}` : ''}` : 'pid not yet written';
    super(
      `The database folder ${dataDir} is in use by another Workdiary process (${who}). ` +
        `Stop that process first, or point DATA_DIR elsewhere. ` +
        `(The lock on ${lockFile} is the operating system's: it ends with that process.)`,
    );
    this.name = 'DataDirInUseError';
  }

  get holderPid(): number | null {
    return this.holder?.pid ?? null;
  }
}

export type DataDirLock = { file: string; release(): void };

type LockContent = { pid: number; host: string; since: string };

type FsExt = { flockSync(fd: number, flags: 'exnb' | 'un'): unknown };
let fsExt: FsExt | null = null;
/** The flock(2) binding, loaded on first use (a server on PostgreSQL never needs it). */
function flock(): FsExt {
  if (!fsExt) {
    try {
      fsExt = createRequire(import.meta.url)('fs-ext-extra-prebuilt') as FsExt;
    } catch (err) {
      throw new Error(`The PGlite folder lock needs the native module fs-ext-extra-prebuilt, which did not load here (${err instanceof Error ? err.message : String(err)}).`, { cause: err });
    }
  }
  return fsExt;
}

/** The folder's real path (symlinks resolved); a folder not created yet: its parent's real path and its name. */
export function realDataDir(dataDir: string): string {
  const absolute = path.resolve(dataDir);
  try {
    return fs.realpathSync(absolute);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute));
  }
}

function readHolder(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, host: String(parsed.host ?? ''), since: String(parsed.since ?? '') } : null;
  } catch {
    return null;
  }
}

const sameFile = (a: fs.Stats | undefined, b: fs.Stats) => a !== undefined && a.ino === b.ino && a.dev === b.dev;

/** Takes the lock of `dataDir` or throws DataDirInUseError; creates nothing but the lock file. */
export function lockDataDir(dataDir: string): DataDirLock {
  const { flockSync } = flock();
  const file = `${realDataDir(dataDir)}.lock`;
  // A few rounds only when a holder removed the file between our open and our lock (below).
  for (let attempt = 0; attempt < 10; attempt++) {
    // Node opens with O_CLOEXEC: a child process never inherits (and so never keeps) the lock.
    const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, 0o644);
    try {
      flockSync(fd, 'exnb');
    } catch (err) {
      fs.closeSync(fd);
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') throw new DataDirInUseError(dataDir, readHolder(file), file);
      throw new Error(`Could not lock ${file} (${code ?? String(err)}): the data folder must be on a file system with file locks.`, { cause: err });
    }
    // The holder we waited on removes the file as it releases: if that happened between our open
    // and our lock, we hold a file nobody else will open. Only the file at the path counts.
    if (!sameFile(fs.statSync(file, { throwIfNoEntry: false }), fs.fstatSync(fd))) {
      fs.closeSync(fd);
      continue;
    }
    const content: LockContent = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
    fs.ftruncateSync(fd, 0);
    fs.writeSync(fd, JSON.stringify(content), 0);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      process.off('exit', release);
      // Removed while still locked (then closed, which unlocks), so a waiting taker notices above.
      if (sameFile(fs.statSync(file, { throwIfNoEntry: false }), fs.fstatSync(fd))) fs.rmSync(file, { force: true });
      fs.closeSync(fd);
    };
    // process.exit() without close() (a fatal error) leaves no file behind either (the lock itself
    // would end with the process anyway).
    process.on('exit', release);
    return { file, release };
  }
  throw new Error(`Could not take the lock ${file}: it was replaced again and again.`);
}
