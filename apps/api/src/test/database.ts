import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { FUNCTIONS_DIR, MIGRATIONS_DIR } from '../config/env.ts';
import { openDatabase, type Database, type UnscopedSql } from '../db/engine.ts';
import { applyFunctions, migrate, readFunctions, readMigrations } from '../db/migrate.ts';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL set it is a new database
 * on that PostgreSQL server (copied from a migrated template); otherwise an in-memory PGlite
 * loaded from a migrated data-dir snapshot (pgliteSnapshot: no initdb, no migrating per file).
 */
export async function freshDatabase(testDatabaseUrl: string | undefined): Promise<Database> {
  return testDatabaseUrl ? freshPostgres(testDatabaseUrl) : freshPglite();
}

const migrations = () => readMigrations(MIGRATIONS_DIR);
const functions = () => readFunctions(FUNCTIONS_DIR);
/** What the server's migrateDatabase does: the migrations, then the functions' files. */
const migrateAll = async (sql: UnscopedSql) => {
  await migrate(sql, migrations());
  await applyFunctions(sql, functions());
};
const migrationsKey = () =>
  createHash('sha256')
    .update([...migrations().map((m) => m.checksum), ...functions().map((f) => f.definition)].join(','))
    .digest('hex')
    .slice(0, 12);
/**
 * The installed PGlite's version, from its real path in pnpm's store (`.pnpm/@electric-sql+pglite@0.5.16/…`):
 * a snapshot from another version is never loaded, and every checkout on the machine with the same
 * version shares one. A path outside a pnpm store counts whole.
 */
const pgliteKey = () => {
  const real = fs.realpathSync(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  const store = real.lastIndexOf(`${path.sep}.pnpm${path.sep}`);
  return createHash('sha256').update(store === -1 ? real : real.slice(store)).digest('hex').slice(0, 8);
};

/** PGlite as the server runs it: in a thread of its own (db/pglite-thread.ts). */
async function freshPglite(): Promise<Database> {
  return openDatabase({ kind: 'pglite', loadDataDir: await pgliteSnapshot('migrated') });
}

/**
 * A Blob of these bytes whose `arrayBuffer()` is one copy of them. Node 20's Blob reads itself in
 * small parts and joins them: 260 ms of CPU for a 42 MB data folder (a test's migrated snapshot),
 * a fifth of PGlite's whole start from it; the tests start one or more per file.
 */
export class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;
  constructor(bytes: Uint8Array, options?: { type?: string }) {
    super([bytes], options);
    this.#bytes = bytes;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.#bytes).buffer; // a copy (a Buffer's slice() would be a view)
  }
}

/**
 * A PGlite data directory as a tarball, made once per machine (and per set of migrations) and
 * cached in the temp folder: `empty` is a fresh initdb (~10 s under load, the cost this avoids),
 * `migrated` has the repository's migrations applied. Uncompressed: it loads faster than gzip.
 */
export async function pgliteSnapshot(kind: 'empty' | 'migrated'): Promise<Blob> {
  const file = path.join(os.tmpdir(), `workdiary-pglite-${kind}-${pgliteKey()}${kind === 'empty' ? '' : `-${migrationsKey()}`}.tar`);
  if (!fs.existsSync(file)) {
    // The migrated snapshot starts from the empty one: one initdb per machine, not two.
    const seed = kind === 'empty' ? await PGlite.create() : await PGlite.create({ loadDataDir: await pgliteSnapshot('empty') });
    const db = await openDatabase({ kind: 'pglite', pglite: seed });
    if (kind === 'migrated') await migrateAll(db.unscoped);
    const dump = await seed.dumpDataDir('none');
    // Written under a unique name and renamed: parallel workers never read a half-written file.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    await db.close();
  }
  return new BytesBlob(fs.readFileSync(file));
}

async function freshPostgres(baseUrl: string): Promise<Database> {
  const fresh = await freshPostgresUrl(baseUrl);
  const db = await openDatabase({ kind: 'postgres', url: fresh.url });
  return {
    ...db,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}

/*
 * PostgreSQL test databases. Every database a test run makes is named after its owner:
 * `wd_<kind>_<host>_<pid>_<time>_<random>` (a template also carries the migrations' key), where pid
 * is the run's main vitest process (global-setup.ts) or the process itself outside vitest (bench).
 * Each test file drops its databases when it ends; the run's global teardown drops its template and
 * anything of its own still there, and fails if it had to; the next run's global setup drops what a
 * crashed run left (an owner on this machine that is gone, or anything older than two days).
 * Databases with other names (someone's scratch database) are never touched.
 */
export type PostgresRun = { ownerPid: number; template: string };

declare module 'vitest' {
  interface ProvidedContext {
    workdiaryPostgres: PostgresRun | null;
    /** The API compiled for this run (global-setup.ts buildApi): the folder holding server.js and cli/. */
    workdiaryBuild: string;
  }
}

const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 4);
const OWNED = /^wd_([a-z]+)_(?:[0-9a-f]{12}_)?([0-9a-f]{4})_(\d+)_([0-9a-z]+)(?:_[0-9a-f]+)?$/;

/** The run's template and owner, provided by global-setup.ts; null outside vitest (or on PGlite). */
function providedRun(): PostgresRun | null {
  try {
    return inject('workdiaryPostgres') ?? null;
  } catch {
    return null; // not inside a vitest worker (bench scripts, the global setup itself)
  }
}

export function ownedDatabaseName(kind: string, ownerPid = providedRun()?.ownerPid ?? process.pid): string {
  return `wd_${kind}_${HOST_TAG}_${ownerPid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export type DatabaseOwner = { name: string; kind: string; host: string; pid: number; createdAt: number };

export function ownerOf(name: string): DatabaseOwner | null {
  const m = OWNED.exec(name);
  if (!m) return null;
  const [, kind = '', host = '', pid = '', time = ''] = m;
  return { name, kind, host, pid: Number(pid), createdAt: parseInt(time, 36) };
}

/** Whether this machine's process `pid` made it. */
export const ownedBy = (owner: DatabaseOwner, pid: number): boolean => owner.host === HOST_TAG && owner.pid === pid;

async function withAdmin<T>(baseUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

const dropSql = (name: string) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;

/** A new migrated template owned by `ownerPid` (the run's, made once by global-setup.ts). */
export async function createTemplate(baseUrl: string, ownerPid: number): Promise<string> {
  const name = `wd_template_${migrationsKey()}_${HOST_TAG}_${ownerPid}_${Date.now().toString(36)}`;
  await withAdmin(baseUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
  try {
    const tpl = await openDatabase({ kind: 'postgres', url: withDatabase(baseUrl, name) });
    try {
      await migrateAll(tpl.unscoped);
    } finally {
      await tpl.close();
    }
  } catch (err) {
    await withAdmin(baseUrl, (admin) => admin.query(dropSql(name))).catch(() => undefined);
    throw err;
  }
  return name;
}

/** Outside vitest (bench): one template per process, left for the next test run to drop once the process is gone. */
let ownTemplate: Promise<string> | null = null;

/** A new, migrated database on that server (copied from a migrated template), for tests that start their own processes on it. */
export async function freshPostgresUrl(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const run = providedRun();
  const template = run?.template ?? (await (ownTemplate ??= createTemplate(baseUrl, process.pid)));
  const name = ownedDatabaseName('test', run?.ownerPid ?? process.pid);
  await withAdmin(baseUrl, async (admin) => {
    // One copy at a time: PostgreSQL refuses to copy a template another session is connected to.
    await admin.query('SELECT pg_advisory_lock(4242)');
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(4242)');
    }
  });
  return {
    url: withDatabase(baseUrl, name),
    async drop() {
      await withAdmin(baseUrl, (admin) => admin.query(dropSql(name))).catch(() => undefined);
    },
  };
}

/**
 * Outside a test run (a benchmark): drops the template this process made for its copies, once they
 * are dropped. Inside one the run's global teardown drops the run's template.
 */
export async function dropOwnTemplate(baseUrl: string): Promise<void> {
  const made = ownTemplate;
  ownTemplate = null;
  const name = made ? await made.catch(() => null) : null;
  if (name) await dropDatabases(baseUrl, [name]);
}

/** The databases on the server named like a test run's (see above). */
export async function listOwnedDatabases(baseUrl: string): Promise<DatabaseOwner[]> {
  const rows = await withAdmin(baseUrl, (admin) => admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'wd\\_%'`));
  return rows.rows.map((r) => ownerOf(r.datname)).filter((o): o is DatabaseOwner => o !== null);
}

export async function dropDatabases(baseUrl: string, names: string[]): Promise<void> {
  if (names.length === 0) return;
  await withAdmin(baseUrl, async (admin) => {
    for (const name of names) await admin.query(dropSql(name));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const STALE_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Whether a run that ended long ago or crashed left it: its owner on this machine is gone, or it
 * is older than two days (an owner on another machine sharing the server, or a reused pid).
 */
export function isLeftover(owner: DatabaseOwner, now = Date.now()): boolean {
  if (now - owner.createdAt > STALE_MS) return true;
  return owner.host === HOST_TAG && !alive(owner.pid);
}

/**
 * Drops what earlier runs left: databases of owners that are gone, and the names of the scheme
 * before owners were recorded (`wd_template_<key>`, `wd_test_<time>_<random>`,
 * `wd_migrate_<time>_<random>`) once an hour old, templates only when no one is connected.
 */
export async function dropLeftovers(baseUrl: string, now = Date.now()): Promise<string[]> {
  const stale = (await listOwnedDatabases(baseUrl)).filter((o) => isLeftover(o, now)).map((o) => o.name);
  await dropDatabases(baseUrl, stale);
  const legacy = await withAdmin(baseUrl, async (admin) => {
    const rows = (await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'wd\\_%'`)).rows.map((r) => r.datname);
    const dropped: string[] = [];
    for (const name of rows) {
      const old = /^wd_(?:test|migrate)_([0-9a-z]+)_[0-9a-f]{6}$/.exec(name);
      if (old && now - parseInt(old[1] ?? '', 36) > 60 * 60 * 1000) {
        await admin.query(dropSql(name));
        dropped.push(name);
      } else if (/^wd_template_[0-9a-f]{12}$/.test(name)) {
        // No FORCE: a run still on the old code may be copying it this moment.
        if (await admin.query(`DROP DATABASE IF EXISTS "${name}"`).then(() => true, () => false)) dropped.push(name);
      }
    }
    return dropped;
  });
  return [...stale, ...legacy];
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
