import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { readEnv } from './config/env.ts';
import { openDatabase, type Database } from './db/engine.ts';
import type { App } from './lib/types.ts';
import { freshPostgresUrl } from './test/database.ts';
import { createOrg, engineName, type OrgFixture } from './test/helper.ts';
import { exitWithin, startServer, type Server } from './test/processes.ts';

/**
 * Two API processes on one PostgreSQL database, as behind a load balancer: live events and the
 * login limits must behave as if there were one. Runs on the PostgreSQL pass of the API tests.
 */
const env = readEnv({ NODE_ENV: 'test' });
const SECRET = 'scale-out-secret-scale-out-secret';
const LIMIT = 4;

type Received = { event: string; data: Record<string, unknown> };

/** A streaming GET /api/events client that parses blocks as EventSource does. */
async function subscribe(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal });
  expect(res.status).toBe(200);
  const events: Received[] = [];
  let ended = false;
  let wake = () => {};
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
        wake();
      }
    } catch {
      // aborted
    }
    ended = true;
    wake();
  })();
  /** Resolves with the first matching event, or rejects after `ms`. */
  const next = (pred: (e: Received) => boolean, ms: number) => new Promise<Received>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
    const check = () => {
      const hit = events.find(pred);
      if (hit) {
        clearTimeout(timer);
        resolve(hit);
      }
    };
    const previous = wake;
    wake = () => {
      previous();
      check();
    };
    check();
  });
  const closed = (ms: number) => new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stream still open after ${ms} ms`)), ms);
    const check = () => {
      if (ended) {
        clearTimeout(timer);
        resolve();
      }
    };
    const previous = wake;
    wake = () => {
      previous();
      check();
    };
    check();
  });
  return { events, next, closed, close: () => controller.abort() };
}

describe.skipIf(engineName !== 'postgres')('several API processes on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let db: Database;
  let fixtures: App;
  let org: OrgFixture;
  let a: Server;
  let b: Server;

  beforeAll(async () => {
    const fresh = await freshPostgresUrl(env.TEST_DATABASE_URL as string);
    drop = fresh.drop;
    db = await openDatabase({ kind: 'postgres', url: fresh.url });
    // Users and tokens made in-process with the instances' shared secret.
    fixtures = await buildApp({ database: db, env: { ...env, LOGIN_RATE_LIMIT: 1000 }, jwtSecret: SECRET });
    org = await createOrg({ app: fixtures, db, clock: { now: null } });
    const vars = { NODE_ENV: 'production', DATABASE_URL: fresh.url, JWT_SECRET: SECRET, COOKIE_SECURE: 'false', LOGIN_RATE_LIMIT: String(LIMIT) };
    [a, b] = await Promise.all([startServer(vars), startServer(vars)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await fixtures?.close();
    await db?.close();
    await drop?.();
  });

  const post = (base: string, url: string, token: string, body: unknown) =>
    fetch(`${base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('a timer started through A reaches an event stream on B within a second, and a stop through B reaches A', async () => {
    const onB = await subscribe(b.url, org.users.manager.token);
    const onA = await subscribe(a.url, org.users.admin.token);
    try {
      await Promise.all([onA.next((e) => e.event === 'ready', 5000), onB.next((e) => e.event === 'ready', 5000)]);
      const start = await post(a.url, '/api/timer/start', org.users.alice.token, { customerId: org.customers.acme, categoryId: org.categories.regular });
      expect(start.status).toBe(201);
      const entry = (await start.json()) as { id: string };
      const seen = await onB.next((e) => e.event === 'timer.started', 1000);
      expect(seen.data).toEqual({ type: 'timer.started', userId: org.users.alice.id, entryId: entry.id, customerId: org.customers.acme });

      const stop = await post(b.url, '/api/timer/stop', org.users.alice.token, { note: 'done' });
      expect(stop.status).toBe(200);
      const stopped = await onA.next((e) => e.event === 'timer.stopped', 1000);
      expect(stopped.data).toMatchObject({ type: 'timer.stopped', entryId: entry.id });
      // Each instance delivered each event once (its own directly, the other's through NOTIFY).
      expect(onB.events.filter((e) => e.event.startsWith('timer.')).map((e) => e.event)).toEqual(['timer.started', 'timer.stopped']);
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('logins through A and B count against one shared limit', async () => {
    // Not one of the fixture users: their sign-in above already counted in this minute's window.
    const email = 'visitor@test.example';
    const tries = [];
    for (let i = 0; i < LIMIT; i++) {
      const res = await fetch(`${(i % 2 === 0 ? a : b).url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'wrong-password' }) });
      tries.push(res.status);
    }
    expect(tries).toEqual(Array(LIMIT).fill(401));
    for (const server of [a, b]) {
      const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'wrong-password' }) });
      expect(res.status).toBe(429);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    }
  });

  it('a stopping instance turns not-ready, ends its event streams and exits 0 while the other keeps serving', async () => {
    const onB = await subscribe(b.url, org.users.manager.token);
    await onB.next((e) => e.event === 'ready', 5000);
    expect((await fetch(`${b.url}/api/ready`)).status).toBe(200);
    b.child.kill('SIGTERM');
    await onB.closed(10_000);
    expect(await exitWithin(b, 15_000)).toBe(0);
    expect((await fetch(`${a.url}/api/ready`)).status).toBe(200);
    const me = await fetch(`${a.url}/api/me`, { headers: { authorization: `Bearer ${org.users.alice.token}` } });
    expect(me.status).toBe(200);
  });
});
