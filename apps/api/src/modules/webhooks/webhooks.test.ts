// Webhooks (issue 28): the admin API, the outbox written by triggers in the change's transaction,
// and the delivery worker (signature, retries with a moved clock, restart, two workers, private targets).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS, type WebhookDeliveryList, type WebhookList } from '@workdiary/shared';
import { openDatabase, type UnscopedSql } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { isPublicAddress } from './webhook-target.ts';
import { createWebhookWorker, RETRY_DELAYS_MS, type WebhookWorker } from './webhook-worker.ts';

type Received = { path: string; headers: http.IncomingHttpHeaders; raw: string; body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> } };

/** A webhook receiver on 127.0.0.1: records every request; `answer` decides the status (or holds the request: null). */
async function receiver(answer: (n: number, r: Received) => number | null = () => 200) {
  const got: Received[] = [];
  const held: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: Received = { path: req.url ?? '', headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] };
      got.push(r);
      const status = answer(got.length, r);
      if (status === null) held.push(res);
      else res.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {}).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    got,
    url: `http://127.0.0.1:${port}/hook`,
    port,
    releaseHeld: () => held.splice(0).forEach((res) => res.destroy()),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const silent = { warn: () => undefined, error: () => undefined };
const hmac = (secret: string, raw: string) => `sha256=${crypto.createHmac('sha256', secret).update(raw).digest('hex')}`;

describe(`webhooks (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  const receivers: Array<{ close(): Promise<void> }> = [];
  const workers: WebhookWorker[] = [];
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    for (const r of receivers) await r.close();
  });
  const call = (who: keyof OrgFixture['users'], o: OrgFixture = org) => as(ctx.app, o.users[who].token);
  // The workers' clock: pinned by the retry and lease tests; otherwise a moment after the outbox rows' time (the database's now()).
  const clock: { now: Date | null } = { now: null };
  const workerNow = () => clock.now ?? new Date(Date.now() + 1000);
  beforeEach(() => {
    clock.now = null;
  });
  // A failed test leaves no webhook (nor pending delivery) to the next.
  afterEach(async () => {
    await ctx.db.prisma.webhook.deleteMany({});
  });
  const worker = (opts: { allowPrivate?: boolean; timeoutMs?: number; sql?: UnscopedSql } = {}) => {
    const w = createWebhookWorker({ sql: opts.sql ?? ctx.db.unscoped, allowPrivate: opts.allowPrivate ?? true, log: silent, now: workerNow, timeoutMs: opts.timeoutMs });
    workers.push(w);
    return w;
  };
  const open = async (answer?: (n: number, r: Received) => number | null) => {
    const r = await receiver(answer);
    receivers.push(r);
    return r;
  };
  const addHook = async (url: string, events: readonly string[] = WEBHOOK_EVENTS, o: OrgFixture = org) => {
    const res = await call('admin', o).post('/api/webhooks', { url, events });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; secret: string }>();
  };
  const deliveriesOf = async (id: string) => (await call('admin').get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryList>().items;
  const removeHook = async (id: string, o: OrgFixture = org) => expect((await call('admin', o).delete(`/api/webhooks/${id}`)).statusCode).toBe(204);
  /** The pending deliveries' types (of every webhook), sorted. */
  const pending = async () => (await ctx.db.unscoped.query<{ type: string }>(`SELECT type FROM "WebhookDelivery" WHERE status = 'PENDING' ORDER BY type`)).map((r) => r.type);
  const pendingRows = async () => (await pending()).length;
  let entryDay = 1;
  /** A manual entry of alice on its own November day (no overlaps between tests). */
  const manualEntry = async () => {
    const day = String(++entryDay).padStart(2, '0');
    const res = await call('alice').post('/api/work-entries', { customerId: org.customers.acme, categoryId: org.categories.regular, startedAt: `2026-10-${day}T08:00:00Z`, stoppedAt: `2026-10-${day}T09:00:00Z` });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };

  it('admins add, list (never the secret), turn off and on, and delete webhooks; others may not', async () => {
    const created = await call('admin').post('/api/webhooks', { url: 'https://hooks.example.com/workdiary', events: ['entry.created', 'entry.created', 'month.approved'] });
    expect(created.statusCode, created.body).toBe(201);
    const { id, secret } = created.json<{ id: string; secret: string }>();
    expect(secret).toMatch(/^whsec_[\w-]{40,}$/);
    const list = await call('admin').get('/api/webhooks');
    expect(list.json<WebhookList>().items).toEqual([expect.objectContaining({ id, url: 'https://hooks.example.com/workdiary', events: ['entry.created', 'month.approved'], enabled: true, disabledAt: null, pending: 0 })]);
    expect(list.body).not.toContain(secret);
    for (const who of ['manager', 'alice'] as const) {
      expect((await call(who).post('/api/webhooks', { url: 'https://x.example/', events: ['entry.created'] })).statusCode).toBe(403);
      expect((await call(who).get('/api/webhooks')).statusCode).toBe(403);
    }
    // Another organisation's admin sees none of it.
    expect((await call('admin', other).get('/api/webhooks')).json<WebhookList>().items).toEqual([]);
    expect((await call('admin', other).delete(`/api/webhooks/${id}`)).statusCode).toBe(404);
    for (const body of [{ url: 'ftp://x.example/', events: ['entry.created'] }, { url: 'https://x.example/', events: [] }, { url: 'https://x.example/', events: ['entry.exploded'] }, { url: 'https://u:p@x.example/', events: ['entry.created'] }]) {
      const bad = await call('admin').post('/api/webhooks', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_ERROR' } });
    }
    const off = await call('admin').patch(`/api/webhooks/${id}`, { enabled: false });
    expect(off.json()).toMatchObject({ enabled: false, disabledReason: 'MANUAL' });
    expect((await call('admin').patch(`/api/webhooks/${id}`, { enabled: true })).json()).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    await removeHook(id);
    expect((await call('admin').get(`/api/webhooks/${id}/deliveries`)).statusCode).toBe(404);
    const audited = await ctx.db.prisma.auditEvent.findMany({ where: { entityType: 'Webhook', entityId: id }, orderBy: { at: 'asc' } });
    expect(audited.map((a) => a.action)).toEqual(['CREATE', 'UPDATE', 'UPDATE', 'DELETE']);
  });

  it('each event type reaches the receiver once, signed with the secret over the raw body', async () => {
    const r = await open();
    const hook = await addHook(r.url);
    const w = worker();
    // timer.started, timer.stopped
    ctx.clock.now = new Date('2026-12-03T08:00:00Z');
    expect((await call('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-12-03T08:45:00Z');
    const stopped = await call('alice').post('/api/timer/stop', { note: 'done' });
    expect(stopped.statusCode, stopped.body).toBe(200);
    ctx.clock.now = null;
    // entry.created, entry.updated, entry.deleted
    const entryId = await manualEntry();
    expect((await call('alice').patch(`/api/work-entries/${entryId}`, { note: 'edited' })).statusCode).toBe(200);
    expect((await call('alice').delete(`/api/work-entries/${entryId}`)).statusCode).toBe(204);
    // month.approved, month.reopened
    expect((await call('manager').post('/api/months/2026-11/approve', { userIds: [org.users.bob.id] })).statusCode).toBe(200);
    expect((await call('admin').post('/api/months/2026-11/reopen', { userId: org.users.bob.id, reason: 'Typo' })).statusCode).toBe(200);
    // An organisation without webhooks writes no delivery; this one's are in the outbox before any worker ran.
    expect(await pending()).toEqual([...WEBHOOK_EVENTS].sort());
    expect(r.got).toHaveLength(0);

    expect(await w.runOnce()).toBe(7);
    expect(r.got.map((g) => g.body.type).sort()).toEqual([...WEBHOOK_EVENTS].sort());
    for (const g of r.got) {
      expect(g.headers['x-workdiary-signature']).toBe(hmac(hook.secret, g.raw));
      expect(g.headers['x-workdiary-event']).toBe(g.body.type);
      expect(g.headers['content-type']).toBe('application/json');
      expect(Object.keys(g.body).sort()).toEqual(['data', 'id', 'occurredAt', 'type']);
      expect(new Date(g.body.occurredAt).toISOString()).toBe(g.body.occurredAt);
    }
    const byType = Object.fromEntries(r.got.map((g) => [g.body.type, g.body]));
    expect(byType['timer.started']?.data).toMatchObject({ actorId: org.users.alice.id, entry: { userId: org.users.alice.id, stoppedAt: null } });
    expect(byType['timer.stopped']?.data).toMatchObject({ entry: { note: 'done', stoppedAt: '2026-12-03T08:45:00.000Z' } });
    expect(byType['entry.created']?.data).toMatchObject({ entry: { id: entryId } });
    expect(byType['entry.updated']?.data).toMatchObject({ entry: { id: entryId, note: 'edited' }, previous: { id: entryId } });
    expect(byType['entry.deleted']?.data).toMatchObject({ entry: { id: entryId, note: 'edited' } });
    expect(byType['month.approved']?.data).toEqual({ actorId: org.users.manager.id, userId: org.users.bob.id, month: '2026-11', reason: null });
    expect(byType['month.reopened']?.data).toEqual({ actorId: org.users.admin.id, userId: org.users.bob.id, month: '2026-11', reason: 'Typo' });
    // The body's id is the audited event's.
    const audit = await ctx.db.prisma.auditEvent.findFirst({ where: { entityId: entryId, action: 'CREATE' } });
    expect(byType['entry.created']?.id).toBe(audit?.id);
    // Sent once: nothing is due any more, and the log says so.
    expect(await w.runOnce()).toBe(0);
    const log = await deliveriesOf(hook.id);
    expect(log).toHaveLength(7);
    expect(log.every((d) => d.status === 'SUCCEEDED' && d.attempts === 1 && d.responseStatus === 200 && d.responseTimeMs !== null && d.nextAttemptAt === null)).toBe(true);
    await removeHook(hook.id);
  });

  it('the other writers of entries: a switch, a discarded timer, a manager\'s stop, an import', async () => {
    const r = await open();
    await addHook(r.url);
    ctx.clock.now = new Date('2026-12-04T08:00:00Z');
    expect((await call('bob').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-12-04T09:00:00Z');
    const switched = await call('bob').post('/api/timer/switch', { note: 'Acme done', customerId: org.customers.globex, categoryId: org.categories.regular });
    expect(switched.statusCode, switched.body).toBe(201);
    ctx.clock.now = new Date('2026-12-04T10:00:00Z');
    expect((await call('bob').delete('/api/timer')).statusCode).toBe(204);
    expect((await call('bob').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-12-04T11:00:00Z');
    const forced = await call('manager').post(`/api/at-work/${org.users.bob.id}/stop`, { note: 'Forgot to stop' });
    expect(forced.statusCode, forced.body).toBe(200);
    ctx.clock.now = null;
    // An import audits each entry it creates as IMPORT (issue 27): an entry.created.
    await ctx.db.prisma.auditEvent.create({ data: { id: newId(), organizationId: org.orgId, entityType: 'WorkEntry', entityId: 'imported-1', action: 'IMPORT', actorId: org.users.admin.id, after: { id: 'imported-1', importId: 'i1' } } });
    // Other audited things (a customer, the organisation) are no webhook events.
    await ctx.db.prisma.auditEvent.create({ data: { id: newId(), organizationId: org.orgId, entityType: 'Organization', entityId: org.orgId, action: 'UPDATE', actorId: org.users.admin.id, after: {} } });
    expect(await worker().runOnce()).toBe(7);
    const actor = (id: unknown) => (id === org.users.manager.id ? 'manager' : id === org.users.admin.id ? 'admin' : id === org.users.bob.id ? 'bob' : 'unknown');
    expect(r.got.map((g) => `${g.body.type} ${actor(g.body.data.actorId)}`).sort()).toEqual([
      'entry.created admin', 'entry.deleted bob', 'timer.started bob', 'timer.started bob', 'timer.started bob', 'timer.stopped bob', 'timer.stopped manager',
    ]);
  });

  it('a redirect is not followed and a slow receiver times out: both are failed attempts', async () => {
    const r = await open((n) => (n === 1 ? 302 : null));
    const hook = await addHook(r.url, ['entry.created']);
    await manualEntry();
    const w = createWebhookWorker({ sql: ctx.db.unscoped, allowPrivate: true, log: silent, now: workerNow, timeoutMs: 300 });
    workers.push(w);
    // The receiver answers 302 to /elsewhere; the worker must not go there.
    expect(await w.runOnce()).toBe(1);
    let [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 302 });
    expect(r.got.map((g) => g.path)).toEqual(['/hook']);
    clock.now = new Date(Date.now() + 40_000);
    expect(await w.runOnce()).toBe(1);
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'PENDING', attempts: 2, responseStatus: null, error: 'timeout' });
    r.releaseHeld();
  });

  it('only subscribed types are written; a turned-off webhook gets none', async () => {
    const r = await open();
    const hook = await addHook(r.url, ['entry.deleted']);
    await manualEntry();
    expect(await pending()).toEqual([]);
    await call('admin').patch(`/api/webhooks/${hook.id}`, { enabled: false });
    const id = await manualEntry();
    await call('alice').delete(`/api/work-entries/${id}`);
    expect(await pendingRows()).toBe(0);
    await removeHook(hook.id);
  });

  it('a rolled-back change leaves no delivery', async () => {
    const r = await open();
    const hook = await addHook(r.url);
    const entryId = await manualEntry();
    await worker().runOnce();
    r.got.length = 0;
    await expect(ctx.db.prisma.$transaction(async (tx) => {
      await tx.workEntry.update({ where: { id: entryId }, data: { note: 'never' } });
      await tx.auditEvent.create({ data: { id: newId(), organizationId: org.orgId, entityType: 'WorkEntry', entityId: entryId, action: 'UPDATE', actorId: org.users.alice.id, before: {}, after: {} } });
      expect((await tx.webhookDelivery.count({ where: { webhookId: hook.id, status: 'PENDING' } }))).toBe(1);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await pendingRows()).toBe(0);
    expect(await worker().runOnce()).toBe(0);
    expect(r.got).toHaveLength(0);
    await removeHook(hook.id);
  });

  it('a failing receiver gets retries with growing waits for a day; then the webhook is turned off and audited', async () => {
    let failUntil = 3;
    const r = await open((n) => (n <= failUntil ? 500 : 204));
    const hook = await addHook(r.url, ['entry.created']);
    const w = worker();
    await manualEntry();
    const t0 = workerNow().getTime();
    clock.now = new Date(t0);
    const at = (ms: number) => new Date(t0 + ms);
    expect(await w.runOnce()).toBe(1);
    let [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: 500, nextAttemptAt: at(30e3).toISOString() });
    // Not before its time.
    clock.now = at(29e3);
    expect(await w.runOnce()).toBe(0);
    clock.now = at(30e3);
    expect(await w.runOnce()).toBe(1);
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ attempts: 2, nextAttemptAt: at(150e3).toISOString() });
    clock.now = at(150e3);
    expect(await w.runOnce()).toBe(1);
    clock.now = at(750e3);
    expect(await w.runOnce()).toBe(1);
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 4, responseStatus: 204, nextAttemptAt: null });
    expect(new Set(r.got.map((g) => g.body.id)).size).toBe(1);

    // A receiver that never recovers: ten attempts over about a day, then FAILED and the webhook off.
    failUntil = Number.POSITIVE_INFINITY;
    r.got.length = 0;
    await manualEntry();
    clock.now = workerNow();
    const start = clock.now.getTime();
    for (let i = 0; i <= RETRY_DELAYS_MS.length; i++) {
      expect(await w.runOnce()).toBe(1);
      clock.now = new Date(start + RETRY_DELAYS_MS.slice(0, i + 1).reduce((a, b) => a + b, 0));
    }
    expect(r.got).toHaveLength(10);
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeGreaterThan(23 * 3600e3);
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'FAILED', attempts: 10, nextAttemptAt: null });
    const [listed] = (await call('admin').get('/api/webhooks')).json<WebhookList>().items;
    expect(listed).toMatchObject({ id: hook.id, enabled: false, disabledReason: 'FAILING' });
    const notice = await ctx.db.prisma.auditEvent.findFirst({ where: { entityType: 'Webhook', entityId: hook.id, action: 'UPDATE' } });
    expect(notice?.after).toMatchObject({ enabled: false, disabledReason: 'FAILING' });
    // Turned off: new events are not queued.
    await manualEntry();
    expect(await pendingRows()).toBe(0);
    await removeHook(hook.id);
  });

  it('a test event is signed and sent once, without retries, and shows in the log', async () => {
    const r = await open((n) => (n === 1 ? 200 : 503));
    const hook = await addHook(r.url, ['month.approved']);
    const queued = await call('admin').post(`/api/webhooks/${hook.id}/test`);
    expect(queued.statusCode).toBe(202);
    await worker().runOnce();
    expect(r.got).toHaveLength(1);
    expect(r.got[0]?.body).toMatchObject({ id: queued.json<{ eventId: string }>().eventId, type: 'webhook.test', data: { webhookId: hook.id } });
    expect(r.got[0]?.headers['x-workdiary-signature']).toBe(hmac(hook.secret, r.got[0]?.raw ?? ''));
    await call('admin').post(`/api/webhooks/${hook.id}/test`);
    await worker().runOnce();
    const log = await deliveriesOf(hook.id);
    expect(log.map((d) => [d.type, d.status, d.responseStatus])).toEqual([['webhook.test', 'FAILED', 503], ['webhook.test', 'SUCCEEDED', 200]]);
    expect((await call('admin').get('/api/webhooks')).json<WebhookList>().items[0]).toMatchObject({ enabled: true });
    await removeHook(hook.id);
  });

  it('an instance gone between the change and the delivery: the outbox row waits and a new worker delivers it', async () => {
    const r = await open();
    const hook = await addHook(r.url, ['entry.created']);
    // The instance that made the change stops before its worker ever ran.
    const first = worker();
    await manualEntry();
    await first.stop();
    expect(await pendingRows()).toBe(1);
    expect(r.got).toHaveLength(0);
    expect(await worker().runOnce()).toBe(1);
    expect(r.got).toHaveLength(1);
    await removeHook(hook.id);
  });

  it('a worker that dies while sending: its lease ends and another worker delivers the same event', async () => {
    const r = await open((n) => (n === 1 ? null : 200));
    const hook = await addHook(r.url, ['entry.created']);
    await manualEntry();
    const dying = worker({ timeoutMs: 60_000 });
    const inFlight = dying.runOnce();
    await expect.poll(() => r.got.length).toBe(1);
    // Still leased: nobody else takes it.
    const other = worker();
    expect(await other.runOnce()).toBe(0);
    clock.now = new Date(Date.now() + 62_000);
    expect(await other.runOnce()).toBe(1);
    expect(r.got.map((g) => g.body.id)).toEqual([r.got[0]?.body.id, r.got[0]?.body.id]);
    // The dead worker's late outcome does not overwrite the delivery.
    r.releaseHeld();
    await inFlight;
    const [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ status: 'SUCCEEDED', attempts: 2, responseStatus: 200 });
    await removeHook(hook.id);
  });

  it('two workers on one database send each event exactly once', async () => {
    const r = await open();
    const hook = await addHook(r.url, ['entry.created', 'entry.deleted']);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await manualEntry());
    for (const id of ids.slice(0, 6)) await call('alice').delete(`/api/work-entries/${id}`);
    expect(await pendingRows()).toBe(18);
    // PostgreSQL: the second worker has a connection pool of its own, as another instance would.
    const url = ctx.app.env.TEST_DATABASE_URL;
    const [{ name }] = url ? await ctx.db.unscoped.query<{ name: string }>('SELECT current_database() AS name') as [{ name: string }] : [{ name: '' }];
    const second = url ? await openDatabase({ kind: 'postgres', url: Object.assign(new URL(url), { pathname: `/${name}` }).href, poolSize: 4 }) : null;
    expect(second !== null).toBe(engineName === 'postgres');
    const a = worker();
    const b = worker({ sql: second?.unscoped });
    // Both claim at the same moment, in batches of ten, until nothing is due.
    const [ofA, ofB] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect((ofA ?? 0) + (ofB ?? 0)).toBe(18);
    expect(r.got).toHaveLength(18);
    expect(new Set(r.got.map((g) => g.body.id)).size).toBe(18);
    expect(await pendingRows()).toBe(0);
    await b.stop();
    await second?.close();
    await removeHook(hook.id);
  });

  it('finished deliveries are kept 30 days; pending ones until they are sent', async () => {
    const r = await open(() => 500);
    const hook = await addHook(r.url, ['entry.created']);
    const old = new Date(Date.now() - 31 * 86_400_000);
    const row = (id: string, status: 'SUCCEEDED' | 'FAILED' | 'PENDING', createdAt: Date) => ({
      id, organizationId: org.orgId, webhookId: hook.id, eventId: newId(), type: 'entry.created', occurredAt: createdAt, data: {}, status, createdAt,
      nextAttemptAt: status === 'PENDING' ? new Date(Date.now() + 3_600_000) : null,
    });
    await ctx.db.prisma.webhookDelivery.createMany({ data: [row('old-ok', 'SUCCEEDED', old), row('old-failed', 'FAILED', old), row('old-pending', 'PENDING', old), row('new-ok', 'SUCCEEDED', new Date())] });
    const w = worker();
    w.start(600_000);
    await expect.poll(async () => (await deliveriesOf(hook.id)).map((d) => d.id).sort()).toEqual(['new-ok', 'old-pending']);
    await w.stop();
  });

  it('private, loopback and link-local targets are refused in production, at creation and at delivery', async () => {
    expect(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '224.0.0.1'].filter(isPublicAddress)).toEqual([]);
    expect(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34'].every(isPublicAddress)).toBe(true);
    const r = await open();
    // Created while allowed (development), delivered by a production worker: refused at delivery.
    const hook = await addHook(r.url, ['entry.created']);
    const byName = await addHook(`http://localhost:${r.port}/hook`, ['entry.created']);
    const env = ctx.app.env as { WEBHOOK_ALLOW_PRIVATE: boolean };
    env.WEBHOOK_ALLOW_PRIVATE = false;
    try {
      for (const url of [r.url, `http://localhost:${r.port}/`, 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8080/', 'http://10.0.0.8/']) {
        const res = await call('admin').post('/api/webhooks', { url, events: ['entry.created'] });
        expect(res.statusCode, url).toBe(400);
        expect(res.json(), url).toMatchObject({ error: { code: 'WEBHOOK_TARGET_PRIVATE' } });
      }
    } finally {
      env.WEBHOOK_ALLOW_PRIVATE = true;
    }
    await manualEntry();
    expect(await worker({ allowPrivate: false }).runOnce()).toBe(2);
    expect(r.got).toHaveLength(0);
    for (const h of [hook, byName]) {
      const [d] = await deliveriesOf(h.id);
      expect(d).toMatchObject({ status: 'PENDING', attempts: 1, responseStatus: null });
      expect(d?.error).toMatch(/private address refused/);
    }
    await removeHook(hook.id);
    await removeHook(byName.id);
  });
});

describe(`webhooks: the server's own worker (${engineName})`, () => {
  it('starts with the app, wakes on the change (not only on its poll) and on a test event', async () => {
    // A poll far longer than the test: only the wake-up on the live event can deliver in time.
    const ctx = await setupTestApp({ env: { WEBHOOK_POLL_MS: 600_000 } });
    const org = await createOrg(ctx);
    const r = await receiver();
    try {
      const created = await as(ctx.app, org.users.admin.token).post('/api/webhooks', { url: r.url, events: ['entry.created'] });
      const hook = created.json<{ id: string; secret: string }>();
      const entry = await as(ctx.app, org.users.alice.token).post('/api/work-entries', { customerId: org.customers.acme, categoryId: org.categories.regular, startedAt: '2026-10-05T08:00:00Z', stoppedAt: '2026-10-05T09:00:00Z' });
      expect(entry.statusCode).toBe(201);
      await expect.poll(() => r.got.map((g) => g.body.type), { timeout: 10_000 }).toEqual(['entry.created']);
      expect((await as(ctx.app, org.users.admin.token).post(`/api/webhooks/${hook.id}/test`)).statusCode).toBe(202);
      await expect.poll(() => r.got.map((g) => g.body.type), { timeout: 10_000 }).toEqual(['entry.created', 'webhook.test']);
      expect(r.got[1]?.headers['x-workdiary-signature']).toBe(hmac(hook.secret, r.got[1]?.raw ?? ''));
    } finally {
      await r.close();
    }
  });
});
