// Locked means locked on every write path: MONTH_LOCKED naming the month, nothing stored; and
// the rule for a timer running across the lock boundary, at month edges in the organisation's
// zone, DST nights included.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMonths, type WorkEntry } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';
import { monthsOfSpan } from '../../domain/month-lock.ts';

let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);

/**
 * Only a month that has ended can be approved: the approval is made on the 2nd of the next month,
 * and the clock is then set back, so these tests also cover writes by a clock behind the
 * approver's (the lock holds whatever the clock says).
 */
async function afterMonthEnd<T>(month: string, approve: () => Promise<T>): Promise<T> {
  const before = ctx.clock.now;
  ctx.clock.now = new Date(`${addMonths(month, 1)}-02T12:00:00Z`);
  try {
    return await approve();
  } finally {
    ctx.clock.now = before;
  }
}

async function lock(month: string, userIds: string[]) {
  const res = await afterMonthEnd(month, () => call('manager').post(`/api/months/${month}/approve`, { userIds }));
  expect(res.statusCode).toBe(200);
}
async function reopen(month: string, userId: string) {
  expect((await call('admin').post(`/api/months/${month}/reopen`, { userId, reason: 'test reset' })).statusCode).toBe(200);
}

function expectLocked(res: { statusCode: number; json: () => unknown }, month: string) {
  expect(res.statusCode).toBe(409);
  const body = res.json() as { error: { code: string; message: string; details: { month: string } } };
  expect(body.error.code).toBe('MONTH_LOCKED');
  expect(body.error.details.month).toBe(month);
  expect(body.error.message).toContain(month === '2026-10' ? 'October 2026' : month === '2026-11' ? 'November 2026' : month.slice(0, 4));
}

const entryCount = () => ctx.db.prisma.workEntry.count({ where: { organizationId: org.orgId } });

describe(`monthsOfSpan (${engineName})`, () => {
  it.each([
    ['inside one month', '2026-11-10T08:00:00Z', '2026-11-10T16:00:00Z', 'Europe/Berlin', ['2026-11']],
    ['ending exactly at local midnight stays in its month', '2026-10-31T20:00:00Z', '2026-10-31T23:00:00Z', 'Europe/Berlin', ['2026-10']],
    ['across the local month edge', '2026-10-31T22:00:00Z', '2026-11-01T01:00:00Z', 'Europe/Berlin', ['2026-10', '2026-11']],
    ['UTC says October, Berlin says November', '2026-10-31T23:30:00Z', '2026-11-01T02:00:00Z', 'Europe/Berlin', ['2026-11']],
    ['a running span: its start month only', '2026-10-31T22:00:00Z', null, 'Europe/Berlin', ['2026-10']],
    ['Tokyo cuts months 9 hours ahead', '2026-11-30T15:30:00Z', '2026-11-30T16:00:00Z', 'Asia/Tokyo', ['2026-12']],
  ])('%s', (_n, start, stop, tz, months) => {
    expect(monthsOfSpan(new Date(start), stop ? new Date(stop) : null, tz)).toEqual(months);
  });
});

describe(`MONTH_LOCKED on every write path (${engineName})`, () => {
  let novemberEntry: string;
  beforeAll(async () => {
    [novemberEntry] = await insertEntries(ctx.db.prisma, org, [{ userId: org.users.alice.id, start: '2026-11-10T08:00:00Z', stop: '2026-11-10T12:00:00Z' }]) as [string];
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    await lock('2026-11', [org.users.alice.id]);
  });
  const body = (over: object = {}) => ({ customerId: org.customers.acme, categoryId: org.categories.regular, note: '', ...over });

  it('manual create by the member and by a manager, also by local wall time', async () => {
    const before = await entryCount();
    expectLocked(await call('alice').post('/api/work-entries', body({ startedAt: '2026-11-11T08:00:00Z', stoppedAt: '2026-11-11T09:00:00Z' })), '2026-11');
    expectLocked(await call('manager').post('/api/work-entries', body({ userId: org.users.alice.id, date: '2026-11-12', startTime: '09:00', stopTime: '10:00' })), '2026-11');
    // An entry from 31 October into 1 November (local) touches the locked month too.
    expectLocked(await call('manager').post('/api/work-entries', body({ userId: org.users.alice.id, date: '2026-10-31', startTime: '23:00', stopDate: '2026-11-01', stopTime: '01:00' })), '2026-11');
    expect(await entryCount()).toBe(before);
    // Another user's November is open; Alice's October is open.
    expect((await call('manager').post('/api/work-entries', body({ userId: org.users.bob.id, startedAt: '2026-11-11T08:00:00Z', stoppedAt: '2026-11-11T09:00:00Z' }))).statusCode).toBe(201);
    expect((await call('alice').post('/api/work-entries', body({ date: '2026-10-30', startTime: '09:00', stopTime: '10:00' }))).statusCode).toBe(201);
  });

  it('edit (times, note only, moving out of or into the month) and delete', async () => {
    expectLocked(await call('manager').patch(`/api/work-entries/${novemberEntry}`, { note: 'corrected' }), '2026-11');
    expectLocked(await call('alice').patch(`/api/work-entries/${novemberEntry}`, { startedAt: '2026-12-01T08:00:00Z', stoppedAt: '2026-12-01T09:00:00Z' }), '2026-11');
    const [december] = await insertEntries(ctx.db.prisma, org, [{ userId: org.users.alice.id, start: '2026-12-01T08:00:00Z', stop: '2026-12-01T09:00:00Z' }]) as [string];
    expectLocked(await call('alice').patch(`/api/work-entries/${december}`, { startedAt: '2026-11-30T08:00:00Z', stoppedAt: '2026-11-30T09:00:00Z' }), '2026-11');
    expectLocked(await call('manager').delete(`/api/work-entries/${novemberEntry}`), '2026-11');
    const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: novemberEntry } });
    expect(row).toMatchObject({ note: '', startedAt: new Date('2026-11-10T08:00:00Z') });
    // The December entry itself stays editable.
    expect((await call('alice').patch(`/api/work-entries/${december}`, { note: 'fine' })).statusCode).toBe(200);
  });

  it('timer start in a locked month; the manager\'s stop and the user\'s stop when the current month is locked', async () => {
    ctx.clock.now = new Date('2026-11-20T08:00:00Z');
    expectLocked(await call('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular }), '2026-11');
    // Bob's timer runs in November; then November is approved for him as well.
    expect((await call('bob').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
    await lock('2026-11', [org.users.bob.id]);
    ctx.clock.now = new Date('2026-11-20T10:00:00Z');
    expectLocked(await call('bob').post('/api/timer/stop', { note: 'done' }), '2026-11');
    expectLocked(await call('manager').post(`/api/at-work/${org.users.bob.id}/stop`, { note: 'forgotten' }), '2026-11');
    // Deactivating Bob stops his timer: refused too, so nothing changes.
    expectLocked(await call('admin').patch(`/api/users/${org.users.bob.id}`, { active: false }), '2026-11');
    expect((await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: org.users.bob.id } })).active).toBe(true);
    // Discarding a running timer changes no figures (running sessions are not counted), so it stays possible.
    expect((await call('bob').delete('/api/timer')).statusCode).toBe(204);
    await reopen('2026-11', org.users.bob.id);
  });

  it('an absence request or approval on a locked day', async () => {
    const kind = newId();
    await ctx.db.prisma.absenceKind.create({ data: { id: kind, organizationId: org.orgId, name: 'Vacation', creditPercent: 100 } });
    expectLocked(await call('alice').post('/api/absences', { kindId: kind, startDate: '2026-11-30', endDate: '2026-12-02' }), '2026-11');
    const pending = await call('bob').post('/api/absences', { kindId: kind, startDate: '2026-11-23', endDate: '2026-11-24' });
    expect(pending.statusCode).toBe(201);
    await lock('2026-11', [org.users.bob.id]);
    expectLocked(await call('manager').post(`/api/absences/${pending.json().id}/approve`), '2026-11');
    expectLocked(await call('bob').delete(`/api/absences/${pending.json().id}`), '2026-11');
    await reopen('2026-11', org.users.bob.id);
  });

  it('after a reopen every path works again', async () => {
    await reopen('2026-11', org.users.alice.id);
    expect((await call('manager').patch(`/api/work-entries/${novemberEntry}`, { note: 'corrected after reopen' })).statusCode).toBe(200);
    expect((await call('manager').delete(`/api/work-entries/${novemberEntry}`)).statusCode).toBe(204);
  });
});

describe(`a timer running across the lock boundary is stored from the open month on (${engineName})`, () => {
  let tz: OrgFixture;
  beforeEach(async () => {
    tz = await createOrg(ctx);
  });
  const startAt = async (who: 'alice' | 'bob', iso: string) => {
    ctx.clock.now = new Date(iso);
    const res = await as(ctx.app, tz.users[who].token).post('/api/timer/start', { customerId: tz.customers.acme, categoryId: tz.categories.regular });
    expect(res.statusCode).toBe(201);
  };
  const approve = async (month: string, userId: string) =>
    expect((await afterMonthEnd(month, () => as(ctx.app, tz.users.manager.token).post(`/api/months/${month}/approve`, { userIds: [userId] }))).statusCode).toBe(200);

  it('started in the 25-hour DST night of October, October approved, stopped on 2 November: stored from 1 November 00:00 Berlin (CET)', async () => {
    // 02:30 CEST on Sunday 25 October, inside the repeated hour's night.
    await startAt('alice', '2026-10-25T00:30:00Z');
    await approve('2026-10', tz.users.alice.id);
    ctx.clock.now = new Date('2026-11-02T08:00:00Z');
    const res = await as(ctx.app, tz.users.alice.token).post('/api/timer/stop', { note: 'long one' });
    expect(res.statusCode).toBe(200);
    const entry = res.json<WorkEntry>();
    expect(entry.startedAt).toBe('2026-10-31T23:00:00.000Z');
    expect(entry.stoppedAt).toBe('2026-11-02T08:00:00.000Z');
    expect(entry.flagged).toBe(true); // longer than the 12-hour maximum: for a manager's review
    // October's figures did not move; the audit keeps the original start.
    const oct = (await as(ctx.app, tz.users.manager.token).get(`/api/diary/${tz.users.alice.id}?month=2026-10`)).json<{ totals: { totalMinutes: number } }>();
    expect(oct.totals.totalMinutes).toBe(0);
    const stop = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { entityId: entry.id, action: 'STOP' } });
    expect((stop.before as { startedAt: string }).startedAt).toBe('2026-10-25T00:30:00.000Z');
  });

  it('started before the spring-forward night of March, March approved, stopped on 1 April: stored from 1 April 00:00 Berlin (CEST)', async () => {
    await startAt('bob', '2026-03-29T00:30:00Z'); // 01:30 CET, half an hour before the clocks jump
    await approve('2026-03', tz.users.bob.id);
    ctx.clock.now = new Date('2026-04-01T06:00:00Z');
    const res = await as(ctx.app, tz.users.manager.token).post(`/api/at-work/${tz.users.bob.id}/stop`, { note: 'stopped by manager' });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>().startedAt).toBe('2026-03-31T22:00:00.000Z');
  });

  it('a stop a minute after the locked month ends keeps just that minute; a stop still inside it is refused', async () => {
    await startAt('alice', '2026-10-31T20:00:00Z');
    await approve('2026-10', tz.users.alice.id);
    ctx.clock.now = new Date('2026-10-31T22:59:00Z'); // 23:59 Berlin, still October
    expectLocked(await as(ctx.app, tz.users.alice.token).post('/api/timer/stop', { note: '' }), '2026-10');
    ctx.clock.now = new Date('2026-10-31T23:01:00Z'); // 00:01 on 1 November
    const res = await as(ctx.app, tz.users.alice.token).post('/api/timer/stop', { note: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>()).toMatchObject({ startedAt: '2026-10-31T23:00:00.000Z', stoppedAt: '2026-10-31T23:01:00.000Z' });
  });

  it('in another zone the month edge is its own midnight (Asia/Tokyo)', async () => {
    const tokyo = await createOrg(ctx, { timeZone: 'Asia/Tokyo' });
    ctx.clock.now = new Date('2026-11-30T14:00:00Z'); // 23:00 on 30 November in Tokyo
    expect((await as(ctx.app, tokyo.users.alice.token).post('/api/timer/start', { customerId: tokyo.customers.acme, categoryId: tokyo.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-11-30T15:00:30Z'); // 00:00:30 on 1 December in Tokyo: November has ended there
    expect((await as(ctx.app, tokyo.users.manager.token).post('/api/months/2026-11/approve', { all: true })).statusCode).toBe(200);
    ctx.clock.now = new Date('2026-11-30T16:00:00Z'); // 01:00 on 1 December in Tokyo (still November in UTC)
    const res = await as(ctx.app, tokyo.users.alice.token).post('/api/timer/stop', { note: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>().startedAt).toBe('2026-11-30T15:00:00.000Z');
  });
});
