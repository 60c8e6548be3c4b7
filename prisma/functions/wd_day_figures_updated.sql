-- The current definition of wd_day_figures_updated (last changed by 20261208130000_day_figure_minutes).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- An update: the rows whose figures can change (times, user, customer, category; a note or a
-- flag changes none) with a finished old or new version. All of them stops inside one local day
-- (old version running, so in no figure) → the upsert; else the refresh of the old and new
-- versions' days, as before.
-- With 20261210100000_user_day the fast path also adds each stopped session to its kept day
-- (UserDay) by wd_user_days_add; the refresh keeps the days it works out (wd_refresh_day_figures).
CREATE OR REPLACE FUNCTION public.wd_day_figures_updated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_slow boolean;
BEGIN
  SELECT bool_or(o."stoppedAt" IS NOT NULL OR d.first_day IS DISTINCT FROM d.last_day) INTO v_slow
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  LEFT JOIN "Organization" z ON z.id = n."organizationId"
  CROSS JOIN LATERAL (SELECT (n."startedAt" AT TIME ZONE z."timeZone")::date AS first_day,
                             ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE z."timeZone")::date AS last_day) d
  WHERE (o."stoppedAt" IS NOT NULL OR n."stoppedAt" IS NOT NULL)
    AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
        IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId");
  IF v_slow IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT v_slow THEN
    INSERT INTO "DayFigure" AS f ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "minutes", "entrance", "exit")
    SELECT n."organizationId", n."userId", (n."startedAt" AT TIME ZONE z."timeZone")::date, n."customerId", n."categoryId",
           sum((extract(epoch FROM n."stoppedAt" - n."startedAt") * 1000)::bigint), 0, min(n."startedAt"), max(n."stoppedAt")
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "Organization" z ON z.id = n."organizationId"
    WHERE o."stoppedAt" IS NULL AND n."stoppedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "userId", "day", "customerId", "categoryId") DO UPDATE
    SET "ms" = f."ms" + EXCLUDED."ms", "entrance" = least(f."entrance", EXCLUDED."entrance"), "exit" = greatest(f."exit", EXCLUDED."exit");
    PERFORM wd_share_day_minutes(d.org, d.usr, d.first_day, d.last_day)
    FROM (SELECT n."organizationId" AS org, n."userId" AS usr, min((n."startedAt" AT TIME ZONE z."timeZone")::date) AS first_day, max((n."startedAt" AT TIME ZONE z."timeZone")::date) AS last_day
          FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "Organization" z ON z.id = n."organizationId"
          WHERE o."stoppedAt" IS NULL AND n."stoppedAt" IS NOT NULL
          GROUP BY 1, 2) d;
    PERFORM wd_user_days_add(array_agg(n."organizationId"), array_agg(n."userId"), array_agg((n."startedAt" AT TIME ZONE z."timeZone")::date),
                             array_agg(n."startedAt"), array_agg(n."stoppedAt"))
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "Organization" z ON z.id = n."organizationId"
    WHERE o."stoppedAt" IS NULL AND n."stoppedAt" IS NOT NULL;
    RETURN NULL;
  END IF;
  PERFORM wd_refresh_changed((
    SELECT coalesce(jsonb_agg(x.v), '[]') FROM (
      SELECT jsonb_build_object('org', o."organizationId", 'usr', o."userId", 'started_at', o."startedAt", 'stopped_at', o."stoppedAt") AS v
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
      UNION ALL
      SELECT jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
    ) x));
  RETURN NULL;
END
$function$;
