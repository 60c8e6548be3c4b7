import type { WorkEntry as WireEntry } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { wireEntryColumns, wireEntryFromRow, wireEntryJoins, type WireEntryRow } from '../work-entries/entry.mapper.ts';

/**
 * The timer's writes as single statements: `wd_timer_start` and `wd_timer_stop` (migration
 * 20261201120000_timer_statements) take the user's advisory lock, re-check what the API read from
 * its cache, ask `wd_first_clash` (the one overlap rule) and write the entry with its audit event,
 * all in one round trip and one transaction. The functions take the organisation as their first
 * argument and filter every row by it (they are the tenancy boundary of these two calls); plain
 * reads go through `scopedSql`.
 */
export type StatementClash = { id: string; startedAt: string; stoppedAt: string | null; customer: string };

export type StartOutcome =
  | { status: 'ok' }
  | { status: 'stale' }
  | ({ status: 'overlap' } & StatementClash)
  | { status: 'running'; id?: string; startedAt?: string; customer?: string }
  | StatementLocked;

export type StopOutcome = { status: 'ok' } | { status: 'not_running' } | ({ status: 'overlap' } & StatementClash) | StatementLocked;

/**
 * The payroll lock as the statement sees it under the user's lock (migration
 * 20261201160000_timer_month_lock): a month approved after the API's own check.
 */
export type StatementLocked = { status: 'locked'; month: string };

/** jsonb comes back parsed from node-postgres and PGlite alike; a string is parsed defensively. */
function outcome<T>(rows: Array<{ r: unknown }>): T {
  const r = rows[0]?.r;
  return (typeof r === 'string' ? JSON.parse(r) : r) as T;
}

export async function runStart(sql: SqlRunner, a: {
  orgId: string; userId: string; entryId: string; customerId: string; categoryId: string; now: Date;
  checkOverlap: boolean; auditId: string; after: WireEntry;
}): Promise<StartOutcome> {
  const rows = await sql.query<{ r: unknown }>(
    'SELECT wd_timer_start($1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9::jsonb) AS r',
    [a.orgId, a.userId, a.entryId, a.customerId, a.categoryId, a.now.toISOString(), a.checkOverlap, a.auditId, JSON.stringify(a.after)],
    { prepare: true },
  );
  return outcome<StartOutcome>(rows);
}

export async function runStop(sql: SqlRunner, a: {
  orgId: string; userId: string; entryId: string; now: Date; note: string; flagged: boolean; checkOverlap: boolean;
  actorId: string; auditId: string; before: WireEntry; after: WireEntry & { reason?: string };
}): Promise<StopOutcome> {
  const rows = await sql.query<{ r: unknown }>(
    'SELECT wd_timer_stop($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb) AS r',
    [a.orgId, a.userId, a.entryId, a.now.toISOString(), a.note, a.flagged, a.checkOverlap, a.actorId, a.auditId, JSON.stringify(a.before), JSON.stringify(a.after)],
    { prepare: true },
  );
  return outcome<StopOutcome>(rows);
}

/** The user's running entry as sent on the wire, by one indexed read (WorkEntry_userId_running_key). */
export async function readRunning(sql: SqlRunner, orgId: string, userId: string): Promise<WireEntry | null> {
  const scope = scopedSql(orgId);
  const [r] = await sql.query<WireEntryRow>(scope.query`
    SELECT ${wireEntryColumns}
    FROM "WorkEntry" e
    ${wireEntryJoins}
    WHERE ${scope.where('e', Prisma.sql`e."userId" = ${userId}`, Prisma.sql`e."stoppedAt" IS NULL`)}`, undefined, { prepare: true });
  return r ? wireEntryFromRow(r) : null;
}
