-- Issue 12/13: the overlap rule in ONE definition, and the timer's start and stop as one
-- statement each (one round trip) that still serialise per user.
--
-- wd_first_clash: the user's earliest entry other than p_exclude that overlaps [p_start, p_stop)
-- (p_stop null: a session starting now that runs on; a running entry reaches to infinity and
-- counts only when p_with_running). Every write path asks it (apps/api/src/modules/work-entries/
-- entry-rules.ts findClash, and the two timer functions below). It reads the three disjoint kinds
-- of candidates by index instead of a user's whole history: entries that started less than a day
-- before p_start (WorkEntry_userId_startedAt_idx), older finished entries longer than a day
-- (WorkEntry_long_sessions_idx) and an older running entry (WorkEntry_userId_running_key).
CREATE FUNCTION wd_first_clash(p_org text, p_user text, p_exclude text, p_start timestamptz, p_stop timestamptz, p_with_running boolean)
RETURNS TABLE (id text, started_at timestamptz, stopped_at timestamptz, customer text)
LANGUAGE sql STABLE AS $$
  SELECT k.id, k."startedAt", k."stoppedAt", c.name
  FROM (
    SELECT e.id, e."customerId", e."startedAt", e."stoppedAt" FROM "WorkEntry" e
    WHERE e."organizationId" = p_org AND e."userId" = p_user
      AND e."startedAt" > p_start - interval '1 day'
      AND (p_stop IS NULL OR e."startedAt" < p_stop)
      AND (e."stoppedAt" > p_start OR (e."stoppedAt" IS NULL AND p_with_running))
    UNION ALL
    SELECT e.id, e."customerId", e."startedAt", e."stoppedAt" FROM "WorkEntry" e
    WHERE e."organizationId" = p_org AND ("stoppedAt" - "startedAt") > interval '1 day'
      AND e."startedAt" <= p_start - interval '1 day' AND e."userId" = p_user AND e."stoppedAt" > p_start
    UNION ALL
    SELECT e.id, e."customerId", e."startedAt", e."stoppedAt" FROM "WorkEntry" e
    WHERE p_with_running AND e."userId" = p_user AND e."stoppedAt" IS NULL AND e."organizationId" = p_org
      AND e."startedAt" <= p_start - interval '1 day'
  ) k
  JOIN "Customer" c ON c."organizationId" = p_org AND c.id = k."customerId"
  WHERE p_exclude IS NULL OR k.id <> p_exclude
  ORDER BY k."startedAt", k.id
  LIMIT 1
$$;

-- Starts the timer: takes the user's lock (the same advisory lock as every other entry write),
-- re-checks that customer and category are still usable (the API read them from its cache), asks
-- wd_first_clash when overlaps are not allowed, inserts the running entry (the partial unique
-- index refuses a second one) and its START audit event. Answers a status the API turns into its
-- response: ok | stale (customer or category no longer usable) | overlap | running.
CREATE FUNCTION wd_timer_start(p_org text, p_user text, p_entry text, p_customer text, p_category text, p_now timestamptz,
  p_check_overlap boolean, p_audit text, p_after jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  c record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_user));
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
-- on it): under the user's lock, it must still be running, and when overlaps are not allowed
-- wd_first_clash must find nothing; then the stop and its STOP audit event are written.
-- Answers ok | not_running | overlap.
CREATE FUNCTION wd_timer_stop(p_org text, p_user text, p_entry text, p_now timestamptz, p_note text, p_flagged boolean,
  p_check_overlap boolean, p_actor text, p_audit text, p_before jsonb, p_after jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_started timestamptz;
  c record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_user));
  SELECT "startedAt" INTO v_started FROM "WorkEntry"
  WHERE "organizationId" = p_org AND id = p_entry AND "userId" = p_user AND "stoppedAt" IS NULL;
  IF NOT FOUND THEN
    RETURN jsonb_build_object('status', 'not_running');
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
