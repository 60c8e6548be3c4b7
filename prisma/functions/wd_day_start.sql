-- The current definition of wd_day_start (last changed by 20261207130000_day_figures).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- The first instant of local day p_day in p_tz, as the shared dayBounds (packages/shared
-- local-time.ts) has it: its midnight; where the clock went back over midnight (the hour repeats)
-- the earlier of the two; where a spring-forward gap swallowed midnight, the end of the gap
-- (PostgreSQL's reading of a nonexistent local time with the offset before the change).
CREATE OR REPLACE FUNCTION public.wd_day_start(p_day date, p_tz text)
 RETURNS timestamp with time zone
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  c timestamptz := p_day::timestamp AT TIME ZONE p_tz;
  before_offset interval := ((c - interval '1 day') AT TIME ZONE p_tz) - ((c - interval '1 day') AT TIME ZONE 'UTC');
  earlier timestamptz := (p_day::timestamp - before_offset) AT TIME ZONE 'UTC';
BEGIN
  IF earlier < c AND (earlier AT TIME ZONE p_tz) = p_day::timestamp THEN
    RETURN earlier;
  END IF;
  RETURN c;
END
$function$;
