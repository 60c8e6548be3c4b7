import { addMonths, currentMonth, DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { monthDayParams } from '../apps/api/src/modules/diary/diary.sql.ts';
import { engines, fmt, openBench, time } from './lib/harness.ts';
import { seedYear } from './lib/seed-year.ts';

const now = new Date();
const tz = 'Europe/Berlin';
const months = [currentMonth(tz, now), addMonths(currentMonth(tz, now), -1), addMonths(currentMonth(tz, now), -11)];

const head = `
WITH days AS (
  SELECT (d.ord - 1)::int AS idx, d.day, d.day_start, d.day_end, d.weekday
  FROM unnest($2::text[], $3::timestamptz[], $4::timestamptz[], $5::int[]) WITH ORDINALITY AS d(day, day_start, day_end, weekday, ord)
),
org_rules AS (SELECT r."requiredMinutes" AS required FROM "WorkRules" r WHERE r."organizationId" = $1 AND r."userId" IS NULL),
people AS (
  SELECT u.id, u.name, u.active, u."payType" AS pay_type, u."hourlyRate" AS hourly_rate, u."monthlyBase" AS monthly_base, u."overtimeFactor" AS overtime_factor,
         coalesce(ur."requiredMinutes", (SELECT required FROM org_rules), $8::int[]) AS required
  FROM "User" u LEFT JOIN "WorkRules" ur ON ur."userId" = u.id AND ur."organizationId" = $1
  WHERE u."organizationId" = $1
),
longest AS (
  SELECT coalesce(max(e."stoppedAt" - e."startedAt"), interval '0') AS span FROM "WorkEntry" e WHERE e."organizationId" = $1
),
sessions AS (
  SELECT e."userId" AS user_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND e."stoppedAt" IS NOT NULL
    AND e."startedAt" < $7::timestamptz AND e."stoppedAt" > $6::timestamptz
    AND e."startedAt" >= $6::timestamptz - (SELECT span FROM longest)
),`;
const tail = `
per_user AS (
  SELECT p.user_id, sum(p.minutes) AS total_minutes, sum(greatest(0, p.minutes - coalesce(pe.required[p.weekday + 1], 0))) AS extra_minutes
  FROM per_day p JOIN people pe ON pe.id = p.user_id GROUP BY p.user_id
)
SELECT pe.id, pe.name, pe.active, coalesce(pu.total_minutes, 0)::int AS total_minutes, coalesce(pu.extra_minutes, 0)::int AS extra_minutes,
       (SELECT coalesce(sum(coalesce(pe.required[d.weekday + 1], 0)), 0) FROM days d)::int AS required_minutes
FROM people pe LEFT JOIN per_user pu ON pu.user_id = pe.id
WHERE pe.active OR pu.user_id IS NOT NULL
ORDER BY lower(pe.name), pe.id`;

const variants: Record<string, string> = {
  _intervalSum: head + `
per_day AS (
  SELECT s.user_id, d.weekday,
         div(extract(epoch FROM sum(least(s.stopped_at, d.day_end) - greatest(s.started_at, d.day_start))) * 1000, 60000) AS minutes
  FROM sessions s JOIN days d ON s.started_at < d.day_end AND s.stopped_at > d.day_start
  GROUP BY s.user_id, d.day, d.weekday
),` + tail,
};

const finalSql = `
WITH days AS (
  SELECT d.day, d.day_start, d.day_end, d.weekday
  FROM unnest($2::date[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS d(day, day_start, day_end, weekday)
),
org_rules AS (SELECT r."requiredMinutes" AS required FROM "WorkRules" r WHERE r."organizationId" = $1 AND r."userId" IS NULL),
people AS (
  SELECT u.id, u.name, u.active, u."payType" AS pay_type, u."hourlyRate" AS hourly_rate, u."monthlyBase" AS monthly_base, u."overtimeFactor" AS overtime_factor,
         coalesce(ur."requiredMinutes", (SELECT required FROM org_rules), $8::int[]) AS required
  FROM "User" u LEFT JOIN "WorkRules" ur ON ur."userId" = u.id AND ur."organizationId" = $1
  WHERE u."organizationId" = $1
),
sessions AS (
  SELECT e."userId" AS user_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND e."stoppedAt" IS NOT NULL
    AND e."startedAt" >= $6::timestamptz - interval '1 day' AND e."startedAt" < $7::timestamptz AND e."stoppedAt" > $6::timestamptz
  UNION ALL
  SELECT e."userId", e."startedAt", e."stoppedAt"
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND (e."stoppedAt" - e."startedAt") > interval '1 day'
    AND e."startedAt" < $6::timestamptz - interval '1 day' AND e."stoppedAt" > $6::timestamptz
),
placed AS (
  SELECT s.user_id, s.started_at, s.stopped_at, d.day AS within
  FROM sessions s
  LEFT JOIN days d ON d.day = (s.started_at AT TIME ZONE $9::text)::date AND s.started_at >= d.day_start AND s.stopped_at <= d.day_end
),
crossing AS MATERIALIZED (
  SELECT p.user_id, p.started_at, p.stopped_at FROM placed p WHERE p.within IS NULL
),
pieces AS (
  SELECT p.user_id, p.within AS day, sum(p.stopped_at - p.started_at) AS span
  FROM placed p WHERE p.within IS NOT NULL
  GROUP BY p.user_id, p.within
  UNION ALL
  SELECT c.user_id, d.day, least(c.stopped_at, d.day_end) - greatest(c.started_at, d.day_start)
  FROM crossing c JOIN days d ON c.started_at < d.day_end AND c.stopped_at > d.day_start
),
per_day AS (
  SELECT p.user_id, d.weekday, div(extract(epoch FROM sum(p.span)) * 1000, 60000) AS minutes
  FROM pieces p JOIN days d ON d.day = p.day
  GROUP BY p.user_id, d.day, d.weekday
),` + tail;
variants.final = finalSql;
variants.bin = finalSql
  .replace("unnest($2::date[], $3::timestamptz[], $4::timestamptz[], $5::int[]) AS d(day, day_start, day_end, weekday)", "unnest($2::date[], $3::timestamptz[], $4::timestamptz[], $5::int[]) WITH ORDINALITY AS d(day, day_start, day_end, weekday, ord)")
  .replace("SELECT d.day, d.day_start, d.day_end, d.weekday\n", "SELECT d.day, d.day_start, d.day_end, d.weekday, $6::timestamptz + (d.ord - 1) * interval '24 hours' AS bin\n")
  .replace("d.day = (s.started_at AT TIME ZONE $9::text)::date", "d.bin = date_bin('24 hours', s.started_at, $6::timestamptz) AND $9::text IS NOT NULL");

for (const engine of engines()) {
  const bench = await openBench(engine);
  const seeded = await seedYear(bench.db, { users: 200, months: 12, now, tz });
  await bench.db.sql.query(`CREATE INDEX "WorkEntry_long_idx" ON "WorkEntry" ("organizationId", "startedAt") WHERE ("stoppedAt" - "startedAt") > interval '1 day'`);
  await bench.db.sql.query('ANALYZE "WorkEntry"');
  for (const month of months) {
    const p = monthDayParams(month, tz);
    const params = [seeded.orgId, p.dates, p.starts, p.ends, p.weekdays, p.monthStart, p.monthEnd, DEFAULT_WORK_RULES.requiredMinutes, tz];
    let ref = '';
    for (const [name, text] of Object.entries(variants)) { if (name.startsWith('_')) continue;
      const usesExtra = text.includes('$9') ? 9 : 8;
      const args = params.slice(0, usesExtra);
      const rows = await bench.db.sql.query(text, args);
      const key = JSON.stringify(rows);
      if (name !== 'scanOnly') { if (!ref) ref = key; else if (ref !== key) console.log('  MISMATCH', name); }
      const s = await time(() => bench.db.sql.query(text, args), { runs: 15, warmup: 2 });
      console.log(engine.name, month, name.padEnd(12), fmt(s));
    }
    if (month === months[1] && engine.name === 'pglite') {
      const plan = await bench.db.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN ANALYZE ${variants.bin}`, params);
      console.log(plan.map((r) => r['QUERY PLAN']).filter((l) => /Hash Left Join|Execution|Bitmap Heap/.test(l)).join('\n'));
    }
  }
  await bench.close();
}
