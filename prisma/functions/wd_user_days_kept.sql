-- The current definition of wd_user_days_kept (first created by 20261210100000_user_day).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
-- DayFigure's statement trigger (insert, update, delete): the user-days its rows touched, old and
-- new, refreshed in UserDay by wd_refresh_user_days, in the same transaction.
CREATE OR REPLACE FUNCTION public.wd_user_days_kept()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_orgs text[];
  v_users text[];
  v_days date[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n."organizationId"), array_agg(n."userId"), array_agg(n.day) INTO v_orgs, v_users, v_days FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(k.org), array_agg(k.usr), array_agg(k.day) INTO v_orgs, v_users, v_days
    FROM (SELECT n."organizationId" AS org, n."userId" AS usr, n.day FROM new_rows n
          UNION SELECT o."organizationId", o."userId", o.day FROM old_rows o) k;
  ELSE
    SELECT array_agg(o."organizationId"), array_agg(o."userId"), array_agg(o.day) INTO v_orgs, v_users, v_days FROM old_rows o;
  END IF;
  IF v_orgs IS NOT NULL THEN
    PERFORM wd_refresh_user_days(v_orgs, v_users, v_days);
  END IF;
  RETURN NULL;
END
$function$;
