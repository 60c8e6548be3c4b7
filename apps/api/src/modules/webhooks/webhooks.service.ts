import crypto from 'node:crypto';
import { AppError, WEBHOOK_TEST_EVENT, type Webhook, type WebhookBody, type WebhookDelivery, type WebhookPatch } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Actor } from '../../lib/permissions.ts';
import { assertTargetAllowed } from './webhook-target.ts';

/** The newest deliveries a log shows. */
const LOG_SIZE = 100;

type Row = { id: string; url: string; events: string[]; createdAt: Date; disabledAt: Date | null; disabledReason: string | null };

async function toWire(db: ScopedDb, rows: Row[]): Promise<Webhook[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [pending, last] = await Promise.all([
    db.webhookDelivery.groupBy({ by: ['webhookId'], where: { webhookId: { in: ids }, status: 'PENDING' }, _count: { _all: true } }),
    db.webhookDelivery.groupBy({ by: ['webhookId', 'status'], where: { webhookId: { in: ids }, status: { in: ['SUCCEEDED', 'FAILED'] } }, _max: { lastAttemptAt: true } }),
  ]);
  const pendingOf = new Map(pending.map((p) => [p.webhookId, p._count._all]));
  const lastOf = (id: string, status: 'SUCCEEDED' | 'FAILED') => last.find((l) => l.webhookId === id && l.status === status)?._max.lastAttemptAt?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    events: r.events,
    createdAt: r.createdAt.toISOString(),
    enabled: r.disabledAt === null,
    disabledAt: r.disabledAt?.toISOString() ?? null,
    disabledReason: r.disabledReason,
    pending: pendingOf.get(r.id) ?? 0,
    lastSuccessAt: lastOf(r.id, 'SUCCEEDED'),
    lastFailureAt: lastOf(r.id, 'FAILED'),
  }));
}

const audit = (db: ScopedDb | Prisma.TransactionClient, actor: Actor, action: 'CREATE' | 'UPDATE' | 'DELETE', id: string, before: object | null, after: object | null) =>
  (db as ScopedDb).auditEvent.create({
    data: { id: newId(), entityType: 'Webhook', entityId: id, action, actorId: actor.userId, before: before ?? undefined, after: after ?? undefined } as unknown as Prisma.AuditEventUncheckedCreateInput,
  });

/** Creates a webhook (audited); its signing secret is answered only here. */
export async function createWebhook({ db, actor, body, allowPrivate }: { db: ScopedDb; actor: Actor; body: WebhookBody; allowPrivate: boolean }): Promise<{ id: string; secret: string }> {
  await assertTargetAllowed(body.url, allowPrivate);
  const id = newId();
  const secret = `whsec_${crypto.randomBytes(32).toString('base64url')}`;
  const events = [...new Set(body.events)];
  await db.$transaction(async (tx) => {
    await tx.webhook.create({ data: { id, url: body.url, events, secret, createdById: actor.userId } as Prisma.WebhookUncheckedCreateInput });
    await audit(tx as unknown as ScopedDb, actor, 'CREATE', id, null, { url: body.url, events });
  });
  return { id, secret };
}

export async function listWebhooks({ db }: { db: ScopedDb }): Promise<{ items: Webhook[] }> {
  const rows = await db.webhook.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return { items: await toWire(db, rows) };
}

async function findOrThrow(db: ScopedDb, id: string): Promise<Row> {
  const row = await db.webhook.findFirst({ where: { id } });
  if (!row) throw new AppError('NOT_FOUND', 'No such webhook.');
  return row;
}

/**
 * Turns a webhook on again (after it was turned off for failing) or off. Turned on, the deliveries
 * that waited meanwhile go out at once.
 */
export async function setWebhookEnabled({ db, actor, id, body, now }: { db: ScopedDb; actor: Actor; id: string; body: WebhookPatch; now: Date }): Promise<Webhook> {
  const current = await findOrThrow(db, id);
  if (body.enabled !== (current.disabledAt === null)) {
    await db.$transaction(async (tx) => {
      await tx.webhook.update({ where: { id }, data: body.enabled ? { disabledAt: null, disabledReason: null } : { disabledAt: now, disabledReason: 'MANUAL' } });
      if (body.enabled) await tx.webhookDelivery.updateMany({ where: { webhookId: id, status: 'PENDING' }, data: { nextAttemptAt: now } });
      await audit(tx as unknown as ScopedDb, actor, 'UPDATE', id, { enabled: !body.enabled }, { enabled: body.enabled });
    });
  }
  const [wire] = await toWire(db, [await findOrThrow(db, id)]);
  return wire as Webhook;
}

/** Deletes the webhook and its delivery log (audited); what was still pending is not sent. */
export async function deleteWebhook({ db, actor, id }: { db: ScopedDb; actor: Actor; id: string }): Promise<void> {
  const current = await findOrThrow(db, id);
  await db.$transaction(async (tx) => {
    await tx.webhook.deleteMany({ where: { id } });
    await audit(tx as unknown as ScopedDb, actor, 'DELETE', id, { url: current.url, events: current.events }, null);
  });
}

export async function listDeliveries({ db, id }: { db: ScopedDb; id: string }): Promise<{ items: WebhookDelivery[] }> {
  await findOrThrow(db, id);
  const rows = await db.webhookDelivery.findMany({ where: { webhookId: id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: LOG_SIZE });
  return {
    items: rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      type: r.type,
      occurredAt: r.occurredAt.toISOString(),
      status: r.status,
      attempts: r.attempts,
      lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
      responseStatus: r.responseStatus,
      responseTimeMs: r.responseTimeMs,
      error: r.lastError,
      nextAttemptAt: r.status === 'PENDING' ? (r.nextAttemptAt?.toISOString() ?? null) : null,
    })),
  };
}

/** Queues a `webhook.test` delivery (one attempt, no retries; also to a turned-off webhook). */
export async function queueTestEvent({ db, actor, id, now }: { db: ScopedDb; actor: Actor; id: string; now: Date }): Promise<{ id: string; eventId: string }> {
  await findOrThrow(db, id);
  const delivery = { id: newId(), eventId: newId() };
  await db.webhookDelivery.create({
    data: {
      ...delivery, webhookId: id, type: WEBHOOK_TEST_EVENT, occurredAt: now, nextAttemptAt: now,
      data: { webhookId: id, actorId: actor.userId, message: 'A test event from Workdiary.' },
    } as unknown as Prisma.WebhookDeliveryUncheckedCreateInput,
  });
  return delivery;
}
