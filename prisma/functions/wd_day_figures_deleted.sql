-- The current definition of wd_day_figures_deleted (last changed by 20261207130000_day_figures).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
CREATE OR REPLACE FUNCTION public.wd_day_figures_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM wd_refresh_changed((SELECT coalesce(jsonb_agg(jsonb_build_object('org', o."organizationId", 'usr', o."userId", 'started_at', o."startedAt", 'stopped_at', o."stoppedAt")), '[]')
                              FROM old_rows o WHERE o."stoppedAt" IS NOT NULL));
  RETURN NULL;
END
$function$;
