-- Issue 12: what the timer's statements cost PostgreSQL, measured per start+stop pair on one
-- connection (backend CPU, 20 users with a year of history; bench/README.md): 4.0–4.6 ms before,
-- about 1.8 ms after. Not expressible in schema.prisma: listed in
-- apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.

-- 1. The overlap rule's second kind of candidate (finished sessions longer than a day that started
-- more than a day before, wd_first_clash) was read through WorkEntry_userId_startedAt_idx, i.e.
-- every older entry of the user (about 1,000 rows a year, ~1 ms per start and per stop, growing
-- with the history). This index holds only those long sessions, per user.
CREATE INDEX "WorkEntry_userId_long_sessions_idx" ON "WorkEntry"("userId", "startedAt") WHERE ("stoppedAt" - "startedAt") > interval '1 day';

-- 2. wd_locked_month as plpgsql, same rule: a SQL function that cannot be inlined (it has a FROM)
-- plans its query on every call; plpgsql keeps the plan for the connection.
CREATE OR REPLACE FUNCTION wd_locked_month(p_org text, p_user text, p_start timestamptz, p_stop timestamptz)
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (
    SELECT m.month FROM "MonthClose" m JOIN "Organization" o ON o.id = m."organizationId"
    WHERE m."organizationId" = p_org AND m."userId" = p_user AND m.status = 'APPROVED'
      AND m.month >= to_char(p_start AT TIME ZONE o."timeZone", 'YYYY-MM')
      AND m.month <= to_char((CASE WHEN p_stop > p_start THEN p_stop - interval '1 millisecond' ELSE p_start END) AT TIME ZONE o."timeZone", 'YYYY-MM')
    ORDER BY m.month DESC
    LIMIT 1);
END
$$;

-- 3. The timer's statements keep one generic plan per statement and connection. With the default
-- (plan_cache_mode = auto) PostgreSQL re-plans wd_first_clash's three-branch query on every call,
-- because a plan made for the actual values (one branch pruned) is estimated cheaper than the
-- generic one; the generic plan uses the same indexes.
ALTER FUNCTION wd_timer_start(text, text, text, text, text, timestamptz, boolean, text, jsonb) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION wd_timer_stop(text, text, text, timestamptz, text, boolean, boolean, text, text, jsonb, jsonb) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION wd_timer_switch(text, text, timestamptz, boolean, text, text, boolean, text, jsonb, jsonb, text, text, text, text, jsonb) SET plan_cache_mode = force_generic_plan;
