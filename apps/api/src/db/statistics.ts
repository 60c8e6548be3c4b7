import type { Database } from './engine.ts';

/**
 * The planner's statistics of the tables that hold the hours and their kept figures, taken again
 * after a write of many rows at once (an import of at least BULK_ROWS entries, or its undo).
 * PostgreSQL's autovacuum would take them some time later, and PGlite, a single process, runs no
 * autovacuum at all. Planned on the statistics of tables that had been nearly empty, the statements
 * that keep the figures read every session of the organisation for each day they refreshed, and a
 * first import of 100,000 rows took minutes (bench/README.md, "Imports and the kept days").
 */
export const BULK_ROWS = 5_000;

const TABLES = ['WorkEntry', 'DayFigure', 'UserDay', 'UserMonth', 'AuditEvent'];
const analyze = (tables: readonly string[]) => `ANALYZE ${tables.map((t) => `"${t}"`).join(', ')}`;

/**
 * ANALYZE of those tables. A failure is logged and swallowed: the write it follows has committed,
 * and the statistics are an optimisation (a role that does not own the tables gets a warning from
 * PostgreSQL, not an error).
 */
export async function refreshStatistics(database: Pick<Database, 'unscoped'>, log: { warn: (obj: object, msg: string) => void }): Promise<void> {
  try {
    await database.unscoped.query(analyze(TABLES));
  } catch (err) {
    log.warn({ err }, 'could not refresh the planner statistics after a bulk write');
  }
}

/**
 * What autovacuum's analyse does on a PostgreSQL server, for PGlite, which runs none: each of the
 * hours' tables whose rows changed since its last ANALYZE by more than 500 + 10 % of its rows
 * (PostgreSQL's default autovacuum_analyze_threshold and _scale_factor) is analysed again. Returns
 * the tables it analysed. The server calls it on PGlite a minute after start and then hourly.
 */
export async function analyzeStale(database: Pick<Database, 'unscoped'>): Promise<string[]> {
  const stale = await database.unscoped.query<{ name: string }>(
    `SELECT relname AS name FROM pg_stat_user_tables
      WHERE schemaname = 'public' AND relname = ANY($1::text[])
        AND n_mod_since_analyze > 500 + 0.1 * greatest(n_live_tup, 0)
      ORDER BY relname`,
    [TABLES],
  );
  const names = stale.map((s) => s.name);
  if (names.length > 0) await database.unscoped.query(analyze(names));
  return names;
}
