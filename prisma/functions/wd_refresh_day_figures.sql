-- The current definition of wd_refresh_day_figures (last changed by 20261208130000_day_figure_minutes).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- Works the kept figures of one user's local days [p_from, p_to] out again from the sessions. Each
-- session is cut into the local days it touches (generate_series over its local dates); a session
-- inside one local day (nearly all) is taken whole, so day bounds are worked out only for the
-- pieces of sessions across midnight. Each day's cells also get their whole minutes ("minutes"):
-- floor(ms / 60000) each, and the minutes those floors leave of the day's floor(Σ ms / 60000) one
-- each to the cells with the largest leftover milliseconds (ties by customer id, then category
-- id), as wd_share_day_minutes shares them; so a day's cells sum to the Work diary's day total.
-- JIT off (the SET clause): planned over a user's year (a rebuild, an import), PostgreSQL JIT-compiled
-- the statements here at every call: one user's year took 826-864 ms with JIT, 175-178 ms without
-- (1M-entry bench data, 2026-12-07).
-- With 20261210100000_user_day it also works out the kept days (UserDay) of [p_from, p_to] again
-- (wd_refresh_user_days), in the same transaction.
CREATE OR REPLACE FUNCTION public.wd_refresh_day_figures(p_org text, p_user text, p_from date, p_to date)
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
AS $function$
DECLARE
  v_tz text;
  v_start timestamptz;
  v_end timestamptz;
BEGIN
  SELECT "timeZone" INTO v_tz FROM "Organization" WHERE id = p_org;
  IF v_tz IS NULL THEN RETURN; END IF;
  v_start := wd_day_start(p_from, v_tz);
  v_end := wd_day_start(p_to + 1, v_tz);
  DELETE FROM "DayFigure" WHERE "organizationId" = p_org AND "userId" = p_user AND "day" BETWEEN p_from AND p_to;
  INSERT INTO "DayFigure" ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "minutes", "entrance", "exit")
  SELECT p_org, p_user, c.day, c.customer_id, c.category_id, c.ms,
         (div(c.ms, 60000) + CASE WHEN row_number() OVER (PARTITION BY c.day ORDER BY c.ms % 60000 DESC, c.customer_id, c.category_id)
                                       <= div(sum(c.ms) OVER (PARTITION BY c.day), 60000) - sum(div(c.ms, 60000)) OVER (PARTITION BY c.day)
                                  THEN 1 ELSE 0 END)::integer,
         c.entrance, c.exit
  FROM (
  SELECT g.day::date AS day, s.customer_id, s.category_id,
         sum((extract(epoch FROM p.piece_end - p.piece_start) * 1000)::bigint) AS ms,
         min(p.piece_start) AS entrance, max(p.piece_end) AS exit
  FROM (
    -- By the (userId, startedAt) index from a day before; sessions that started earlier and still
    -- reach in are longer than a day, and come from the partial index of long sessions.
    SELECT e."customerId" AS customer_id, e."categoryId" AS category_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."organizationId" = p_org AND e."stoppedAt" IS NOT NULL
      AND e."startedAt" >= v_start - interval '1 day' AND e."startedAt" < v_end AND e."stoppedAt" > v_start
    UNION ALL
    SELECT e."customerId", e."categoryId", e."startedAt", e."stoppedAt"
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."organizationId" = p_org AND (e."stoppedAt" - e."startedAt") > interval '1 day'
      AND e."startedAt" < v_start - interval '1 day' AND e."stoppedAt" > v_start
  ) s
  CROSS JOIN LATERAL (
    SELECT (s.started_at AT TIME ZONE v_tz)::date AS first_day, ((s.stopped_at - interval '1 millisecond') AT TIME ZONE v_tz)::date AS last_day
  ) span
  CROSS JOIN LATERAL generate_series(greatest(span.first_day, p_from), least(span.last_day, p_to), interval '1 day') AS g(day)
  CROSS JOIN LATERAL (
    SELECT CASE WHEN span.first_day = span.last_day THEN s.started_at ELSE greatest(s.started_at, wd_day_start(g.day::date, v_tz)) END AS piece_start,
           CASE WHEN span.first_day = span.last_day THEN s.stopped_at ELSE least(s.stopped_at, wd_day_start(g.day::date + 1, v_tz)) END AS piece_end
  ) p
  WHERE p.piece_end > p.piece_start
  GROUP BY g.day, s.customer_id, s.category_id
  ) c;
  PERFORM wd_refresh_user_days(array_agg(p_org), array_agg(p_user), array_agg(g.day::date))
  FROM generate_series(p_from, p_to, interval '1 day') AS g(day);
END
$function$;
