-- The current definition of wd_refresh_user_months (first created by 20261210100000_user_day).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
-- Each user's month total (UserMonth: Σ of the month's kept day totals, UserDay.minutes) for the
-- months of the given days, summed again from the days (~22 rows by the primary key); a month
-- without days loses its row. The overtime account reads the months before the current one here.
CREATE OR REPLACE FUNCTION public.wd_refresh_user_months(p_orgs text[], p_users text[], p_days date[])
 RETURNS void
 LANGUAGE plpgsql
 SET jit TO 'off'
 SET plan_cache_mode TO 'force_generic_plan'
AS $function$
BEGIN
  WITH k AS (
    SELECT DISTINCT k.org, k.usr, date_trunc('month', k.day)::date AS first_day FROM unnest(p_orgs, p_users, p_days) AS k(org, usr, day)
  ),
  s AS (
    SELECT k.org, k.usr, to_char(k.first_day, 'YYYY-MM') AS month, sum(d.minutes) AS minutes
    FROM k
    LEFT JOIN "UserDay" d ON d."organizationId" = k.org AND d."userId" = k.usr
                         AND d.day >= k.first_day AND d.day < (k.first_day + interval '1 month')::date
    GROUP BY k.org, k.usr, k.first_day
  ),
  gone AS (
    DELETE FROM "UserMonth" m USING s
    WHERE s.minutes IS NULL AND m."organizationId" = s.org AND m."userId" = s.usr AND m.month = s.month
  )
  INSERT INTO "UserMonth" AS m ("organizationId", "userId", "month", "minutes")
  SELECT s.org, s.usr, s.month, s.minutes
  FROM s
  WHERE s.minutes IS NOT NULL
  ON CONFLICT ("organizationId", "userId", "month") DO UPDATE SET "minutes" = EXCLUDED."minutes"
  WHERE m."minutes" IS DISTINCT FROM EXCLUDED."minutes";
END
$function$;
