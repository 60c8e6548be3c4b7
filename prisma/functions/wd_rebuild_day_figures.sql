-- The current definition of wd_rebuild_day_figures (last changed by 20261207130000_day_figures).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- Every user's kept figures of one organisation, from scratch (its zone changed: every day is cut
-- at other instants). Also fills them for the entries that exist when this migration runs.
-- With 20261210100000_user_day the kept days and months (UserDay, UserMonth) go too, and come back
-- with the refreshes.
CREATE OR REPLACE FUNCTION public.wd_rebuild_day_figures(p_org text)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  r record;
BEGIN
  DELETE FROM "DayFigure" WHERE "organizationId" = p_org;
  DELETE FROM "UserDay" WHERE "organizationId" = p_org;
  DELETE FROM "UserMonth" WHERE "organizationId" = p_org;
  FOR r IN
    SELECT e."userId" AS usr, min((e."startedAt" AT TIME ZONE o."timeZone")::date) AS first_day,
           max(((e."stoppedAt" - interval '1 millisecond') AT TIME ZONE o."timeZone")::date) AS last_day
    FROM "WorkEntry" e JOIN "Organization" o ON o.id = e."organizationId"
    WHERE e."organizationId" = p_org AND e."stoppedAt" IS NOT NULL
    GROUP BY e."userId"
  LOOP
    PERFORM wd_refresh_day_figures(p_org, r.usr, r.first_day, r.last_day);
  END LOOP;
END
$function$;
