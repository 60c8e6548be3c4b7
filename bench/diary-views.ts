// Benchmark: a user's month view (GET /api/diary/:userId?month=) and the day modal
// (GET /api/diary/:userId/:date) against the bare SQL of every read they need, sent through the
// same driver (issue 12): the auth hook's session read (with user and organisation), the user,
// their work-rules rows and absences, and the sessions of the month (or day); for the month also
// a second reference with the working-time law's reads (issue 26: the month's kept day shapes and
// six months of kept day totals). Product and reference calls alternate.
//   pnpm bench diary-views                                                        (PGlite)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench diary-views
// Knobs: BENCH_SEED_USERS (200), BENCH_MONTHS (12), BENCH_RUNS (60 per user and view),
// BENCH_SESSIONS_PER_DAY (20: about 1,100,000 entries, the data of issue 12; 3 for a quick run).
import { addMonths, currentMonth, dayBounds, daysOfMonth, monthBounds } from '../packages/shared/src/index.ts';
import { engines, openBench, stats } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';
import { seedYear } from './lib/seed-year.ts';

const SEED_USERS = Number(process.env.BENCH_SEED_USERS ?? 200);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const tz = 'Europe/Berlin';
const now = new Date();

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const seeded = await seedYear(bench.db, { users: SEED_USERS, months: MONTHS, now, tz, sessionsPerDay: Number(process.env.BENCH_SESSIONS_PER_DAY ?? 20) });
    console.log(`\n[diary-views] ${engine.name}: seeded ${SEED_USERS} users, ${seeded.entries} entries (${MONTHS} months) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const token = await bench.tokenFor(seeded.managerId, seeded.orgId);
    const sql = bench.db.unscoped;
    const month = addMonths(currentMonth(tz, now), -1);
    const users = seeded.userIds.filter((_, i) => i % 50 !== 49).slice(1, 6);
    const days = [`${month}-03`, `${month}-14`, `${month}-27`];

    const sid = (bench.app.jwt.decode(token) as { sid: string }).sid;
    const lastDate = daysOfMonth(month).at(-1) ?? `${month}-28`;
    const endOfCurrentMonth = dayBounds(`${addMonths(currentMonth(tz, now), 1)}-01`, tz).start;
    // The reads a view needs, as plain SQL: what any implementation must ask the database. The
    // session with its user and organisation (the auth hook's one read), the user with pay, their
    // work-rules rows, approved absences and the month's approved figures (kept by an approval),
    // then the sessions of the month or day.
    const baseReads = (userId: string, from: string, to: string) => [
      sql.query(`SELECT u.id, u.role::text, u.name, u.email, s."lastSeenAt", o.id AS org_id, o.name AS org_name, o."timeZone", o.currency, o."clientTimer", o.locale,
                        o."holidayCountry", o."holidayRegion", o."holidaySharePercent"
                   FROM "Session" s JOIN "User" u ON u.id = s."userId" AND u."organizationId" = s."organizationId"
                   JOIN "Organization" o ON o.id = s."organizationId"
                  WHERE s.id = $1 AND s."userId" = $2 AND s."organizationId" = $3 AND u.active`, [sid, seeded.managerId, seeded.orgId]),
      sql.query('SELECT id, name, active, "payType", "hourlyRate", "monthlyBase", "overtimeFactor" FROM "User" WHERE "organizationId" = $1 AND id = $2', [seeded.orgId, userId]),
      sql.query('SELECT * FROM "WorkRules" WHERE "organizationId" = $1 AND ("userId" = $2 OR "userId" IS NULL)', [seeded.orgId, userId]),
      sql.query(`SELECT a."startDate", a."endDate", k.name, k."creditPercent" FROM "Absence" a JOIN "AbsenceKind" k ON k.id = a."kindId"
                  WHERE a."organizationId" = $1 AND a."userId" = $2 AND a.status = 'APPROVED' AND a."startDate" <= $3::date AND a."endDate" >= $4::date`,
      [seeded.orgId, userId, to, from]),
      sql.query(`SELECT figures FROM "MonthClose" WHERE "organizationId" = $1 AND "userId" = $2 AND month = $3 AND status = 'APPROVED'`,
        [seeded.orgId, userId, from.slice(0, 7)]),
    ];
    const monthReads = (userId: string) => {
      const b = monthBounds(month, tz);
      return Promise.all([...baseReads(userId, `${month}-01`, lastDate), sql.query(
        'SELECT "startedAt", "stoppedAt", flagged FROM "WorkEntry" WHERE "organizationId" = $1 AND "userId" = $2 AND "startedAt" < $3 AND ("stoppedAt" IS NULL OR "stoppedAt" > $4)',
        [seeded.orgId, userId, b.end.toISOString(), b.start.toISOString()],
      ),
      // The month view also answers the latest month with data (where the page opens).
      sql.query('SELECT max("startedAt") FROM "WorkEntry" WHERE "organizationId" = $1 AND "userId" = $2 AND "startedAt" < $3', [seeded.orgId, userId, endOfCurrentMonth.toISOString()])]);
    };
    // Since issue 26 the month view also answers the working-time law: each day's findings (from the
    // month's kept day shapes, UserDay, and the day before for the first rest) and the §3 ArbZG
    // average over six months (their kept day totals). Those reads added, as a second reference.
    const lawReads = (userId: string) => [
      sql.query(`SELECT day, "workedMs", "breakMs", "stretchMs", "firstStart", "lastEnd" FROM "UserDay"
                  WHERE "organizationId" = $1 AND "userId" = $2 AND day BETWEEN ($3::date - 1) AND $4::date`, [seeded.orgId, userId, `${month}-01`, lastDate]),
      sql.query(`SELECT coalesce(sum(minutes), 0) FROM "UserDay" WHERE "organizationId" = $1 AND "userId" = $2 AND day BETWEEN $3::date AND $4::date`,
        [seeded.orgId, userId, `${addMonths(month, -5)}-01`, lastDate]),
    ];
    const monthAndLawReads = (userId: string) => Promise.all([monthReads(userId), ...lawReads(userId)]);
    const dayReads = (userId: string, date: string) => {
      const b = dayBounds(date, tz);
      return Promise.all([...baseReads(userId, date, date), sql.query(
        `SELECT e.*, u.name AS user_name, c.name AS customer_name, k.name AS category_name, k.archived AS category_archived
         FROM "WorkEntry" e JOIN "User" u ON u.id = e."userId" JOIN "Customer" c ON c.id = e."customerId" JOIN "Category" k ON k.id = e."categoryId"
         WHERE e."organizationId" = $1 AND e."userId" = $2 AND e."startedAt" < $3 AND (e."stoppedAt" IS NULL OR e."stoppedAt" > $4)
         ORDER BY e."startedAt", e.id`,
        [seeded.orgId, userId, b.end.toISOString(), b.start.toISOString()],
      )]);
    };
    const get = async (url: string) => {
      const res = await bench.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${url} → ${res.statusCode} ${res.body}`);
    };

    for (const view of ['month', 'day'] as const) {
      const product: number[] = [];
      const reference: number[] = [];
      const withLaw: number[] = [];
      const timed = async (fn: () => Promise<unknown>) => {
        const t = performance.now();
        await fn();
        return performance.now() - t;
      };
      const once = async (userId: string, i: number) => {
        const date = days[i % days.length] ?? `${month}-01`;
        const url = view === 'month' ? `/api/diary/${userId}?month=${month}` : `/api/diary/${userId}/${date}`;
        const p = await timed(() => get(url));
        const r = await timed(() => (view === 'month' ? monthReads(userId) : dayReads(userId, date)));
        const l = view === 'month' ? await timed(() => monthAndLawReads(userId)) : r;
        return { p, r, l };
      };
      for (const userId of users) for (let i = 0; i < 5; i++) await once(userId, i); // warm-up
      for (let i = 0; i < RUNS; i++) {
        for (const userId of users) {
          const { p, r, l } = await once(userId, i);
          product.push(p);
          reference.push(r);
          withLaw.push(l);
        }
      }
      const ps = stats(product);
      const rs = stats(reference);
      const ls = stats(withLaw);
      const what = view === 'month' ? `user month view ${month}` : 'day modal (day sessions)';
      console.log(`[diary-views] ${engine.name} ${what}: product p50 ${ps.median.toFixed(2)} ms, bare reads p50 ${rs.median.toFixed(2)} ms`
        + `${view === 'month' ? `, with the working-time reads p50 ${ls.median.toFixed(2)} ms` : ''} (${ps.runs} runs)`);
      printFigure({ figure: `${what}, ${engine.name}, p95`, product: ps.p95, reference: rs.p95, unit: 'ms', target: '≤ 1.5×' });
      if (view === 'month') {
        printFigure({ figure: `${what}, ${engine.name}, p95 against the reads with the working-time law's`, product: ps.p95, reference: ls.p95, unit: 'ms', target: '≤ 1.5×' });
      }
    }
  } finally {
    await bench.close();
  }
}
