import fs from 'node:fs';
import os from 'node:os';

/**
 * PGlite is one process's database: two processes on one data folder corrupt it or lose writes.
 * So whoever opens a folder first holds `<folder>.lock` (it names the holder's pid) until it
 * closes; everyone else stops at once. A lock whose process is gone (a crash, kill -9) is stale
 * and taken over.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
    readonly lockFile: string,
  ) {
    super(
      `The database folder ${dataDir} is in use by another Workdiary process (${holderPid === null ? 'pid not yet written' : `pid ${holderPid}`}). ` +
        `Stop that process first, or point DATA_DIR elsewhere. ` +
        `(If no such process runs, delete ${lockFile}.)`,
    );
    this.name = 'DataDirInUseError';
  }
}

export type DataDirLock = { file: string; release(): void };

type LockContent = { pid: number; host: string; since: string };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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

/** Takes the lock of `dataDir` or throws DataDirInUseError; creates nothing else. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${dataDir.replace(/[/\\]+$/, '')}.lock`;
  const content: LockContent = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' is atomic: exactly one of two racing processes creates the file.
      fs.writeFileSync(file, JSON.stringify(content), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      // process.exit() without close() (a fatal error) must not leave the lock behind either.
      process.on('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    // Another host's pid means nothing here (a shared network folder): never take that over.
    if (holder && (holder.pid === process.pid || alive(holder.pid) || (holder.host && holder.host !== content.host))) {
      throw new DataDirInUseError(dataDir, holder.pid, file);
    }
    // Unreadable: the holder may be between creating and writing it; only an old one is stale.
    if (!holder && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 10_000) {
      throw new DataDirInUseError(dataDir, null, file);
    }
    // Stale: its process is gone (a crash, kill -9). Remove and retry.
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not take the lock ${file}`);
}
