// Benchmark: GET /api/diary?month= (the users × month overview: auth, the overview's aggregate,
// the overtime accounts, the working-time count, the latest month, salaries) against (1) the bare
// SQL of the overview's aggregate and (2) every read of the answer as the app issues them (in
// parallel: overview, latest month, accounts, working-time count, through the same driver),
// interleaved, on an organisation of 200 users and 2,000 customers with 12 months of entries (about
// 1,000,000), on PGlite and (with TEST_DATABASE_URL) PostgreSQL. Prints the p95 and median ratios for
// four months, and the p95 against the 100 ms.
//   pnpm bench diary            (from the repo root; BENCH_SESSIONS_PER_DAY=3 for ~200,000 entries)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench diary
import { addMonths, currentMonth, dayBounds, DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { queryMonthOverview } from '../apps/api/src/domain/figures/overview.sql.ts';
import { overtimeAccounts, readLatestMonth } from '../apps/api/src/domain/figures/index.ts';
import { orgContextOf } from '../apps/api/src/lib/mappers.ts';
import { violationCounts } from '../apps/api/src/modules/compliance/compliance.service.ts';
import { engines, fmt, interleaved, openBench } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';
import { seedYear } from './lib/seed-year.ts';

const USERS = 200;
const CUSTOMERS = 2_000;
const MONTHS = 12;
const SESSIONS_PER_DAY = Number(process.env.BENCH_SESSIONS_PER_DAY ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const now = new Date();
const tz = 'Europe/Berlin';
const thisMonth = currentMonth(tz, now);
const months = [thisMonth, addMonths(thisMonth, -1), addMonths(thisMonth, -6), addMonths(thisMonth, -11)];

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const seeded = await seedYear(bench.db, { users: USERS, customers: CUSTOMERS, months: MONTHS, sessionsPerDay: SESSIONS_PER_DAY, now, tz });
    console.log(`\n[diary-overview] ${engine.name}: seeded ${USERS} users, ${CUSTOMERS} customers, ${seeded.entries} entries (${MONTHS} months) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const token = await bench.tokenFor(seeded.managerId, seeded.orgId);
    const org = orgContextOf(await bench.db.prisma.organization.findUniqueOrThrow({ where: { id: seeded.orgId } }));
    const endOfMonth = dayBounds(`${addMonths(thisMonth, 1)}-01`, tz).start; // as the app's latest-month read
    for (const month of months) {
      let items = 0;
      const [http, sql, reads] = await interleaved([
        async () => {
          const res = await bench.app.inject({ method: 'GET', url: `/api/diary?month=${month}`, headers: { authorization: `Bearer ${token}` } });
          if (res.statusCode !== 200) throw new Error(`GET /api/diary?month=${month} → ${res.statusCode} ${res.body}`);
          items = (res.json() as { items: unknown[] }).items.length;
        },
        () => queryMonthOverview({ sql: bench.db.sql, orgId: seeded.orgId, month, tz, fallbackRequired: DEFAULT_WORK_RULES.requiredMinutes }),
        () => Promise.all([
          queryMonthOverview({ sql: bench.db.sql, orgId: seeded.orgId, month, tz, fallbackRequired: DEFAULT_WORK_RULES.requiredMinutes }),
          readLatestMonth(bench.db.sql, org, endOfMonth),
          overtimeAccounts({ sql: bench.db.sql, org, month, now }),
          violationCounts({ sql: bench.db.sql, org, month }),
        ]),
      ], { runs: RUNS });
      if (!http || !sql || !reads) throw new Error('no samples');
      console.log(`[diary-overview] ${engine.name} ${month} (${items} users)  GET /api/diary: ${fmt(http)}`);
      console.log(`[diary-overview] ${engine.name} ${month}              bare SQL:   ${fmt(sql)}`);
      console.log(`[diary-overview] ${engine.name} ${month}             all reads:   ${fmt(reads)}`);
      printFigure({ figure: `diary overview ${month}, ${engine.name}, p95`, product: http.p95, reference: sql.p95, unit: 'ms', target: '≤ 1.5×' });
      printFigure({ figure: `diary overview ${month}, ${engine.name}, median`, product: http.median, reference: sql.median, unit: 'ms', target: '≤ 1.5×' });
      printFigure({ figure: `diary overview ${month}, ${engine.name}, p95 against every read of the answer`, product: http.p95, reference: reads.p95, unit: 'ms', target: '≤ 1.1×' });
      printFigure({ figure: `diary overview ${month}, ${engine.name}, p95 against 100 ms`, product: http.p95, reference: 100, unit: 'ms', target: 'product < 100 ms' });
    }
  } finally {
    await bench.close();
  }
}
