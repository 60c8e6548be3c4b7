-- Issue 15: the payroll lock inside the timer's single statements. The API checks the lock before
-- it calls wd_timer_start / wd_timer_stop, but outside the user's advisory lock, so an approval
-- landing between that check and the statement could let one start or stop into a month that was
-- just approved. Approving takes the same per-user lock (months.service), so checking again here,
-- after pg_advisory_xact_lock, closes that window: either the timer write commits first and the
-- approval then locks a month that contains it, or the approval commits first and the statement
-- answers {status: locked, month}, which the API turns into 409 MONTH_LOCKED.
-- wd_timer_switch calls both functions, so it is covered too.
-- Not expressible in schema.prisma: listed in apps/api/src/db/schema-drift.test.ts SQL_ONLY_INVARIANTS.

-- The latest month ('YYYY-MM' in the organisation's zone) approved for p_user among the months whose
-- local days the span [p_start, p_stop) touches; a running span (p_stop null) touches only its
-- start's month. The same rule as monthsOfSpan in apps/api/src/modules/months/month-lock.ts.
CREATE FUNCTION wd_locked_month(p_org text, p_user text, p_start timestamptz, p_stop timestamptz)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT m.month FROM "MonthClose" m JOIN "Organization" o ON o.id = m."organizationId"
  WHERE m."organizationId" = p_org AND m."userId" = p_user AND m.status = 'APPROVED'
    AND m.month >= to_char(p_start AT TIME ZONE o."timeZone", 'YYYY-MM')
    AND m.month <= to_char((CASE WHEN p_stop > p_start THEN p_stop - interval '1 millisecond' ELSE p_start END) AT TIME ZONE o."timeZone", 'YYYY-MM')
  ORDER BY m.month DESC
  LIMIT 1
$$;

CREATE OR REPLACE FUNCTION wd_timer_start(p_org text, p_user text, p_entry text, p_customer text, p_category text, p_now timestamptz,
  p_check_overlap boolean, p_audit text, p_after jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c record;
  v_locked text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_user));
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


CREATE OR REPLACE FUNCTION wd_timer_stop(p_org text, p_user text, p_entry text, p_now timestamptz, p_note text, p_flagged boolean,
  p_check_overlap boolean, p_actor text, p_audit text, p_before jsonb, p_after jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_started timestamptz;
  c record;
  v_locked text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_user));
  SELECT "startedAt" INTO v_started FROM "WorkEntry"
  WHERE "organizationId" = p_org AND id = p_entry AND "userId" = p_user AND "stoppedAt" IS NULL;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'not_running');
  END IF;
  v_locked := wd_locked_month(p_org, p_user, v_started, p_now);
  IF v_locked IS NOT NULL THEN
    RETURN jsonb_build_object('status', 'locked', 'month', v_locked);
  END IF;
  IF p_check_overlap THEN
    SELECT * INTO c FROM wd_first_clash(p_org, p_user, p_entry, v_started, p_now, true);
    IF FOUND THEN
      RETURN jsonb_build_object('status', 'overlap', 'id', c.id, 'startedAt', c.started_at, 'stoppedAt', c.stopped_at, 'customer', c.customer);
    END IF;
  END IF;
  UPDATE "WorkEntry"
  SET "stoppedAt" = p_now, "note" = p_note, "flagged" = p_flagged, "stoppedById" = p_actor, "updatedById" = p_actor, "updatedAt" = p_now
  WHERE id = p_entry;
  INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "before", "after")
  VALUES (p_audit, p_org, 'WorkEntry', p_entry, 'STOP', p_actor, p_before, p_after);
  RETURN jsonb_build_object('status', 'ok');
END
$$;
