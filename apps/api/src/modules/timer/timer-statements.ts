import type { WorkEntry as WireEntry } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner, UnscopedSql } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { turnBatch } from '../../lib/turn-batch.ts';
import { lockOrderSql } from '../../domain/entry-rules.ts';
import { wireEntryColumns, wireEntryFromRow, wireEntryJoins, type WireEntryRow } from '../../domain/entry.mapper.ts';

/**
 * The timer's writes as single statements: `wd_timer_start` and `wd_timer_stop` (migrations
 * 20261201120000_timer_statements, 20261207100000_timer_atomic_moves) take the user's advisory
 * lock, re-check what the API read from its cache, check the payroll lock (a stop reaching back
 * into an approved month is stored from the open month on, in the same UPDATE and audit event),
 * ask `wd_first_clash` (the one overlap rule) and write the entry with its audit event, all in one
 * round trip and one transaction. The functions take the organisation as their first argument and
 * filter every row by it (they are the tenancy boundary of these two calls); plain reads go
 * through `scopedSql`.
 */
export type StatementClash = { id: string; startedAt: string; stoppedAt: string | null; customer: string };

export type StartOutcome =
  | { status: 'ok' }
  | { status: 'stale' }
  | ({ status: 'overlap' } & StatementClash)
  | { status: 'running'; id?: string; startedAt?: string; customer?: string }
  | StatementLocked;

export type StopOutcome = { status: 'ok' } | { status: 'not_running' } | ({ status: 'overlap' } & StatementClash) | StatementLocked | StatementMoved;

/**
 * The start to store is not the one the API checked the work rules against (`StopArgs.startedAt`):
 * the session reaches back into a month approved while it ran, so it is stored from `startedAt`
 * (the first instant of the open month after `month`), or such a month was reopened meanwhile
 * (`month` null, `startedAt` the entry's own start). Nothing was written: check the rules for that
 * start and send the stop again with it.
 */
export type StatementMoved = { status: 'moved'; startedAt: string; month: string | null };

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

export type StartArgs = {
  orgId: string; userId: string; entryId: string; customerId: string; categoryId: string; now: Date;
  checkOverlap: boolean; auditId: string; after: WireEntry;
};

export type StopArgs = {
  orgId: string; userId: string; entryId: string;
  /** The start the work rules were checked against: the running entry's, or the open month's first instant. */
  startedAt: Date;
  now: Date; note: string; flagged: boolean; checkOverlap: boolean;
  actorId: string; auditId: string; before: WireEntry; after: WireEntry & { reason?: string };
};

// Alone, a write waits for its user's lock (p_try false; at most the functions' lock_timeout).
// In a batch each call only tries the lock (p_try true) and answers 'busy' when another
// transaction holds it; the calls run in the lock key's order (`lockOrderSql`), and each row
// carries its write's position (`i`, 1-based) so the answers find their callers.
const START = 'SELECT wd_timer_start($1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9::jsonb, false) AS r';
const startParams = (a: StartArgs) => [a.orgId, a.userId, a.entryId, a.customerId, a.categoryId, a.now.toISOString(), a.checkOverlap, a.auditId, JSON.stringify(a.after)];
const START_MANY = `SELECT a.i, wd_timer_start(a.o, a.u, a.e, a.cu, a.ca, a.n::timestamptz, a.ov, a.au, a.af::jsonb, true) AS r
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::text[], $9::text[])
       WITH ORDINALITY AS a(o, u, e, cu, ca, n, ov, au, af, i)
  ORDER BY ${lockOrderSql('a.u')}, a.i`;

const STOP = 'SELECT wd_timer_stop($1, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, false) AS r';
const stopParams = (a: StopArgs) => [a.orgId, a.userId, a.entryId, a.startedAt.toISOString(), a.now.toISOString(), a.note, a.flagged, a.checkOverlap, a.actorId, a.auditId, JSON.stringify(a.before), JSON.stringify(a.after)];
const STOP_MANY = `SELECT a.i, wd_timer_stop(a.o, a.u, a.e, a.s::timestamptz, a.n::timestamptz, a.no, a.f, a.ov, a.ac, a.au, a.b::jsonb, a.af::jsonb, true) AS r
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], $8::boolean[], $9::text[], $10::text[], $11::text[], $12::text[])
       WITH ORDINALITY AS a(o, u, e, s, n, no, f, ov, ac, au, b, af, i)
  ORDER BY ${lockOrderSql('a.u')}, a.i`;

/** One of `make` per database, made on first use: the batches of two databases never mix. */
function perDatabase<S extends object, T>(make: (sql: S) => T): (sql: S) => T {
  const made = new WeakMap<S, T>();
  return (sql) => {
    let found = made.get(sql);
    if (!found) made.set(sql, found = make(sql));
    return found;
  };
}

const starts = perDatabase((sql: UnscopedSql) => writeBatch<StartArgs, StartOutcome>(sql, START, START_MANY, startParams));
const stops = perDatabase((sql: UnscopedSql) => writeBatch<StopArgs, StopOutcome>(sql, STOP, STOP_MANY, stopParams));

/** Starts the timer by `wd_timer_start`; the starts of one event-loop turn share one statement (`writeBatch`). */
export function runStart(sql: UnscopedSql, a: StartArgs): Promise<StartOutcome> {
  return starts(sql)(a);
}

/** Stops the timer by `wd_timer_stop`; the stops of one event-loop turn share one statement (`writeBatch`). */
export function runStop(sql: UnscopedSql, a: StopArgs): Promise<StopOutcome> {
  return stops(sql)(a);
}

/** PostgreSQL refused the statement (it has an SQLSTATE): its transaction rolled back, nothing of it was written. */
function refusedByDatabase(err: unknown): boolean {
  const e = err as { severity?: unknown; code?: unknown } | null;
  return typeof e?.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/**
 * The timer's writes of one event-loop turn as ONE statement: the function is called once per
 * write, each still taking its user's lock, checking and answering on its own (a refusal is an
 * answer, not an error), and all of them commit together: one round trip and one commit for many
 * users instead of one each. In the batch a write only TRIES its user's lock: when another
 * transaction holds it (an approval, a stop on deactivation, a write running alone) the call
 * answers 'busy' at once and that write is sent again alone, where it waits for the lock; so no
 * write waits for another user's lock. The calls run in the lock key's order (`lockOrderSql`, the
 * order approvals take the same keys in). Writes of different organisations may share a batch:
 * the functions filter every row by their organisation argument, which is why these statements
 * run on the unscoped runner (db/engine.ts). Should the statement fail as a
 * whole (an error raised for one write rolls back all of them), each write is run again alone, so
 * one write's error is its own and the others are answered as if no batch had been; an error
 * without an SQLSTATE (the connection lost: the outcome unknown) is not retried and fails the
 * batch's requests.
 */
function writeBatch<A extends { userId: string }, R>(sql: UnscopedSql, one: string, many: string, params: (a: A) => unknown[]) {
  const alone = async (a: A) => outcome<R>(await sql.query<{ r: unknown }>(one, params(a), { prepare: true }));
  return turnBatch(async (args: A[]): Promise<Array<R | Promise<R>>> => {
    if (args.length === 1) return [await alone(args[0] as A)];
    const rowsIn = args.map(params);
    const columns = (rowsIn[0] as unknown[]).map((_, c) => rowsIn.map((row) => row[c]));
    try {
      const rows = await sql.query<{ i: unknown; r: unknown }>(many, columns, { prepare: true });
      const answers = new Array<R | Promise<R>>(args.length);
      for (const row of rows) {
        const i = Number(row.i) - 1;
        const answer = outcome<R | { status: 'busy' }>([row]);
        answers[i] = (answer as { status?: unknown }).status === 'busy' ? alone(args[i] as A) : answer as R;
      }
      return answers;
    } catch (err) {
      if (!refusedByDatabase(err)) throw err;
      return args.map((a) => alone(a));
    }
  });
}

/**
 * The user's running entry as sent on the wire, by the partial unique index on running entries
 * (WorkEntry_userId_running_key). The reads of one event-loop turn go out as ONE statement per
 * organisation (`turnBatch`): under load, many stops read their running entry in one round trip.
 */
export function readRunning(sql: SqlRunner, orgId: string, userId: string): Promise<WireEntry | null> {
  const perOrg = runningReaders(sql);
  let read = perOrg.get(orgId);
  if (!read) perOrg.set(orgId, read = runningReader(sql, orgId));
  return read(userId);
}

const runningReaders = perDatabase((_sql: SqlRunner) => new Map<string, (userId: string) => Promise<WireEntry | null>>());

function runningReader(sql: SqlRunner, orgId: string) {
  const scope = scopedSql(orgId);
  return turnBatch(async (userIds: string[]) => {
    const rows = await sql.query<WireEntryRow>(scope.query`
      SELECT ${wireEntryColumns}
      FROM "WorkEntry" e
      ${wireEntryJoins}
      WHERE ${scope.where('e', Prisma.sql`e."userId" = ANY(${userIds}::text[])`, Prisma.sql`e."stoppedAt" IS NULL`)}`, { prepare: true });
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    return userIds.map((id) => {
      const r = byUser.get(id);
      return r ? wireEntryFromRow(r) : null;
    });
  });
}
