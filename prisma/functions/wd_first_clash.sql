-- The current definition of wd_first_clash (last changed by 20261207140000_timer_costs).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- 2. wd_first_clash, same signature and answer (the user's earliest entry other than p_exclude,
-- by start then id, that overlaps [p_start, p_stop); p_stop null: runs on; a running entry reaches
-- to infinity and counts only when p_with_running), as bounded index lookups. A clash either
--   (a) started before p_start and is still going at p_start: a finished one that stops within
--       24 hours after p_start (WorkEntry_userId_stoppedAt_idx, stoppedAt in (p_start, p_start +
--       24 h]), a finished one longer than a day (WorkEntry_userId_long_sessions_idx: a session
--       that started before p_start and stops more than 24 h after it is longer than a day), or
--       the running one (WorkEntry_userId_running_key);
--   (b) or starts in [p_start, p_stop): the first of those by (userId, startedAt), skipping at
--       most p_exclude and a running one.
-- Every (a) starts before every (b), so the earliest clash is the earliest (a), else the first
-- (b). The customer's name is read for that one row only (the cached plan of the former SQL
-- function, inlined into the timer's statements, hash-joined the whole Customer table).
-- plpgsql: each query keeps its own plan per connection (the timer's statements run it with
-- plan_cache_mode = force_generic_plan; every bound above is an index condition in that plan).
CREATE OR REPLACE FUNCTION public.wd_first_clash(p_org text, p_user text, p_exclude text, p_start timestamp with time zone, p_stop timestamp with time zone, p_with_running boolean)
 RETURNS TABLE(id text, started_at timestamp with time zone, stopped_at timestamp with time zone, customer text)
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
  k record;
  v_stop timestamptz := coalesce(p_stop, 'infinity'::timestamptz);
BEGIN
  SELECT x.entry_id, x.entry_start, x.entry_stop, x.customer_id INTO k
  FROM (
    SELECT e.id AS entry_id, e."startedAt" AS entry_start, e."stoppedAt" AS entry_stop, e."customerId" AS customer_id
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."stoppedAt" IS NOT NULL AND e."stoppedAt" > p_start AND e."stoppedAt" <= p_start + interval '24 hours'
      AND e."startedAt" < p_start AND e."organizationId" = p_org
    UNION ALL
    SELECT e.id, e."startedAt", e."stoppedAt", e."customerId"
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND (e."stoppedAt" - e."startedAt") > interval '1 day'
      AND e."startedAt" < p_start AND e."stoppedAt" > p_start AND e."organizationId" = p_org
    UNION ALL
    SELECT e.id, e."startedAt", e."stoppedAt", e."customerId"
    FROM "WorkEntry" e
    WHERE p_with_running AND e."userId" = p_user AND e."stoppedAt" IS NULL AND e."startedAt" < p_start AND e."organizationId" = p_org
  ) x
  WHERE x.entry_start < v_stop AND x.entry_id IS DISTINCT FROM p_exclude
  ORDER BY x.entry_start, x.entry_id
  LIMIT 1;
  IF NOT FOUND THEN
    SELECT e.id AS entry_id, e."startedAt" AS entry_start, e."stoppedAt" AS entry_stop, e."customerId" AS customer_id INTO k
    FROM "WorkEntry" e
    WHERE e."userId" = p_user AND e."startedAt" >= p_start AND e."startedAt" < v_stop AND e."organizationId" = p_org
      AND (e."stoppedAt" IS NOT NULL OR p_with_running) AND e.id IS DISTINCT FROM p_exclude
    ORDER BY e."startedAt", e.id
    LIMIT 1;
    IF NOT FOUND THEN
      RETURN;
    END IF;
  END IF;
  RETURN QUERY
    SELECT k.entry_id, k.entry_start, k.entry_stop, c.name
    FROM "Customer" c WHERE c."organizationId" = p_org AND c.id = k.customer_id;
END
$function$;
