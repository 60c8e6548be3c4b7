-- Issue 23, item 1: the timer at the database's limit means cheaper SQL. What a start and a stop
-- cost PostgreSQL grew with the user's sessions of the day (bench/_timer-sql.ts; figures in
-- bench/README.md): the overlap check scanned every session the user started in the last 24 hours
-- and read the whole Customer table in its cached generic plan, and the kept day figures' trigger
-- worked the user's whole day out again from its sessions on every stop.
-- Not expressible in schema.prisma: listed in apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.

-- 1. Finished sessions per user by their stop: the overlap check finds the sessions that started
-- before a candidate and still run at its start by the stops after that start (for the timer,
-- none: nothing has stopped after now, nor after the running session's start), not by the
-- starts of the 24 hours before it.
CREATE INDEX "WorkEntry_userId_stoppedAt_idx" ON "WorkEntry"("userId", "stoppedAt") WHERE "stoppedAt" IS NOT NULL;

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
CREATE OR REPLACE FUNCTION wd_first_clash(p_org text, p_user text, p_exclude text, p_start timestamptz, p_stop timestamptz, p_with_running boolean)
RETURNS TABLE (id text, started_at timestamptz, stopped_at timestamptz, customer text)
LANGUAGE plpgsql STABLE AS $$
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
$$;

-- 3. The kept day figures (20261207130000_day_figures) without working a day out again when a
-- statement only ADDS finished sessions that each lie inside one local day: a stop (the row was
-- running, so it was in no figure), a manual entry, most of an import. Then each such session's
-- milliseconds are added to its cell (user, local day, customer, category) by one upsert, the
-- cell's entrance and exit widened: the same sums the refresh makes (a session inside one local
-- day is one piece, counted whole, with the same millisecond arithmetic). Any other change in
-- the statement (an edit or a delete of a finished session, a session across midnight, a zone
-- without an organisation) takes the refresh of the days it touches, as before, for all its rows.
-- A statement that writes only running sessions (a start) changes no figure and returns at once.
CREATE OR REPLACE FUNCTION wd_day_figures_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_slow boolean;
BEGIN
  SELECT bool_or(d.first_day IS DISTINCT FROM d.last_day) INTO v_slow
  FROM new_rows n
  LEFT JOIN "Organization" z ON z.id = n."organizationId"
  CROSS JOIN LATERAL (SELECT (n."startedAt" AT TIME ZONE z."timeZone")::date AS first_day,
                             ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE z."timeZone")::date AS last_day) d
  WHERE n."stoppedAt" IS NOT NULL;
  IF v_slow IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT v_slow THEN
    INSERT INTO "DayFigure" AS f ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "entrance", "exit")
    SELECT n."organizationId", n."userId", (n."startedAt" AT TIME ZONE z."timeZone")::date, n."customerId", n."categoryId",
           sum((extract(epoch FROM n."stoppedAt" - n."startedAt") * 1000)::bigint), min(n."startedAt"), max(n."stoppedAt")
    FROM new_rows n JOIN "Organization" z ON z.id = n."organizationId"
    WHERE n."stoppedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "userId", "day", "customerId", "categoryId") DO UPDATE
    SET "ms" = f."ms" + EXCLUDED."ms", "entrance" = least(f."entrance", EXCLUDED."entrance"), "exit" = greatest(f."exit", EXCLUDED."exit");
    RETURN NULL;
  END IF;
  PERFORM wd_refresh_changed((SELECT coalesce(jsonb_agg(jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")), '[]')
                              FROM new_rows n WHERE n."stoppedAt" IS NOT NULL));
  RETURN NULL;
END
$$;

-- An update: the rows whose figures can change (times, user, customer, category; a note or a
-- flag changes none) with a finished old or new version. All of them stops inside one local day
-- (old version running, so in no figure) → the upsert; else the refresh of the old and new
-- versions' days, as before.
CREATE OR REPLACE FUNCTION wd_day_figures_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_slow boolean;
BEGIN
  SELECT bool_or(o."stoppedAt" IS NOT NULL OR d.first_day IS DISTINCT FROM d.last_day) INTO v_slow
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  LEFT JOIN "Organization" z ON z.id = n."organizationId"
  CROSS JOIN LATERAL (SELECT (n."startedAt" AT TIME ZONE z."timeZone")::date AS first_day,
                             ((n."stoppedAt" - interval '1 millisecond') AT TIME ZONE z."timeZone")::date AS last_day) d
  WHERE (o."stoppedAt" IS NOT NULL OR n."stoppedAt" IS NOT NULL)
    AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
        IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId");
  IF v_slow IS NULL THEN
    RETURN NULL;
  END IF;
  IF NOT v_slow THEN
    INSERT INTO "DayFigure" AS f ("organizationId", "userId", "day", "customerId", "categoryId", "ms", "entrance", "exit")
    SELECT n."organizationId", n."userId", (n."startedAt" AT TIME ZONE z."timeZone")::date, n."customerId", n."categoryId",
           sum((extract(epoch FROM n."stoppedAt" - n."startedAt") * 1000)::bigint), min(n."startedAt"), max(n."stoppedAt")
    FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "Organization" z ON z.id = n."organizationId"
    WHERE o."stoppedAt" IS NULL AND n."stoppedAt" IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT ("organizationId", "userId", "day", "customerId", "categoryId") DO UPDATE
    SET "ms" = f."ms" + EXCLUDED."ms", "entrance" = least(f."entrance", EXCLUDED."entrance"), "exit" = greatest(f."exit", EXCLUDED."exit");
    RETURN NULL;
  END IF;
  PERFORM wd_refresh_changed((
    SELECT coalesce(jsonb_agg(x.v), '[]') FROM (
      SELECT jsonb_build_object('org', o."organizationId", 'usr', o."userId", 'started_at', o."startedAt", 'stopped_at', o."stoppedAt") AS v
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
      UNION ALL
      SELECT jsonb_build_object('org', n."organizationId", 'usr', n."userId", 'started_at', n."startedAt", 'stopped_at', n."stoppedAt")
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n."stoppedAt" IS NOT NULL AND (o."startedAt", o."stoppedAt", o."userId", o."customerId", o."categoryId")
            IS DISTINCT FROM (n."startedAt", n."stoppedAt", n."userId", n."customerId", n."categoryId")
    ) x));
  RETURN NULL;
END
$$;
