-- The current definition of wd_day_figures_inserted (last changed by 20261208130000_day_figure_minutes).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- 3. The kept day figures (20261207130000_day_figures) without working a day out again when a
-- statement only ADDS finished sessions that each lie inside one local day: a stop (the row was
-- running, so it was in no figure), a manual entry, most of an import. Then each such session's
-- milliseconds are added to its cell (user, local day, customer, category) by one upsert, the
-- cell's entrance and exit widened: the same sums the refresh makes (a session inside one local
-- day is one piece, counted whole, with the same millisecond arithmetic). Any other change in
-- the statement (an edit or a delete of a finished session, a session across midnight, a zone
-- without an organisation) takes the refresh of the days it touches, as before, for all its rows.
-- A statement that writes only running sessions (a start) changes no figure and returns at once.
-- With 20261210100000_user_day the fast path also adds each session to its kept day (UserDay) by
-- wd_user_days_add; the refresh keeps the days it works out (wd_refresh_day_figures).
CREATE OR REPLACE FUNCTION public.wd_day_figures_inserted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_slow boolean;
BEGIN
  SELECT bool_or(d.first_day IS DISTINCT FROM d.last_day) INTO v_slow
  FROM new_rows n
  LEFT JOIN "Organization" z ON z.id = n."organizationId"
  CROSS JOIN LATERAL (SELECT (n."startedAt" AT TIME ZONE z."timeZone")::date AS first_day,
                             ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE z."timeZone")::date AS last_day) d
  WHERE n."stoppedAt" IS NOT NULL;
  IF v_slow IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT v_slow THEN
    INSERT INTO "DayFigure" AS f ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "minutes", "entrance", "exit")
    SELECT n."organizationId", n."userId", (n."startedAt" AT TIME ZONE z."timeZone")::date, n."customerId", n."categoryId",
           sum((extract(epoch FROM n."stoppedAt" - n."startedAt") * 1000)::bigint), 0, min(n."startedAt"), max(n."stoppedAt")
    FROM new_rows n JOIN "Organization" z ON z.id = n."organizationId"
    WHERE n."stoppedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "userId", "day", "customerId", "categoryId") DO UPDATE
    SET "ms" = f."ms" + EXCLUDED."ms", "entrance" = least(f."entrance", EXCLUDED."entrance"), "exit" = greatest(f."exit", EXCLUDED."exit");
    PERFORM wd_share_day_minutes(d.org, d.usr, d.first_day, d.last_day)
    FROM (SELECT n."organizationId" AS org, n."userId" AS usr, min((n."startedAt" AT TIME ZONE z."timeZone")::date) AS first_day, max((n."startedAt" AT TIME ZONE z."timeZone")::date) AS last_day
          FROM new_rows n JOIN "Organization" z ON z.id = n."organizationId"
          WHERE n."stoppedAt" IS NOT NULL
          GROUP BY 1, 2) d;
    PERFORM wd_user_days_add(array_agg(n."organizationId"), array_agg(n."userId"), array_agg((n."startedAt" AT TIME ZONE z."timeZone")::date),
                             array_agg(n."startedAt"), array_agg(n."stoppedAt"))
    FROM new_rows n JOIN "Organization" z ON z.id = n."organizationId"
    WHERE n."stoppedAt" IS NOT NULL;
    RETURN NULL;
  END IF;
  PERFORM wd_refresh_changed((SELECT coalesce(jsonb_agg(jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")), '[]')
                              FROM new_rows n WHERE n."stoppedAt" IS NOT NULL));
  RETURN NULL;
END
$function$;
