/**
 * The migrator (db/migrate.ts): pending migrations are applied in order, each in its own
 * transaction together with its checksummed row in `_prisma_migrations`; applied ones are never
 * re-run; a changed applied migration makes `migrate` throw MigrationDriftError and the API refuse
 * to start; a failing migration leaves nothing behind. Each test has a database of its own: empty,
 * or already migrated by the shared test helper (which itself runs `migrate`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, readEnv, REPO_ROOT } from '../config/env.ts';
import { freshDatabase, ownedDatabaseName, pgliteSnapshot, withDatabase } from '../test/database.ts';
import { scriptArgs } from '../test/processes.ts';
import { openDatabase, type Database } from './engine.ts';
import { migrate, MigrationDriftError, readMigrations, type Migration } from './migrate.ts';

const env = readEnv({ NODE_ENV: 'test' });
const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

type EmptyDatabase = Database & { url?: string; dataDir?: string };
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

/** A brand-new empty database on the engine under test (an in-memory PGlite, or a new PG database). */
async function emptyDatabase(): Promise<EmptyDatabase> {
  if (!env.TEST_DATABASE_URL) {
    // A freshly initdb'd data directory (cached snapshot): no tables, no migrations table.
    const db = await openDatabase({ kind: 'pglite', pglite: await PGlite.create({ loadDataDir: await pgliteSnapshot('empty') }) });
    cleanups.push(() => db.close());
    return db;
  }
  const baseUrl = env.TEST_DATABASE_URL;
  // Named after this run, so the run's teardown drops it even if this file does not get to.
  const name = ownedDatabaseName('migrate');
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(baseUrl, name);
  const db = await openDatabase({ kind: 'postgres', url });
  cleanups.push(async () => {
    await db.close();
    const drop = new pg.Client({ connectionString: baseUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await drop.end();
  });
  return { ...db, url };
}

/** A database already migrated with the repository's migrations (the shared test helper). */
async function migratedDatabase(): Promise<Database> {
  const db = await freshDatabase(env.TEST_DATABASE_URL);
  cleanups.push(() => db.close());
  return db;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: sha256(sql) });

type Row = { id: string; migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; started_at: Date; applied_steps_count: number; logs: string | null; xmin: string };
const records = (db: Database) =>
  db.unscoped.query<Row>(`SELECT *, xmin::text AS xmin FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`);
const publicTables = async (db: Database) =>
  (await db.unscoped.query<{ name: string }>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).map((r) => r.name);
const publicTypes = async (db: Database) =>
  (await db.unscoped.query<{ name: string }>(`SELECT typname::text AS name FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'e' ORDER BY 1`)).map((r) => r.name);

/** A migrations folder with three migrations that only work in stamp order, written to disk out of order. */
function writeOrderedMigrationsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-migrations-'));
  const files: Array<[string, string]> = [
    ['20260103000000_fill', `INSERT INTO "b" ("id", "aId") VALUES (1, 1);\nINSERT INTO "log" VALUES ('fill', (txid_current() % 4294967296)::text);`],
    ['20260102000000_b', `CREATE TABLE "b" ("id" INTEGER PRIMARY KEY, "aId" INTEGER NOT NULL REFERENCES "a"("id"));\nINSERT INTO "log" VALUES ('b', (txid_current() % 4294967296)::text);`],
    ['20260101000000_a', `CREATE TABLE "a" ("id" INTEGER PRIMARY KEY);\nINSERT INTO "a" VALUES (1);\nCREATE TABLE "log" ("migration" TEXT, "xid" TEXT);\nINSERT INTO "log" VALUES ('a', (txid_current() % 4294967296)::text);`],
  ];
  for (const [name, sql] of files) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  fs.mkdirSync(path.join(dir, '20260104000000_no_sql_yet')); // a folder without migration.sql is not a migration
  fs.writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n'); // nor is a file
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe(`migrations (${engine})`, () => {
  describe('readMigrations', () => {
    it("reads the repository's migrations in stamp order with the sha256 of each file", () => {
      const list = readMigrations(MIGRATIONS_DIR);
      expect(list.length).toBeGreaterThanOrEqual(1);
      expect(list[0]?.name).toBe('20261125000000_init');
      expect(list.map((m) => m.name)).toEqual([...list.map((m) => m.name)].sort());
      for (const m of list) {
        expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
        const onDisk = fs.readFileSync(path.join(MIGRATIONS_DIR, m.name, 'migration.sql'), 'utf8');
        expect(m.sql).toBe(onDisk);
        expect(m.checksum).toBe(sha256(onDisk));
      }
    });

    it('sorts folders by name and skips folders without migration.sql and loose files', () => {
      const list = readMigrations(writeOrderedMigrationsDir());
      expect(list.map((m) => m.name)).toEqual(['20260101000000_a', '20260102000000_b', '20260103000000_fill']);
      for (const m of list) expect(m.checksum).toBe(sha256(m.sql));
    });
  });

  describe('migrate', () => {
    it("applies the repository's migrations to an empty database and records each with its checksum", async () => {
      const db = await emptyDatabase();
      const list = readMigrations(MIGRATIONS_DIR);
      const result = await migrate(db.unscoped, list);
      expect(result).toEqual({ applied: list.map((m) => m.name), alreadyApplied: 0 });
      const rows = await records(db);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(list.map((m) => [m.name, m.checksum]));
      for (const r of rows) {
        expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.rolled_back_at).toBeNull();
        expect(r.logs).toBeNull();
        expect(r.applied_steps_count).toBe(1);
      }
      expect(await publicTables(db)).toEqual(['Absence', 'AbsenceKind', 'ApiToken', 'AuditEvent', 'BalanceCorrection', 'CalendarFeed', 'Category', 'ComplianceAcknowledgement', 'Customer', 'DayFigure', 'Import', 'LoginFailure', 'LoginKnownAddress', 'MonthClose', 'MonthEvent', 'MonthReminder', 'Organization', 'PasswordReset', 'RateLimitWindow', 'ReportShare', 'Session', 'User', 'UserDay', 'UserMonth', 'Webhook', 'WebhookDelivery', 'WorkEntry', 'WorkRules', '_prisma_migrations']);
    });

    it('keeps its records in a table shaped like Prisma Migrate\'s `_prisma_migrations`', async () => {
      const db = await emptyDatabase();
      await migrate(db.unscoped, []);
      const columns = await db.unscoped.query<{ column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null }>(
        `SELECT column_name::text, data_type::text, is_nullable::text, character_maximum_length::int
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable, c.character_maximum_length])).toEqual([
        ['id', 'character varying', 'NO', 36],
        ['checksum', 'character varying', 'NO', 64],
        ['finished_at', 'timestamp with time zone', 'YES', null],
        ['migration_name', 'character varying', 'NO', 255],
        ['logs', 'text', 'YES', null],
        ['rolled_back_at', 'timestamp with time zone', 'YES', null],
        ['started_at', 'timestamp with time zone', 'NO', null],
        ['applied_steps_count', 'integer', 'NO', null],
      ]);
      expect(await records(db)).toEqual([]);
    });

    it('applies in stamp order, each migration in its own transaction together with its record', async () => {
      const db = await emptyDatabase();
      const result = await migrate(db.unscoped, readMigrations(writeOrderedMigrationsDir()));
      expect(result.applied).toEqual(['20260101000000_a', '20260102000000_b', '20260103000000_fill']);
      const log = await db.unscoped.query<{ migration: string; xid: string }>(`SELECT "migration", "xid" FROM "log"`);
      const xidOf = Object.fromEntries(log.map((l) => [l.migration, l.xid]));
      const rows = await records(db);
      expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
      // The record row was written by the very transaction that ran the migration's SQL…
      for (const r of rows) expect(r.xmin, r.migration_name).toBe(xidOf[r.migration_name.slice(15)]);
      // …and every migration had a transaction of its own.
      expect(new Set(Object.values(xidOf)).size).toBe(3);
    });

    it('re-running applies nothing and leaves the records as they were', async () => {
      const db = await migratedDatabase();
      const list = [...readMigrations(MIGRATIONS_DIR), ...readMigrations(writeOrderedMigrationsDir())];
      await migrate(db.unscoped, list);
      const first = await records(db);
      expect(await migrate(db.unscoped, list)).toEqual({ applied: [], alreadyApplied: list.length });
      expect(await migrate(db.unscoped, list)).toEqual({ applied: [], alreadyApplied: list.length });
      expect(await records(db)).toEqual(first);
      expect((await db.unscoped.query<{ n: number }>(`SELECT count(*)::int AS n FROM "log"`))[0]?.n).toBe(3); // not re-executed
    });

    it('applies only the new migration when one is added later', async () => {
      const db = await migratedDatabase();
      const list = readMigrations(MIGRATIONS_DIR);
      const next = migration('20991231000000_add_probe', 'CREATE TABLE "Probe" ("id" TEXT PRIMARY KEY);');
      expect(await migrate(db.unscoped, [...list, next])).toEqual({ applied: [next.name], alreadyApplied: list.length });
      expect(await publicTables(db)).toContain('Probe');
    });
  });

  describe('a migration changed after it was applied', () => {
    it('throws MigrationDriftError when the recorded checksum differs, and applies nothing else', async () => {
      const db = await migratedDatabase();
      const list = readMigrations(MIGRATIONS_DIR);
      const init = list[0] as Migration;
      await db.unscoped.query(`UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [sha256('tampered'), init.name]);
      const pending = migration('20991231000000_pending', 'CREATE TABLE "Pending" ("id" TEXT PRIMARY KEY);');
      const err = await migrate(db.unscoped, [...list, pending]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationDriftError);
      expect((err as MigrationDriftError).migration).toBe(init.name);
      expect((err as Error).message).toContain(`Migration ${init.name} was changed after it was applied`);
      expect(await publicTables(db)).not.toContain('Pending');
      expect((await records(db)).map((r) => r.migration_name)).toEqual(list.map((m) => m.name));
    });

    it('throws MigrationDriftError when the migration file (Migration object) changed', async () => {
      const db = await migratedDatabase();
      const list = readMigrations(MIGRATIONS_DIR);
      const init = list[0] as Migration;
      const edited = migration(init.name, `${init.sql}\n-- a harmless-looking comment is a change too\n`);
      await expect(migrate(db.unscoped, [edited, ...list.slice(1)])).rejects.toBeInstanceOf(MigrationDriftError);
      await expect(migrate(db.unscoped, [{ ...init, checksum: sha256(`${init.sql} `) }])).rejects.toThrow(MigrationDriftError);
      // Restored, it is accepted again.
      expect(await migrate(db.unscoped, list)).toEqual({ applied: [], alreadyApplied: list.length });
    });
  });

  describe('a failing migration', () => {
    it('rolls back entirely: no tables, no types, no data and no record of it — earlier ones stay applied', async () => {
      const db = await migratedDatabase();
      const list = readMigrations(MIGRATIONS_DIR);
      const bad = migration('20991231000000_half', [
        'CREATE TYPE "HalfMood" AS ENUM (\'A\', \'B\');',
        'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY, "mood" "HalfMood");',
        'INSERT INTO "Half" VALUES (1, \'A\');',
        'ALTER TABLE "Customer" ADD COLUMN "half" INTEGER;',
        'INSERT INTO "Half" VALUES (1, \'B\');', // duplicate key: fails here
      ].join('\n'));
      const err = await migrate(db.unscoped, [...list, bad]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(MigrationDriftError);
      expect(String((err as Error).message)).toMatch(/duplicate key/);
      expect(await publicTables(db)).not.toContain('Half');
      expect(await publicTypes(db)).not.toContain('HalfMood');
      const customerColumns = await db.unscoped.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Customer' AND column_name = 'half'`);
      expect(customerColumns).toEqual([]);
      expect((await records(db)).map((r) => r.migration_name)).toEqual(list.map((m) => m.name));

      // Not recorded, so a corrected version is simply applied next time (no drift).
      const fixed = migration(bad.name, 'CREATE TABLE "Half" ("id" INTEGER PRIMARY KEY);');
      expect(await migrate(db.unscoped, [...list, fixed])).toEqual({ applied: [bad.name], alreadyApplied: list.length });
    });

    it('a failure inside the first migration leaves an empty database (only the bookkeeping table)', async () => {
      const db = await emptyDatabase();
      const init = readMigrations(MIGRATIONS_DIR)[0] as Migration;
      const broken = migration(init.name, `${init.sql}\nSELECT 1 / 0;\n`);
      await expect(migrate(db.unscoped, [broken])).rejects.toThrow(/division by zero/);
      expect(await publicTables(db)).toEqual(['_prisma_migrations']);
      expect(await publicTypes(db)).toEqual([]);
      expect(await records(db)).toEqual([]);
      expect(await migrate(db.unscoped, [init])).toEqual({ applied: [init.name], alreadyApplied: 0 });
    });
  });

  describe('the API start', () => {
    /** Runs the API as `npm start` does (compiled, test/processes.ts); resolves when it listens (then stops it) or exits. */
    function startServer(vars: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; listened: boolean }> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, scriptArgs('server.ts'), {
          cwd: path.join(REPO_ROOT, 'apps/api'),
          env: {
            NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent',
            JWT_SECRET: 'migrate-test-secret-migrate-test-secret', WEB_DIST: path.join(os.tmpdir(), 'wd-no-web'), ...vars,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        let listened = false;
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`server neither listened nor exited in time\n${stdout}\n${stderr}`));
          // A hang guard, as long as startServer's: a loaded two-core machine took over 60 s to start one.
        }, 150_000);
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (!listened && stdout.includes('Workdiary is running')) {
            listened = true;
            child.kill('SIGTERM');
          }
        });
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stdout, stderr, listened });
        });
      });
    }

    it('starts on a correctly migrated database, and refuses to start once an applied migration was changed', async () => {
      const list = readMigrations(MIGRATIONS_DIR);
      const init = list[0] as Migration;
      let vars: Record<string, string>;
      let tamper: () => Promise<void>;
      if (env.TEST_DATABASE_URL) {
        const db = await emptyDatabase();
        await migrate(db.unscoped, list);
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-start-'));
        cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
        vars = { DATABASE_URL: db.url as string, DATA_DIR: dataDir };
        tamper = async () => {
          await db.unscoped.query(`UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [sha256('edited'), init.name]);
        };
      } else {
        const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-start-'));
        cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
        // The server keeps its embedded database in DATA_DIR/pglite: written there from the
        // migrated snapshot (made by `migrate`), which saves an initdb on disk.
        const db = await openDatabase({ kind: 'pglite', pglite: await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), loadDataDir: await pgliteSnapshot('migrated') }) });
        expect(await migrate(db.unscoped, list)).toEqual({ applied: [], alreadyApplied: list.length });
        await db.close();
        vars = { DATA_DIR: dataDir };
        tamper = async () => {
          const again = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
          await again.unscoped.query(`UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [sha256('edited'), init.name]);
          await again.close();
        };
      }

      const healthy = await startServer(vars);
      expect(healthy.listened, healthy.stderr).toBe(true);
      expect(healthy.stdout).toContain(`Migrations: 0 applied now, ${list.length} before`);

      await tamper();
      const refused = await startServer(vars);
      expect(refused.listened).toBe(false);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`Migration ${init.name} was changed after it was applied (checksum mismatch). Refusing to start`);
      expect(refused.stdout).not.toContain('Workdiary is running');
    }, 150_000);
  });
});
