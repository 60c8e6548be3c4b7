import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkEntry, WorkRules } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { LiveEvent } from '../../lib/events.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

/** PATCH /api/timer: the running session's note and start ("I forgot to start"), and the note at the stop. */
let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

// Monday 2 March 2026, 09:00 in Berlin.
const T0 = new Date('2026-03-02T08:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

type Who = keyof OrgFixture['users'];
const client = (who: Who) => as(ctx.app, org.users[who].token);
const start = (who: Who = 'alice') => client(who).post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
const patch = (body: object, who: Who = 'alice') => client(who).patch('/api/timer', body);
const running = async (who: Who = 'alice') => (await client(who).get('/api/timer')).json<{ running: WorkEntry | null }>().running;
const code = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;

async function setRules(rules: Partial<WorkRules>) {
  await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: rules });
  ctx.app.events.publish(org.orgId, { type: 'settings.changed', what: 'rules' });
}

beforeEach(async () => {
  ctx.clock.now = null;
  await ctx.db.prisma.workEntry.deleteMany({});
  await ctx.db.prisma.monthClose.deleteMany({ where: { organizationId: org.orgId } });
  await setRules({ noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false });
});

describe(`editing the running session on ${engineName}`, () => {
  it('changes the note while working, audited as UPDATE, and tells the other tabs', async () => {
    ctx.clock.now = T0;
    const started = (await start()).json<WorkEntry>();
    const seen: LiveEvent[] = [];
    const off = ctx.app.events.subscribe(org.orgId, (e) => seen.push(e));
    ctx.clock.now = at(10);
    const res = await patch({ note: '  Fixing the invoice export  ' });
    off();
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>()).toMatchObject({ id: started.id, note: 'Fixing the invoice export', stoppedAt: null, startedAt: T0.toISOString() });
    expect((await running())?.note).toBe('Fixing the invoice export');
    expect(seen).toContainEqual({ type: 'entry.changed', userId: org.users.alice.id, entryId: started.id, customerId: org.customers.acme, action: 'updated' });
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { entityId: started.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['START', 'UPDATE']);
    expect(audit[1]).toMatchObject({ actorId: org.users.alice.id, before: { note: '' }, after: { note: 'Fixing the invoice export' } });
  });

  it('keeps the running note at a stop without a note; a stop note replaces it', async () => {
    ctx.clock.now = T0;
    await start();
    await patch({ note: 'Described while working' });
    ctx.clock.now = at(30);
    const kept = await client('alice').post('/api/timer/stop', { note: '' });
    expect(kept.statusCode).toBe(200);
    expect(kept.json<WorkEntry>().note).toBe('Described while working');

    ctx.clock.now = at(40);
    await start();
    await patch({ note: 'First words' });
    ctx.clock.now = at(60);
    const replaced = await client('alice').post('/api/timer/stop', { note: 'Final words' });
    expect(replaced.json<WorkEntry>().note).toBe('Final words');
  });

  it('a required note is satisfied by the note written while working', async () => {
    await setRules({ noteRequired: true });
    ctx.clock.now = T0;
    await start();
    ctx.clock.now = at(20);
    expect(code(await client('alice').post('/api/timer/stop', { note: '' }))).toBe('NOTE_REQUIRED');
    await patch({ note: 'Workshop' });
    expect((await client('alice').post('/api/timer/stop', { note: '' })).statusCode).toBe(200);
  });

  it('moves the start earlier ("forgot to start"), audited with both starts', async () => {
    ctx.clock.now = at(60);
    const started = (await start()).json<WorkEntry>();
    const res = await patch({ startedAt: at(40).toISOString() });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>()).toMatchObject({ id: started.id, startedAt: at(40).toISOString(), stoppedAt: null });
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { entityId: started.id, action: 'UPDATE' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { startedAt: at(60).toISOString() }, after: { startedAt: at(40).toISOString() } });
    ctx.clock.now = at(90);
    const stopped = (await client('alice').post('/api/timer/stop', { note: 'x' })).json<WorkEntry>();
    expect(stopped.startedAt).toBe(at(40).toISOString());
  });

  it('refuses a start in the future, one overlapping an earlier session, one beyond the maximum, and changes nothing', async () => {
    ctx.clock.now = at(60);
    const earlier = await client('alice').post('/api/work-entries', {
      customerId: org.customers.globex, categoryId: org.categories.support, startedAt: at(0).toISOString(), stoppedAt: at(30).toISOString(),
    });
    expect(earlier.statusCode).toBe(201);
    await start();
    await setRules({ maxSessionHours: 1 });

    const future = await patch({ startedAt: at(75).toISOString(), note: 'not kept' });
    expect(future.statusCode).toBe(422);
    expect(code(future)).toBe('ENTRY_IN_FUTURE');

    const overlap = await patch({ startedAt: at(20).toISOString(), note: 'not kept' });
    expect(overlap.statusCode).toBe(409);
    expect(code(overlap)).toBe('ENTRY_OVERLAP');
    expect(overlap.json<{ error: { details: { entryId: string } } }>().error.details.entryId).toBe(earlier.json<WorkEntry>().id);

    const tooLong = await patch({ startedAt: at(-30).toISOString() });
    expect(tooLong.statusCode).toBe(422);
    expect(code(tooLong)).toBe('SESSION_TOO_LONG');

    // Right after the earlier session ends: fine.
    const ok = await patch({ startedAt: at(30).toISOString() });
    expect(ok.statusCode).toBe(200);
    const now = await running();
    expect(now).toMatchObject({ startedAt: at(30).toISOString(), note: '' });
    const updates = await ctx.db.prisma.auditEvent.count({ where: { entityId: now?.id, action: 'UPDATE' } });
    expect(updates).toBe(1);
  });

  it('refuses a start reaching into an approved month (409 MONTH_LOCKED), changing nothing', async () => {
    // 1 March 2026, 00:30 in Berlin: the running session starts there; February is approved.
    const firstOfMarch = new Date('2026-02-28T23:30:00.000Z');
    ctx.clock.now = firstOfMarch;
    await start();
    await ctx.db.prisma.monthClose.create({ data: { id: newId(), organizationId: org.orgId, userId: org.users.alice.id, month: '2026-02', status: 'APPROVED', figures: {} } });
    ctx.clock.now = new Date(firstOfMarch.getTime() + 30 * MIN);
    const res = await patch({ startedAt: new Date(firstOfMarch.getTime() - 60 * MIN).toISOString(), note: 'not kept' });
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('MONTH_LOCKED');
    expect(await running()).toMatchObject({ startedAt: firstOfMarch.toISOString(), note: '' });
  });

  it('answers 409 TIMER_NOT_RUNNING without a running session, and edits only the caller\'s own', async () => {
    ctx.clock.now = T0;
    const none = await patch({ note: 'x' });
    expect(none.statusCode).toBe(409);
    expect(code(none)).toBe('TIMER_NOT_RUNNING');
    await start('bob');
    // The manager has no timer of their own: Bob's is not theirs to edit here.
    expect(code(await patch({ note: 'x' }, 'manager'))).toBe('TIMER_NOT_RUNNING');
    expect((await running('bob'))?.note).toBe('');
    expect((await patch({ startedAt: 'yesterday' })).statusCode).toBe(400);
  });

  it('the entries PATCH still refuses the times of a running session (the timer\'s own path moves the start)', async () => {
    ctx.clock.now = at(30);
    const started = (await start()).json<WorkEntry>();
    const res = await client('alice').patch(`/api/work-entries/${started.id}`, { startedAt: at(0).toISOString() });
    expect(res.statusCode).toBe(409);
    expect(code(res)).toBe('ENTRY_RUNNING');
  });
});
