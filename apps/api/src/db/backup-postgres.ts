import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { BackupError, backupKindOf, END_ALL_SESSIONS } from './backup.ts';

/**
 * Backup and restore on a PostgreSQL server: PostgreSQL's own pg_dump / pg_restore (the
 * client tools, of the server's major version or newer), with the flags below. Where they are
 * not installed the commands print exactly what to run instead.
 *
 * The dump leaves out the rows of "Session" (its table is kept): no session token can come back
 * from a backup, even one restored by hand with pg_restore. `pnpm db:restore` also deletes every
 * session after restoring, for dumps made some other way.
 */
export type PgCommand = { command: 'pg_dump' | 'pg_restore'; args: string[]; password: string | null };

/** The URL without its password (which goes to the tool as PGPASSWORD, not on its command line). */
function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

export function pgDumpCommand(url: string, file: string): PgCommand {
  const { url: dbname, password } = splitPassword(url);
  return {
    command: 'pg_dump',
    args: ['--format=custom', '--no-owner', '--no-privileges', '--exclude-table-data=public."Session"', `--file=${file}`, `--dbname=${dbname}`],
    password,
  };
}

export function pgRestoreCommand(url: string, file: string): PgCommand {
  const { url: dbname, password } = splitPassword(url);
  return {
    command: 'pg_restore',
    args: ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, file],
    password,
  };
}

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** The command as one shell line, the password left out. */
export function showCommand(cmd: PgCommand): string {
  return `${cmd.password ? 'PGPASSWORD=<password> ' : ''}${[cmd.command, ...cmd.args].map(shellQuote).join(' ')}`;
}

/** `pg_dump (PostgreSQL) 15.20`, or null when the tool is not on PATH. */
export function toolVersion(command: PgCommand['command']): string | null {
  const run = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return run.error || run.status !== 0 ? null : run.stdout.trim();
}

async function run(cmd: PgCommand): Promise<void> {
  const child = spawn(cmd.command, cmd.args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    // eslint-disable-next-line no-restricted-properties -- the tool gets our environment (PATH, PG*) plus the password
    env: cmd.password ? { ...process.env, PGPASSWORD: cmd.password } : process.env,
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new BackupError(`${cmd.command} failed (exit code ${code}):\n${stderr.trim()}`);
}

function missingTool(cmd: PgCommand, what: string, then: string[] = []): BackupError {
  return new BackupError(
    `${cmd.command} is not installed here (PostgreSQL's client tools, the server's major version or newer; Debian/Ubuntu: apt-get install postgresql-client). ` +
      `To ${what}, run where it is:\n\n  ${showCommand(cmd)}\n${then.map((line) => `  ${line}\n`).join('')}`,
  );
}

/** pg_dump of DATABASE_URL into `outFile` (custom format), written whole or not at all. */
export async function backupPostgres({ url, outFile }: { url: string; outFile: string }): Promise<{ file: string; bytes: number; command: string }> {
  const shown = pgDumpCommand(url, outFile);
  if (!toolVersion('pg_dump')) throw missingTool(shown, 'make the backup');
  if (fs.existsSync(outFile)) throw new BackupError(`${outFile} exists already; choose another --out.`);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const tmp = `${outFile}.partial-${process.pid}`;
  try {
    await run(pgDumpCommand(url, tmp));
    fs.renameSync(tmp, outFile);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return { file: outFile, bytes: fs.statSync(outFile).size, command: showCommand(shown) };
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    if ((err as { code?: string }).code === '3D000') {
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      throw new BackupError(`The database "${name}" does not exist. Create an empty one first (e.g. createdb "${name}", or CREATE DATABASE "${name}"), then restore into it.`);
    }
    throw err;
  }
}

/**
 * pg_restore of a `pnpm db:backup` file into the EMPTY database of DATABASE_URL (one transaction:
 * all or nothing), then every session ended. A database with tables is refused.
 */
export async function restorePostgres({ url, backupFile }: { url: string; backupFile: string }): Promise<{ sessionsEnded: number; command: string }> {
  const kind = backupKindOf(backupFile);
  if (kind === 'pglite') throw new BackupError(`${backupFile} is a backup of the embedded database (PGlite): restore it without DATABASE_URL (into DATA_DIR).`);
  if (kind !== 'pg_dump') throw new BackupError(`${backupFile} is not a pg_dump file in custom format (what pnpm db:backup writes on PostgreSQL).`);
  const cmd = pgRestoreCommand(url, path.resolve(backupFile));
  const client = await connect(url);
  try {
    const [row] = (await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`,
    )).rows;
    if ((row?.n ?? 0) > 0) {
      throw new BackupError(`The database ${client.database ?? ''} is not empty (${row?.n} tables, indexes or sequences). Restore into a new, empty database and point DATABASE_URL at it.`);
    }
    if (!toolVersion('pg_restore')) throw missingTool(cmd, 'restore it', ['then end every session:', `psql ${shellQuote(splitPassword(url).url)} -c 'DELETE FROM "Session"'`]);
    await run(cmd);
    const sessionsEnded = (await client.query<{ n: number }>(END_ALL_SESSIONS)).rows[0]?.n ?? 0;
    return { sessionsEnded, command: showCommand(cmd) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
