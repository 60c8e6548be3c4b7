-- The current definition of wd_locked_month (last changed by 20261201171200_timer_statement_costs).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- 2. wd_locked_month as plpgsql, same rule: a SQL function that cannot be inlined (it has a FROM)
-- plans its query on every call; plpgsql keeps the plan for the connection.
CREATE OR REPLACE FUNCTION public.wd_locked_month(p_org text, p_user text, p_start timestamp with time zone, p_stop timestamp with time zone)
 RETURNS text
 LANGUAGE plpgsql
 STABLE
AS $function$
BEGIN
  RETURN (
    SELECT m.month FROM "MonthClose" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m."organizationId" = p_org AND m."userId" = p_user AND m.status = 'APPROVED'
      AND m.month >= to_char(p_start AT TIME ZONE o."timeZone", 'YYYY-MM')
      AND m.month <= to_char((CASE WHEN p_stop > p_start THEN p_stop - interval '1 millisecond' ELSE p_start END) AT TIME ZONE o."timeZone", 'YYYY-MM')
    ORDER BY m.month DESC
    LIMIT 1);
END
$function$;
