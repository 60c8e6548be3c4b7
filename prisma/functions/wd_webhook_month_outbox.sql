-- The current definition of wd_webhook_month_outbox (created by 20261209110000_webhooks).
-- Edit it here, not in a migration: the migrator applies this file after the migrations when the
-- database's pg_get_functiondef differs from the statement below (see prisma/functions/README.md).
--
-- The webhook outbox of months (trigger MonthEvent_webhook_outbox, AFTER INSERT FOR EACH ROW): an
-- approval adds month.approved, a reopen month.reopened, one WebhookDelivery per enabled webhook of
-- the organisation that subscribed to it, in the transaction of the change.
CREATE OR REPLACE FUNCTION public.wd_webhook_month_outbox()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  v_type text;
BEGIN
  v_type := CASE NEW.action::text WHEN 'APPROVE' THEN 'month.approved' WHEN 'REOPEN' THEN 'month.reopened' END;
  IF v_type IS NULL THEN
    RETURN NULL;
  END IF;
  INSERT INTO "WebhookDelivery" ("id", "organizationId", "webhookId", "eventId", "type", "occurredAt", "data", "nextAttemptAt")
  SELECT gen_random_uuid()::text, w."organizationId", w.id, NEW.id, v_type, NEW.at,
         jsonb_build_object('actorId', NEW."actorId", 'userId', NEW."userId", 'month', NEW.month, 'reason', NEW.reason),
         NEW.at
  FROM "Webhook" w
  WHERE w."organizationId" = NEW."organizationId" AND w."disabledAt" IS NULL AND v_type = ANY (w.events);
  RETURN NULL;
END
$function$;
