import { beforeAll, describe, expect, it } from 'vitest';
import type { DiaryDay, DiaryOverview, DiaryUserMonth } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from './diary.fixtures.ts';

describe(`diary API (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  let aliceEntries: string[];

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
    const { alice, bob, manager } = org.users;
    aliceEntries = await insertEntries(ctx.db.prisma, org, [
      // Sat 2026-01-31 22:00 → Sun 2026-02-01 02:00 Berlin: 120 min on each side of the month end, all extra.
      { userId: alice.id, start: '2026-01-31T21:00:00Z', stop: '2026-02-01T01:00:00Z' },
      // Mon 2026-02-02 08:00–18:30: 630 min, 150 extra.
      { userId: alice.id, start: '2026-02-02T07:00:00Z', stop: '2026-02-02T17:30:00Z', note: 'long day' },
      // Tue 2026-02-03 09:00–12:00 + 13:00–14:00 (flagged): 240 min.
      { userId: alice.id, start: '2026-02-03T08:00:00Z', stop: '2026-02-03T11:00:00Z' },
      { userId: alice.id, start: '2026-02-03T12:00:00Z', stop: '2026-02-03T13:00:00Z', flagged: true },
      // Running since Fri 2026-02-20 08:00: left out of the overview, counted to now in the day views.
      { userId: alice.id, start: '2026-02-20T07:00:00Z', stop: null },
      // Bob: Wed 2026-02-04 08:00–16:00: 480, no extra.
      { userId: bob.id, start: '2026-02-04T07:00:00Z', stop: '2026-02-04T15:00:00Z' },
      { userId: manager.id, start: '2026-03-02T07:00:00Z', stop: '2026-03-02T08:00:00Z' },
    ]);
    await insertEntries(ctx.db.prisma, other, [{ userId: other.users.alice.id, start: '2026-02-02T07:00:00Z', stop: '2026-02-02T17:00:00Z' }]);
    ctx.clock.now = new Date('2026-02-20T10:00:00Z'); // 11:00 in Berlin
  });

  const row = (body: DiaryOverview, userId: string) => body.items.find((i) => i.userId === userId);

  describe('GET /api/diary', () => {
    it('lists every active user of the organisation with total, extra and salary of finished sessions', async () => {
      const res = await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-02');
      expect(res.statusCode).toBe(200);
      const body = res.json<DiaryOverview>();
      expect(body.month).toBe('2026-02');
      expect(body.currency).toBe('EUR');
      expect(body.items.map((i) => i.userId).sort()).toEqual(Object.values(org.users).map((u) => u.id).sort());
      // Alice: 120 (Sun 1st, all extra) + 630 (150 extra) + 240 = 990 total, 270 extra; running left out.
      // HOURLY 2000/h × 1.25: (990 − 270)/60 × 2000 + 270/60 × 2000 × 1.25 = 24000 + 11250.
      expect(row(body, org.users.alice.id)).toEqual({
        userId: org.users.alice.id, name: expect.stringMatching(/^Alice/), active: true,
        totalMinutes: 990, extraMinutes: 270, requiredMinutes: 9600, absenceMinutes: 0, salary: 35250, frozenAt: null,
        // The overtime account (no balanceStart: from her first month with time, January, opening 0):
        // January 120 − 22 × 480 = −10440; February up to today (the 20th) 990 − 15 × 480 = −6210.
        balanceMinutes: -16650,
        // Working-time findings: Sunday the 1st; 10:30 on the 2nd without a break (break, stretch, daily maximum).
        violations: 4,
      });
      expect(row(body, org.users.bob.id)).toMatchObject({ totalMinutes: 480, extraMinutes: 0, salary: 16000 });
      expect(row(body, org.users.manager.id)).toMatchObject({ totalMinutes: 0, extraMinutes: 0, salary: 0 });
      expect(body.totals).toEqual({ totalMinutes: 1470, extraMinutes: 270, salary: 51250 });
    });

    it('gives January only its half of the session across the month end', async () => {
      const body = (await as(ctx.app, org.users.admin.token).get('/api/diary?month=2026-01')).json<DiaryOverview>();
      expect(row(body, org.users.alice.id)).toMatchObject({ totalMinutes: 120, extraMinutes: 120, requiredMinutes: 10560, salary: 5000 });
    });

    it('defaults to the current month in the organisation zone', async () => {
      ctx.clock.now = new Date('2026-02-28T23:30:00Z'); // already 1 March in Berlin
      const body = (await as(ctx.app, org.users.manager.token).get('/api/diary')).json<DiaryOverview>();
      ctx.clock.now = new Date('2026-02-20T10:00:00Z');
      expect(body.month).toBe('2026-03');
      expect(row(body, org.users.manager.id)).toMatchObject({ totalMinutes: 60 });
    });

    it('names the latest month with sessions up to the current one (latestMonth), per organisation and per user', async () => {
      const { manager, bob, admin } = org.users;
      ctx.clock.now = new Date('2026-05-10T10:00:00Z');
      try {
        const may = (await as(ctx.app, manager.token).get('/api/diary')).json<DiaryOverview>();
        expect(may).toMatchObject({ month: '2026-05', totals: { totalMinutes: 0 }, latestMonth: '2026-03' });
        expect((await as(ctx.app, manager.token).get(`/api/diary/${bob.id}`)).json<DiaryUserMonth>()).toMatchObject({ month: '2026-05', latestMonth: '2026-02' });
        expect((await as(ctx.app, admin.token).get(`/api/diary/${admin.id}`)).json<DiaryUserMonth>().latestMonth).toBeNull();
        // Another organisation's sessions do not count.
        const empty = await createOrg(ctx);
        expect((await as(ctx.app, empty.users.manager.token).get('/api/diary')).json<DiaryOverview>().latestMonth).toBeNull();
      } finally {
        ctx.clock.now = new Date('2026-02-20T10:00:00Z');
      }
      // Not beyond the current month: the manager's March session is in the future on 20 February.
      expect((await as(ctx.app, manager.token).get('/api/diary?month=2026-01')).json<DiaryOverview>().latestMonth).toBe('2026-02');
      expect((await as(ctx.app, manager.token).get(`/api/diary/${manager.id}`)).json<DiaryUserMonth>().latestMonth).toBeNull();
    });

    it('keeps a deactivated user who has entries that month, marked, and drops one who has none', async () => {
      const { bob } = org.users;
      const ghost = newId();
      await ctx.db.prisma.user.create({ data: { id: ghost, organizationId: org.orgId, email: `ghost-${ghost.slice(0, 8)}@test.example`, name: 'Ghost', active: false } });
      await ctx.db.prisma.user.update({ where: { id: bob.id }, data: { active: false } });
      try {
        const body = (await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-02')).json<DiaryOverview>();
        expect(row(body, bob.id)).toMatchObject({ active: false, totalMinutes: 480 });
        expect(row(body, ghost)).toBeUndefined();
        const march = (await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-03')).json<DiaryOverview>();
        expect(row(march, bob.id)).toBeUndefined();
      } finally {
        await ctx.db.prisma.user.update({ where: { id: bob.id }, data: { active: true } });
        await ctx.db.prisma.user.delete({ where: { id: ghost } });
      }
    });

    it('uses the user rules row, else the organisation default, for required minutes', async () => {
      const rulesId = newId();
      // Bob must work 600 minutes on Wednesdays only.
      await ctx.db.prisma.workRules.create({ data: { id: rulesId, organizationId: org.orgId, userId: org.users.bob.id, requiredMinutes: [0, 0, 600, 0, 0, 0, 0] } });
      try {
        const body = (await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-02')).json<DiaryOverview>();
        // Four Wednesdays in February 2026; the 480 minutes on Wed the 4th are short of 600, so no extra.
        expect(row(body, org.users.bob.id)).toMatchObject({ totalMinutes: 480, extraMinutes: 0, requiredMinutes: 2400 });
        const admin = (await as(ctx.app, org.users.admin.token).get('/api/diary?month=2026-02')).json<DiaryOverview>();
        expect(row(admin, org.users.alice.id)).toMatchObject({ requiredMinutes: 9600 });
      } finally {
        await ctx.db.prisma.workRules.delete({ where: { id: rulesId } });
      }
    });

    it('answers 403 to members, 400 to a bad month, and never shows another organisation', async () => {
      expect((await as(ctx.app, org.users.alice.token).get('/api/diary?month=2026-02')).statusCode).toBe(403);
      const bad = await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-13');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_ERROR');
      const theirs = (await as(ctx.app, other.users.manager.token).get('/api/diary?month=2026-02')).json<DiaryOverview>();
      expect(theirs.items.map((i) => i.userId).sort()).toEqual(Object.values(other.users).map((u) => u.id).sort());
      expect(row(theirs, other.users.alice.id)).toMatchObject({ totalMinutes: 600, extraMinutes: 120 });
    });
  });

  describe('GET /api/diary/:userId', () => {
    it("gives every day of the user's month, running session counted to now", async () => {
      const res = await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}?month=2026-02`);
      expect(res.statusCode).toBe(200);
      const body = res.json<DiaryUserMonth>();
      expect(body.items).toHaveLength(28);
      expect(body.user).toEqual({ id: org.users.alice.id, name: expect.stringMatching(/^Alice/), active: true });
      expect(body.requiredByWeekday).toEqual([480, 480, 480, 480, 480, 0, 0]);
      const day = (date: string) => body.items.find((d) => d.date === date) as DiaryDay;
      expect(day('2026-02-01')).toEqual({
        date: '2026-02-01', entrance: '2026-01-31T23:00:00.000Z', exit: '2026-02-01T01:00:00.000Z',
        totalMinutes: 120, extraMinutes: 120, requiredMinutes: 0, absenceMinutes: 0, holiday: null, absence: null, flagged: false, running: false,
        violations: ['SUNDAY_WORK'],
      });
      expect(day('2026-02-02').violations).toEqual(['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX']);
      expect(day('2026-02-02')).toMatchObject({ totalMinutes: 630, extraMinutes: 150, requiredMinutes: 480 });
      expect(day('2026-02-03')).toMatchObject({ totalMinutes: 240, flagged: true, exit: '2026-02-03T13:00:00.000Z' });
      // 08:00 → now 11:00 Berlin.
      expect(day('2026-02-20')).toEqual({
        date: '2026-02-20', entrance: '2026-02-20T07:00:00.000Z', exit: null,
        totalMinutes: 180, extraMinutes: 0, requiredMinutes: 480, absenceMinutes: 0, holiday: null, absence: null, flagged: false, running: true,
        violations: [], // a running session is judged when it stops
      });
      expect(day('2026-02-21')).toMatchObject({ totalMinutes: 0, entrance: null, running: false });
      // Live minutes include the running 180; the salary leaves it out (same as the overview's).
      expect(body.totals).toEqual({ totalMinutes: 1170, extraMinutes: 270, requiredMinutes: 9600, absenceMinutes: 0, salary: 35250 });
    });

    it('lets a member read their own month only', async () => {
      const own = await as(ctx.app, org.users.alice.token).get(`/api/diary/${org.users.alice.id}?month=2026-02`);
      expect(own.statusCode).toBe(200);
      const others = await as(ctx.app, org.users.alice.token).get(`/api/diary/${org.users.bob.id}?month=2026-02`);
      expect(others.statusCode).toBe(403);
      expect(others.json().error.code).toBe('FORBIDDEN');
    });

    it("answers 404 for another organisation's user and an unknown id", async () => {
      const res = await as(ctx.app, org.users.manager.token).get(`/api/diary/${other.users.alice.id}?month=2026-02`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await as(ctx.app, org.users.admin.token).get(`/api/diary/${newId()}`)).statusCode).toBe(404);
    });
  });

  describe('GET /api/diary/:userId/:date', () => {
    it('lists the sessions touching that local day, with the day total', async () => {
      const res = await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-02-01`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.map((e: { id: string }) => e.id)).toEqual([aliceEntries[0]]);
      expect(body.items[0]).toMatchObject({ customer: { name: 'Acme Ltd' }, category: { name: 'Regular Hours' }, stoppedAt: '2026-02-01T01:00:00.000Z' });
      expect(body).toMatchObject({ date: '2026-02-01', totalMinutes: 120, extraMinutes: 120, requiredMinutes: 0, running: false });

      // The reads take the local day's exact instants: the session across midnight is on both of
      // its days, and on neither neighbour (Berlin is UTC+1: 2026-01-31 starts at 23:00 UTC on the 30th).
      const saturday = (await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-01-31`)).json();
      expect(saturday.items.map((e: { id: string }) => e.id)).toEqual([aliceEntries[0]]);
      expect(saturday.totalMinutes).toBe(120);
      expect((await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-01-30`)).json().items).toEqual([]);
      const monday = (await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-02-02`)).json();
      expect(monday.items.map((e: { id: string }) => e.id)).toEqual([aliceEntries[1]]);

      const tuesday = (await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-02-03`)).json();
      expect(tuesday.items.map((e: { id: string }) => e.id)).toEqual([aliceEntries[2], aliceEntries[3]]);
      expect(tuesday.totalMinutes).toBe(240);

      const running = (await as(ctx.app, org.users.alice.token).get(`/api/diary/${org.users.alice.id}/2026-02-20`)).json();
      expect(running).toMatchObject({ totalMinutes: 180, running: true });
      expect(running.items[0].stoppedAt).toBeNull();
    });

    it('checks roles, organisation and the date', async () => {
      expect((await as(ctx.app, org.users.bob.token).get(`/api/diary/${org.users.alice.id}/2026-02-01`)).statusCode).toBe(403);
      expect((await as(ctx.app, org.users.manager.token).get(`/api/diary/${other.users.alice.id}/2026-02-02`)).statusCode).toBe(404);
      const impossible = await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-02-30`);
      expect(impossible.statusCode).toBe(400);
      expect(impossible.json().error.code).toBe('VALIDATION_ERROR');
      expect((await as(ctx.app, org.users.manager.token).get(`/api/diary/${org.users.alice.id}/2026-2-3`)).statusCode).toBe(400);
    });
  });

  describe('GET /api/diary/:userId/:date/history', () => {
    it("shows the day's audit trail, including sessions moved away or deleted", async () => {
      const { alice, manager } = org.users;
      const base = { organizationId: org.orgId, entityType: 'WorkEntry' };
      const snap = (id: string, start: string, stop: string) => ({ id, userId: alice.id, startedAt: start, stoppedAt: stop, note: '', customer: { id: org.customers.acme, name: 'Acme Ltd' } });
      const deleted = newId();
      const moved = newId();
      await ctx.db.prisma.auditEvent.createMany({ data: [
        { ...base, id: newId(), entityId: aliceEntries[1] as string, action: 'CREATE', actorId: alice.id, at: new Date('2026-02-02T17:31:00Z'), after: snap(aliceEntries[1] as string, '2026-02-02T07:00:00.000Z', '2026-02-02T17:00:00.000Z') },
        { ...base, id: newId(), entityId: aliceEntries[1] as string, action: 'UPDATE', actorId: manager.id, at: new Date('2026-02-05T09:00:00Z'), before: snap(aliceEntries[1] as string, '2026-02-02T07:00:00.000Z', '2026-02-02T17:00:00.000Z'), after: snap(aliceEntries[1] as string, '2026-02-02T07:00:00.000Z', '2026-02-02T17:30:00.000Z') },
        { ...base, id: newId(), entityId: deleted, action: 'DELETE', actorId: manager.id, at: new Date('2026-02-05T09:05:00Z'), before: snap(deleted, '2026-02-02T18:00:00.000Z', '2026-02-02T19:00:00.000Z') },
        { ...base, id: newId(), entityId: moved, action: 'UPDATE', actorId: manager.id, at: new Date('2026-02-05T09:10:00Z'), before: snap(moved, '2026-02-02T19:00:00.000Z', '2026-02-02T20:00:00.000Z'), after: snap(moved, '2026-02-09T19:00:00.000Z', '2026-02-09T20:00:00.000Z') },
        // Another day's session and another user's: not shown.
        { ...base, id: newId(), entityId: aliceEntries[2] as string, action: 'CREATE', actorId: alice.id, at: new Date('2026-02-03T11:00:00Z'), after: snap(aliceEntries[2] as string, '2026-02-03T08:00:00.000Z', '2026-02-03T11:00:00.000Z') },
      ] });

      const res = await as(ctx.app, manager.token).get(`/api/diary/${alice.id}/2026-02-02/history`);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<{ entityId: string; action: string; actor: { name: string }; at: string; before: unknown; after: unknown }>;
      expect(items.map((i) => [i.entityId, i.action])).toEqual([
        [moved, 'UPDATE'], [deleted, 'DELETE'], [aliceEntries[1], 'UPDATE'], [aliceEntries[1], 'CREATE'],
      ]);
      expect(items[2]).toMatchObject({ actor: { name: expect.stringMatching(/^Manager/) }, at: '2026-02-05T09:00:00.000Z', after: { stoppedAt: '2026-02-02T17:30:00.000Z' } });
      expect(items[1]?.after).toBeNull();

      expect((await as(ctx.app, alice.token).get(`/api/diary/${alice.id}/2026-02-02/history`)).statusCode).toBe(200);
      expect((await as(ctx.app, org.users.bob.token).get(`/api/diary/${alice.id}/2026-02-02/history`)).statusCode).toBe(403);
      const elsewhere = await as(ctx.app, other.users.manager.token).get(`/api/diary/${alice.id}/2026-02-02/history`);
      expect(elsewhere.statusCode).toBe(404);
    });
  });
});
