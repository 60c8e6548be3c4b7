import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../config/env.ts';
import { openDatabase, type Database } from '../db/engine.ts';
import { migrate, readMigrations } from '../db/migrate.ts';

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL set it is a new database
 * on that PostgreSQL server (copied from a migrated template); otherwise an in-memory PGlite
 * loaded from a migrated data-dir snapshot (pgliteSnapshot: no initdb, no migrating per file).
 */
export async function freshDatabase(testDatabaseUrl: string | undefined): Promise<Database> {
  return testDatabaseUrl ? freshPostgres(testDatabaseUrl) : freshPglite();
}

const migrations = () => readMigrations(MIGRATIONS_DIR);
const migrationsKey = () => createHash('sha256').update(migrations().map((m) => m.checksum).join(',')).digest('hex').slice(0, 12);
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

async function freshPglite(): Promise<Database> {
  const client = await PGlite.create({ loadDataDir: await pgliteSnapshot('migrated') });
  return openDatabase({ kind: 'pglite', pglite: client });
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
    if (kind === 'migrated') await migrate(db.sql, migrations());
    const dump = await seed.dumpDataDir('none');
    // Written under a unique name and renamed: parallel workers never read a half-written file.
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(tmp, file);
    await db.close();
  }
  return new Blob([fs.readFileSync(file)]);
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

/** A new, migrated database on that server (copied from a migrated template), for tests that start their own processes on it. */
export async function freshPostgresUrl(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const template = `wd_template_${migrationsKey()}`;
  const name = `wd_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(4242)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${template}"`);
      const tpl = await openDatabase({ kind: 'postgres', url: withDatabase(baseUrl, template) });
      await migrate(tpl.sql, migrations());
      await tpl.close();
    }
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    await admin.query('SELECT pg_advisory_unlock(4242)');
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(baseUrl, name),
    async drop() {
      const drop = new pg.Client({ connectionString: baseUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
      await drop.end();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
