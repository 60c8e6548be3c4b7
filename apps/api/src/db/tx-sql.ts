import { setLocalSql, type QueryOptions, type SqlRunner } from './engine.ts';
import type { ScopedTx } from './scoped.ts';
import type { ScopedQuery } from './scoped-sql.ts';

/**
 * A SqlRunner over an interactive transaction's client, so the hand-written reads (the figures
 * module's) can run inside a write's transaction and see what it holds locks on. Values come back
 * as Prisma's raw queries give them (timestamptz as Date, json parsed), which the readers accept.
 */
export function txSql(tx: ScopedTx): SqlRunner {
  return {
    async query<T>(query: ScopedQuery, options: QueryOptions = {}): Promise<T[]> {
      // One statement per call: a prepared statement holds one command.
      if (options.settings) for (const line of setLocalSql(options.settings).split('\n')) await tx.$executeRawUnsafe(line);
      return tx.$queryRaw<T[]>(query);
    },
  };
}
