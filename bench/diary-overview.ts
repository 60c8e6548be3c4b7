// Benchmark: GET /api/diary?month= (the users × month overview, one aggregate query) on an
// organisation of 200 users with a year of entries, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
//   pnpm bench diary            (from the repo root)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench diary
import { addMonths, currentMonth, DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { queryMonthOverview } from '../apps/api/src/modules/diary/diary.sql.ts';
import { engines, fmt, openBench, time } from './lib/harness.ts';
import { seedYear } from './lib/seed-year.ts';

const USERS = 200;
const MONTHS = 12;
const now = new Date();
const tz = 'Europe/Berlin';
const thisMonth = currentMonth(tz, now);
const months = [thisMonth, addMonths(thisMonth, -1), addMonths(thisMonth, -6), addMonths(thisMonth, -11)];

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const seeded = await seedYear(bench.db, { users: USERS, months: MONTHS, now, tz });
    console.log(`\n[diary-overview] ${engine.name}: seeded ${USERS} users, ${seeded.entries} entries (${MONTHS} months) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const token = await bench.tokenFor(seeded.managerId, seeded.orgId);
    for (const month of months) {
      let items = 0;
      const http = await time(async () => {
        const res = await bench.app.inject({ method: 'GET', url: `/api/diary?month=${month}`, headers: { authorization: `Bearer ${token}` } });
        if (res.statusCode !== 200) throw new Error(`GET /api/diary?month=${month} → ${res.statusCode} ${res.body}`);
        items = (res.json() as { items: unknown[] }).items.length;
      });
      const sql = await time(() => queryMonthOverview({ sql: bench.db.sql, orgId: seeded.orgId, month, tz, fallbackRequired: DEFAULT_WORK_RULES.requiredMinutes }));
      console.log(`[diary-overview] ${engine.name} ${month} (${items} users)  GET /api/diary: ${fmt(http)}`);
      console.log(`[diary-overview] ${engine.name} ${month}              SQL only:   ${fmt(sql)}`);
    }
  } finally {
    await bench.close();
  }
}
