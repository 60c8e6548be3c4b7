-- The current definition of wd_user_days_add (first created by 20261210100000_user_day).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
-- The fast paths of wd_day_figures_inserted/_updated (finished sessions inside one local day each:
-- a timer stop, a manual entry, most of an import): each session added to its kept day (UserDay)
-- as the shared dayShape would go on, when it is the day's only new session and starts at or
-- after the day's last end: its milliseconds worked, a break when the gap is 15 min or more (a new
-- stretch), else the last stretch longer; a day without a row gets its first session. Anything
-- else (several sessions for one day, one before the last end, an empty one) has its days worked
-- out again by wd_refresh_user_days (which also sums their months again). An added day's whole
-- minutes go onto its month (UserMonth) by the difference they made. A timer stop costs an update
-- of its day and of its month, not a read of the day's sessions.
CREATE OR REPLACE FUNCTION public.wd_user_days_add(p_orgs text[], p_users text[], p_days date[], p_starts timestamp with time zone[], p_stops timestamp with time zone[])
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
DECLARE
  v_orgs text[];
  v_users text[];
  v_days date[];
BEGIN
  WITH n AS (
    SELECT a.org, a.usr, a.day, a.st, a.en, (extract(epoch FROM a.en - a.st) * 1000)::bigint AS len,
           count(*) OVER (PARTITION BY a.org, a.usr, a.day) AS sessions
    FROM unnest(p_orgs, p_users, p_days, p_starts, p_stops) AS a(org, usr, day, st, en)
  ),
  grown AS (
    UPDATE "UserDay" u
    SET "ms" = u."ms" + n.len, "minutes" = div(u."ms" + n.len, 60000)::integer, "workedMs" = u."workedMs" + n.len,
        "breakMs" = u."breakMs" + CASE WHEN n.st - u."lastEnd" >= interval '15 minutes' THEN (extract(epoch FROM n.st - u."lastEnd") * 1000)::bigint ELSE 0 END,
        "lastStretchMs" = CASE WHEN n.st - u."lastEnd" >= interval '15 minutes' THEN n.len ELSE u."lastStretchMs" + n.len END,
        "stretchMs" = greatest(u."stretchMs", CASE WHEN n.st - u."lastEnd" >= interval '15 minutes' THEN n.len ELSE u."lastStretchMs" + n.len END),
        "lastEnd" = n.en
    FROM n
    WHERE n.sessions = 1 AND n.len > 0 AND u."organizationId" = n.org AND u."userId" = n.usr AND u.day = n.day AND n.st >= u."lastEnd"
    RETURNING u."organizationId" AS org, u."userId" AS usr, u.day, u."ms" AS ms, n.len
  ),
  fresh AS (
    INSERT INTO "UserDay" ("organizationId", "userId", "day", "ms", "minutes", "workedMs", "breakMs", "stretchMs", "lastStretchMs", "firstStart", "lastEnd")
    SELECT n.org, n.usr, n.day, n.len, div(n.len, 60000)::integer, n.len, 0, n.len, n.len, n.st, n.en
    FROM n
    WHERE n.sessions = 1 AND n.len > 0
      AND NOT EXISTS (SELECT 1 FROM "UserDay" u WHERE u."organizationId" = n.org AND u."userId" = n.usr AND u.day = n.day)
    ON CONFLICT DO NOTHING
    RETURNING "organizationId" AS org, "userId" AS usr, day, "ms" AS ms
  ),
  months AS (
    INSERT INTO "UserMonth" AS m ("organizationId", "userId", "month", "minutes")
    SELECT x.org, x.usr, to_char(x.day, 'YYYY-MM'), sum(x.minutes)
    FROM (
      SELECT g.org, g.usr, g.day, div(g.ms, 60000) - div(g.ms - g.len, 60000) AS minutes FROM grown g
      UNION ALL
      SELECT f.org, f.usr, f.day, div(f.ms, 60000) FROM fresh f
    ) x
    GROUP BY x.org, x.usr, to_char(x.day, 'YYYY-MM')
    ON CONFLICT ("organizationId", "userId", "month") DO UPDATE SET "minutes" = m."minutes" + EXCLUDED."minutes"
  )
  SELECT array_agg(n.org), array_agg(n.usr), array_agg(n.day) INTO v_orgs, v_users, v_days
  FROM n
  WHERE NOT EXISTS (SELECT 1 FROM grown g WHERE g.org = n.org AND g.usr = n.usr AND g.day = n.day)
    AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.org = n.org AND f.usr = n.usr AND f.day = n.day);
  IF v_orgs IS NOT NULL THEN
    PERFORM wd_refresh_user_days(v_orgs, v_users, v_days);
  END IF;
END
$function$;
