// Diagnostic (not run by `pnpm bench`): what the timer's statements cost PostgreSQL as one
// user's sessions of the day accumulate, with and without one migration (BENCH_SQL_WITHOUT,
// default 20261207140000_timer_costs). Two databases seeded alike, one
// connection each, no HTTP: blocks of start → stop cycles (wd_timer_start / wd_timer_stop called
// as the API calls them, one statement each, overlap check on) alternate between the two, and
// each block's mean round trip per start and per stop is printed with the user's session count
// so far; afterwards the functions' own times (track_functions = all) per call.
//   cd apps/api && TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx ../../bench/_timer-sql.ts
// Knobs: BENCH_CYCLES (1,500 per database), BENCH_BLOCK (150), BENCH_SEED_USERS (20), BENCH_MONTHS (12).
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS_DIR, readEnv } from '../apps/api/src/config/env.ts';
import { openDatabase } from '../apps/api/src/db/engine.ts';
import { migrate, readMigrations } from '../apps/api/src/db/migrate.ts';
import { withDatabase } from '../apps/api/src/test/database.ts';
import { seedYear } from './lib/seed-year.ts';

const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const base = env.TEST_DATABASE_URL;
if (!base) throw new Error('set TEST_DATABASE_URL (PostgreSQL only)');
const WITHOUT = process.env.BENCH_SQL_WITHOUT ?? '20261207140000_timer_costs';
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1500);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 150);
const now = new Date();

type Side = { label: string; name: string; client: pg.Client; orgId: string; userId: string; customerId: string; categoryId: string; cycles: number };

async function open(label: string, upTo: (name: string) => boolean): Promise<Side> {
  const name = `wd_bench_sql_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(base as string, name);
  const db = await openDatabase({ kind: 'postgres', url });
  await migrate(db.unscoped, readMigrations(MIGRATIONS_DIR).filter((m) => upTo(m.name)));
  const seeded = await seedYear(db, { users: Number(process.env.BENCH_SEED_USERS ?? 20), months: Number(process.env.BENCH_MONTHS ?? 12), now, tz: 'Europe/Berlin', customers: 40, sessionsPerDay: 3 });
  const [category] = await db.unscoped.query<{ id: string }>('SELECT id FROM "Category" WHERE "organizationId" = $1 LIMIT 1', [seeded.orgId]);
  await db.unscoped.query('VACUUM ANALYZE');
  await db.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET track_functions = 'all'`);
  return { label, name, client, orgId: seeded.orgId, userId: seeded.userIds[1] as string, customerId: seeded.customerIds[0] as string, categoryId: (category as { id: string }).id, cycles: 0 };
}

const START = 'SELECT wd_timer_start($1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9::jsonb, false) AS r';
const STOP = 'SELECT wd_timer_stop($1, $2, $3, $4::timestamptz, $5::timestamptz, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, false) AS r';

async function block(side: Side, n: number): Promise<{ start: number; stop: number }> {
  let start = 0;
  let stop = 0;
  for (let i = 0; i < n; i++) {
    const k = side.cycles++;
    const at = new Date(now.getTime() + 1000 + k * 2000);
    const to = new Date(at.getTime() + 1000);
    const entry = randomUUID();
    let t = performance.now();
    const a = await side.client.query({ name: 'start', text: START, values: [side.orgId, side.userId, entry, side.customerId, side.categoryId, at, true, randomUUID(), '{}'] });
    start += performance.now() - t;
    t = performance.now();
    const b = await side.client.query({ name: 'stop', text: STOP, values: [side.orgId, side.userId, entry, at, to, 'n', false, true, side.userId, randomUUID(), '{}', '{}'] });
    stop += performance.now() - t;
    const ok = (r: pg.QueryResult) => (r.rows[0] as { r: { status: string } }).r.status === 'ok';
    if (!ok(a) || !ok(b)) throw new Error(`${side.label}: ${JSON.stringify(a.rows[0])} ${JSON.stringify(b.rows[0])}`);
  }
  return { start: start / n, stop: stop / n };
}

const before = await open('before', (name) => name !== WITHOUT);
const after = await open('after', () => true);
try {
  console.log(`[timer-sql] PostgreSQL, one connection per database; all migrations but ${WITHOUT} (before) vs all (after); ${CYCLES} cycles each in blocks of ${BLOCK}`);
  await block(before, 20);
  await block(after, 20);
  for (let done = 0; done < CYCLES; done += BLOCK) {
    const b = await block(before, BLOCK);
    const a = await block(after, BLOCK);
    console.log(`[timer-sql] sessions today ${String(done + BLOCK + 20).padStart(5)}: start ${b.start.toFixed(3)} → ${a.start.toFixed(3)} ms, stop ${b.stop.toFixed(3)} → ${a.stop.toFixed(3)} ms (before → after; ratio ${((a.start + a.stop) / (b.start + b.stop)).toFixed(2)})`);
  }
  for (const side of [before, after]) {
    await side.client.query('SELECT pg_stat_force_next_flush()');
    await side.client.query('SELECT 1');
    await new Promise((r) => setTimeout(r, 1200));
    const { rows } = await side.client.query<{ funcname: string; calls: string; total: number; self: number }>(
      `SELECT funcname, calls, total_time AS total, self_time AS self FROM pg_stat_user_functions WHERE funcname LIKE 'wd_%' ORDER BY total_time DESC`);
    for (const r of rows) console.log(`[timer-sql] ${side.label} ${r.funcname}: ${r.calls} calls, ${(r.total / Number(r.calls)).toFixed(3)} ms total, ${(r.self / Number(r.calls)).toFixed(3)} ms self per call`);
  }
} finally {
  for (const side of [before, after]) {
    await side.client.end();
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${side.name}" WITH (FORCE)`);
    await admin.end();
  }
}
