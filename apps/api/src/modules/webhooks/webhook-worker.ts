import crypto from 'node:crypto';
import { Agent, fetch } from 'undici';
import { WEBHOOK_TEST_EVENT } from '@workdiary/shared';
import type { UnscopedSql } from '../../db/engine.ts';
import type { EventBus } from '../../lib/events.ts';
import { literalHostRefused, publicOnlyLookup } from './webhook-target.ts';

/**
 * Waits after the 1st, 2nd, … failed attempt: growing, the first within a minute, ten attempts
 * over about a day (23 h 42 min). After the last one the delivery is FAILED and its webhook is
 * turned off (disabledReason FAILING, an audit event; the admins' screen shows it).
 */
export const RETRY_DELAYS_MS = [30e3, 2 * 60e3, 10 * 60e3, 30 * 60e3, 60 * 60e3, 2 * 3600e3, 4 * 3600e3, 8 * 3600e3, 8 * 3600e3];
/** How long an attempt may take from connecting to the answer's status line. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** A claimed delivery is another worker's again after this (its worker died while sending). */
const LEASE_MS = 60_000;
const BATCH = 10;

export type WebhookWorkerOptions = {
  sql: UnscopedSql;
  allowPrivate: boolean;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** The worker's clock (tests move it on instead of waiting). */
  now?: () => Date;
  retryDelaysMs?: number[];
  timeoutMs?: number;
  /** Wake up at once on the organisation's entry and timer events (any instance's, through the bus). */
  events?: EventBus;
};

export type WebhookWorker = {
  /** Polls every `intervalMs` (and wakes on events) until stopped. */
  start(intervalMs: number): void;
  /** Soon, instead of at the next poll (a test event was queued). */
  wake(): void;
  /** Claims and sends what is due now, until nothing is; answers how many attempts were made. */
  runOnce(): Promise<number>;
  /** No new claims; waits for the attempts in flight (each ends within the timeout). */
  stop(): Promise<void>;
};

type Claimed = {
  id: string;
  eventId: string;
  type: string;
  occurredAt: Date | string;
  data: unknown;
  attempts: number;
  webhookId: string;
  url: string;
  secret: string;
};

/** `sha256=<hex HMAC-SHA256 of the raw body with the secret>`. */
export const signature = (secret: string, body: string) => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

// One statement: the due deliveries of enabled webhooks (a test event also of a disabled one),
// oldest first, rows other workers hold skipped; each is leased (nextAttemptAt moved past the
// attempt) and counted as attempted, so whichever worker claims it, it goes out once. The outer
// conditions repeat the inner ones: should a row be claimed by another worker between the two,
// PostgreSQL re-checks them on the row's new version (the lease) and leaves it out.
const CLAIM = `
UPDATE "WebhookDelivery" d
SET "nextAttemptAt" = $2, "attempts" = d."attempts" + 1, "lastAttemptAt" = $1
FROM "Webhook" w
WHERE w.id = d."webhookId" AND d."status" = 'PENDING' AND d."nextAttemptAt" <= $1 AND d.id IN (
  SELECT d2.id FROM "WebhookDelivery" d2 JOIN "Webhook" w2 ON w2.id = d2."webhookId"
  WHERE d2."status" = 'PENDING' AND d2."nextAttemptAt" <= $1 AND (w2."disabledAt" IS NULL OR d2."type" = '${WEBHOOK_TEST_EVENT}')
  ORDER BY d2."nextAttemptAt"
  LIMIT ${BATCH}
  FOR UPDATE OF d2 SKIP LOCKED
)
RETURNING d.id, d."eventId", d."type", d."occurredAt", d."data", d."attempts", w.id AS "webhookId", w.url, w.secret`;

// The outcome, only if this worker's claim still holds (same attempt count, still pending).
const RECORD = `
UPDATE "WebhookDelivery" SET "status" = $3::"WebhookDeliveryStatus", "nextAttemptAt" = $4, "responseStatus" = $5, "responseTimeMs" = $6, "lastError" = $7
WHERE id = $1 AND "attempts" = $2 AND "status" = 'PENDING'`;

// Turned off after a delivery gave up, with an audit event in the same statement (actor: the
// webhook's creator, the admin it belongs to).
const DISABLE = `
WITH w AS (
  UPDATE "Webhook" SET "disabledAt" = $2, "disabledReason" = 'FAILING' WHERE id = $1 AND "disabledAt" IS NULL
  RETURNING id, "organizationId", "createdById", url
)
INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "before", "after")
SELECT $3, w."organizationId", 'Webhook', w.id, 'UPDATE', w."createdById", jsonb_build_object('enabled', true),
       jsonb_build_object('enabled', false, 'disabledReason', 'FAILING', 'url', w.url, 'deliveryId', $4::text)
FROM w`;

/** Finished deliveries are kept this long (the log shows the newest 100 per webhook). */
export const KEEP_FINISHED_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
// A bounded batch per run, so a large backlog never makes one long statement.
const PRUNE = `
DELETE FROM "WebhookDelivery" WHERE id IN (
  SELECT id FROM "WebhookDelivery" WHERE "status" <> 'PENDING' AND "createdAt" < $1 LIMIT 1000
)`;

type AttemptResult = { ok: boolean; status: number | null; ms: number | null; error: string | null };

/** One POST of the delivery's event to its webhook: the outcome, never a throw. */
async function attempt(row: Claimed, allowPrivate: boolean, dispatcher: Agent, timeoutMs: number): Promise<AttemptResult> {
  const body = JSON.stringify({ id: row.eventId, type: row.type, occurredAt: iso(row.occurredAt), data: row.data });
  const url = new URL(row.url);
  if (!allowPrivate) {
    const literal = literalHostRefused(url);
    if (literal) return { ok: false, status: null, ms: null, error: `private address refused: ${literal}` };
  }
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'manual',
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Workdiary-Webhooks/1',
        'x-workdiary-event': row.type,
        'x-workdiary-delivery': row.id,
        'x-workdiary-signature': signature(row.secret, body),
      },
    });
    const ms = Math.round(performance.now() - started);
    await res.body?.cancel().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, ms, error: null };
  } catch (err) {
    const e = err as Error & { cause?: Error };
    const reason = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : (e.cause?.message ?? e.message);
    return { ok: false, status: null, ms: null, error: reason.slice(0, 300) };
  }
}

/** Records an attempt's outcome: succeeded, retried after the next delay, or failed (the webhook then turned off). */
async function record(options: WebhookWorkerOptions, delays: number[], row: Claimed, result: AttemptResult, at: Date): Promise<void> {
  const isTest = row.type === WEBHOOK_TEST_EVENT;
  const delay = delays[row.attempts - 1];
  const giveUp = !result.ok && (isTest || delay === undefined);
  const status = result.ok ? 'SUCCEEDED' : giveUp ? 'FAILED' : 'PENDING';
  const next = status === 'PENDING' ? new Date(at.getTime() + (delay ?? 0)) : null;
  await options.sql.query(RECORD, [row.id, row.attempts, status, next, result.status, result.ms, result.error]);
  if (giveUp && !isTest) {
    await options.sql.query(DISABLE, [row.webhookId, at, crypto.randomUUID(), row.id]);
    options.log.warn({ webhookId: row.webhookId, deliveryId: row.id }, 'webhook turned off: a delivery failed through its last retry');
  }
}

/**
 * One run of `task` at a time; a call during one waits for it and runs once more after it
 * (a row that became due meanwhile is not left to the next poll). Calls meanwhile share that second run.
 */
function oneAtATime(task: () => Promise<number>): { run(): Promise<number>; settled(): Promise<void> } {
  let running: Promise<number> | null = null;
  let queued: Promise<number> | null = null;
  function run(): Promise<number> {
    if (queued) return queued;
    const start = () => {
      const current = task().finally(() => {
        if (running === current) running = null;
      });
      running = current;
      return current;
    };
    if (!running) return start();
    const next = running.catch(() => 0).then(() => {
      queued = null;
      return start();
    });
    queued = next;
    return next;
  }
  return {
    run,
    async settled() {
      await queued?.catch(() => undefined);
      await running?.catch(() => undefined);
    },
  };
}

export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  // Every connection's addresses are checked by the lookup itself (DNS rebinding); none kept alive.
  const dispatcher = new Agent({ connect: options.allowPrivate ? {} : { lookup: publicOnlyLookup }, pipelining: 0 });
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let intervalMs = 0;
  let unsubscribe: (() => void) | null = null;

  async function deliver(row: Claimed): Promise<void> {
    const result = await attempt(row, options.allowPrivate, dispatcher, timeoutMs);
    await record(options, delays, row, result, now());
  }

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const at = now();
      const rows = await options.sql.query<Claimed>(CLAIM, [at, new Date(at.getTime() + LEASE_MS)]);
      if (rows.length === 0) return total;
      await Promise.all(rows.map((row) => deliver(row).catch((err: unknown) => options.log.error({ err, deliveryId: row.id }, 'webhook delivery: recording the attempt failed'))));
      total += rows.length;
      if (stopped) return total;
    }
  }

  const drains = oneAtATime(drain);
  const runOnce = drains.run;

  let prunedAt = 0;
  function tick() {
    timer = null;
    if (stopped) return;
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      options.sql.query(PRUNE, [new Date(now().getTime() - KEEP_FINISHED_MS)])
        .catch((err: unknown) => options.log.error({ err }, 'webhook delivery: pruning the log failed'));
    }
    runOnce()
      .catch((err: unknown) => options.log.error({ err }, 'webhook delivery: claiming failed'))
      .finally(() => {
        if (!stopped && intervalMs > 0 && !timer) {
          timer = setTimeout(tick, intervalMs);
          timer.unref();
        }
      });
  }

  function wake() {
    if (stopped || intervalMs === 0) return;
    runOnce().catch((err: unknown) => options.log.error({ err }, 'webhook delivery: claiming failed'));
  }

  return {
    start(ms) {
      intervalMs = ms;
      stopped = false;
      unsubscribe = options.events?.subscribeAll((_orgId, event) => {
        if (event.type === 'timer.started' || event.type === 'timer.stopped' || event.type === 'entry.changed') wake();
      }) ?? null;
      timer = setTimeout(tick, 0);
      timer.unref();
    },
    wake,
    runOnce,
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
      await drains.settled();
      await dispatcher.close().catch(() => undefined);
    },
  };
}
