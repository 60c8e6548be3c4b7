import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkEntry } from '@workdiary/shared';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { SESSION_COOKIE } from '../auth/session.ts';

let ctx: TestContext;
let a: OrgFixture;
let b: OrgFixture;
let base: string;
let active = 0;

beforeAll(async () => {
  ctx = await setupTestApp();
  a = await createOrg(ctx);
  b = await createOrg(ctx);
  // Count live subscriptions, to prove a closed stream lets go of its listener.
  const subscribe = ctx.app.events.subscribe.bind(ctx.app.events);
  vi.spyOn(ctx.app.events, 'subscribe').mockImplementation((orgId, listener) => {
    active += 1;
    const off = subscribe(orgId, listener);
    return () => {
      active -= 1;
      off();
    };
  });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  const address = ctx.app.server.address();
  if (!address || typeof address === 'string') throw new Error('not listening');
  base = `http://127.0.0.1:${address.port}`;
});

type Received = { event: string; data: unknown };

/** A streaming client of GET /api/events, parsing blocks as EventSource does. */
async function connect(headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: Received[] = [];
  const blocks: string[] = [];
  let notify = () => {};
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            blocks.push(block);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event && data) events.push({ event, data: JSON.parse(data) });
            notify();
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  const waitFor = (pred: (e: Received) => boolean, ms = 5000) => new Promise<Received>((resolve, reject) => {
    const check = () => {
      const hit = events.find(pred);
      if (hit) {
        clearTimeout(timer);
        resolve(hit);
      }
    };
    const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
    const previous = notify;
    notify = () => {
      previous();
      check();
    };
    check();
  });
  return { res, events, blocks, waitFor, close: () => controller.abort() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const timerEvents = (events: Received[]) => events.filter((e) => e.event.startsWith('timer.'));

async function startOver(token: string, o: OrgFixture) {
  const res = await fetch(`${base}/api/timer/start`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: o.customers.acme, categoryId: o.categories.regular }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as WorkEntry;
}

async function until(cond: () => boolean, ms = 5000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

afterEach(async () => {
  await ctx.db.prisma.workEntry.deleteMany({});
});

describe(`GET /api/events on ${engineName}`, () => {
  it('needs a session: 401 JSON without one', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
  });

  it('accepts the session cookie (as EventSource sends it) and answers an event stream with the security headers', async () => {
    const sub = await connect({ cookie: `${SESSION_COOKIE}=${a.users.bob.token}` });
    try {
      expect(sub.res.status).toBe(200);
      expect(sub.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(sub.res.headers.get('cache-control')).toContain('no-cache');
      expect(sub.res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Number(sub.res.headers.get('x-server-time'))).toBeGreaterThan(0);
      await sub.waitFor((e) => e.event === 'ready');
      expect(sub.blocks[0]).toBe('retry: 3000');
    } finally {
      sub.close();
    }
  });

  it("a start by one client reaches the other subscribers of the same organisation, and not another organisation's", async () => {
    const aliceTab = await connect(bearer(a.users.alice.token));
    const bobTab = await connect({ cookie: `${SESSION_COOKIE}=${a.users.bob.token}` });
    const otherOrg = await connect(bearer(b.users.alice.token));
    try {
      await Promise.all([aliceTab, bobTab, otherOrg].map((s) => s.waitFor((e) => e.event === 'ready')));

      const entry = await startOver(a.users.alice.token, a);
      const expected = { type: 'timer.started', userId: a.users.alice.id, entryId: entry.id, customerId: a.customers.acme };
      expect((await bobTab.waitFor((e) => e.event === 'timer.started')).data).toEqual(expected);
      expect((await aliceTab.waitFor((e) => e.event === 'timer.started')).data).toEqual(expected);

      // Then the other organisation acts: its subscriber sees its own start and nothing before it.
      const foreign = await startOver(b.users.alice.token, b);
      await otherOrg.waitFor((e) => e.event === 'timer.started');
      expect(timerEvents(otherOrg.events).map((e) => e.data)).toEqual([
        { type: 'timer.started', userId: b.users.alice.id, entryId: foreign.id, customerId: b.customers.acme },
      ]);

      // A stop travels the same way; org A never saw org B's start.
      const stop = await fetch(`${base}/api/timer/stop`, { method: 'POST', headers: { ...bearer(a.users.alice.token), 'content-type': 'application/json' }, body: JSON.stringify({ note: 'done' }) });
      expect(stop.status).toBe(200);
      await bobTab.waitFor((e) => e.event === 'timer.stopped');
      expect(timerEvents(bobTab.events).map((e) => [e.event, (e.data as { entryId: string }).entryId])).toEqual([
        ['timer.started', entry.id],
        ['timer.stopped', entry.id],
      ]);
      expect(timerEvents(otherOrg.events)).toHaveLength(1);
    } finally {
      for (const s of [aliceTab, bobTab, otherOrg]) s.close();
    }
  });

  it('lets go of the subscription when the client goes away', async () => {
    await until(() => active === 0);
    const subs = await Promise.all([connect(bearer(a.users.alice.token)), connect(bearer(a.users.bob.token))]);
    await Promise.all(subs.map((s) => s.waitFor((e) => e.event === 'ready')));
    expect(active).toBe(2);
    subs[0]?.close();
    await until(() => active === 1);
    subs[1]?.close();
    await until(() => active === 0);
  });
});
