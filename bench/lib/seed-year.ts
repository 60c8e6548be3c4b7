// Generates a large organisation for benchmarks: N users with months of realistic entries
// (working days of a few sessions, lunch breaks, some overtime, Saturday support, late sessions
// across midnight, days off), generated inside the database one month per statement (below), so
// 1,000,000 entries take the database's insert time only, not a round trip per 10,000 rows.
// 200 users × 12 months × sessionsPerDay 20 with 2,000 customers is the million.
// bench/ is not a workspace package: reach the shared code by path.
import { DEFAULT_WORK_RULES, addDays, localDateOf } from '../../packages/shared/src/index.ts';
import type { Database } from '../../apps/api/src/db/engine.ts';
import { newId } from '../../apps/api/src/db/ids.ts';

export type SeedYearOptions = {
  users: number;
  months: number;
  now: Date;
  tz?: string;
  seed?: number;
  /** Default 40. */
  customers?: number;
  /** Average sessions on a working day (the day's work is split into this many). Default 3. */
  sessionsPerDay?: number;
};
export type SeedYearResult = { orgId: string; managerId: string; userIds: string[]; customerIds: string[]; entries: number };

export async function seedYear(db: Database, opts: SeedYearOptions): Promise<SeedYearResult> {
  const tz = opts.tz ?? 'Europe/Berlin';
  const orgId = newId();
  const tag = orgId.slice(0, 8);
  const userIds = Array.from({ length: opts.users }, () => newId());
  const managerId = userIds[0] as string;
  const customerIds = Array.from({ length: opts.customers ?? 40 }, () => newId());
  const categoryIds = Array.from({ length: 5 }, () => newId());
  const prisma = db.prisma;

  await prisma.organization.create({ data: { id: orgId, name: `Bench ${tag}`, timeZone: tz, currency: 'EUR' } });
  await prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
  await prisma.user.createMany({
    data: userIds.map((id, i) => ({
      id, organizationId: orgId, email: `user${i}-${tag}@bench.example`, name: `User ${String(i).padStart(3, '0')}`,
      role: i === 0 ? 'MANAGER' as const : 'MEMBER' as const,
      active: i % 50 !== 49, // a few deactivated people, still in the history
      ...(i % 4 === 0
        ? { payType: 'MONTHLY' as const, monthlyBase: 350000 + i * 100, hourlyRate: null, overtimeFactor: 1.25 }
        : { payType: 'HOURLY' as const, hourlyRate: 1800 + i * 5, monthlyBase: null, overtimeFactor: i % 3 === 0 ? 1.5 : 1.25 }),
    })),
  });
  // Part-timers with their own rules.
  await prisma.workRules.createMany({
    data: userIds.filter((_, i) => i % 10 === 5).map((userId) => ({ id: newId(), organizationId: orgId, userId, ...DEFAULT_WORK_RULES, requiredMinutes: [240, 240, 240, 240, 240, 0, 0] })),
  });
  await prisma.customer.createMany({ data: customerIds.map((id, i) => ({ id, organizationId: orgId, name: `Customer ${String(i).padStart(4, '0')}` })) });
  await prisma.category.createMany({ data: categoryIds.map((id, i) => ({ id, organizationId: orgId, name: `Category ${i}` })) });

  // The entries, generated in the database: one INSERT … SELECT per month (a recursive query walks
  // each working day session by session, as a person would), with the statement triggers and
  // foreign-key checks off for the seed's own transaction (session_replication_role = replica,
  // superuser only: the bench's PostgreSQL user and PGlite), and the kept day figures built once
  // at the end (below). Before (2026-12-07): JavaScript rows in 10,000-row unnest INSERTs, each
  // firing the figures trigger, took over 12 minutes for 1M entries on PGlite under load without
  // finishing; now about 1 minute per 85,000-entry month on PGlite, 17 s on PostgreSQL (load ~30).
  // Random numbers are hashes of (seed, user, day, step), so a seed gives the same organisation.
  const today = localDateOf(opts.now, tz);
  const first = addDays(today, -Math.round(opts.months * 30.44));
  const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const seed = opts.seed ?? 4242;
  let replica = true;
  for (let from = first; from < today;) {
    const to = [addDays(`${from.slice(0, 7)}-01`, 40).slice(0, 7) + '-01', today].sort()[0] as string; // next month's first day, or today
    const statement = entriesSql({ orgId: lit(orgId), tz: lit(tz), from: lit(from), until: lit(to), seed, meanSession: 450 / (opts.sessionsPerDay ?? 3) });
    try {
      await db.unscoped.execInTransaction(`SET LOCAL jit = off;\n${replica ? 'SET LOCAL session_replication_role = replica;\n' : ''}${statement}`);
    } catch (error) {
      if (!replica) throw error;
      replica = false; // not a superuser: the same insert with the triggers and checks on
      continue;
    }
    from = to;
  }
  await db.unscoped.query('ANALYZE "WorkEntry"');
  // The kept figures as the product's statement trigger keeps them: sessions inside one local day
  // added to their cell (its upsert, set-based here, with each day's whole minutes shared out as
  // wd_share_day_minutes shares them), each one across midnight by the product's
  // own refresh of the days it touches (wd_refresh_day_figures); then every day's kept total and
  // shape (UserDay) as the product works them out (wd_refresh_user_days). JIT off: planned at a
  // million rows, PostgreSQL would spend seconds compiling them.
  if (replica) {
    await db.unscoped.execInTransaction(`SET LOCAL jit = off;
INSERT INTO "DayFigure" ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "minutes", "entrance", "exit")
SELECT c.org, c.usr, c.day, c.customer_id, c.category_id, c.ms,
       (div(c.ms, 60000) + CASE WHEN row_number() OVER (PARTITION BY c.usr, c.day ORDER BY c.ms % 60000 DESC, c.customer_id, c.category_id)
                                     <= div(sum(c.ms) OVER (PARTITION BY c.usr, c.day), 60000) - sum(div(c.ms, 60000)) OVER (PARTITION BY c.usr, c.day)
                                THEN 1 ELSE 0 END)::integer,
       c.entrance, c.exit
FROM (
  SELECT n."organizationId" AS org, n."userId" AS usr, (n."startedAt" AT TIME ZONE ${lit(tz)})::date AS day, n."customerId" AS customer_id, n."categoryId" AS category_id,
         sum((extract(epoch FROM n."stoppedAt" - n."startedAt") * 1000)::bigint) AS ms, min(n."startedAt") AS entrance, max(n."stoppedAt") AS exit
  FROM "WorkEntry" n
  WHERE n."organizationId" = ${lit(orgId)} AND n."stoppedAt" IS NOT NULL
    AND (n."startedAt" AT TIME ZONE ${lit(tz)})::date = ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE ${lit(tz)})::date
  GROUP BY 1, 2, 3, 4, 5
) c;
SELECT wd_refresh_day_figures(n."organizationId", n."userId", (n."startedAt" AT TIME ZONE ${lit(tz)})::date, ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE ${lit(tz)})::date)
FROM "WorkEntry" n
WHERE n."organizationId" = ${lit(orgId)} AND n."stoppedAt" IS NOT NULL
  AND (n."startedAt" AT TIME ZONE ${lit(tz)})::date <> ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE ${lit(tz)})::date;
SELECT wd_refresh_user_days(array_agg(k."organizationId"), array_agg(k."userId"), array_agg(k.day))
FROM (SELECT DISTINCT f."organizationId", f."userId", f.day FROM "DayFigure" f WHERE f."organizationId" = ${lit(orgId)}) k
HAVING count(*) > 0;`);
  }
  const [counted] = await db.unscoped.query<{ n: number | string }>('SELECT count(*) AS n FROM "WorkEntry" WHERE "organizationId" = $1', [orgId]);
  const entries = Number(counted?.n ?? 0);
  await db.unscoped.query('ANALYZE "User"');
  await db.unscoped.query('ANALYZE "DayFigure"');
  await db.unscoped.query('ANALYZE "UserDay"');
  await db.unscoped.query('ANALYZE "Customer"');
  return { orgId, managerId, userIds, customerIds, entries };
}

/**
 * One INSERT of the organisation's entries for local days [from, until): per user (in name order)
 * and day, from `wd_day_start` (elapsed minutes after local midnight, so on a DST day the wall
 * clock shifts by an hour): a Saturday's support session now and then; on 94 % of weekdays a start
 * between 07:00 and 09:15 and a target of 7 to 10¼ h, worked in sessions of about `meanSession`
 * minutes with 10-minute gaps and one 45-minute lunch after 200 minutes; now and then a late
 * call across midnight after the day's work (the longest day ends before 02:00, the next starts
 * at 07:00, so sessions never overlap). Customers, categories, source and flag at random.
 */
function entriesSql({ orgId, tz, from, until, seed, meanSession }: { orgId: string; tz: string; from: string; until: string; seed: number; meanSession: number }): string {
  // r(key): a number in [0, 1) from the hash of key and the seed.
  const r = (key: string) => `((hashint8extended(${key}, ${seed}) & 4503599627370495)::float8 / 4503599627370496)`;
  return /* sql */ `
WITH RECURSIVE
people AS (SELECT id, (row_number() OVER (ORDER BY name, id))::bigint AS ord FROM "User" WHERE "organizationId" = ${orgId}),
customers AS (SELECT array_agg(id ORDER BY name, id) AS ids FROM "Customer" WHERE "organizationId" = ${orgId}),
categories AS (SELECT array_agg(id ORDER BY name, id) AS ids FROM "Category" WHERE "organizationId" = ${orgId}),
days AS (
  SELECT g::date AS day, extract(isodow FROM g)::int - 1 AS weekday, wd_day_start(g::date, ${tz}) AS t0
  FROM generate_series(${from}::date, ${until}::date - 1, interval '1 day') AS g
),
person_days AS (
  -- key: one number per person and day, the random draws of that day add a step number to it.
  SELECT p.id AS user_id, d.day, d.weekday, d.t0, (p.ord * 100000 + (d.day - date '2000-01-01')) * 1000 AS key
  FROM people p CROSS JOIN days d
),
working AS (
  SELECT pd.*, 420 + floor(${r('pd.key + 1')} * 10)::int * 15 AS start_minute, 420 + floor(${r('pd.key + 2')} * 14)::int * 15 AS target
  FROM person_days pd
  WHERE pd.weekday < 5 AND ${r('pd.key + 3')} >= 0.06
),
walk AS (
  SELECT w.user_id, w.t0, w.key, w.target, 0 AS step, w.start_minute AS cursor, 0 AS worked, false AS lunch, NULL::int AS session_start, NULL::int AS session_len
  FROM working w
  UNION ALL
  SELECT w.user_id, w.t0, w.key, w.target, w.step + 1,
         w.cursor + l.len + CASE WHEN l.lunch_now THEN 45 ELSE 10 END, w.worked + l.len, w.lunch OR l.lunch_now, w.cursor, l.len
  FROM walk w
  CROSS JOIN LATERAL (SELECT least(w.target - w.worked, greatest(10, (round(${meanSession} * (0.5 + ${r('w.key + 10 + w.step')}) / 5) * 5)::int)) AS len) m
  CROSS JOIN LATERAL (SELECT m.len, NOT w.lunch AND w.worked + m.len > 200 AS lunch_now) l
  WHERE w.worked < w.target AND m.len >= 10
),
sessions AS (
  SELECT user_id, key + 100 + step AS key, t0, session_start AS start_minute, session_len AS len FROM walk WHERE step > 0
  UNION ALL
  -- A late call across midnight after the day's last session (1 % of working days).
  SELECT * FROM (
    SELECT DISTINCT ON (user_id, key) user_id, key + 90 AS key, t0, greatest(23 * 60, cursor) AS start_minute, 150 AS len
    FROM walk
    WHERE ${r('key + 4')} < 0.01
    ORDER BY user_id, key, step DESC
  ) late
),
saturdays AS (
  SELECT pd.user_id, pd.key + 80 AS key, pd.t0, 600 AS start_minute, 210 AS len
  FROM person_days pd WHERE pd.weekday = 5 AND ${r('pd.key + 5')} < 0.05
)
INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "source", "flagged", "createdById", "updatedAt")
SELECT gen_random_uuid()::text, ${orgId}, s.user_id,
       cu.ids[1 + floor(${r('s.key * 10 + 1')} * array_length(cu.ids, 1))::int],
       ca.ids[1 + floor(${r('s.key * 10 + 2')} * array_length(ca.ids, 1))::int],
       s.t0 + s.start_minute * interval '1 minute', s.t0 + (s.start_minute + s.len) * interval '1 minute',
       (CASE WHEN ${r('s.key * 10 + 3')} < 0.8 THEN 'TIMER' ELSE 'MANUAL' END)::"EntrySource",
       ${r('s.key * 10 + 4')} < 0.01, s.user_id, now()
FROM (SELECT * FROM sessions UNION ALL SELECT * FROM saturdays) s, customers cu, categories ca
`;
}
