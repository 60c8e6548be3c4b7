-- The current definition of wd_refresh_user_days (first created by 20261210100000_user_day).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
-- Brings the kept day totals and shapes (UserDay) of the given (organisation, user, day) keys to
-- their cells (DayFigure: Σ ms, floor(Σ ms / 60000)) and to their finished sessions (the working-time
-- rules' day shape, as packages/shared compliance.ts dayShape has it: the day's sessions merged and cut
-- at its local midnights; worked, breaks of gaps ≥ 15 min, the longest stretch between them and the
-- last one, the first start and the last end). A day without cells loses its row. Called by
-- wd_refresh_day_figures for the days it works out, and by wd_user_days_add for what it cannot add.
-- Then the months of those days (UserMonth, wd_refresh_user_months). One generic plan (plan_cache_mode):
-- planned anew for each call it took ~0.9 ms of the ~1.3 ms a timer stop spent here; now ~0.3 ms.
-- The sessions longer than a day that reach into a day from before it (rare) are read once per call
-- (long), not once per day: planned on the statistics of a table that had just grown (a first
-- import), the per-day read went through the organisation's startedAt index and read every session
-- of the organisation before the day, for each day: 20,000 imported rows took 3.6 s, 100,000 rows
-- in 5,000-row statements 98 s (bench imports, 2026-12-08); with this read once, see bench/README.
CREATE OR REPLACE FUNCTION public.wd_refresh_user_days(p_orgs text[], p_users text[], p_days date[])
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
BEGIN
  WITH k AS (
    SELECT DISTINCT k.org, k.usr, k.day FROM unnest(p_orgs, p_users, p_days) AS k(org, usr, day)
  ),
  s AS (
    SELECT k.org, k.usr, k.day, sum(f.ms) AS ms
    FROM k
    LEFT JOIN "DayFigure" f ON f."organizationId" = k.org AND f."userId" = k.usr AND f.day = k.day
    GROUP BY k.org, k.usr, k.day
  ),
  gone AS (
    DELETE FROM "UserDay" d USING s
    WHERE s.ms IS NULL AND d."organizationId" = s.org AND d."userId" = s.usr AND d.day = s.day
  ),
  b AS (
    SELECT s.org, s.usr, s.day, s.ms, wd_day_start(s.day, z."timeZone") AS d_start, wd_day_start(s.day + 1, z."timeZone") AS d_end
    FROM s JOIN "Organization" z ON z.id = s.org
    WHERE s.ms IS NOT NULL
  ),
  long AS MATERIALIZED (
    SELECT w."organizationId" AS org, w."userId" AS usr, w."startedAt" AS st, w."stoppedAt" AS en
    FROM "WorkEntry" w
    WHERE w."userId" = ANY (p_users) AND (w."stoppedAt" - w."startedAt") > '1 day'::interval
      AND w."startedAt" < (SELECT max(x.d_start) FROM b x) - '1 day'::interval AND w."stoppedAt" > (SELECT min(x.d_start) FROM b x)
  ),
  sess AS (
    SELECT b.org, b.usr, b.day, b.d_start, b.d_end, w."startedAt" AS st, w."stoppedAt" AS en
    FROM b
    JOIN "WorkEntry" w ON w."userId" = b.usr AND w."organizationId" = b.org AND w."stoppedAt" IS NOT NULL
     AND w."startedAt" >= (b.d_start - '1 day'::interval) AND w."startedAt" < b.d_end AND w."stoppedAt" > b.d_start
    WHERE w."stoppedAt" > w."startedAt"
    UNION ALL
    SELECT b.org, b.usr, b.day, b.d_start, b.d_end, l.st, l.en
    FROM b
    JOIN long l ON l.org = b.org AND l.usr = b.usr AND l.st < (b.d_start - '1 day'::interval) AND l.en > b.d_start
  ),
  pieces AS (
    SELECT p.org, p.usr, p.day, greatest(p.st, p.d_start) AS ps, least(p.en, p.d_end) AS pe
    FROM sess p
    WHERE least(p.en, p.d_end) > greatest(p.st, p.d_start)
  ),
  merged AS (
    SELECT i.org, i.usr, i.day, min(i.ps) AS ps, max(i.pe) AS pe
    FROM (
      SELECT m.*, sum(m.fresh) OVER (PARTITION BY m.org, m.usr, m.day ORDER BY m.ps, m.pe ROWS UNBOUNDED PRECEDING) AS span
      FROM (
        SELECT p.*, CASE WHEN p.ps <= max(p.pe) OVER (PARTITION BY p.org, p.usr, p.day ORDER BY p.ps, p.pe ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                         THEN 0 ELSE 1 END AS fresh
        FROM pieces p
      ) m
    ) i
    GROUP BY i.org, i.usr, i.day, i.span
  ),
  gaps AS (
    SELECT g.org, g.usr, g.day, g.ps, g.pe,
           (extract(epoch FROM g.pe - g.ps) * 1000)::bigint AS worked,
           CASE WHEN g.ps - lag(g.pe) OVER w >= interval '15 minutes' THEN (extract(epoch FROM g.ps - lag(g.pe) OVER w) * 1000)::bigint ELSE 0 END AS pause
    FROM merged g
    WINDOW w AS (PARTITION BY g.org, g.usr, g.day ORDER BY g.ps)
  ),
  stretches AS (
    SELECT t.org, t.usr, t.day, sum(t.worked) AS worked, sum(t.pause) AS pause, min(t.ps) AS first_start, max(t.pe) AS last_end
    FROM (
      SELECT g.*, count(*) FILTER (WHERE g.pause > 0) OVER (PARTITION BY g.org, g.usr, g.day ORDER BY g.ps ROWS UNBOUNDED PRECEDING) AS stretch
      FROM gaps g
    ) t
    GROUP BY t.org, t.usr, t.day, t.stretch
  ),
  shape AS (
    SELECT h.org, h.usr, h.day, sum(h.worked) AS worked_ms, sum(h.pause) AS break_ms, max(h.worked) AS stretch_ms,
           (array_agg(h.worked ORDER BY h.last_end DESC))[1] AS last_stretch_ms, min(h.first_start) AS first_start, max(h.last_end) AS last_end
    FROM stretches h
    GROUP BY h.org, h.usr, h.day
  )
  INSERT INTO "UserDay" AS u ("organizationId", "userId", "day", "ms", "minutes", "workedMs", "breakMs", "stretchMs", "lastStretchMs", "firstStart", "lastEnd")
  SELECT b.org, b.usr, b.day, b.ms, div(b.ms, 60000)::integer,
         coalesce(h.worked_ms, 0), coalesce(h.break_ms, 0), coalesce(h.stretch_ms, 0), coalesce(h.last_stretch_ms, 0), coalesce(h.first_start, b.d_start), coalesce(h.last_end, b.d_start)
  FROM b
  LEFT JOIN shape h ON h.org = b.org AND h.usr = b.usr AND h.day = b.day
  ON CONFLICT ("organizationId", "userId", "day") DO UPDATE
  SET "ms" = EXCLUDED."ms", "minutes" = EXCLUDED."minutes", "workedMs" = EXCLUDED."workedMs", "breakMs" = EXCLUDED."breakMs", "stretchMs" = EXCLUDED."stretchMs",
      "lastStretchMs" = EXCLUDED."lastStretchMs", "firstStart" = EXCLUDED."firstStart", "lastEnd" = EXCLUDED."lastEnd"
  WHERE (u."ms", u."workedMs", u."breakMs", u."stretchMs", u."lastStretchMs", u."firstStart", u."lastEnd")
        IS DISTINCT FROM (EXCLUDED."ms", EXCLUDED."workedMs", EXCLUDED."breakMs", EXCLUDED."stretchMs", EXCLUDED."lastStretchMs", EXCLUDED."firstStart", EXCLUDED."lastEnd");
  PERFORM wd_refresh_user_months(p_orgs, p_users, p_days);
END
$function$;
