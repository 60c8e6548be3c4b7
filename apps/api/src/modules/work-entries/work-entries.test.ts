import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent, WorkEntry, WorkEntryList } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { LiveEvent } from '../../lib/events.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;
const NOW = new Date('2026-11-20T12:00:00Z');
const events: LiveEvent[] = [];

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
  ctx.clock.now = NOW;
  ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
});

const manager = () => as(ctx.app, org.users.manager.token);
const alice = () => as(ctx.app, org.users.alice.token);
const entryBody = (over: Record<string, unknown> = {}) => ({
  customerId: org.customers.acme, categoryId: org.categories.regular, date: '2026-11-02', startTime: '09:00', stopTime: '12:00', note: 'Work', ...over,
});
const errorOf = (res: { json: () => unknown }) => (res.json() as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

async function history(id: string, token = org.users.manager.token): Promise<AuditEvent[]> {
  const res = await as(ctx.app, token).get(`/api/work-entries/${id}/history`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { items: AuditEvent[] }).items;
}

describe(`work entries on ${engineName}`, () => {
  it('creates an entry from local wall time in the organisation zone and audits it', async () => {
    events.length = 0;
    const res = await alice().post('/api/work-entries', entryBody({ date: '2026-11-03' }));
    expect(res.statusCode).toBe(201);
    const e = res.json() as WorkEntry;
    // 09:00 in Berlin in November (CET, UTC+1) is 08:00 UTC.
    expect(e.startedAt).toBe('2026-11-03T08:00:00.000Z');
    expect(e.stoppedAt).toBe('2026-11-03T11:00:00.000Z');
    expect(e).toMatchObject({ userId: org.users.alice.id, source: 'MANUAL', note: 'Work', customer: { name: 'Acme Ltd' }, category: { name: 'Regular Hours', archived: false } });
    const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.createdById).toBe(org.users.alice.id);
    expect(row.updatedById).toBe(org.users.alice.id);
    const items = await history(e.id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'CREATE', actor: { id: org.users.alice.id }, before: null, after: { id: e.id, startedAt: e.startedAt } });
    expect(events).toEqual([{ type: 'entry.changed', userId: org.users.alice.id, entryId: e.id, customerId: org.customers.acme, action: 'created' }]);
  });

  it('accepts UTC instants and a stop on the next day (across midnight)', async () => {
    const a = await manager().post('/api/work-entries', { userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support, startedAt: '2026-11-04T08:00:00Z', stoppedAt: '2026-11-04T09:30:00Z' });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ userId: org.users.bob.id, note: '' });
    const b = await manager().post('/api/work-entries', entryBody({ userId: org.users.bob.id, date: '2026-11-05', startTime: '22:00', stopDate: '2026-11-06', stopTime: '02:00' }));
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ startedAt: '2026-11-05T21:00:00.000Z', stoppedAt: '2026-11-06T01:00:00.000Z' });
  });

  describe('the validation table', () => {
    const cases: Array<{ name: string; who?: 'manager' | 'alice'; body: () => Record<string, unknown>; status: number; code: string }> = [
      { name: 'stop before start', body: () => entryBody({ startTime: '12:00', stopTime: '09:00' }), status: 400, code: 'STOP_BEFORE_START' },
      { name: 'stop equal to start', body: () => entryBody({ startTime: '12:00', stopTime: '12:00' }), status: 400, code: 'STOP_BEFORE_START' },
      { name: 'stop in the future', body: () => entryBody({ date: '2026-11-20', startTime: '12:00', stopTime: '15:00' }), status: 422, code: 'ENTRY_IN_FUTURE' },
      { name: 'DST gap (02:30 on 29 March does not exist)', body: () => entryBody({ date: '2026-03-29', startTime: '02:30', stopTime: '04:00' }), status: 400, code: 'LOCAL_TIME_NONEXISTENT' },
      { name: 'DST overlap (02:30 on 25 October happens twice)', body: () => entryBody({ date: '2026-10-25', startTime: '02:30', stopTime: '05:00' }), status: 400, code: 'LOCAL_TIME_AMBIGUOUS' },
      { name: 'unknown customer', body: () => entryBody({ customerId: newId() }), status: 404, code: 'NOT_FOUND' },
      { name: 'unknown category', body: () => entryBody({ categoryId: newId() }), status: 404, code: 'NOT_FOUND' },
      { name: "another organisation's customer", body: () => entryBody({ customerId: other.customers.acme }), status: 404, code: 'NOT_FOUND' },
      { name: "another organisation's category", body: () => entryBody({ categoryId: other.categories.regular }), status: 404, code: 'NOT_FOUND' },
      { name: "another organisation's user", body: () => entryBody({ userId: other.users.alice.id }), status: 404, code: 'NOT_FOUND' },
      { name: 'a member writing for someone else', who: 'alice', body: () => entryBody({ userId: org.users.bob.id }), status: 403, code: 'FORBIDDEN' },
      { name: 'a member writing for a user of another organisation', who: 'alice', body: () => entryBody({ userId: other.users.bob.id }), status: 403, code: 'FORBIDDEN' },
      { name: 'both instants and local time', body: () => entryBody({ startedAt: '2026-11-02T08:00:00Z' }), status: 400, code: 'VALIDATION_ERROR' },
      { name: 'no stop time', body: () => entryBody({ stopTime: undefined }), status: 400, code: 'VALIDATION_ERROR' },
      { name: 'a date that does not exist', body: () => entryBody({ date: '2026-02-30' }), status: 400, code: 'VALIDATION_ERROR' },
      { name: 'a malformed time', body: () => entryBody({ startTime: '9:00' }), status: 400, code: 'VALIDATION_ERROR' },
      { name: 'a session longer than the maximum (12 h)', body: () => entryBody({ date: '2026-11-07', startTime: '06:00', stopTime: '19:00' }), status: 422, code: 'SESSION_TOO_LONG' },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.status} ${c.code}`, async () => {
        const before = await ctx.db.prisma.workEntry.count({ where: { organizationId: org.orgId } });
        const res = await (c.who === 'alice' ? alice() : manager()).post('/api/work-entries', c.body());
        expect(res.statusCode).toBe(c.status);
        const err = errorOf(res);
        expect(err.code).toBe(c.code);
        expect(err.message.length).toBeGreaterThan(5);
        expect(await ctx.db.prisma.workEntry.count({ where: { organizationId: org.orgId } })).toBe(before);
      });
    }

    it('archived category → 422 CATEGORY_ARCHIVED, archived customer → 422 CUSTOMER_ARCHIVED', async () => {
      const catId = newId();
      const custId = newId();
      await ctx.db.prisma.category.create({ data: { id: catId, organizationId: org.orgId, name: 'Old Category', archived: true } });
      await ctx.db.prisma.customer.create({ data: { id: custId, organizationId: org.orgId, name: 'Gone Ltd', archived: true } });
      const a = await manager().post('/api/work-entries', entryBody({ categoryId: catId }));
      expect(a.statusCode).toBe(422);
      expect(errorOf(a).code).toBe('CATEGORY_ARCHIVED');
      const b = await manager().post('/api/work-entries', entryBody({ customerId: custId }));
      expect(b.statusCode).toBe(422);
      expect(errorOf(b).code).toBe('CUSTOMER_ARCHIVED');
    });

    it('a gap names nothing to choose; an ambiguous time lists both instants, and the chosen offset is used', async () => {
      const gap = errorOf(await manager().post('/api/work-entries', entryBody({ date: '2026-03-29', startTime: '01:00', stopTime: '02:15' })));
      expect(gap.code).toBe('LOCAL_TIME_NONEXISTENT');
      expect(gap.details).toEqual({ field: 'stop', date: '2026-03-29', time: '02:15', timeZone: 'Europe/Berlin', candidates: [] });
      expect(gap.message).toContain('does not exist in Europe/Berlin');

      const amb = errorOf(await manager().post('/api/work-entries', entryBody({ date: '2026-10-25', startTime: '02:30', stopTime: '05:00' })));
      expect(amb.details).toEqual({
        field: 'start', date: '2026-10-25', time: '02:30', timeZone: 'Europe/Berlin',
        candidates: [{ instant: '2026-10-25T00:30:00.000Z', offset: '+02:00' }, { instant: '2026-10-25T01:30:00.000Z', offset: '+01:00' }],
      });
      expect(amb.message).toContain('happens twice');

      const second = await manager().post('/api/work-entries', entryBody({ date: '2026-10-25', startTime: '02:30', startOffset: '+01:00', stopTime: '05:00' }));
      expect(second.statusCode).toBe(201);
      // 02:30 (second time, CET) → 05:00 CET is 3.5 hours.
      expect(second.json()).toMatchObject({ startedAt: '2026-10-25T01:30:00.000Z', stoppedAt: '2026-10-25T04:00:00.000Z' });

      const wrong = await manager().post('/api/work-entries', entryBody({ date: '2026-10-24', startTime: '09:00', startOffset: '+01:00', stopTime: '10:00' }));
      expect(wrong.statusCode).toBe(400);
      expect(errorOf(wrong).code).toBe('VALIDATION_ERROR');
    });

    it('an overlap → 409 ENTRY_OVERLAP naming the clashing entry in local time', async () => {
      const first = await alice().post('/api/work-entries', entryBody({ date: '2026-11-09', startTime: '09:00', stopTime: '12:00' }));
      expect(first.statusCode).toBe(201);
      const clashId = (first.json() as WorkEntry).id;
      const res = await manager().post('/api/work-entries', entryBody({ userId: org.users.alice.id, customerId: org.customers.globex, date: '2026-11-09', startTime: '11:30', stopTime: '13:00' }));
      expect(res.statusCode).toBe(409);
      const err = errorOf(res);
      expect(err.code).toBe('ENTRY_OVERLAP');
      expect(err.details).toMatchObject({ entryId: clashId, customer: 'Acme Ltd' });
      expect(err.message).toContain('Acme Ltd on 2026-11-09 09:00–12:00');
      // Another user at the same time is fine; so is touching end to start.
      expect((await manager().post('/api/work-entries', entryBody({ userId: org.users.bob.id, date: '2026-11-09', startTime: '11:30', stopTime: '13:00' }))).statusCode).toBe(201);
      expect((await alice().post('/api/work-entries', entryBody({ date: '2026-11-09', startTime: '12:00', stopTime: '13:00' }))).statusCode).toBe(201);
    });
  });

  describe('edit and delete', () => {
    let entry: WorkEntry;
    beforeAll(async () => {
      const res = await alice().post('/api/work-entries', entryBody({ date: '2026-11-10', startTime: '08:00', stopTime: '10:00', note: 'first' }));
      entry = res.json() as WorkEntry;
    });

    it('a manager edits local times; fields left out keep their values; audited with before and after', async () => {
      events.length = 0;
      const res = await manager().patch(`/api/work-entries/${entry.id}`, { stopTime: '11:15', note: '=1+1 fixed' });
      expect(res.statusCode).toBe(200);
      const e = res.json() as WorkEntry;
      expect(e).toMatchObject({ startedAt: '2026-11-10T07:00:00.000Z', stoppedAt: '2026-11-10T10:15:00.000Z', note: '=1+1 fixed', userId: org.users.alice.id });
      const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: entry.id } });
      expect(row.updatedById).toBe(org.users.manager.id);
      const items = await history(entry.id, org.users.alice.token);
      expect(items.map((i) => i.action)).toEqual(['CREATE', 'UPDATE']);
      expect(items[1]).toMatchObject({ actor: { id: org.users.manager.id }, before: { stoppedAt: '2026-11-10T09:00:00.000Z', note: 'first' }, after: { stoppedAt: '2026-11-10T10:15:00.000Z', note: '=1+1 fixed' } });
      expect(events).toEqual([{ type: 'entry.changed', userId: org.users.alice.id, entryId: entry.id, customerId: org.customers.acme, action: 'updated' }]);
    });

    it('moving the date moves the whole session; rules apply to edits', async () => {
      const moved = await alice().patch(`/api/work-entries/${entry.id}`, { date: '2026-11-11' });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ startedAt: '2026-11-11T07:00:00.000Z', stoppedAt: '2026-11-11T10:15:00.000Z' });
      const backwards = await alice().patch(`/api/work-entries/${entry.id}`, { startTime: '12:00' });
      expect(backwards.statusCode).toBe(400);
      expect(errorOf(backwards).code).toBe('STOP_BEFORE_START');
      const future = await alice().patch(`/api/work-entries/${entry.id}`, { stoppedAt: '2026-11-21T10:00:00Z' });
      expect(future.statusCode).toBe(422);
      expect(errorOf(future).code).toBe('ENTRY_IN_FUTURE');
    });

    it('an edit onto another session of the same user → 409 ENTRY_OVERLAP; the entry itself is not a clash', async () => {
      const other2 = await alice().post('/api/work-entries', entryBody({ date: '2026-11-11', startTime: '13:00', stopTime: '14:00' }));
      expect(other2.statusCode).toBe(201);
      const clash = await alice().patch(`/api/work-entries/${entry.id}`, { stopTime: '13:30' });
      expect(clash.statusCode).toBe(409);
      expect(errorOf(clash).details).toMatchObject({ entryId: (other2.json() as WorkEntry).id });
      const self = await alice().patch(`/api/work-entries/${entry.id}`, { startTime: '07:30' });
      expect(self.statusCode).toBe(200);
    });

    it('archived category: refused when changing to it, not when the entry already had it', async () => {
      const catId = newId();
      await ctx.db.prisma.category.create({ data: { id: catId, organizationId: org.orgId, name: 'Retired' } });
      expect((await alice().patch(`/api/work-entries/${entry.id}`, { categoryId: catId })).statusCode).toBe(200);
      await ctx.db.prisma.category.update({ where: { id: catId }, data: { archived: true } });
      const noteOnly = await alice().patch(`/api/work-entries/${entry.id}`, { note: 'still fine', categoryId: catId });
      expect(noteOnly.statusCode).toBe(200);
      expect(noteOnly.json()).toMatchObject({ category: { id: catId, archived: true } });
      expect((await alice().patch(`/api/work-entries/${entry.id}`, { categoryId: org.categories.regular })).statusCode).toBe(200);
      const back = await alice().patch(`/api/work-entries/${entry.id}`, { categoryId: catId });
      expect(back.statusCode).toBe(422);
      expect(errorOf(back).code).toBe('CATEGORY_ARCHIVED');
    });

    it('members may not touch other people\'s entries; other organisations get 404', async () => {
      const bobs = await manager().post('/api/work-entries', entryBody({ userId: org.users.bob.id, date: '2026-11-12' }));
      const bobId = (bobs.json() as WorkEntry).id;
      expect((await alice().patch(`/api/work-entries/${bobId}`, { note: 'x' })).statusCode).toBe(403);
      expect((await alice().delete(`/api/work-entries/${bobId}`)).statusCode).toBe(403);
      expect((await alice().get(`/api/work-entries/${bobId}/history`)).statusCode).toBe(403);
      const stranger = as(ctx.app, other.users.manager.token);
      expect((await stranger.patch(`/api/work-entries/${bobId}`, { note: 'x' })).statusCode).toBe(404);
      expect((await stranger.delete(`/api/work-entries/${bobId}`)).statusCode).toBe(404);
      expect((await stranger.get(`/api/work-entries/${bobId}/history`)).statusCode).toBe(404);
      expect((await manager().patch(`/api/work-entries/${bobId}`, { customerId: other.customers.acme })).statusCode).toBe(404);
    });

    it('a running session: its times only change through the timer; note and category can change', async () => {
      const id = newId();
      await ctx.db.prisma.workEntry.create({ data: {
        id, organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.acme, categoryId: org.categories.regular,
        startedAt: new Date('2026-11-20T10:00:00Z'), stoppedAt: null, source: 'TIMER', createdById: org.users.bob.id,
      } });
      const stop = await manager().patch(`/api/work-entries/${id}`, { stopTime: '11:30' });
      expect(stop.statusCode).toBe(409);
      expect(errorOf(stop).code).toBe('ENTRY_RUNNING');
      const note = await manager().patch(`/api/work-entries/${id}`, { note: 'on it', categoryId: org.categories.support });
      expect(note.statusCode).toBe(200);
      expect(note.json()).toMatchObject({ stoppedAt: null, note: 'on it', category: { id: org.categories.support } });
      const del = await manager().delete(`/api/work-entries/${id}`);
      expect(del.statusCode).toBe(409);
      // Cleaning up for the list tests below: stop it as the timer would.
      await ctx.db.prisma.workEntry.update({ where: { id }, data: { stoppedAt: new Date('2026-11-20T11:00:00Z') } });
    });

    it('deletes with 204; the history stays readable and shows who deleted it', async () => {
      events.length = 0;
      const res = await alice().delete(`/api/work-entries/${entry.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await ctx.db.prisma.workEntry.findUnique({ where: { id: entry.id } })).toBeNull();
      expect((await alice().delete(`/api/work-entries/${entry.id}`)).statusCode).toBe(404);
      const items = await history(entry.id, org.users.alice.token);
      expect(items.at(-1)).toMatchObject({ action: 'DELETE', actor: { id: org.users.alice.id }, after: null, before: { id: entry.id } });
      expect((await as(ctx.app, org.users.bob.token).get(`/api/work-entries/${entry.id}/history`)).statusCode).toBe(403);
      expect(events).toEqual([{ type: 'entry.changed', userId: org.users.alice.id, entryId: entry.id, customerId: org.customers.acme, action: 'deleted' }]);
    });
  });

  describe('list, totals and pagination', () => {
    let customerId: string;
    beforeAll(async () => {
      customerId = newId();
      await ctx.db.prisma.customer.create({ data: { id: customerId, organizationId: org.orgId, name: 'Totals GmbH' } });
      // alice: 7 sessions of 1:30 on 2..8 October; bob: 3 of 0:45 on 1..3 October; plus one of bob's on 1 November.
      const rows = [];
      for (let d = 2; d <= 8; d++) rows.push({ user: org.users.alice.id, start: `2026-10-0${d}T08:00:00Z`, stop: `2026-10-0${d}T09:30:00Z` });
      for (let d = 1; d <= 3; d++) rows.push({ user: org.users.bob.id, start: `2026-10-0${d}T12:00:00Z`, stop: `2026-10-0${d}T12:45:59Z` });
      rows.push({ user: org.users.bob.id, start: '2026-11-01T09:00:00Z', stop: '2026-11-01T10:00:00Z' });
      await ctx.db.prisma.workEntry.createMany({ data: rows.map((r) => ({
        id: newId(), organizationId: org.orgId, userId: r.user, customerId, categoryId: org.categories.regular,
        startedAt: new Date(r.start), stoppedAt: new Date(r.stop), source: 'MANUAL' as const, createdById: r.user,
      })) });
    });
    const list = async (query: string, token = org.users.manager.token) => {
      const res = await as(ctx.app, token).get(`/api/work-entries?customerId=${customerId}&${query}`);
      expect(res.statusCode).toBe(200);
      return res.json() as WorkEntryList;
    };

    it('the total covers the whole filtered range, not just the page', async () => {
      const page1 = await list('from=2026-10-01&to=2026-10-31&limit=4');
      expect(page1.total).toBe(10);
      // 7 × 90 + 3 × 45 (each row counts whole minutes: 45:59 → 45)
      expect(page1.totalMinutes).toBe(7 * 90 + 3 * 45);
      expect(page1.items).toHaveLength(4);
      expect(page1.items[0]?.startedAt).toBe('2026-10-08T08:00:00.000Z');
      const starts = page1.items.map((i) => i.startedAt);
      expect([...starts].sort().reverse()).toEqual(starts);
      const page3 = await list('from=2026-10-01&to=2026-10-31&limit=4&offset=8');
      expect(page3.items).toHaveLength(2);
      expect(page3).toMatchObject({ total: 10, totalMinutes: 765, limit: 4, offset: 8 });
      expect(page3.items.at(-1)?.startedAt).toBe('2026-10-01T12:00:00.000Z');
      const beyond = await list('from=2026-10-01&to=2026-10-31&limit=4&offset=40');
      expect(beyond).toMatchObject({ items: [], total: 10, totalMinutes: 765 });
    });

    it('date bounds are whole local days, to inclusive; instants are taken as they are', async () => {
      expect((await list('from=2026-10-03&to=2026-10-03')).total).toBe(2);
      expect((await list('from=2026-10-03&to=2026-10-03')).totalMinutes).toBe(90 + 45);
      // bob 1 Oct 12:00 and alice 2 Oct 08:00; `to` as an instant is exclusive.
      expect((await list('from=2026-10-01T00:00:00Z&to=2026-10-02T09:00:00Z')).total).toBe(2);
      expect((await list('from=2026-10-01T00:00:00Z&to=2026-10-02T08:00:00Z')).total).toBe(1);
      expect((await list('from=2026-11-01')).total).toBe(1);
      const bad = await as(ctx.app, org.users.manager.token).get('/api/work-entries?from=yesterday');
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).code).toBe('VALIDATION_ERROR');
    });

    it('instant bounds are parsed strictly: no rolled-over days, no instants without a UTC offset', async () => {
      // `new Date` would read 30 Feb as 2 March, and an offset-less instant in the server's own zone.
      for (const q of ['from=2026-02-30T00:00:00Z', 'to=2026-10-02T08:00', 'from=2026-10-01T25:00:00Z', 'from=2026-10-01Tnoon']) {
        const res = await as(ctx.app, org.users.manager.token).get(`/api/work-entries?${q}`);
        expect(res.statusCode, q).toBe(400);
        expect(errorOf(res).code, q).toBe('VALIDATION_ERROR');
      }
      expect((await list('from=2026-10-01T02:00:00%2B02:00&to=2026-10-02T11:00:00%2B02:00')).total).toBe(2);
    });

    it('a user filter; members see only their own rows, and asking for someone else is 403', async () => {
      expect(await list(`userId=${org.users.bob.id}&from=2026-10-01&to=2026-10-31`)).toMatchObject({ total: 3, totalMinutes: 135 });
      const own = await list('from=2026-10-01&to=2026-10-31', org.users.alice.token);
      expect(own).toMatchObject({ total: 7, totalMinutes: 630 });
      expect(own.items.every((i) => i.userId === org.users.alice.id)).toBe(true);
      expect(await list(`userId=${org.users.alice.id}`, org.users.alice.token)).toMatchObject({ total: 7 });
      const res = await alice().get(`/api/work-entries?customerId=${customerId}&userId=${org.users.bob.id}`);
      expect(res.statusCode).toBe(403);
    });

    it('a running entry counts up to now in the total', async () => {
      const id = newId();
      await ctx.db.prisma.workEntry.create({ data: {
        id, organizationId: org.orgId, userId: org.users.manager.id, customerId, categoryId: org.categories.regular,
        startedAt: new Date(NOW.getTime() - 25 * 60_000 - 30_000), stoppedAt: null, source: 'TIMER', createdById: org.users.manager.id,
      } });
      try {
        const res = await list('from=2026-11-01&to=2026-11-30');
        expect(res).toMatchObject({ total: 2, totalMinutes: 60 + 25 });
        expect(res.items[0]).toMatchObject({ id, stoppedAt: null });
      } finally {
        await ctx.db.prisma.workEntry.delete({ where: { id } });
      }
    });

    it('another organisation sees none of it', async () => {
      const res = await as(ctx.app, other.users.admin.token).get(`/api/work-entries?customerId=${customerId}`);
      expect(res.json()).toMatchObject({ items: [], total: 0, totalMinutes: 0 });
    });
  });
});
