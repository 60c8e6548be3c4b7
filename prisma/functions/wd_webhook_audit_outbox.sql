-- The current definition of wd_webhook_audit_outbox (created by 20261209110000_webhooks).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- The webhook outbox of entries (trigger AuditEvent_webhook_outbox, AFTER INSERT FOR EACH ROW): an
-- audited WorkEntry change adds one WebhookDelivery per enabled webhook of the organisation that
-- subscribed to its type, in the same transaction. START → timer.started, STOP → timer.stopped
-- (also a manager's stop of a forgotten timer), CREATE and IMPORT (an imported entry, issue 27) →
-- entry.created, UPDATE → entry.updated,
-- DELETE → entry.deleted (also a discarded running timer). Without an enabled webhook it costs one
-- probe of Webhook_organizationId_idx.
CREATE OR REPLACE FUNCTION public.wd_webhook_audit_outbox()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_type text;
BEGIN
  IF NEW."entityType" <> 'WorkEntry' OR NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w."organizationId" = NEW."organizationId" AND w."disabledAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  v_type := CASE NEW.action::text
    WHEN 'START' THEN 'timer.started' WHEN 'STOP' THEN 'timer.stopped'
    WHEN 'CREATE' THEN 'entry.created' WHEN 'IMPORT' THEN 'entry.created' WHEN 'UPDATE' THEN 'entry.updated' WHEN 'DELETE' THEN 'entry.deleted' END;
  IF v_type IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO "WebhookDelivery" ("id", "organizationId", "webhookId", "eventId", "type", "occurredAt", "data", "nextAttemptAt")
  SELECT gen_random_uuid()::text, w."organizationId", w.id, NEW.id, v_type, NEW.at,
         jsonb_build_object('actorId', NEW."actorId", 'entry', COALESCE(NEW.after, NEW.before))
           || CASE WHEN NEW.action::text = 'UPDATE' THEN jsonb_build_object('previous', NEW.before) ELSE '{}'::jsonb END,
         NEW.at
  FROM "Webhook" w
  WHERE w."organizationId" = NEW."organizationId" AND w."disabledAt" IS NULL AND v_type = ANY (w.events);
  RETURN NULL;
END
$function$;
