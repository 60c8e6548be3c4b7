// Month states: each transition, each role, and the audit events.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MonthApproveResult, MonthStates } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

describe(`month close: submit, approve, reopen (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
  });
  const call = (who: keyof OrgFixture['users'], o: OrgFixture = org) => as(ctx.app, o.users[who].token);
  const statusOf = (body: MonthStates, userId: string) => body.items.find((i) => i.userId === userId)?.status;

  it('starts OPEN for everyone; members see only themselves', async () => {
    const manager = await call('manager').get('/api/months?month=2026-11');
    expect(manager.statusCode).toBe(200);
    const body = manager.json<MonthStates>();
    expect(body.items).toHaveLength(4);
    expect(body.items.every((i) => i.status === 'OPEN' && i.updatedAt === null)).toBe(true);
    expect(body.events).toEqual([]);
    const member = (await call('alice').get('/api/months?month=2026-11')).json<MonthStates>();
    expect(member.items.map((i) => i.userId)).toEqual([org.users.alice.id]);
    expect((await call('alice').get(`/api/months?month=2026-11&userId=${org.users.bob.id}`)).statusCode).toBe(403);
  });

  it('a member submits their own month once; a future month cannot be submitted', async () => {
    const res = await call('alice').post('/api/months/2026-11/submit');
    expect(res.statusCode).toBe(200);
    expect(statusOf(res.json<MonthStates>(), org.users.alice.id)).toBe('SUBMITTED');
    const again = await call('alice').post('/api/months/2026-11/submit');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('MONTH_STATE_CONFLICT');
    const future = await call('alice').post('/api/months/2027-01/submit');
    expect(future.statusCode).toBe(400);
    expect((await call('alice').post('/api/months/2026-13/submit')).statusCode).toBe(400);
  });

  it('members cannot approve or reopen; managers cannot reopen', async () => {
    expect((await call('alice').post('/api/months/2026-11/approve', { all: true })).statusCode).toBe(403);
    expect((await call('bob').post('/api/months/2026-11/reopen', { userId: org.users.alice.id, reason: 'Typo' })).statusCode).toBe(403);
    expect((await call('manager').post('/api/months/2026-11/reopen', { userId: org.users.alice.id, reason: 'Typo' })).statusCode).toBe(403);
  });

  it('a manager approves selected users; then everyone at once (already approved ones reported)', async () => {
    const some = await call('manager').post('/api/months/2026-11/approve', { userIds: [org.users.alice.id] });
    expect(some.statusCode).toBe(200);
    expect(some.json<MonthApproveResult>()).toMatchObject({ approved: [org.users.alice.id], alreadyApproved: [] });
    const all = await call('manager').post('/api/months/2026-11/approve', { all: true });
    const body = all.json<MonthApproveResult>();
    expect(body.approved.sort()).toEqual([org.users.admin.id, org.users.bob.id, org.users.manager.id].sort());
    expect(body.alreadyApproved).toEqual([org.users.alice.id]);
    expect(body.items.every((i) => i.status === 'APPROVED')).toBe(true);
    // Submitting an approved month is refused.
    expect((await call('bob').post('/api/months/2026-11/submit')).json().error.code).toBe('MONTH_STATE_CONFLICT');
  });

  it('refuses a bad approve body and unknown or foreign users', async () => {
    expect((await call('manager').post('/api/months/2026-10/approve', {})).statusCode).toBe(400);
    expect((await call('manager').post('/api/months/2026-10/approve', { userIds: [] })).statusCode).toBe(400);
    const foreign = await call('manager').post('/api/months/2026-10/approve', { userIds: [other.users.alice.id] });
    expect(foreign.statusCode).toBe(404);
    expect((await call('manager').get('/api/months?month=2026-10')).json<MonthStates>().items.every((i) => i.status === 'OPEN')).toBe(true);
  });

  it('an admin reopens with a reason (required); an open month cannot be reopened', async () => {
    const noReason = await call('admin').post('/api/months/2026-11/reopen', { userId: org.users.alice.id, reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    const res = await call('admin').post('/api/months/2026-11/reopen', { userId: org.users.alice.id, reason: 'Missing Friday entry' });
    expect(res.statusCode).toBe(200);
    expect(statusOf(res.json<MonthStates>(), org.users.alice.id)).toBe('REOPENED');
    const twice = await call('admin').post('/api/months/2026-11/reopen', { userId: org.users.alice.id, reason: 'Again' });
    expect(twice.json().error.code).toBe('MONTH_STATE_CONFLICT');
    const open = await call('admin').post('/api/months/2026-09/reopen', { userId: org.users.bob.id, reason: 'Nothing to reopen' });
    expect(open.statusCode).toBe(409);
    // A reopened month can be submitted and approved again.
    expect((await call('alice').post('/api/months/2026-11/submit')).statusCode).toBe(200);
    expect((await call('admin').post('/api/months/2026-11/approve', { userIds: [org.users.alice.id] })).json<MonthApproveResult>().approved).toEqual([org.users.alice.id]);
  });

  it('every change is an audit event with who, when and why, newest first; other organisations see none', async () => {
    const body = (await call('manager').get(`/api/months?month=2026-11&userId=${org.users.alice.id}`)).json<MonthStates>();
    expect(body.events.map((e) => [e.action, e.actor.id, e.reason])).toEqual([
      ['APPROVE', org.users.admin.id, null],
      ['SUBMIT', org.users.alice.id, null],
      ['REOPEN', org.users.admin.id, 'Missing Friday entry'],
      ['APPROVE', org.users.manager.id, null],
      ['SUBMIT', org.users.alice.id, null],
    ]);
    expect(body.events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
    const foreign = (await call('manager', other).get('/api/months?month=2026-11')).json<MonthStates>();
    expect(foreign.items.every((i) => i.status === 'OPEN')).toBe(true);
    expect(foreign.events).toEqual([]);
  });

  it('refuses to approve a month that has not ended (the current one, a future one), for everyone or selected users', async () => {
    for (const body of [{ all: true }, { userIds: [org.users.alice.id] }]) {
      const current = await call('manager').post('/api/months/2026-12/approve', body);
      expect(current.statusCode).toBe(400);
      expect(current.json().error.message).toBe('December 2026 has not ended yet: it can be approved from 1 January 2027 on.');
    }
    expect((await call('admin').post('/api/months/2027-02/approve', { all: true })).statusCode).toBe(400);
    expect((await call('manager').get('/api/months?month=2026-12')).json<MonthStates>().items.every((i) => i.status === 'OPEN')).toBe(true);
    // The month ends at midnight in the organisation's zone (Berlin: 23:00 UTC on 31 December).
    ctx.clock.now = new Date('2027-01-01T00:30:00Z');
    try {
      expect((await call('manager').post('/api/months/2026-12/approve', { userIds: [org.users.bob.id] })).statusCode).toBe(200);
    } finally {
      ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    }
  });

  it('a manager sends a submitted month back with a comment: OPEN again, the comment in the audit; only from SUBMITTED', async () => {
    expect((await call('bob').post('/api/months/2026-10/submit')).statusCode).toBe(200);
    expect((await call('alice').post('/api/months/2026-10/reject', { userId: org.users.bob.id, comment: 'Friday is missing' })).statusCode).toBe(403);
    expect((await call('manager').post('/api/months/2026-10/reject', { userId: org.users.bob.id, comment: ' x ' })).statusCode).toBe(400);
    expect((await call('manager').post('/api/months/2026-10/reject', { userId: other.users.bob.id, comment: 'Friday is missing' })).statusCode).toBe(404);
    const res = await call('manager').post('/api/months/2026-10/reject', { userId: org.users.bob.id, comment: '  Friday the 30th is missing  ' });
    expect(res.statusCode).toBe(200);
    const body = res.json<MonthStates>();
    expect(statusOf(body, org.users.bob.id)).toBe('OPEN');
    expect(body.events[0]).toMatchObject({ action: 'REJECT', actor: { id: org.users.manager.id }, reason: 'Friday the 30th is missing' });
    // Bob sees it on his own month.
    const own = (await call('bob').get('/api/months?month=2026-10')).json<MonthStates>();
    expect(own.events.map((e) => [e.action, e.reason])).toEqual([['REJECT', 'Friday the 30th is missing'], ['SUBMIT', null]]);
    // Nothing to send back any more; bob submits again, and an approved month is an admin's reopen.
    const twice = await call('manager').post('/api/months/2026-10/reject', { userId: org.users.bob.id, comment: 'Again' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('MONTH_STATE_CONFLICT');
    expect((await call('bob').post('/api/months/2026-10/submit')).statusCode).toBe(200);
    expect((await call('manager').post('/api/months/2026-10/approve', { userIds: [org.users.bob.id] })).statusCode).toBe(200);
    const approved = await call('admin').post('/api/months/2026-10/reject', { userId: org.users.bob.id, comment: 'Too late' });
    expect(approved.statusCode).toBe(409);
    expect(approved.json().error.message).toMatch(/approved: an admin can reopen it/);
  });

  it('lists the open findings to see before approving: a running timer, flagged sessions', async () => {
    const { alice, bob } = org.users;
    await insertEntries(ctx.db.prisma, org, [
      { userId: alice.id, start: '2026-09-07T07:00:00Z', stop: '2026-09-07T12:00:00Z', flagged: true },
      { userId: alice.id, start: '2026-09-08T07:00:00Z', stop: '2026-09-08T12:00:00Z', flagged: true },
      { userId: alice.id, start: '2026-09-09T07:00:00Z', stop: '2026-09-09T12:00:00Z' },
      // Flagged, but in August: not September's.
      { userId: bob.id, start: '2026-08-10T07:00:00Z', stop: '2026-08-10T12:00:00Z', flagged: true },
      // Started on 30 September, still running.
      { userId: bob.id, start: '2026-09-30T07:00:00Z', stop: null },
    ]);
    const items = (await call('manager').get('/api/months?month=2026-09')).json<MonthStates>().items;
    const of = (id: string) => items.find((i) => i.userId === id);
    expect(of(alice.id)).toMatchObject({ running: false, flaggedSessions: 2 });
    expect(of(bob.id)).toMatchObject({ running: true, flaggedSessions: 0 });
    expect(of(org.users.manager.id)).toMatchObject({ running: false, flaggedSessions: 0 });
    // A timer started after the month is not the month's.
    expect((await call('manager').get('/api/months?month=2026-08')).json<MonthStates>().items.find((i) => i.userId === bob.id))
      .toMatchObject({ running: false, flaggedSessions: 1 });
  });

  it('documents the month routes in the OpenAPI spec', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/months', '/api/months/{month}/submit', '/api/months/{month}/approve', '/api/months/{month}/reject', '/api/months/{month}/reopen',
      '/api/absences', '/api/absences/{id}/approve', '/api/absences/{id}/reject', '/api/settings/absence-kinds', '/api/settings/holidays', '/api/holidays',
    ]));
  });
});
