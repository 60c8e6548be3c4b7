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
    async query<T>(text: string | ScopedQuery, params: unknown[] = []): Promise<T[]> {
      return typeof text === 'string' ? tx.$queryRawUnsafe<T[]>(text, ...params) : tx.$queryRaw<T[]>(text);
    },
    execInTransaction() {
      return Promise.reject(new Error('txSql: already inside a transaction'));
    },
  };
}
