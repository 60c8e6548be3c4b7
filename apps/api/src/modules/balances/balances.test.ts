// Balances (issue 24): the overtime account and vacation days, as table tests over the year 2026
// against a reference worked out here day by day: two organisations in two German states (Bayern,
// Berlin), a full-timer on the default rules and a part-timer with rules of their own, sessions
// over both DST changes, absences of three kinds (vacation, sick leave 100 %, training 50 %), a
// correction and a payout, an approval in the middle (its balance kept after a rule change and a
// new balanceStart, the next month opening with it), a reopen; the same figures through
// GET /api/balances, the month view, the overview and the payroll.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { dayBounds, daysOfMonth, weekdayIndex, type Balance } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries, type EntrySpec } from '../diary/diary.fixtures.ts';
import { entitlementOf, roundHalfDay, vacationOf } from './balances.service.ts';

const TODAY = '2026-12-07'; // a Monday
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const FULL = [480, 480, 480, 480, 480, 0, 0];
const PART = [240, 240, 240, 0, 0, 0, 0];

type AbsenceSpec = { user: 'alice' | 'bob'; kind: 'vacation' | 'sick' | 'training'; from: string; to: string };
const CREDIT = { vacation: 100, sick: 100, training: 50 } as const;
const ABSENCES: AbsenceSpec[] = [
  { user: 'alice', kind: 'vacation', from: '2026-02-16', to: '2026-02-20' },
  { user: 'alice', kind: 'sick', from: '2026-03-10', to: '2026-03-11' },
  // Whit Monday (25 May) is a public holiday: not a vacation day.
  { user: 'alice', kind: 'vacation', from: '2026-05-25', to: '2026-05-27' },
  { user: 'alice', kind: 'training', from: '2026-06-10', to: '2026-06-10' },
  { user: 'alice', kind: 'vacation', from: '2026-12-21', to: '2026-12-31' },
  { user: 'bob', kind: 'vacation', from: '2026-04-20', to: '2026-04-24' },
];
const CORRECTIONS = [
  { user: 'alice', month: '2026-05', minutes: 90, note: 'Forgotten entry of 12 May' },
  { user: 'alice', month: '2026-11', minutes: -600, note: 'Payout of 10 hours' },
  // Before bob's account starts (2026-04): not counted.
  { user: 'bob', month: '2026-03', minutes: 30, note: 'Before the start' },
] as const;
const START = { alice: { month: '2026-01', openingMinutes: 600 }, bob: { month: '2026-04', openingMinutes: -120 } } as const;

const absenceOn = (user: string, date: string) => ABSENCES.find((a) => a.user === user && date >= a.from && date <= a.to);
const at = (date: string, minutesAfterMidnight: number) => new Date(dayBounds(date, 'Europe/Berlin').start.getTime() + minutesAfterMidnight * 60_000).toISOString();

/** Minutes worked per date by the pattern (never on holidays, absences or after today's morning). */
function workedOn(user: 'alice' | 'bob', date: string, holidays: Set<string>): number {
  if (date > TODAY || holidays.has(date) || absenceOn(user, date)) return 0;
  const wd = weekdayIndex(date);
  if (user === 'alice') return wd < 5 ? (date === TODAY ? 240 : 510) : 0;
  if (wd < 3) return 240;
  return wd === 3 && date.startsWith('2026-05') ? 60 : 0; // bob's Thursdays in May
}

/** Overnight sessions across both DST changes (weekends: all of it counts as overtime). */
const DST_SESSIONS = [
  // Sat 28 Mar 22:00 CET → Sun 29 Mar 06:00 CEST: 7 h.
  { start: '2026-03-28T21:00:00Z', stop: '2026-03-29T04:00:00Z', month: '2026-03', minutes: 420 },
  // Sat 24 Oct 22:00 CEST → Sun 25 Oct 06:00 CET: 9 h.
  { start: '2026-10-24T20:00:00Z', stop: '2026-10-25T05:00:00Z', month: '2026-10', minutes: 540 },
];

function entriesOf(org: OrgFixture, holidays: Set<string>): EntrySpec[] {
  const specs: EntrySpec[] = [];
  for (const user of ['alice', 'bob'] as const) {
    for (const month of MONTHS) {
      for (const date of daysOfMonth(month)) {
        const minutes = workedOn(user, date, holidays);
        if (minutes > 0) specs.push({ userId: org.users[user].id, start: at(date, 8 * 60), stop: at(date, 8 * 60 + minutes) });
      }
    }
  }
  for (const s of DST_SESSIONS) specs.push({ userId: org.users.alice.id, start: s.start, stop: s.stop });
  return specs;
}

/** The reference delta of a month: Σ worked − (required − absence credit), required up to today only. */
function referenceDelta(user: 'alice' | 'bob', month: string, holidays: Set<string>, rules: number[]): number {
  let delta = month === '2026-03' || month === '2026-10' ? (user === 'alice' ? DST_SESSIONS.find((s) => s.month === month)?.minutes ?? 0 : 0) : 0;
  for (const date of daysOfMonth(month)) {
    if (date > TODAY) break;
    const required = holidays.has(date) ? 0 : rules[weekdayIndex(date)] ?? 0;
    const absence = absenceOn(user, date);
    const credit = absence ? Math.floor((required * CREDIT[absence.kind]) / 100) : 0;
    delta += workedOn(user, date, holidays) - (required - credit);
  }
  return delta;
}

function referenceAccount(user: 'alice' | 'bob', holidays: Set<string>, rulesOf: (month: string) => number[]) {
  const start = START[user];
  const out = new Map<string, Balance['overtime']>();
  let opening: number = start.openingMinutes;
  for (const month of MONTHS) {
    if (month < start.month) {
      out.set(month, { openingMinutes: 0, deltaMinutes: 0, correctionMinutes: 0, closingMinutes: 0 });
      continue;
    }
    const deltaMinutes = referenceDelta(user, month, holidays, rulesOf(month));
    const correctionMinutes = CORRECTIONS.filter((c) => c.user === user && c.month === month).reduce((s, c) => s + c.minutes, 0);
    const closingMinutes = opening + deltaMinutes + correctionMinutes;
    out.set(month, { openingMinutes: opening, deltaMinutes, correctionMinutes, closingMinutes });
    opening = closingMinutes;
  }
  return out;
}

/** Vacation days (that required work) of `user` in [from, to]. */
function vacationDays(user: 'alice' | 'bob', holidays: Set<string>, rules: number[], from: string, to: string): number {
  let n = 0;
  for (const a of ABSENCES.filter((x) => x.user === user && x.kind === 'vacation')) {
    for (const month of MONTHS) {
      for (const date of daysOfMonth(month)) {
        if (date >= a.from && date <= a.to && date >= from && date <= to && !holidays.has(date) && (rules[weekdayIndex(date)] ?? 0) > 0) n += 1;
      }
    }
  }
  return n;
}

function readXlsx(body: Buffer): unknown[][] {
  const wb = XLSX.read(body, { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
  const range = XLSX.utils.decode_range(ws['!ref'] as string);
  const rows: unknown[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: unknown[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]?.v);
    rows.push(row);
  }
  return rows;
}

describe(`balances (${engineName})`, () => {
  let ctx: TestContext;
  const orgs: Record<'BY' | 'BE', { org: OrgFixture; holidays: Set<string> }> = {} as never;

  async function setUp(region: 'BY' | 'BE') {
    const org = await createOrg(ctx);
    const admin = as(ctx.app, org.users.admin.token);
    const manager = as(ctx.app, org.users.manager.token);
    expect((await admin.put('/api/settings/holidays', { country: 'DE', region, sharePercent: 0 })).statusCode).toBe(200);
    const holidays = new Set((await admin.get('/api/holidays?year=2026')).json<{ items: Array<{ date: string }> }>().items.map((h) => h.date));
    expect((await admin.put(`/api/settings/work-rules/${org.users.bob.id}`, { requiredMinutes: PART, noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false })).statusCode).toBe(200);
    const kinds = {
      vacation: (await admin.post('/api/settings/absence-kinds', { name: 'Vacation', creditPercent: 100, vacation: true })).json<{ id: string }>().id,
      sick: (await admin.post('/api/settings/absence-kinds', { name: 'Sick leave', creditPercent: 100, payrollType: 'sick' })).json<{ id: string }>().id,
      training: (await admin.post('/api/settings/absence-kinds', { name: 'Training', creditPercent: 50 })).json<{ id: string }>().id,
    };
    for (const a of ABSENCES) {
      const res = await manager.post('/api/absences', { userId: org.users[a.user].id, kindId: kinds[a.kind], startDate: a.from, endDate: a.to });
      expect(res.statusCode).toBe(201);
      const created = res.json<{ id: string; status: string }>();
      if (created.status !== 'APPROVED') expect((await manager.post(`/api/absences/${created.id}/approve`)).statusCode).toBe(200);
    }
    await insertEntries(ctx.db.prisma, org, entriesOf(org, holidays));
    for (const user of ['alice', 'bob'] as const) {
      const res = await admin.patch(`/api/users/${org.users[user].id}`, { balanceStart: START[user], vacationDaysPerYear: user === 'alice' ? 30 : 20 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ balanceStart: START[user], vacationDaysPerYear: user === 'alice' ? 30 : 20 });
    }
    for (const c of CORRECTIONS) {
      const res = await manager.post(`/api/balances/${org.users[c.user].id}/corrections`, { month: c.month, minutes: c.minutes, note: c.note });
      expect(res.statusCode).toBe(201);
    }
    orgs[region] = { org, holidays };
  }

  beforeAll(async () => {
    ctx = await setupTestApp();
    ctx.clock.now = new Date(`${TODAY}T12:00:00Z`);
    await setUp('BY');
    await setUp('BE');
  }, 120_000);

  const balance = async (org: OrgFixture, token: string, userId: string, month: string) => {
    const res = await as(ctx.app, token).get(`/api/balances/${userId}?month=${month}`);
    expect(res.statusCode).toBe(200);
    return res.json<Balance>();
  };

  it('the two states have different holidays (Epiphany and Corpus Christi in Bayern only)', () => {
    expect(orgs.BY.holidays.has('2026-01-06')).toBe(true);
    expect(orgs.BE.holidays.has('2026-01-06')).toBe(false);
    expect(orgs.BY.holidays.has('2026-06-04')).toBe(true);
    expect(orgs.BE.holidays.has('2026-06-04')).toBe(false);
    expect(orgs.BY.holidays.has('2026-05-25') && orgs.BE.holidays.has('2026-05-25')).toBe(true);
  });

  it.each(['BY', 'BE'] as const)('overtime account month by month over 2026 (%s)', async (region) => {
    const { org, holidays } = orgs[region];
    const alice = referenceAccount('alice', holidays, () => FULL);
    const bob = referenceAccount('bob', holidays, () => PART);
    for (const month of MONTHS) {
      expect({ month, ...(await balance(org, org.users.manager.token, org.users.alice.id, month)).overtime }).toEqual({ month, ...alice.get(month) });
      expect({ month, ...(await balance(org, org.users.bob.token, org.users.bob.id, month)).overtime }).toEqual({ month, ...bob.get(month) });
    }
    // Spot checks of the reference itself: the DST sessions, the payout, and only days up to today in December.
    expect(alice.get('2026-11')?.correctionMinutes).toBe(-600);
    expect(alice.get('2026-12')?.deltaMinutes).toBe(4 * 30 - 240);
    expect(bob.get('2026-03')).toEqual({ openingMinutes: 0, deltaMinutes: 0, correctionMinutes: 0, closingMinutes: 0 });
  }, 120_000);

  it('vacation: entitlement pro rata, taken up to the month, planned after it, holidays and days off not counted', async () => {
    const { org, holidays } = orgs.BY;
    const nov = (await balance(org, org.users.alice.token, org.users.alice.id, '2026-11')).vacation;
    const takenNov = vacationDays('alice', holidays, FULL, '2026-01-01', '2026-11-30');
    const planned = vacationDays('alice', holidays, FULL, '2026-12-01', '2026-12-31');
    expect(takenNov).toBe(5 + 2);
    expect(nov).toEqual({ year: 2026, entitlementDays: 30, carriedOverDays: 0, takenDays: takenNov, plannedDays: planned, remainingDays: 30 - takenNov - planned });
    const dec = (await balance(org, org.users.alice.token, org.users.alice.id, '2026-12')).vacation;
    expect(dec).toMatchObject({ takenDays: takenNov + planned, plannedDays: 0, remainingDays: 30 - takenNov - planned });
    // bob: 20 days × 9/12 (from April) = 15; his vacation week counts his three working days only.
    const bob = (await balance(org, org.users.manager.token, org.users.bob.id, '2026-12')).vacation;
    expect(bob).toEqual({ year: 2026, entitlementDays: 15, carriedOverDays: 0, takenDays: 3, plannedDays: 0, remainingDays: 12 });
  });

  it('the same figures in the month view, the overview and the payroll export', async () => {
    const { org } = orgs.BY;
    const manager = as(ctx.app, org.users.manager.token);
    for (const month of ['2026-02', '2026-05', '2026-11']) {
      const b = await balance(org, org.users.manager.token, org.users.alice.id, month);
      const view = (await manager.get(`/api/diary/${org.users.alice.id}?month=${month}`)).json<{ totals: { totalMinutes: number; requiredMinutes: number; absenceMinutes: number } }>();
      expect(view.totals.totalMinutes - view.totals.requiredMinutes + view.totals.absenceMinutes).toBe(b.overtime.deltaMinutes);
      const overview = (await manager.get(`/api/diary?month=${month}`)).json<{ items: Array<{ userId: string; balanceMinutes: number }> }>();
      expect(overview.items.find((i) => i.userId === org.users.alice.id)?.balanceMinutes).toBe(b.overtime.closingMinutes);
      const bobClosing = (await balance(org, org.users.manager.token, org.users.bob.id, month)).overtime.closingMinutes;
      expect(overview.items.find((i) => i.userId === org.users.bob.id)?.balanceMinutes).toBe(bobClosing);
      const res = await manager.get(`/api/exports/diary.xlsx?month=${month}`);
      expect(res.statusCode).toBe(200);
      const rows = readXlsx(res.rawPayload);
      const col = rows[0]?.indexOf('Balance hours') ?? -1;
      expect(col).toBeGreaterThan(0);
      const aliceRow = rows.find((r) => String(r[0]).startsWith('Alice'));
      expect(aliceRow?.[col]).toBeCloseTo(b.overtime.closingMinutes / 60, 9);
    }
  });

  it('an approved month keeps its balance after a rule change and a new balanceStart; the next month opens with it; corrections there are refused; a reopen counts the new rules', async () => {
    const { org, holidays } = orgs.BY;
    const admin = as(ctx.app, org.users.admin.token);
    const manager = as(ctx.app, org.users.manager.token);
    const aliceId = org.users.alice.id;
    const asApproved = referenceAccount('alice', holidays, () => FULL).get('2026-06');
    expect((await admin.post('/api/months/2026-06/approve', { userIds: [aliceId] })).statusCode).toBe(200);
    expect((await balance(org, org.users.manager.token, aliceId, '2026-06')).overtime).toEqual(asApproved);
    const SHORT = [420, 420, 420, 420, 420, 0, 0];
    const rules = (await admin.get('/api/settings/work-rules/default')).json<Record<string, unknown>>();
    expect((await admin.put(`/api/settings/work-rules/${aliceId}`, { ...pickRules(rules), requiredMinutes: SHORT })).statusCode).toBe(200);
    try {
      // May moves with the new rules; June is as approved; July on open from June's kept closing.
      const short = referenceAccount('alice', holidays, () => SHORT);
      const shift = (asApproved?.closingMinutes ?? 0) - (short.get('2026-06')?.closingMinutes ?? 0);
      const moved = (month: string) => {
        const b = short.get(month) as Balance['overtime'];
        return { ...b, openingMinutes: b.openingMinutes + shift, closingMinutes: b.closingMinutes + shift };
      };
      expect(shift).not.toBe(0);
      expect((await balance(org, org.users.manager.token, aliceId, '2026-05')).overtime).toEqual(short.get('2026-05'));
      expect((await balance(org, org.users.manager.token, aliceId, '2026-06')).overtime).toEqual(asApproved);
      for (const month of ['2026-07', '2026-12']) expect((await balance(org, org.users.manager.token, aliceId, month)).overtime).toEqual(moved(month));
      // A new balanceStart moves the months before the approved one only.
      expect((await admin.patch(`/api/users/${aliceId}`, { balanceStart: { month: '2026-01', openingMinutes: 0 } })).statusCode).toBe(200);
      expect((await balance(org, org.users.manager.token, aliceId, '2026-05')).overtime.closingMinutes).toBe((short.get('2026-05')?.closingMinutes ?? 0) - START.alice.openingMinutes);
      expect((await balance(org, org.users.manager.token, aliceId, '2026-06')).overtime).toEqual(asApproved);
      expect((await balance(org, org.users.manager.token, aliceId, '2026-07')).overtime).toEqual(moved('2026-07'));
      expect((await admin.patch(`/api/users/${aliceId}`, { balanceStart: START.alice })).statusCode).toBe(200);
      const locked = await manager.post(`/api/balances/${aliceId}/corrections`, { month: '2026-06', minutes: 60, note: 'Too late' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().error.code).toBe('MONTH_LOCKED');
      expect((await admin.post('/api/months/2026-06/reopen', { userId: aliceId, reason: 'Rules changed' })).statusCode).toBe(200);
      expect((await balance(org, org.users.manager.token, aliceId, '2026-06')).overtime).toEqual(short.get('2026-06'));
      expect((await balance(org, org.users.manager.token, aliceId, '2026-12')).overtime).toEqual(short.get('2026-12'));
    } finally {
      await admin.patch(`/api/users/${aliceId}`, { balanceStart: START.alice });
      await admin.delete(`/api/settings/work-rules/${aliceId}`);
    }
  });

  it('corrections: managers and admins only, a note, audited; members read only their own balance', async () => {
    const { org } = orgs.BY;
    const alice = as(ctx.app, org.users.alice.token);
    const manager = as(ctx.app, org.users.manager.token);
    expect((await alice.post(`/api/balances/${org.users.alice.id}/corrections`, { month: '2026-10', minutes: 60, note: 'Mine' })).statusCode).toBe(403);
    expect((await alice.get(`/api/balances/${org.users.bob.id}?month=2026-10`)).statusCode).toBe(403);
    expect((await manager.post(`/api/balances/${org.users.alice.id}/corrections`, { month: '2026-10', minutes: 60, note: '  ' })).statusCode).toBe(400);
    expect((await manager.post(`/api/balances/${org.users.alice.id}/corrections`, { month: '2026-13', minutes: 60, note: 'x' })).statusCode).toBe(400);
    expect((await manager.post(`/api/balances/${orgs.BE.org.users.alice.id}/corrections`, { month: '2026-10', minutes: 60, note: 'Other org' })).statusCode).toBe(404);
    expect((await manager.get(`/api/balances/${orgs.BE.org.users.alice.id}?month=2026-10`)).statusCode).toBe(404);
    const before = await balance(org, org.users.alice.token, org.users.alice.id, '2026-10');
    const res = await manager.post(`/api/balances/${org.users.alice.id}/corrections`, { month: '2026-10', minutes: -45, note: ' Payout ' });
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; note: string; minutes: number; createdById: string }>();
    expect(created).toMatchObject({ note: 'Payout', minutes: -45, createdById: org.users.manager.id });
    const after = await balance(org, org.users.alice.token, org.users.alice.id, '2026-10');
    expect(after.overtime.correctionMinutes).toBe(before.overtime.correctionMinutes - 45);
    expect(after.overtime.closingMinutes).toBe(before.overtime.closingMinutes - 45);
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { entityType: 'BalanceCorrection', entityId: created.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'CREATE', actorId: org.users.manager.id, organizationId: org.orgId });
    await ctx.db.prisma.balanceCorrection.delete({ where: { id: created.id } });
  });

  it('users and the organisation carry the settings; members do not see them on /api/me', async () => {
    const { org } = orgs.BY;
    const admin = as(ctx.app, org.users.admin.token);
    const me = (await as(ctx.app, org.users.alice.token).get('/api/me')).json<Record<string, unknown>>();
    expect(me).not.toHaveProperty('vacationDaysPerYear');
    expect(me).not.toHaveProperty('balanceStart');
    expect((await admin.patch(`/api/users/${org.users.alice.id}`, { vacationDaysPerYear: 27.3 })).statusCode).toBe(400);
    expect((await as(ctx.app, org.users.manager.token).patch(`/api/users/${org.users.alice.id}`, { vacationDaysPerYear: 27.5 })).statusCode).toBe(403);
    const listed = (await as(ctx.app, org.users.manager.token).get('/api/users')).json<{ items: Array<Record<string, unknown>> }>().items;
    expect(listed.find((u) => u.id === org.users.alice.id)).toMatchObject({ balanceStart: START.alice, vacationDaysPerYear: 30 });
    const current = (await admin.get('/api/organization')).json<Record<string, unknown>>();
    expect(current.vacationCarryOverUntil).toBeNull();
    const body = { name: current.name, timeZone: current.timeZone, currency: current.currency };
    expect((await admin.put('/api/organization', { ...body, vacationCarryOverUntil: '02-30x' })).statusCode).toBe(400);
    expect((await admin.put('/api/organization', { ...body, vacationCarryOverUntil: '03-31' })).json()).toMatchObject({ vacationCarryOverUntil: '03-31' });
    expect((await admin.get('/api/organization')).json()).toMatchObject({ vacationCarryOverUntil: '03-31' });
    expect((await admin.put('/api/organization', body)).json()).toMatchObject({ vacationCarryOverUntil: '03-31' });
    expect((await admin.put('/api/organization', { ...body, vacationCarryOverUntil: null })).json()).toMatchObject({ vacationCarryOverUntil: null });
  });
});

function pickRules(r: Record<string, unknown>) {
  const source = (r.rules ?? r) as Record<string, unknown>;
  return { requiredMinutes: source.requiredMinutes, noteRequired: source.noteRequired, minSessionMinutes: source.minSessionMinutes, maxSessionHours: source.maxSessionHours, allowOverlap: source.allowOverlap };
}

describe('vacation rules (pure)', () => {
  it.each([
    [30, '2026-01', 2026, 30],
    [30, '2026-08', 2026, 12.5],
    [25, '2026-08', 2026, 10.5],
    [20, '2026-04', 2026, 15],
    [27, '2026-10', 2026, 7],
    [30, '2026-08', 2025, 0],
    [30, '2026-08', 2027, 30],
    [30, null, 2026, 30],
    [null, '2026-01', 2026, 0],
  ] as const)('entitlement of %s days from %s in %s = %s', (days, start, year, expected) => {
    expect(entitlementOf(days, start, year)).toBe(expected);
  });

  it('rounds to the nearest half day, halves up', () => {
    expect([0.24, 0.25, 0.74, 0.75, 10.4167].map(roundHalfDay)).toEqual([0, 0.5, 0.5, 1, 10.5]);
  });

  const days2025 = Array.from({ length: 25 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);
  const days2026 = ['2026-02-02', '2026-02-03', '2026-02-04', '2026-07-06', '2026-07-07', '2026-07-08', '2026-07-09'];
  const input = { daysPerYear: 30, startMonth: '2025-01', carryOverUntil: '03-31', vacationDays: [...days2025, ...days2026] };

  it.each([
    // month, carryOverUntil, carried, taken, planned, remaining
    ['2026-02', '03-31', 5, 3, 4, 28],
    ['2026-03', '03-31', 5, 3, 4, 28],
    ['2026-04', '03-31', 3, 3, 4, 26],
    ['2026-12', '03-31', 3, 7, 0, 26],
    ['2026-04', null, 5, 3, 4, 28],
  ] as const)('carry-over in %s with expiry %s: carried %s, taken %s, planned %s, remaining %s', (month, until, carried, taken, planned, remaining) => {
    expect(vacationOf({ ...input, carryOverUntil: until }, month)).toEqual({
      year: 2026, entitlementDays: 30, carriedOverDays: carried, takenDays: taken, plannedDays: planned, remainingDays: remaining,
    });
  });

  it('an over-booked year carries nothing (never negative)', () => {
    const many = Array.from({ length: 28 }, (_, i) => `2025-0${1 + Math.floor(i / 14)}-${String(1 + (i % 14)).padStart(2, '0')}`);
    expect(vacationOf({ daysPerYear: 20, startMonth: '2025-01', carryOverUntil: null, vacationDays: many }, '2026-01')).toMatchObject({ carriedOverDays: 0, remainingDays: 20 });
    expect(vacationOf({ daysPerYear: 20, startMonth: '2025-01', carryOverUntil: null, vacationDays: many }, '2025-12')).toMatchObject({ remainingDays: -8 });
  });
});
