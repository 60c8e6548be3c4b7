import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { lockDataDir, DataDirInUseError } from './data-dir-lock.ts';
import { openDatabase, type Database, type UnscopedSql } from './engine.ts';

/**
 * Backup and restore (`pnpm db:backup` / `pnpm db:restore`, README "Backup and restore").
 *
 * PGlite is one process per data folder, so a running server's folder cannot be opened by a
 * second process. A backup is therefore always made by whoever holds the folder:
 * - no server runs: the command opens the folder itself and copies it;
 * - a server runs: the command asks that server (POST /api/admin/backup) to copy it. The server
 *   publishes its address and a random token in `<DATA_DIR>/pglite.server.json` (mode 0600, beside
 *   the folder and its lock) while it listens; only who can read the data folder can read the
 *   token, and who can read the data folder could copy the data anyway.
 * The copy is PGlite's `dumpDataDir()` (a gzipped tar of the folder), made while no statement runs.
 *
 * A restore goes into an empty folder (or moves the old one aside with --force) and then ends
 * every session: the Session rows are deleted, everyone signs in again. A session ended after
 * the backup was taken (logout, password change, deactivation) cannot come back with it.
 */

/** A problem the operator can act on: the commands print its message alone, without a stack trace. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Ends every session in a restored database (everyone signs in again); returns how many there were. */
export async function endAllSessions(sql: Pick<UnscopedSql, 'query'>): Promise<number> {
  const rows = await sql.query<{ n: number }>(END_ALL_SESSIONS);
  return rows[0]?.n ?? 0;
}

export const END_ALL_SESSIONS = 'WITH gone AS (DELETE FROM "Session" RETURNING 1) SELECT count(*)::int AS n FROM gone';

// ---------------------------------------------------------------------------------------------
// The running server's side: where it listens and the token that lets the backup command in.

export const BACKUP_TOKEN_HEADER = 'x-workdiary-backup-token';

export type ServerControl = { pid: number; url: string; token: string };

/** `<DATA_DIR>/pglite.server.json`: beside the folder, like its lock. */
export const serverControlFile = (dataDir: string): string => `${path.resolve(dataDir).replace(/[/\\]+$/, '')}.server.json`;

export const newBackupToken = (): string => randomBytes(32).toString('base64url');

/** Compares in constant time (both sides hashed first, so the lengths match). */
export function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The URL a command on this machine reaches a server at, from the address it listens on. */
export function localUrl(address: { address: string; port: number; family?: string }): string {
  const any = address.address === '0.0.0.0' || address.address === '::';
  const host = any ? '127.0.0.1' : address.address.includes(':') ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export function writeServerControl(file: string, control: ServerControl): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(control), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** Removes the file if it is still this server's (a newer server may have replaced it). */
export function removeServerControl(file: string, token: string): void {
  if (readServerControl(file)?.token === token) fs.rmSync(file, { force: true });
}

export function readServerControl(file: string): ServerControl | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ServerControl>;
    return typeof parsed.pid === 'number' && typeof parsed.url === 'string' && typeof parsed.token === 'string'
      ? { pid: parsed.pid, url: parsed.url, token: parsed.token }
      : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite backup (the command's side).

export type BackupResult = { file: string; bytes: number; via: 'folder' | 'server' };

const hasDatabase = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

/**
 * Copies the PGlite folder `dataDir` into `outFile` (a .tar.gz): opens the folder itself when it
 * is free, or asks the server that holds it. The file appears whole or not at all.
 */
export async function backupPglite({ dataDir, outFile }: { dataDir: string; outFile: string }): Promise<BackupResult> {
  if (!hasDatabase(dataDir)) throw new BackupError(`There is no database in ${dataDir}: nothing to back up (is DATA_DIR right?).`);
  // Twice: a server that stops between "in use" and our request leaves the folder free.
  for (let attempt = 1; ; attempt++) {
    let db: Database;
    try {
      db = await openDatabase({ kind: 'pglite', dataDir });
    } catch (err) {
      if (!(err instanceof DataDirInUseError)) throw err;
      try {
        return await backupThroughServer({ dataDir, outFile });
      } catch (serverErr) {
        if (attempt < 2 && serverErr instanceof ServerGoneError) continue;
        throw serverErr;
      }
    }
    try {
      const dump = await db.pglite!.dump();
      const bytes = await writeWhole(outFile, Readable.fromWeb(dump.stream() as WebReadableStream<Uint8Array>));
      return { file: outFile, bytes, via: 'folder' };
    } finally {
      await db.close();
    }
  }
}

class ServerGoneError extends BackupError {}

async function backupThroughServer({ dataDir, outFile }: { dataDir: string; outFile: string }): Promise<BackupResult> {
  const control = readServerControl(serverControlFile(dataDir));
  if (!control || !alive(control.pid)) {
    throw new BackupError(
      `The database folder ${dataDir} is in use by another process that does not serve backups (a command such as db:migrate, ` +
        'or a server that is still starting). Run the backup again once it has finished or started.',
    );
  }
  let res: Response;
  try {
    res = await fetch(`${control.url}/api/admin/backup`, { method: 'POST', headers: { [BACKUP_TOKEN_HEADER]: control.token } });
  } catch (err) {
    throw new ServerGoneError(`The server (pid ${control.pid}) did not answer at ${control.url}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok || !res.body) {
    const body = await res.text().catch(() => '');
    let message = body;
    try {
      message = (JSON.parse(body) as { error?: { message?: string } }).error?.message ?? body;
    } catch { /* not JSON: the text as it is */ }
    throw new BackupError(`The server (pid ${control.pid}) refused the backup: ${res.status} ${message}`);
  }
  const bytes = await writeWhole(outFile, Readable.fromWeb(res.body as WebReadableStream<Uint8Array>));
  return { file: outFile, bytes, via: 'server' };
}

/** Streams into `<file>.partial-<pid>` and renames: a failed or interrupted backup leaves no file that looks whole. */
async function writeWhole(file: string, source: Readable): Promise<number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) throw new BackupError(`${file} exists already; choose another --out.`);
  const tmp = `${file}.partial-${process.pid}`;
  try {
    await pipeline(source, fs.createWriteStream(tmp, { mode: 0o600 }));
    const bytes = fs.statSync(tmp).size;
    if (bytes === 0) throw new BackupError('The backup came back empty.');
    fs.renameSync(tmp, file);
    return bytes;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Backup files: what kind a file is.

export type BackupKind = 'pglite' | 'pg_dump' | 'unknown';

export function backupKindOf(file: string): BackupKind {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(512);
    const n = fs.readSync(fd, head, 0, 512, 0);
    if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg_dump';
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
    if (n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite';
    return 'unknown';
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite restore.

export type RestoreResult = { dataDir: string; movedAside: string | null; sessionsEnded: number };

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

/**
 * Restores a PGlite backup into `dataDir`, which must be empty or missing; with `force` a
 * non-empty folder is moved aside to `<dataDir>.before-restore-<time>` (never deleted). The folder
 * must not be in use (its lock). The backup is unpacked into a folder of its own beside it, its
 * sessions are ended, and only then is it renamed into place: a failed restore leaves nothing
 * half-written and the old folder where it was.
 */
export async function restorePglite({ backupFile, dataDir, force = false }: { backupFile: string; dataDir: string; force?: boolean }): Promise<RestoreResult> {
  const kind = backupKindOf(backupFile);
  if (kind === 'pg_dump') throw new BackupError(`${backupFile} is a PostgreSQL dump (pg_dump): restore it with DATABASE_URL set to an empty PostgreSQL database.`);
  if (kind !== 'pglite') throw new BackupError(`${backupFile} is not a Workdiary backup (expected the .tar.gz that pnpm db:backup writes).`);
  const target = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const lock = lockDataDir(target);
  const work = `${target}.restoring-${process.pid}`;
  let movedAside: string | null = null;
  try {
    if (!isEmptyDir(target) && !force) {
      throw new BackupError(`${target} is not empty. Restore into an empty folder (another DATA_DIR), or pass --force to move the current one aside first.`);
    }
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const sessionsEnded = await loadInto(work, backupFile);
    if (fs.existsSync(target)) {
      if (isEmptyDir(target)) {
        fs.rmdirSync(target);
      } else {
        movedAside = `${target}.before-restore-${stamp()}`;
        fs.renameSync(target, movedAside);
      }
    }
    fs.renameSync(work, target);
    return { dataDir: target, movedAside, sessionsEnded };
  } catch (err) {
    fs.rmSync(work, { recursive: true, force: true });
    if (movedAside && !fs.existsSync(target)) fs.renameSync(movedAside, target);
    throw err;
  } finally {
    lock.release();
  }
}

/** Unpacks the backup into the empty folder `dir`, checks it is a Workdiary database, ends its sessions. */
async function loadInto(dir: string, backupFile: string): Promise<number> {
  const { PGlite } = await import('@electric-sql/pglite');
  const bytes = fs.readFileSync(backupFile);
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  let client;
  try {
    client = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([bytes], { type: gzip ? 'application/gzip' : 'application/x-tar' }) });
  } catch (err) {
    throw new BackupError(`${backupFile} could not be loaded as a PGlite database: ${err instanceof Error ? err.message : String(err)}`);
  }
  const db = await openDatabase({ kind: 'pglite', pglite: client });
  try {
    const [found] = await db.unscoped.query<{ migrations: string | null; sessions: string | null }>(
      `SELECT to_regclass('public."_prisma_migrations"')::text AS migrations, to_regclass('public."Session"')::text AS sessions`,
    );
    if (!found?.migrations || !found.sessions) throw new BackupError(`${backupFile} holds a PostgreSQL folder but not a Workdiary database.`);
    const ended = await endAllSessions(db.unscoped);
    // Written to the data files now, so the first start has nothing to replay.
    await db.unscoped.query('CHECKPOINT');
    return ended;
  } finally {
    await db.close();
  }
}
