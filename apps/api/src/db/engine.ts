import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import type { ScopedQuery } from './scoped-sql.ts';

/**
 * Raw SQL beside Prisma, in two runners so that tenancy is a matter of types:
 * - `SqlRunner` (`database.sql`) reads and writes an organisation's rows. It takes only a query
 *   built by `scopedSql(orgId)` (scoped-sql.ts), which cannot be built without that organisation's
 *   filter: a plain string does not compile.
 * - `UnscopedSql` (`database.unscoped`) takes text. It is for what belongs to no one organisation
 *   or is checked per row by the database: sign-in, sessions, throttling and rate limits,
 *   migrations and backups, the catalogue, the timer's batched functions (each row carries its
 *   organisation and `wd_timer_*` checks it), and workers that serve every organisation. ESLint
 *   allows `.unscoped` only in the files listed in eslint.config.js.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(query: ScopedQuery, options?: QueryOptions): Promise<T[]>;
};

export type UnscopedSql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs several statements (no parameters) inside one transaction. */
  execInTransaction(statements: string): Promise<void>;
};

export type QueryOptions = {
  /**
   * A statement run on every request (the auth hook's session read, the timer's statements):
   * PostgreSQL parses and plans it once per connection and keeps it (a named prepared statement,
   * named after its text), instead of on every call. Only for a fixed text: each distinct text
   * stays prepared on every pooled connection. PGlite runs it as any other query.
   */
  prepare?: boolean;
  /**
   * Planner settings for this statement alone (SET LOCAL in a transaction of its own; inside a
   * write's transaction, txSql, until that transaction ends). For the few big aggregates: a year
   * of day figures grouped in memory instead of sorted on disk (work_mem), and no JIT compiling
   * (100+ ms, more than it saves on a statement that runs well under a second).
   */
  settings?: StatementSettings;
  /**
   * PostgreSQL: read the answer this many rows at a time (a portal fetched in parts, pg-cursor),
   * with a turn of the event loop between the parts. For answers of hundreds of thousands of rows,
   * which the driver otherwise parses as fast as they arrive: a year's report by customer × user
   * (376,000 rows) held the event loop 58–84 ms at a time. PGlite (its own thread) sends every answer in parts of 5,000 rows anyway (db/pglite-thread.ts).
   */
  batchRows?: number;
};

export type StatementSettings = {
  workMemMb?: number;
  jit?: false;
  /** No merge joins: where the planner would sort a big aggregate to merge it with a short list a hash join probes. */
  mergeJoin?: false;
};

/** The SET LOCAL statements of `settings` (numbers and a fixed word only: nothing from outside is spliced in). */
export function setLocalSql(settings: StatementSettings): string {
  const lines: string[] = [];
  if (settings.workMemMb !== undefined) {
    if (!Number.isInteger(settings.workMemMb) || settings.workMemMb < 1 || settings.workMemMb > 1024) throw new Error('workMemMb: 1 to 1024');
    lines.push(`SET LOCAL work_mem = '${settings.workMemMb}MB';`);
  }
  if (settings.jit === false) lines.push('SET LOCAL jit = off;');
  if (settings.mergeJoin === false) lines.push('SET LOCAL enable_mergejoin = off;');
  return lines.join('\n');
}

/** The prepared statement's name for a text (PostgreSQL keeps names up to 63 bytes). */
const preparedNames = new Map<string, string>();
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `wd_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return name;
}

export type Database = {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  sql: SqlRunner;
  unscoped: UnscopedSql;
  /**
   * Runs `fn` while holding the database-wide start-up lock (PostgreSQL: an advisory lock), so
   * instances starting together migrate and seed one after the other. PGlite has one process.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** PGlite only: its data folder (null: in memory) and a consistent copy of it (db/backup.ts). */
  pglite?: { dataDir: string | null; dump(): Promise<Blob> };
};

/**
 * Connections per process to PostgreSQL (DATABASE_POOL_SIZE). Measured with bench/timer.ts (64
 * users starting and stopping timers against a hello-world reference, on the shared 2-core
 * machine, 2026-12-01). With one prepared statement per timer write: throughput ratio 0.019 with
 * 4 connections; 0.037 and 0.047 with 10; 0.035 and 0.041 with 20; 0.046 with 32; 0.047 and 0.030
 * with 64. Since the reads and writes of one event-loop turn share a statement (turnBatch), fewer
 * connections are busy at once: 1,814 req/s (ratio 0.047) with 4, 1,733 (0.048) with 10, 2,248
 * (0.043) with 20, one run each, within the machine's noise. 10 stays: no queue below it under
 * that load, and room on PostgreSQL's connection limit (100 by default) for several instances.
 */
export const DEFAULT_POOL_SIZE = 10;

/** pg_advisory_lock key of the start-up lock ("wdstart" in ASCII, within int8). */
const STARTUP_LOCK = 0x7764737461727400n.toString();

/**
 * PGlite's shared_buffers (PostgreSQL's default is 128MB). PGlite allocates and touches its shared
 * memory inside the process at start, so every MB here is about 1.2 MB of the idle server's RSS
 * (128MB: 319 MB for PGlite alone on the demo data, 32MB: 204 MB). The server's working set (a
 * diary month, a report) fits many times over; pages not in it are read from the data folder
 * through the OS page cache. PGLITE_SHARED_BUFFERS raises it for big databases.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | {
      kind: 'pglite';
      dataDir?: string;
      /** A data folder's tarball to start from (PGlite's loadDataDir), e.g. a test's migrated snapshot. */
      loadDataDir?: Blob;
      /** An engine already running in this thread (tests that compare with it); otherwise one is started in a thread of its own. */
      pglite?: PGlite;
      sharedBuffers?: string;
    };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options.url, options.poolSize ?? DEFAULT_POOL_SIZE) : openPglite(options);
}

/**
 * What the server asks of the embedded engine: PGlite itself (in this thread) or, by default,
 * PgliteThread (db/pglite-thread.ts), PGlite in a worker thread, so that no statement holds the
 * server's event loop.
 */
type EmbeddedEngine = {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<T>(fn: (tx: { query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>; exec(sql: string): Promise<unknown> }) => Promise<T>): Promise<T>;
  dumpDataDir(compression: 'gzip'): Promise<Blob>;
  close(): Promise<void>;
  readonly closed: boolean;
};

// Each engine's driver is loaded only when used: a server on PostgreSQL does not carry PGlite in
// memory, and the other way round (tens of MB each).
async function openPglite(options: Extract<DatabaseOptions, { kind: 'pglite' }>): Promise<Database> {
  const [{ PgliteThread }, { PrismaPGlite }] = await Promise.all([import('./pglite-thread.ts'), import('pglite-prisma-adapter')]);
  let lock: DataDirLock | null = null;
  let client: EmbeddedEngine;
  try {
    if (options.dataDir) {
      // The lock sits beside the folder; its parent is all that may be created before holding it.
      fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
      lock = lockDataDir(options.dataDir);
      fs.mkdirSync(options.dataDir, { recursive: true });
    }
    client = options.pglite ?? (await PgliteThread.start({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir ?? (options.dataDir ? freshClusterFor(options.dataDir) : undefined),
      extraStartParams: ['-c', `shared_buffers=${options.sharedBuffers ?? DEFAULT_PGLITE_SHARED_BUFFERS}`],
    }));
  } catch (err) {
    lock?.release();
    throw err;
  }
  // The adapter calls query, exec and transaction, which PgliteThread answers as PGlite does.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client as PGlite) });
  return {
    kind: 'pglite',
    prisma,
    sql: {
      async query<T>(query: ScopedQuery, options: QueryOptions = {}) {
        if (!options.settings) return (await client.query<T>(query.text, query.values)).rows;
        const settings = options.settings;
        return client.transaction(async (tx) => {
          await tx.exec(setLocalSql(settings));
          return (await tx.query<T>(query.text, query.values)).rows;
        });
      },
    },
    unscoped: {
      async query<T>(text: string, params: unknown[] = []) {
        return (await client.query<T>(text, params)).rows;
      },
      async execInTransaction(statements: string) {
        await client.transaction(async (tx) => {
          await tx.exec(statements);
        });
      },
    },
    exclusive: (fn) => fn(),
    pglite: { dataDir: options.dataDir ? path.resolve(options.dataDir) : null, dump: () => dumpPgliteDataDir(client) },
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
      lock?.release();
    },
  };
}

/**
 * A new folder starts from the fresh cluster the build made (apps/api/build.mjs: what PGlite's
 * initdb writes, once per PGlite version) instead of running initdb again: initdb into a folder was
 * most of a first start (33 s of 34 on a busy two-core machine; 3 s from the tarball). Only for a
 * folder without a cluster; the build's file sits beside the compiled server and its chunks, so a
 * server run from src/ (tests, `pnpm dev`) has none and runs initdb as before.
 */
function freshClusterFor(dataDir: string): Blob | undefined {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  const file = new URL('./pglite-initdb.tar.gz', import.meta.url);
  if (file.protocol !== 'file:' || !fs.existsSync(file)) return undefined;
  return new Blob([fs.readFileSync(file)], { type: 'application/gzip' });
}

/**
 * The data folder as a gzipped tarball, loadable with `PGlite.create({ loadDataDir })`. PGlite
 * copies it while holding its query lock: no statement runs during the copy, so it is the folder
 * as of one instant between two statements, like a crash-consistent snapshot (a transaction still
 * open then is rolled back when the copy is started). The CHECKPOINT first writes every committed
 * change into the data files, so that start has no write-ahead log to replay.
 */
async function dumpPgliteDataDir(client: EmbeddedEngine): Promise<Blob> {
  await client.query('CHECKPOINT');
  return client.dumpDataDir('gzip');
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const [{ default: pg }, { default: Cursor }, { PrismaPg }] = await Promise.all([import('pg'), import('pg-cursor'), import('@prisma/adapter-pg')]);
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server terminates (restart, DROP DATABASE … FORCE) must not crash the
  // process; the pool replaces it on the next query.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  async function run<T>(text: string, values: unknown[], options: QueryOptions): Promise<T[]> {
    if (options.batchRows !== undefined) return inBatches<T>(text, values, options.batchRows, options.settings ?? {});
    if (options.settings) return withSettings<T>(text, values, options.settings);
    const result = options.prepare ? await pool.query({ name: preparedName(text), text, values }) : await pool.query(text, values);
    return result.rows as T[];
  }
  /** `fn` on one connection between BEGIN (and `setup`, e.g. SET LOCAL) and COMMIT; ROLLBACK on an error. */
  async function inTransaction<T>(setup: string, fn: (conn: PoolClient) => Promise<T>): Promise<T> {
    const conn = await pool.connect();
    try {
      await conn.query(`BEGIN;\n${setup}`);
      const result = await fn(conn);
      await conn.query('COMMIT');
      return result;
    } catch (err) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      conn.release();
    }
  }
  async function withSettings<T>(text: string, values: unknown[], settings: StatementSettings): Promise<T[]> {
    return inTransaction(setLocalSql(settings), async (conn) => (await conn.query(text, values)).rows as T[]);
  }
  async function inBatches<T>(text: string, values: unknown[], batchRows: number, settings: StatementSettings): Promise<T[]> {
    if (!Number.isInteger(batchRows) || batchRows < 1) throw new Error('batchRows: a positive whole number');
    return inTransaction(setLocalSql(settings), async (conn) => {
      const cursor = conn.query(new Cursor<T>(text, values));
      try {
        const rows: T[] = [];
        for (;;) {
          const part = await cursor.read(batchRows);
          for (const row of part) rows.push(row);
          if (part.length < batchRows) return rows;
        }
      } finally {
        await cursor.close();
      }
    });
  }
  return {
    kind: 'postgres',
    prisma,
    sql: {
      query: <T>(query: ScopedQuery, options: QueryOptions = {}) => run<T>(query.text, query.values, options),
    },
    unscoped: {
      query: <T>(text: string, params: unknown[] = [], options: QueryOptions = {}) => run<T>(text, params, options),
      async execInTransaction(statements: string) {
        await inTransaction('', (conn) => conn.query(statements));
      },
    },
    async exclusive(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK]);
        try {
          return await fn();
        } finally {
          await conn.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK]).catch(() => undefined);
        }
      } finally {
        conn.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
