-- The current definition of wd_refresh_changed (last changed by 20261207130000_day_figures).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- The local days (in the organisation's zone) each changed finished session touches, per user:
-- the statement triggers below refresh those, once per user and statement.
CREATE OR REPLACE FUNCTION public.wd_refresh_changed(p_changed jsonb)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.org, c.usr, min((c.started_at AT TIME ZONE o."timeZone")::date) AS first_day,
           max(((CASE WHEN c.stopped_at > c.started_at THEN c.stopped_at - interval '1 millisecond' ELSE c.started_at END) AT TIME ZONE o."timeZone")::date) AS last_day
    FROM jsonb_to_recordset(p_changed) AS c(org text, usr text, started_at timestamptz, stopped_at timestamptz)
    JOIN "Organization" o ON o.id = c.org
    WHERE c.stopped_at IS NOT NULL
    GROUP BY c.org, c.usr
  LOOP
    PERFORM wd_refresh_day_figures(r.org, r.usr, r.first_day, r.last_day);
  END LOOP;
END
$function$;
