import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import type { ScopedQuery } from './scoped-sql.ts';

/**
 * Raw SQL access beside Prisma: migrations and the few aggregate queries written by hand.
 * Queries over an organisation's rows are built with `scopedSql` (scoped-sql.ts) and passed whole.
 */
export type SqlRunner = {
  query<T = Record<string, unknown>>(text: string | ScopedQuery, params?: unknown[]): Promise<T[]>;
  /** Runs several statements (no parameters) inside one transaction. */
  execInTransaction(statements: string): Promise<void>;
};

export type Database = {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  sql: SqlRunner;
  close(): Promise<void>;
};

export type DatabaseOptions =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir?: string; pglite?: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'postgres' ? openPostgres(options.url) : openPglite(options);
}

async function openPglite(options: { dataDir?: string; pglite?: PGlite }): Promise<Database> {
  let lock: DataDirLock | null = null;
  let client: PGlite;
  try {
    if (options.dataDir) {
      // The lock sits beside the folder; its parent is all that may be created before holding it.
      fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
      lock = lockDataDir(options.dataDir);
      fs.mkdirSync(options.dataDir, { recursive: true });
    }
    client = options.pglite ?? (await PGlite.create(options.dataDir));
  } catch (err) {
    lock?.release();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  return {
    kind: 'pglite',
    prisma,
    sql: {
      async query<T>(text: string | ScopedQuery, params: unknown[] = []) {
        const result = typeof text === 'string' ? await client.query<T>(text, params) : await client.query<T>(text.text, text.values);
        return result.rows;
      },
      async execInTransaction(statements: string) {
        await client.transaction(async (tx) => {
          await tx.exec(statements);
        });
      },
    },
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server terminates (restart, DROP DATABASE … FORCE) must not crash the
  // process; the pool replaces it on the next query.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    prisma,
    sql: {
      async query<T>(text: string | ScopedQuery, params: unknown[] = []) {
        const result = typeof text === 'string' ? await pool.query(text, params) : await pool.query(text.text, text.values);
        return result.rows as T[];
      },
      async execInTransaction(statements: string) {
        const conn = await pool.connect();
        try {
          await conn.query('BEGIN');
          await conn.query(statements);
          await conn.query('COMMIT');
        } catch (err) {
          await conn.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          conn.release();
        }
      },
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}
