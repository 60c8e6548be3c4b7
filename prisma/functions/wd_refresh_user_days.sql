-- The current definition of wd_refresh_user_days (first created by 20261210100000_user_day).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
-- Brings the kept day totals (UserDay) of the given (organisation, user, day) keys to their cells
-- (DayFigure): Σ ms and floor(Σ ms / 60000); a day without cells loses its row.
CREATE OR REPLACE FUNCTION public.wd_refresh_user_days(p_orgs text[], p_users text[], p_days date[])
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
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
  )
  INSERT INTO "UserDay" ("organizationId", "userId", "day", "ms", "minutes")
  SELECT s.org, s.usr, s.day, s.ms, div(s.ms, 60000)::integer
  FROM s
  WHERE s.ms IS NOT NULL
  ON CONFLICT ("organizationId", "userId", "day") DO UPDATE SET "ms" = EXCLUDED."ms", "minutes" = EXCLUDED."minutes"
  WHERE "UserDay"."ms" IS DISTINCT FROM EXCLUDED."ms";
END
$function$;
