import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../config/env.ts';
import { openDatabase, type Database } from '../db/engine.ts';
import { freshPostgresUrl } from '../test/database.ts';
import { engineName } from '../test/helper.ts';
import type { EventBus, LiveEvent } from './events.ts';
import { createPgEventBus } from './pg-events.ts';

const env = readEnv({ NODE_ENV: 'test' });
const quiet = { warn: () => undefined, error: () => undefined };

async function until(cond: () => boolean, what: string, ms = 10_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(engineName !== 'postgres')('the LISTEN/NOTIFY event bus', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let a: EventBus;
  let b: EventBus;
  const onA: Array<[string, LiveEvent]> = [];
  const onB: Array<[string, LiveEvent]> = [];
  let resyncsOnB = 0;

  beforeAll(async () => {
    const fresh = await freshPostgresUrl(env.TEST_DATABASE_URL as string);
    drop = fresh.drop;
    db = await openDatabase({ kind: 'postgres', url: fresh.url });
    const open = () => createPgEventBus({ url: fresh.url, sql: db.unscoped, log: quiet });
    [a, b] = await Promise.all([open(), open()]);
    a.subscribeAll((orgId, event) => onA.push([orgId, event]));
    b.subscribeAll((orgId, event) => onB.push([orgId, event]));
    b.onResync(() => resyncsOnB++);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    await drop?.();
  });

  const started = (n: number): LiveEvent => ({ type: 'timer.started', userId: `u${n}`, entryId: `e${n}`, customerId: 'c' });

  it('delivers to its own subscribers at once and to the other instance once, through the database', async () => {
    a.publish('org-1', started(1));
    expect(onA).toEqual([['org-1', started(1)]]); // synchronously
    await until(() => onB.length === 1, 'B hears A');
    expect(onB).toEqual([['org-1', started(1)]]);

    // Once A hears B's event, its own notice (sent earlier on the same channel) has come back too: still once.
    b.publish('org-2', started(2));
    await until(() => onA.length === 2, 'A hears B');
    expect(onA).toEqual([['org-1', started(1)], ['org-2', started(2)]]);
    expect(onB).toEqual([['org-1', started(1)], ['org-2', started(2)]]);
  });

  it('sends the events published in one turn together, and the other instance hears each of them once, in order', async () => {
    const [fromA, fromB] = [onA.length, onB.length];
    const burst = Array.from({ length: 25 }, (_, i) => started(100 + i));
    for (const event of burst) a.publish('org-3', event);
    expect(onA.slice(fromA)).toEqual(burst.map((e) => ['org-3', e])); // synchronously
    await until(() => onB.length === fromB + burst.length, 'B hears the burst');
    expect(onB.slice(fromB)).toEqual(burst.map((e) => ['org-3', e]));
  });

  it('skips its own notices without parsing them; the other instance parses each once', async () => {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const [fromA, fromB] = [onA.length, onB.length];
      a.publish('org-4', started(401));
      await until(() => onB.length === fromB + 1, 'B hears A');
      // A's own notice went out before B's: once A hears B, it has had its own too.
      b.publish('org-4', started(402));
      await until(() => onA.length === fromA + 2, 'A hears B');
      const parsedWith = (entryId: string) => parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes(`"entryId":"${entryId}"`)).length;
      expect(parsedWith('e401'), "A's notice: parsed by B only").toBe(1);
      expect(parsedWith('e402'), "B's notice: parsed by A only").toBe(1);
      expect(onA.slice(fromA)).toEqual([['org-4', started(401)], ['org-4', started(402)]]);
      expect(onB.slice(fromB)).toEqual([['org-4', started(401)], ['org-4', started(402)]]);
    } finally {
      parse.mockRestore();
    }
  });

  it('reconnects when its LISTEN connection is killed, tells subscribers to resync, and delivers again', async () => {
    // An organisation's subscriber on B (what an SSE stream is): told to refetch everything.
    const onBOrg: LiveEvent[] = [];
    const unsubscribe = b.subscribe('org-1', (event) => onBOrg.push(event));
    await db.unscoped.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
    await until(() => resyncsOnB === 1, 'B resyncs');
    await until(() => onBOrg.length > 0, "B's organisation subscriber hears of it");
    expect(onBOrg).toEqual([{ type: 'resync' }]);
    expect(onB.some(([, event]) => event.type === 'resync'), 'a resync is not an event of every organisation (caches use onResync)').toBe(false);
    unsubscribe();
    const before = onB.length;
    a.publish('org-1', started(3));
    await until(() => onB.length === before + 1, 'B hears A after the reconnect');
    expect(onB.at(-1)).toEqual(['org-1', started(3)]);
  });
});
