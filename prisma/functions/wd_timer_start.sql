-- The current definition of wd_timer_start (last changed by 20261207100000_timer_atomic_moves).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- Starts the timer: takes the user's lock, checks the payroll lock, re-checks that customer and
-- category are still usable, asks wd_first_clash when overlaps are not allowed, inserts the
-- running entry (the partial unique index refuses a second one) and its START audit event.
-- Answers ok | busy (p_try and the lock is held elsewhere; nothing done) | locked | stale | overlap | running.
CREATE OR REPLACE FUNCTION public.wd_timer_start(p_org text, p_user text, p_entry text, p_customer text, p_category text, p_now timestamp with time zone, p_check_overlap boolean, p_audit text, p_after jsonb, p_try boolean)
 RETURNS jsonb
 LANGUAGE plpgsql
 SET plan_cache_mode TO 'force_generic_plan'
 SET lock_timeout TO '5s'
AS $function$
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
$function$;
