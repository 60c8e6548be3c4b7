-- Issue 28: webhooks. Deliveries come from an outbox written in the transaction of the change
-- itself: AFTER INSERT triggers on AuditEvent (every WorkEntry create/edit/start/stop/delete is
-- audited in its write's transaction, by the services and by wd_timer_start/wd_timer_stop) and on
-- MonthEvent (approve, reopen) add one WebhookDelivery per enabled, subscribed webhook. A rolled-back
-- change leaves no delivery, a committed one is never lost; an organisation without an enabled
-- webhook pays one probe of Webhook_organizationId_idx per audited write.
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT[],
    "secret" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabledAt" TIMESTAMPTZ(3),
    "disabledReason" TEXT,
    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Webhook_organizationId_idx" ON "Webhook"("organizationId");
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "data" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "responseStatus" INTEGER,
    "responseTimeMs" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookDelivery_webhookId_createdAt_idx" ON "WebhookDelivery"("webhookId", "createdAt");
CREATE INDEX "WebhookDelivery_organizationId_idx" ON "WebhookDelivery"("organizationId");
-- The worker's claim reads only the due rows.
CREATE INDEX "WebhookDelivery_due_idx" ON "WebhookDelivery"("nextAttemptAt") WHERE "status" = 'PENDING';
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION wd_webhook_audit_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_type text;
BEGIN
  IF NEW."entityType" <> 'WorkEntry' OR NOT EXISTS (SELECT 1 FROM "Webhook" w WHERE w."organizationId" = NEW."organizationId" AND w."disabledAt" IS NULL) THEN
    RETURN NULL;
  END IF;
  v_type := CASE NEW.action::text
    WHEN 'START' THEN 'timer.started' WHEN 'STOP' THEN 'timer.stopped'
    WHEN 'CREATE' THEN 'entry.created' WHEN 'UPDATE' THEN 'entry.updated' WHEN 'DELETE' THEN 'entry.deleted' END;
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
$$;

CREATE FUNCTION wd_webhook_month_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
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
$$;

CREATE TRIGGER "AuditEvent_webhook_outbox" AFTER INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION wd_webhook_audit_outbox();
CREATE TRIGGER "MonthEvent_webhook_outbox" AFTER INSERT ON "MonthEvent" FOR EACH ROW EXECUTE FUNCTION wd_webhook_month_outbox();
