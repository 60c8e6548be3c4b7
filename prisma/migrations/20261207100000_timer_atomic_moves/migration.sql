-- Issue 21, items 3 and 7: the timer's statements move a running start out of a locked month
-- themselves, and a batch never waits for another user's lock.
-- Not expressible in schema.prisma: listed in apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.
--
-- 1. The stop stores a session that runs across the lock boundary (its start lies in a month
--    approved while it ran) from the open month on, INSIDE the statement: after the user's lock,
--    in the same UPDATE as the stop, audited by the same STOP event (`before` = the entry as it ran,
--    with its original start; `after` = as stored). Before, the API moved the start by an UPDATE of
--    its own, outside the lock and the stop, without an audit event; a stop or switch refused
--    afterwards (customer archived, overlap, …) left the start moved. The rule is the one of
--    openStartForStop (apps/api/src/modules/months/month-lock.ts): the entry starts at local
--    midnight (the organisation's zone; its first instant where midnight happens twice) of the
--    month after the latest locked month the session touches; if now's month itself is locked (or
--    that midnight is not before now) → locked.
--    The API passes the start it checked the work rules against (p_start). When the start to store
--    differs (a month was approved, or reopened, since the API looked), the function answers
--    {status: moved, startedAt, month} and writes nothing: the API checks the rules again for that
--    start (a minimum session, the flag for a long one) and sends the stop again with it. So a
--    refusal, wherever it comes from, changes nothing.
-- 2. p_try: the turn batches (apps/api/src/modules/timer/timer-statements.ts) take each user's lock
--    with pg_try_advisory_xact_lock and answer {status: busy} when another transaction holds it;
--    the API then runs that write alone (p_try false: the blocking lock). One user's write no
--    longer waits for another user's lock in the same batch. The batched statement runs the calls
--    in the lock key's order (hashtext of the user id, as lockUserEntries), like approvals.
-- 3. lock_timeout: a timer statement waits at most 5 s for a lock (55P03 lock_not_available,
--    answered 503 SERVICE_UNAVAILABLE by apps/api/src/plugins/errors.ts), never for as long as a
--    stuck transaction holds one.
--
-- The signatures change (p_start, p_try; the switch's p_stop_start): the old functions are dropped.

DROP FUNCTION wd_timer_switch(text, text, timestamptz, boolean, text, text, boolean, text, jsonb, jsonb, text, text, text, text, jsonb);
DROP FUNCTION wd_timer_stop(text, text, text, timestamptz, text, boolean, boolean, text, text, jsonb, jsonb);
DROP FUNCTION wd_timer_start(text, text, text, text, text, timestamptz, boolean, text, jsonb);

-- Starts the timer: takes the user's lock, checks the payroll lock, re-checks that customer and
-- category are still usable, asks wd_first_clash when overlaps are not allowed, inserts the
-- running entry (the partial unique index refuses a second one) and its START audit event.
-- Answers ok | busy (p_try and the lock is held elsewhere; nothing done) | locked | stale | overlap | running.
CREATE FUNCTION wd_timer_start(p_org text, p_user text, p_entry text, p_customer text, p_category text, p_now timestamptz,
  p_check_overlap boolean, p_audit text, p_after jsonb, p_try boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c record;
  v_locked text;
BEGIN
  IF p_try THEN
    IF NOT pg_try_advisory_xact_lock(hashtext(p_user)) THEN
      RETURN jsonb_build_object('status', 'busy');
    END IF;
  ELSE
    PERFORM pg_advisory_xact_lock(hashtext(p_user));
  END IF;
  v_locked := wd_locked_month(p_org, p_user, p_now, NULL);
  IF v_locked IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'locked', 'month', v_locked);
  END IF;
  -- Each statement below takes a fresh snapshot, so it sees whatever the lock's last holder wrote.
  IF NOT EXISTS (SELECT 1 FROM "Customer" WHERE "organizationId" = p_org AND id = p_customer AND NOT archived)
     OR NOT EXISTS (SELECT 1 FROM "Category" WHERE "organizationId" = p_org AND id = p_category AND NOT archived) THEN
    RETURN jsonb_build_object('status', 'stale');
  END IF;
  IF p_check_overlap THEN
    SELECT * INTO c FROM wd_first_clash(p_org, p_user, NULL, p_now, NULL, false);
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'overlap', 'id', c.id, 'startedAt', c.started_at, 'stoppedAt', c.stopped_at, 'customer', c.customer);
    END IF;
  END IF;
  INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "note", "source", "createdById", "updatedAt")
  VALUES (p_entry, p_org, p_user, p_customer, p_category, p_now, '', 'TIMER', p_user, p_now)
  ON CONFLICT ("userId") WHERE "stoppedAt" IS NULL DO NOTHING;
  IF NOT FOUND THEN
    SELECT e.id, e."startedAt" AS started_at, cu.name AS customer INTO c
    FROM "WorkEntry" e JOIN "Customer" cu ON cu."organizationId" = e."organizationId" AND cu.id = e."customerId"
    WHERE e."organizationId" = p_org AND e."userId" = p_user AND e."stoppedAt" IS NULL;
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'running', 'id', c.id, 'startedAt', c.started_at, 'customer', c.customer);
    END IF;
    RETURN jsonb_build_object('status', 'running');
  END IF;
  INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "after")
  VALUES (p_audit, p_org, 'WorkEntry', p_entry, 'START', p_user, p_after);
  RETURN jsonb_build_object('status', 'ok');
END
$$;

-- Stops the running entry p_entry (read by the API a moment before, which checked the work rules
-- on it with the start p_start): under the user's lock, it must still be running; the start to
-- store is its own, or the open month's first instant when the session reaches back into an
-- approved month (locked if there is no open month to store it in); it must be p_start (else
-- moved); when overlaps are not allowed wd_first_clash must find nothing for [start, p_now); then
-- the stop (with the stored start) and its STOP audit event are written.
-- Answers ok | busy | not_running | locked | moved {startedAt, month} | overlap.
CREATE FUNCTION wd_timer_stop(p_org text, p_user text, p_entry text, p_start timestamptz, p_now timestamptz, p_note text,
  p_flagged boolean, p_check_overlap boolean, p_actor text, p_audit text, p_before jsonb, p_after jsonb, p_try boolean)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_started timestamptz;
  v_start timestamptz;
  v_midnight timestamp;
  v_open timestamptz;
  v_tz text;
  v_locked text;
  c record;
BEGIN
  IF p_try THEN
    IF NOT pg_try_advisory_xact_lock(hashtext(p_user)) THEN
      RETURN jsonb_build_object('status', 'busy');
    END IF;
  ELSE
    PERFORM pg_advisory_xact_lock(hashtext(p_user));
  END IF;
  SELECT "startedAt" INTO v_started FROM "WorkEntry"
  WHERE "organizationId" = p_org AND id = p_entry AND "userId" = p_user AND "stoppedAt" IS NULL;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'not_running');
  END IF;
  v_start := v_started;
  v_locked := wd_locked_month(p_org, p_user, v_started, p_now);
  IF v_locked IS NOT NULL THEN
    SELECT "timeZone" INTO v_tz FROM "Organization" WHERE id = p_org;
    v_midnight := to_date(v_locked, 'YYYY-MM') + interval '1 month';
    -- The first instant whose local time is that midnight or later. AT TIME ZONE takes the later
    -- of two instants for an ambiguous local time (clocks going back at midnight, e.g.
    -- America/Havana): the earlier one, an hour or half an hour before, is already in the month.
    SELECT min(t) INTO v_open
    FROM unnest(ARRAY[0, 30, 60, 120]) AS d(m), LATERAL (SELECT (v_midnight AT TIME ZONE v_tz) - make_interval(mins => d.m) AS t) x
    WHERE (x.t AT TIME ZONE v_tz) >= v_midnight;
    IF v_locked >= to_char(p_now AT TIME ZONE v_tz, 'YYYY-MM') OR v_open >= p_now THEN
      RETURN jsonb_build_object('status', 'locked', 'month', v_locked);
    END IF;
    v_start := greatest(v_open, v_started);
  END IF;
  IF v_start IS DISTINCT FROM p_start THEN
    RETURN jsonb_build_object('status', 'moved', 'startedAt', v_start, 'month', v_locked);
  END IF;
  IF p_check_overlap THEN
    SELECT * INTO c FROM wd_first_clash(p_org, p_user, p_entry, v_start, p_now, true);
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'overlap', 'id', c.id, 'startedAt', c.started_at, 'stoppedAt', c.stopped_at, 'customer', c.customer);
    END IF;
  END IF;
  UPDATE "WorkEntry"
  SET "startedAt" = v_start, "stoppedAt" = p_now, "note" = p_note, "flagged" = p_flagged, "stoppedById" = p_actor, "updatedById" = p_actor, "updatedAt" = p_now
  WHERE id = p_entry;
  INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "before", "after")
  VALUES (p_audit, p_org, 'WorkEntry', p_entry, 'STOP', p_actor, p_before, p_after);
  RETURN jsonb_build_object('status', 'ok');
END
$$;

-- "Switch to this customer" in one step: wd_timer_stop (with the start the API checked, moved out
-- of a locked month by the statement itself) and wd_timer_start at the same instant, inside a
-- block with an exception handler, i.e. a savepoint: when the start is refused, the raised answer
-- rolls the stop back too (the moved start with it), so the switch happens whole or not at all.
-- Answers {status: ok} | {step: stop, ...wd_timer_stop's answer} | {step: start, ...wd_timer_start's answer}.
CREATE FUNCTION wd_timer_switch(p_org text, p_user text, p_now timestamptz, p_check_overlap boolean,
  p_stop_entry text, p_stop_start timestamptz, p_note text, p_flagged boolean, p_stop_audit text, p_before jsonb, p_stopped jsonb,
  p_start_entry text, p_customer text, p_category text, p_start_audit text, p_started jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  s jsonb;
  r jsonb;
BEGIN
  BEGIN
    s := wd_timer_stop(p_org, p_user, p_stop_entry, p_stop_start, p_now, p_note, p_flagged, p_check_overlap, p_user, p_stop_audit, p_before, p_stopped, false);
    IF s->>'status' <> 'ok' THEN
      RETURN jsonb_build_object('step', 'stop') || s;
    END IF;
    r := wd_timer_start(p_org, p_user, p_start_entry, p_customer, p_category, p_now, p_check_overlap, p_start_audit, p_started, false);
    IF r->>'status' <> 'ok' THEN
      RAISE EXCEPTION USING MESSAGE = r::text;
    END IF;
    RETURN jsonb_build_object('status', 'ok');
  EXCEPTION WHEN raise_exception THEN
    RETURN jsonb_build_object('step', 'start') || SQLERRM::jsonb;
  END;
END
$$;

-- One generic plan per statement and connection (20261201171200_timer_statement_costs), and at
-- most 5 s of waiting for a lock.
ALTER FUNCTION wd_timer_start(text, text, text, text, text, timestamptz, boolean, text, jsonb, boolean) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION wd_timer_start(text, text, text, text, text, timestamptz, boolean, text, jsonb, boolean) SET lock_timeout = '5s';
ALTER FUNCTION wd_timer_stop(text, text, text, timestamptz, timestamptz, text, boolean, boolean, text, text, jsonb, jsonb, boolean) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION wd_timer_stop(text, text, text, timestamptz, timestamptz, text, boolean, boolean, text, text, jsonb, jsonb, boolean) SET lock_timeout = '5s';
ALTER FUNCTION wd_timer_switch(text, text, timestamptz, boolean, text, timestamptz, text, boolean, text, jsonb, jsonb, text, text, text, text, jsonb) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION wd_timer_switch(text, text, timestamptz, boolean, text, timestamptz, text, boolean, text, jsonb, jsonb, text, text, text, text, jsonb) SET lock_timeout = '5s';
