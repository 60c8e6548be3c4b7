// Benchmark (issue 22): GET /api/reports over real HTTP on the 1M-entry data set (200 users, 2,000
// customers, 12 months, 20 sessions a day) against the bare SQL of the same aggregation (the app's
// statement) through the same driver, interleaved, on PGlite and (with TEST_DATABASE_URL) PostgreSQL:
//  - the last 12 months grouped by customer then user; the last full month grouped by day;
//  - p95 ratio (target ≤ 1.5×), the absolute p95 on PostgreSQL (target < 500 ms), PGlite against
//    PostgreSQL (target ≤ 3×), and the longest event-loop block during a report (≤ 50 ms).
//   pnpm bench reports       (BENCH_SESSIONS_PER_DAY=3 for ~200,000 entries)
import http from 'node:http';
import { addDays, addMonths, currentMonth, daysOfMonth, localDateOf, type ReportGroupBy } from '../packages/shared/src/index.ts';
import { REPORT_SETTINGS, reportSql } from '../apps/api/src/domain/figures/report.sql.ts';
import { forOrg } from '../apps/api/src/db/scoped.ts';
import { levelsOf } from '../apps/api/src/modules/reports/reports.service.ts';
import { engines, fmt, interleaved, measureRun, openBench, summarize } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';
import { seedYear } from './lib/seed-year.ts';

const USERS = 200;
const CUSTOMERS = 2_000;
const MONTHS = 12;
const SESSIONS_PER_DAY = Number(process.env.BENCH_SESSIONS_PER_DAY ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const now = new Date();
const tz = 'Europe/Berlin';
const today = localDateOf(now, tz);
const lastMonth = addMonths(currentMonth(tz, now), -1);
const cases: Array<{ name: string; from: string; to: string; groupBy: ReportGroupBy[] }> = [
  { name: 'a year by customer, user', from: addDays(today, -364), to: today, groupBy: ['customer', 'user'] },
  { name: 'a month by day', from: `${lastMonth}-01`, to: daysOfMonth(lastMonth).at(-1) as string, groupBy: ['day'] },
];
const p95: Record<string, Record<string, number>> = {};

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const seeded = await seedYear(bench.db, { users: USERS, customers: CUSTOMERS, months: MONTHS, sessionsPerDay: SESSIONS_PER_DAY, now, tz });
    console.log(`\n[reports] ${engine.name}: seeded ${USERS} users, ${CUSTOMERS} customers, ${seeded.entries} entries (${MONTHS} months) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    // Half the customers bill an hourly rate.
    await bench.db.unscoped.query(`UPDATE "Customer" SET "hourlyRate" = 6000 + (abs(hashtext(id)) % 6000) WHERE "organizationId" = $1 AND abs(hashtext(id)) % 2 = 0`, [seeded.orgId]);
    const token = await bench.tokenFor(seeded.managerId, seeded.orgId);
    // Real HTTP on an ephemeral port, the body counted as it arrives (kept for one call, to read its
    // figures): inject() would add a client-side copy and string conversion of ~40 MB that a real
    // server never does, on the same event loop.
    const base = await bench.app.listen({ host: '127.0.0.1', port: 0 });
    const agent = new http.Agent({ keepAlive: true });
    for (const c of cases) {
      const url = `${base}/api/reports?from=${c.from}&to=${c.to}&groupBy=${c.groupBy.join(',')}`;
      const call = (keep = false) => new Promise<string>((resolve, reject) => {
        http.get(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => { if (keep || res.statusCode !== 200) chunks.push(chunk); });
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200) reject(new Error(`GET ${url} → ${res.statusCode} ${body}`));
            else resolve(body);
          });
          res.on('error', reject);
        }).on('error', reject);
      });
      // The reference is the app's statement alone, with its settings, read through the driver in one
      // piece (the app reads it in parts of 5,000 rows, not to hold the event loop); the levels' ids
      // in order, which the app reads first (a few ms), are read once here.
      const noFilters = { userId: null, customerId: null, categoryId: null };
      const order = (await levelsOf(forOrg(bench.db.prisma, seeded.orgId), c.groupBy, noFilters)).map((l) => l?.ids ?? null);
      const [product, sql] = await interleaved([
        () => call(),
        () => bench.db.sql.query(reportSql({ orgId: seeded.orgId, from: c.from, to: c.to, groupBy: c.groupBy, ...noFilters, order }), { settings: REPORT_SETTINGS }),
      ], { runs: RUNS });
      if (!product || !sql) throw new Error('no samples');
      const minutes = JSON.parse(await call(true)) as { totalMinutes: number; groups: Array<{ children?: unknown[] }> };
      const children = minutes.groups.reduce((n, g) => n + (g.children?.length ?? 0), 0);
      console.log(`[reports] ${engine.name} ${c.name} (${minutes.groups.length} groups, ${children} children, ${minutes.totalMinutes} min)  GET /api/reports: ${fmt(product)}`);
      console.log(`[reports] ${engine.name} ${c.name}  bare SQL: ${fmt(sql)}`);
      printFigure({ figure: `report ${c.name}, ${engine.name}, p95`, product: product.p95, reference: sql.p95, unit: 'ms', target: '≤ 1.5×' });
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await measureRun(() => call()));
      const block = summarize(runs);
      printFigure({ figure: `report ${c.name}, ${engine.name}, longest event-loop block (wall)`, product: block.loopMaxMs, reference: 50, unit: 'ms', target: 'product ≤ 50 ms' });
      (p95[c.name] ??= {})[engine.name] = product.p95;
    }
    agent.destroy();
  } finally {
    await bench.close();
  }
}
for (const c of cases) {
  const pg = p95[c.name]?.postgres;
  const lite = p95[c.name]?.pglite;
  if (pg !== undefined) printFigure({ figure: `report ${c.name}, PostgreSQL p95 against 500 ms`, product: pg, reference: 500, unit: 'ms', target: 'product < 500 ms' });
  if (pg !== undefined && lite !== undefined) printFigure({ figure: `report ${c.name}, PGlite p95 against PostgreSQL p95`, product: lite, reference: pg, unit: 'ms', target: '≤ 3×' });
}
