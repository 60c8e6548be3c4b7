import type { SqlRunner } from './engine.ts';
import type { ScopedTx } from './scoped.ts';
import type { ScopedQuery } from './scoped-sql.ts';

/**
 * A SqlRunner over an interactive transaction's client, so the hand-written reads (the figures
 * module's) can run inside a write's transaction and see what it holds locks on. Values come back
 * as Prisma's raw queries give them (timestamptz as Date, json parsed), which the readers accept.
 */
export function txSql(tx: ScopedTx): SqlRunner {
  return {
    query<T>(query: ScopedQuery): Promise<T[]> {
      return tx.$queryRaw<T[]>(query);
    },
  };
}
