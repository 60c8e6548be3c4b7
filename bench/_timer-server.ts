// The server side of bench/timer.ts, in its own process so the load generator does not share its
// event loop: BENCH_KIND=product builds the whole API on a fresh database seeded by
// lib/seed-year.ts (PostgreSQL when BENCH_DATABASE_URL is set, else in-memory PGlite);
// BENCH_KIND=hello is a bare Fastify hello-world, the reference. Prints one JSON line
// { port, tokens, customerIds, categoryId } and answers { verify } messages over IPC with what the
// database holds, so the generator can prove nothing was lost or doubled.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../apps/api/src/app.ts';
import { readEnv } from '../apps/api/src/config/env.ts';
import { openDatabase, type Database, type DatabaseOptions } from '../apps/api/src/db/engine.ts';
import { migrateDatabase } from '../apps/api/src/db/open.ts';
import { withDatabase } from '../apps/api/src/test/database.ts';
import { createPgEventBus } from '../apps/api/src/lib/pg-events.ts';
import { seedYear } from './lib/seed-year.ts';
import { createSession } from '../apps/api/src/modules/auth/sessions.service.ts';
import { traceQueries } from './lib/trace.ts';

const kind = process.env.BENCH_KIND ?? 'product';
const send = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);

if (kind === 'hello') {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
} else {
  const baseUrl = process.env.BENCH_DATABASE_URL;
  const users = Number(process.env.BENCH_USERS ?? 64);
  const months = Number(process.env.BENCH_MONTHS ?? 12);
  // Enough people for BENCH_USERS active ones (the seed deactivates one in fifty).
  const seedUsers = Math.max(Number(process.env.BENCH_SEED_USERS ?? 200), users + Math.ceil(users / 49));
  const poolSize = process.env.DATABASE_POOL_SIZE ? Number(process.env.DATABASE_POOL_SIZE) : undefined;
  const dbName = `wd_bench_timer_${randomBytes(4).toString('hex')}`;
  let options: DatabaseOptions = { kind: 'pglite' };
  if (baseUrl) {
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
    options = { kind: 'postgres', url: withDatabase(baseUrl, dbName), poolSize };
  }
  const db: Database = await openDatabase(options);
  const trace = process.env.BENCH_TRACE || process.env.BENCH_CPU_PROF ? traceQueries(async () => (await db.unscoped.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).map((r) => r.pid), process.env.BENCH_CPU_PROF) : null;
  await migrateDatabase(db);
  const t0 = performance.now();
  const seeded = await seedYear(db, {
    users: seedUsers, months, now: new Date(), tz: 'Europe/Berlin',
    sessionsPerDay: Number(process.env.BENCH_SESSIONS_PER_DAY ?? 3), customers: Number(process.env.BENCH_CUSTOMERS ?? 40),
  });
  const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  // As server.ts does: on PostgreSQL, live events go through LISTEN/NOTIFY (one more statement per publish).
  const events = baseUrl
    ? await createPgEventBus({ url: withDatabase(baseUrl, dbName), sql: db.unscoped, log: { warn: (obj, msg) => console.error(msg, obj), error: (obj, msg) => console.error(msg, obj) } })
    : undefined;
  const app = await buildApp({ database: db, env, jwtSecret: 'bench-secret-bench-secret-bench', events });
  trace?.hook(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const active = await db.prisma.user.findMany({ where: { organizationId: seeded.orgId, active: true }, select: { id: true }, orderBy: { email: 'asc' }, take: users });
  const category = await db.prisma.category.findFirstOrThrow({ where: { organizationId: seeded.orgId } });
  const userIds = active.map((u) => u.id);
  const since = new Date();
  // Real session rows: the auth hook reads one on every request, as in production.
  const tokens = await Promise.all(userIds.map(async (id) => {
    const session = await createSession({ prisma: db.prisma, user: { id, organizationId: seeded.orgId }, device: 'bench', now: new Date() });
    return app.jwt.sign({ sub: id, org: seeded.orgId, sid: session.id });
  }));
  // The seed's writes (and an earlier benchmark's) flushed now, so that a checkpoint they would
  // cause does not land inside a measured round (CHECKPOINT needs a superuser or pg_checkpoint).
  if (baseUrl) await db.unscoped.query('CHECKPOINT').catch(() => undefined);
  send({
    port: typeof address === 'object' && address ? address.port : 0,
    entries: seeded.entries,
    seedSeconds: (performance.now() - t0) / 1000,
    tokens,
    customerIds: seeded.customerIds,
    categoryId: category.id,
  });
  process.on('message', (message: { verify?: boolean; trace?: 'reset' | 'report' }) => {
    if (message.trace === 'reset') void trace?.reset().then(() => process.send?.({ traceReset: true }));
    if (message.trace === 'report') void trace?.report().then((report) => process.send?.({ trace: report }));
    if (!message.verify) return;
    void (async () => {
      const [entries, running, audit] = await Promise.all([
        db.prisma.workEntry.count({ where: { userId: { in: userIds }, startedAt: { gte: since } } }),
        db.prisma.workEntry.count({ where: { userId: { in: userIds }, stoppedAt: null } }),
        db.prisma.auditEvent.groupBy({ by: ['action'], where: { organizationId: seeded.orgId, at: { gte: since } }, _count: true }),
      ]);
      process.send?.({ entries, running, audit: Object.fromEntries(audit.map((a) => [a.action, a._count])) });
    })();
  });
  process.on('disconnect', () => {
    void (async () => {
      await app.close();
      await db.close();
      if (baseUrl) {
        const admin = new pg.Client({ connectionString: baseUrl });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
        await admin.end();
      }
      process.exit(0);
    })();
  });
}
