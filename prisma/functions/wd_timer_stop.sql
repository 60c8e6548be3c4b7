-- The current definition of wd_timer_stop (last changed by 20261207100000_timer_atomic_moves).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- Stops the running entry p_entry (read by the API a moment before, which checked the work rules
-- on it with the start p_start): under the user's lock, it must still be running; the start to
-- store is its own, or the open month's first instant when the session reaches back into an
-- approved month (locked if there is no open month to store it in); it must be p_start (else
-- moved); when overlaps are not allowed wd_first_clash must find nothing for [start, p_now); then
-- the stop (with the stored start) and its STOP audit event are written.
-- Answers ok | busy | not_running | locked | moved {startedAt, month} | overlap.
CREATE OR REPLACE FUNCTION public.wd_timer_stop(p_org text, p_user text, p_entry text, p_start timestamp with time zone, p_now timestamp with time zone, p_note text, p_flagged boolean, p_check_overlap boolean, p_actor text, p_audit text, p_before jsonb, p_after jsonb, p_try boolean)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
 SET lock_timeout TO '5s'
AS $function$
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
$function$;
