import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { UnscopedSql } from '../db/engine.ts';
import { createMemoryEventBus, type EventBus, type LiveEvent } from './events.ts';
import { turnBatch } from './turn-batch.ts';

/** The one NOTIFY channel every instance on the database listens to. */
export const EVENTS_CHANNEL = 'workdiary_events';

type BusLog = { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
type Notice = { origin: string; orgId: string; event: LiveEvent };

/**
 * The LISTEN connection's handler: other instances' notices are delivered to this process's subscribers.
 * A notice is `{"origin":"<instance>",…}` (JSON.stringify keeps `origin` first): this instance's
 * own (one per start and stop) are recognised by that prefix and skipped without parsing.
 */
function receiveNotices(origin: string, local: EventBus, log: BusLog): (message: pg.Notification) => void {
  const own = JSON.stringify({ origin }).slice(0, -1);
  return (message) => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload || message.payload.startsWith(own)) return;
    let notice: Notice;
    try {
      notice = JSON.parse(message.payload) as Notice;
    } catch {
      log.warn({ payload: message.payload }, 'ignored a malformed live-event notice');
      return;
    }
    if (notice.origin !== origin) local.publish(notice.orgId, notice.event);
  };
}

/**
 * Sends notices: those published in one turn of the event loop go out in ONE statement (`turnBatch`;
 * under load, many requests finish in the same turn): one round trip and one transaction for all
 * of them, in order. A failure is logged, never thrown.
 */
function notifier(sql: UnscopedSql, log: BusLog): (notice: { payload: string; type: string }) => Promise<void> {
  return turnBatch(async (batch: Array<{ payload: string; type: string }>) => {
    const payloads = batch.map((b) => b.payload);
    await (payloads.length === 1
      ? sql.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, payloads[0]], { prepare: true })
      : sql.query('SELECT pg_notify($1, n) FROM unnest($2::text[]) WITH ORDINALITY AS t(n, i) ORDER BY i', [EVENTS_CHANNEL, payloads], { prepare: true })
    ).catch((err: unknown) => {
      log.error({ err, events: batch.map((b) => b.type) }, 'live events: NOTIFY failed; other instances miss these events');
    });
    return batch.map(() => undefined);
  }, Number.POSITIVE_INFINITY); // one statement per turn however many: two would race each other and lose the order
}

/**
 * The event bus for several API processes on one PostgreSQL database. A publish is delivered to
 * this process's subscribers at once, then sent with NOTIFY; every other instance gets it on its
 * LISTEN connection and delivers it to its own subscribers (SSE streams, caches). An instance
 * skips its own notices (already delivered) by their first bytes, without parsing them. Events carry ids only, far below NOTIFY's 8000-byte limit.
 *
 * The listening connection is dedicated (LISTEN does not survive a pooled connection) and is
 * reconnected with back-off when it drops; events sent meanwhile do not reach this instance, so
 * once it is back the caches resync and every subscriber (SSE stream) gets `{ type: 'resync' }`:
 * the browsers refetch what they show.
 */
export async function createPgEventBus(options: { url: string; sql: UnscopedSql; log: BusLog }): Promise<EventBus> {
  const local = createMemoryEventBus();
  const origin = randomUUID();
  let client: pg.Client | null = null;
  let closing = false;
  let retryMs = 500;
  let retryTimer: NodeJS.Timeout | null = null;

  const onNotification = receiveNotices(origin, local, options.log);

  const scheduleReconnect = (err: unknown) => {
    if (closing || retryTimer) return;
    options.log.warn({ err, retryMs }, 'live events: the LISTEN connection dropped; reconnecting');
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(() => {
        options.log.warn({}, 'live events: LISTEN connection back; caches are dropped and browsers told to refetch (events may have been missed)');
        // Caches drop what they derived; every SSE stream of this instance gets `resync`.
        local.resync();
      }, scheduleReconnect);
    }, retryMs);
    retryTimer.unref();
    retryMs = Math.min(retryMs * 2, 30_000);
  };

  async function connect() {
    const next = new pg.Client({ connectionString: options.url });
    // Only the current connection's failure matters (a failed attempt is retried by its caller).
    const lost = (err: unknown) => {
      if (client !== next) return;
      client = null;
      next.end().catch(() => undefined);
      scheduleReconnect(err);
    };
    next.on('error', lost);
    next.on('end', () => lost(new Error('connection ended')));
    next.on('notification', onNotification);
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      await next.end().catch(() => undefined);
      throw err;
    }
    client = next;
    retryMs = 500;
  }

  await connect();

  const notify = notifier(options.sql, options.log);
  const sending = new Set<Promise<void>>();

  return {
    publish(orgId, event) {
      local.publish(orgId, event);
      const notice: Notice = { origin, orgId, event };
      const sent = notify({ payload: JSON.stringify(notice), type: event.type });
      sending.add(sent);
      void sent.finally(() => sending.delete(sent));
    },
    subscribe: local.subscribe,
    subscribeAll: local.subscribeAll,
    onResync: local.onResync,
    async close() {
      closing = true;
      // What was published before closing still goes out.
      await Promise.all(sending);
      if (retryTimer) clearTimeout(retryTimer);
      await client?.end().catch(() => undefined);
      await local.close();
    },
  };
}
