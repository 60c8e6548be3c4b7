// GET /api/reports and shared reports: every grouping pair, the filters, the range cut at local
// midnight, members' limits, amounts rounded once per group, bad input, and shares that end.
import { beforeAll, describe, expect, it } from 'vitest';
import { REPORT_GROUPS, type PublicReport, type Report, type ReportGroup } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';
import { roundAmount } from './reports.service.ts';

describe(`reports (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    const prisma = ctx.db.prisma;
    // Acme bills 90.00/h, Globex 0.00 is not billable (null).
    await prisma.customer.update({ where: { id: org.customers.acme }, data: { hourlyRate: 9000 } });
    const { alice, bob } = org.users;
    await insertEntries(prisma, org, [
      // Monday 2 November (Berlin UTC+1): Alice 08:00–10:00:30 Acme (2 h 30 s), 10:30–11:10:40 Acme.
      { userId: alice.id, start: '2026-11-02T07:00:00Z', stop: '2026-11-02T09:00:30Z' },
      { userId: alice.id, start: '2026-11-02T09:30:00Z', stop: '2026-11-02T10:10:40Z' },
      // Alice across midnight 3→4 November, 22:00–02:00 local: 2 h on each day.
      { userId: alice.id, start: '2026-11-03T21:00:00Z', stop: '2026-11-04T01:00:00Z' },
      // Bob on 2 November 09:00–12:00.
      { userId: bob.id, start: '2026-11-02T08:00:00Z', stop: '2026-11-02T11:00:00Z' },
      // Bob across the range's end: 30 November 23:00 – 1 December 01:00 local (1 h inside November).
      { userId: bob.id, start: '2026-11-30T22:00:00Z', stop: '2026-12-01T00:00:00Z' },
      // A running session is left out.
      { userId: bob.id, start: '2026-12-02T08:00:00Z', stop: null },
    ]);
    // Globex and Support: Alice 4 November 09:00–09:45:50 local.
    await prisma.workEntry.create({
      data: {
        id: 'globex-support', organizationId: org.orgId, userId: alice.id, customerId: org.customers.globex, categoryId: org.categories.support,
        startedAt: new Date('2026-11-04T08:00:00Z'), stoppedAt: new Date('2026-11-04T08:45:50Z'), note: '', source: 'MANUAL', createdById: alice.id,
      },
    });
  });
  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
  const report = async (who: keyof OrgFixture['users'], query: string) => {
    const res = await call(who).get(`/api/reports?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Report>();
  };
  const NOV = 'from=2026-11-01&to=2026-11-30';

  it('groups by customer: minutes cut at local midnight and at the range, billable minutes and amounts rounded once per group', async () => {
    const r = await report('manager', `${NOV}&groupBy=customer`);
    const acme = r.groups.find((g) => g.key === org.customers.acme) as ReportGroup;
    const globex = r.groups.find((g) => g.key === org.customers.globex) as ReportGroup;
    // Acme: Alice 120 + 40 (2 Nov: 160 min 70 s → 161, the day's floor) + 240; Bob 180 + 60 (to midnight of 30 Nov).
    expect(acme).toMatchObject({ label: 'Acme Ltd', minutes: 161 + 240 + 180 + 60, billableMinutes: 641 });
    expect(acme.amount).toBe(roundAmount(641 * 9000));
    expect(globex).toMatchObject({ label: 'Globex GmbH', minutes: 45, billableMinutes: 0, amount: 0 });
    expect(r).toMatchObject({ totalMinutes: 686, totalBillableMinutes: 641, totalAmount: 96150, currency: 'EUR', from: '2026-11-01', to: '2026-11-30' });
    expect(r.series).toHaveLength(30);
    expect(r.series.find((p) => p.date === '2026-11-02')?.minutes).toBe(161 + 180);
    expect(r.series.find((p) => p.date === '2026-11-03')?.minutes).toBe(120);
    expect(r.series.find((p) => p.date === '2026-11-04')?.minutes).toBe(120 + 45);
    expect(r.series.find((p) => p.date === '2026-11-30')?.minutes).toBe(60);
    expect(r.series.reduce((s, p) => s + p.minutes, 0)).toBe(r.totalMinutes);
  });

  it('every grouping pair gives the same total, children summing to their parent', async () => {
    for (const a of REPORT_GROUPS) {
      for (const b of [undefined, ...REPORT_GROUPS.filter((g) => g !== a)]) {
        const r = await report('admin', `${NOV}&groupBy=${b ? `${a},${b}` : a}`);
        expect({
          groupBy: r.groupBy, total: r.totalMinutes, groups: r.groups.reduce((s, g) => s + g.minutes, 0), series: r.series.reduce((s, p) => s + p.minutes, 0), amount: r.totalAmount,
        }).toEqual({ groupBy: b ? [a, b] : [a], total: 686, groups: 686, series: 686, amount: 96150 });
        for (const g of r.groups) {
          if (b) expect({ g: g.key, sum: (g.children ?? []).reduce((s, c) => s + c.minutes, 0) }).toEqual({ g: g.key, sum: g.minutes });
          else expect(g.children).toBeUndefined();
        }
      }
    }
    const byWeek = await report('admin', `${NOV}&groupBy=week,day`);
    expect(byWeek.groups.map((g) => g.key)).toEqual(['2026-W45', '2026-W49']);
    const byUser = await report('admin', `${NOV}&groupBy=user,category`);
    expect(byUser.groups.map((g) => g.label)).toEqual([`Alice ${org.orgId.slice(0, 8)}`, `Bob ${org.orgId.slice(0, 8)}`]);
  });

  it('orders names as a reader does (case and accents aside, then by id) and sums each parent from its children, amounts rounded once', async () => {
    const prisma = ctx.db.prisma;
    // October only: the other tests read November. Three of the names differ only in case or accent.
    const names = ['beta Co', 'Alpha', 'alpha', 'Ärger AG', 'Zulu'];
    const ids = names.map((_, i) => `${org.orgId.slice(0, 8)}-order-${i}`);
    await prisma.customer.createMany({
      data: names.map((name, i) => ({ id: ids[i] as string, organizationId: org.orgId, name, hourlyRate: i % 2 === 0 ? 6000 + i * 1001 : null })),
    });
    const { alice, bob } = org.users;
    let minute = 0;
    const entries = ids.flatMap((customerId, i) => [alice.id, bob.id].map((userId, j) => {
      const start = new Date(Date.UTC(2026, 9, 5 + i, 7, 0) + (minute += 7) * 60_000);
      return {
        id: `${customerId}-${j}`, organizationId: org.orgId, userId, customerId, categoryId: org.categories.regular,
        startedAt: start, stoppedAt: new Date(start.getTime() + (37 + i * 11 + j * 5) * 60_000 + 20_000), note: '', source: 'MANUAL' as const, createdById: userId,
      };
    }));
    await prisma.workEntry.createMany({ data: entries });
    const rate = new Map((await prisma.customer.findMany({ where: { organizationId: org.orgId }, select: { id: true, hourlyRate: true } })).map((c) => [c.id, c.hourlyRate]));
    const OCT = 'from=2026-10-01&to=2026-10-31';

    const byCustomer = await report('manager', `${OCT}&groupBy=customer,user`);
    const expected = names.map((name, i) => ({ name, id: ids[i] as string }))
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id))
      .map((c) => c.name);
    expect(byCustomer.groups.map((g) => g.label)).toEqual(expected);
    expect(expected.slice(0, 3).map((n) => n.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''))).toEqual(['alpha', 'alpha', 'arger ag']);
    for (const g of byCustomer.groups) {
      expect(g.children?.map((c) => c.label)).toEqual([`Alice ${org.orgId.slice(0, 8)}`, `Bob ${org.orgId.slice(0, 8)}`]);
      expect(g.amount).toBe(roundAmount(g.minutes * (rate.get(g.key) ?? 0)));
    }

    // A person's amount covers customers of different rates: Σ minutes × rate, rounded once.
    const byUser = await report('manager', `${OCT}&groupBy=user,customer`);
    expect(byUser.groups.map((g) => g.label)).toEqual([`Alice ${org.orgId.slice(0, 8)}`, `Bob ${org.orgId.slice(0, 8)}`]);
    for (const g of byUser.groups) {
      expect(g.children?.map((c) => c.label)).toEqual(expected);
      const exact = (g.children ?? []).reduce((s, c) => s + c.minutes * (rate.get(c.key) ?? 0), 0);
      expect({ amount: g.amount, billable: g.billableMinutes }).toEqual({
        amount: roundAmount(exact),
        billable: (g.children ?? []).filter((c) => rate.get(c.key) !== null).reduce((s, c) => s + c.minutes, 0),
      });
    }
    expect(byUser.totalAmount).toBe(roundAmount(byUser.groups.flatMap((g) => g.children ?? []).reduce((s, c) => s + c.minutes * (rate.get(c.key) ?? 0), 0)));
    expect(byUser.totalMinutes).toBe(byCustomer.totalMinutes);
  });

  it('filters by person, customer and category; a member gets only themselves whatever they ask', async () => {
    expect((await report('manager', `${NOV}&groupBy=user&userId=${org.users.bob.id}`)).totalMinutes).toBe(240);
    expect((await report('manager', `${NOV}&groupBy=user&customerId=${org.customers.globex}`)).totalMinutes).toBe(45);
    expect((await report('manager', `${NOV}&groupBy=user&categoryId=${org.categories.support}`)).totalMinutes).toBe(45);
    const own = await report('alice', `${NOV}&groupBy=user&userId=${org.users.bob.id}`);
    expect(own.filters.userId).toBe(org.users.alice.id);
    expect(own.groups.map((g) => g.key)).toEqual([org.users.alice.id]);
    expect(own.totalMinutes).toBe(161 + 240 + 45);
    // Ids of another organisation are not found.
    const other = await createOrg(ctx);
    expect((await call('manager').get(`/api/reports?${NOV}&customerId=${other.customers.acme}`)).statusCode).toBe(404);
  });

  it('refuses bad input with a clear message', async () => {
    const bad = async (query: string, message: RegExp) => {
      const res = await call('manager').get(`/api/reports?${query}`);
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
      expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(message) });
    };
    await bad(`${NOV}&groupBy=project`, /Unknown group "project"/);
    await bad(`${NOV}&groupBy=customer,user,day`, /one or two/);
    await bad(`${NOV}&groupBy=user,user`, /must differ/);
    await bad('from=2026-11-30&to=2026-11-01', /"to" must not be before "from"/);
    await bad('from=2020-01-01&to=2025-12-31', /at most 5 years/);
    await bad('from=2026-11-31&to=2026-12-01', /No such date "2026-11-31"/);
    await bad('to=2026-11-30', /from/);
    expect((await call('manager').get('/api/reports?from=2021-01-01&to=2025-12-31')).statusCode).toBe(200);
  });

  it('shares a report by link until it expires or is ended', async () => {
    const created = await call('manager').post('/api/reports/shares', {
      query: { from: '2026-11-01', to: '2026-11-30', groupBy: 'customer,user' }, expiresAt: '2026-12-09T00:00:00Z',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, url } = created.json<{ id: string; url: string }>();
    const token = url.split('/').at(-1) as string;
    expect(url).toBe(`/shared/reports/${token}`);
    // No login needed; the same figures as the owner sees.
    const shared = await ctx.app.inject({ method: 'GET', url: `/api/public/reports/${token}` });
    expect(shared.statusCode).toBe(200);
    const body = shared.json<PublicReport>();
    const own = await report('manager', `${NOV}&groupBy=customer,user`);
    expect({ groups: body.groups, total: body.totalAmount }).toEqual({ groups: own.groups, total: own.totalAmount });
    expect(body).toMatchObject({ organization: expect.any(String), expiresAt: '2026-12-09T00:00:00.000Z' });
    expect((await call('manager').get('/api/reports/shares')).json<{ items: Array<{ id: string }> }>().items.map((s) => s.id)).toEqual([id]);
    // Another member cannot end it; the owner can, at once.
    expect((await call('alice').delete(`/api/reports/shares/${id}`)).statusCode).toBe(404);
    expect((await call('manager').delete(`/api/reports/shares/${id}`)).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/reports/${token}` })).statusCode).toBe(404);

    // Expiry: readable until then, 404 after.
    const soon = await call('alice').post('/api/reports/shares', { query: { from: '2026-11-01', to: '2026-11-30', groupBy: ['user'], userId: org.users.bob.id }, expiresAt: '2026-12-02T11:00:00Z' });
    const soonToken = soon.json<{ url: string }>().url.split('/').at(-1) as string;
    const before = await ctx.app.inject({ method: 'GET', url: `/api/public/reports/${soonToken}` });
    // A member's share is their own time, whatever the query named.
    expect(before.json<PublicReport>().groups.map((g) => g.key)).toEqual([org.users.alice.id]);
    ctx.clock.now = new Date('2026-12-02T11:00:01Z');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/public/reports/${soonToken}` })).statusCode).toBe(404);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/public/reports/not-a-real-token-at-all' })).statusCode).toBe(404);
    expect((await call('manager').post('/api/reports/shares', { query: { from: '2026-11-01', to: '2026-11-30', groupBy: 'user' }, expiresAt: '2026-12-01T00:00:00Z' })).statusCode).toBe(400);
  });
});
