// The overtime account's two statements (balance.sql.ts) against the per-month computation they
// replaced (one overview query per month since the earliest start, written out below as it was):
// a generated year in Berlin (seeded, so a failure replays) with sessions across both DST changes,
// holidays at a 50 % share, absences of two credits, corrections and payouts, a user with rules of
// their own, an inactive user, a balanceStart, an approval that keeps its balance and one kept
// before balances were (its `balance` removed: worked out from the kept totals as before), both
// with work written into them after the approval (the kept figures count, not the new work).
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, currentMonth, dayBounds, daysOfMonth, type BalanceOvertime } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { seededRandom } from '../../test/random.ts';
import { insertEntries, type EntrySpec } from '../../modules/diary/diary.fixtures.ts';
import { holidaySettingsOf } from '../calendar/day-calendar.ts';
import { holidaysOfMonth } from '../calendar/holidays.ts';
import { orgContextOf } from '../../lib/mappers.ts';
import type { OrgContext } from '../../lib/types.ts';
import { overviewFigures, overtimeAccounts, readAccounts } from './index.ts';

const TZ = 'Europe/Berlin';
const NOW = new Date('2026-12-09T11:00:00Z');
const MONTHS = [...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`), '2027-01'];
const at = (date: string, minutes: number) => new Date(dayBounds(date, TZ).start.getTime() + minutes * 60_000).toISOString();

/** The per-month computation as it was before balance.sql.ts: one overview query per month. */
async function perMonthBalances(ctx: TestContext, org: OrgContext, month: string): Promise<Map<string, BalanceOvertime>> {
  const sql = ctx.db.sql;
  const accounts = await readAccounts(sql, org, null);
  const out = new Map<string, BalanceOvertime>(accounts.map((a) => [a.userId, { openingMinutes: 0, deltaMinutes: 0, correctionMinutes: 0, closingMinutes: 0 }]));
  const started = accounts.filter((a) => a.startMonth !== null && a.startMonth <= month);
  if (started.length === 0) return out;
  const cached = await ctx.app.orgCache.get(org.id);
  const fallbackRequired = cached?.rulesFor(null).requiredMinutes ?? [];
  const settings = holidaySettingsOf(org);
  const thisMonth = currentMonth(org.timeZone, NOW);
  const earliest = started.map((a) => a.startMonth as string).sort()[0] as string;
  const deltas = new Map<string, number>();
  for (let m = earliest; m <= month && m <= thisMonth; m = addMonths(m, 1)) {
    const rows = await overviewFigures({
      sql, org, month: m, fallbackRequired, holidays: await holidaysOfMonth(settings, m), holidaySharePercent: settings.sharePercent,
      ...(m === thisMonth ? { lastDate: NOW.toISOString().slice(0, 10) } : {}),
    });
    for (const r of rows) deltas.set(`${r.userId}|${m}`, r.totalMinutes - r.requiredMinutes + r.absenceMinutes);
  }
  const corrections = new Map<string, number>();
  const rows = await ctx.db.unscoped.query<{ user_id: string; month: string; minutes: number }>(`
    SELECT "userId" AS user_id, month, sum(minutes)::int AS minutes FROM "BalanceCorrection"
    WHERE "organizationId" = $1 AND month >= $2 AND month <= $3 GROUP BY "userId", month`, [org.id, earliest, month]);
  for (const r of rows) corrections.set(`${r.user_id}|${r.month}`, Number(r.minutes));
  for (const a of started) {
    let opening = a.openingMinutes;
    for (let m = a.startMonth as string; m < month; m = addMonths(m, 1)) opening += (deltas.get(`${a.userId}|${m}`) ?? 0) + (corrections.get(`${a.userId}|${m}`) ?? 0);
    const deltaMinutes = deltas.get(`${a.userId}|${month}`) ?? 0;
    const correctionMinutes = corrections.get(`${a.userId}|${month}`) ?? 0;
    out.set(a.userId, { openingMinutes: opening, deltaMinutes, correctionMinutes, closingMinutes: opening + deltaMinutes + correctionMinutes });
  }
  return out;
}

describe(`overtime account: two statements = one overview per month (${engineName})`, () => {
  let ctx: TestContext;
  let fixture: OrgFixture;
  let org: OrgContext;

  beforeAll(async () => {
    ctx = await setupTestApp();
    ctx.clock.now = NOW;
    fixture = await createOrg(ctx, { timeZone: TZ });
    const admin = as(ctx.app, fixture.users.admin.token);
    const manager = as(ctx.app, fixture.users.manager.token);
    const random = seededRandom(2406);
    expect((await admin.put('/api/settings/holidays', { country: 'DE', region: 'BE', sharePercent: 50 })).statusCode).toBe(200);
    expect((await admin.put(`/api/settings/work-rules/${fixture.users.bob.id}`, { requiredMinutes: [300, 300, 300, 300, 0, 0, 0], noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false })).statusCode).toBe(200);
    const kinds = [
      (await admin.post('/api/settings/absence-kinds', { name: 'Vacation', creditPercent: 100, vacation: true })).json<{ id: string }>().id,
      (await admin.post('/api/settings/absence-kinds', { name: 'Training', creditPercent: 50 })).json<{ id: string }>().id,
    ];
    const workers = [fixture.users.alice.id, fixture.users.bob.id, fixture.users.manager.id];
    // Nights across the DST changes (Sat→Sun 29 Mar and 25 Oct) for alice; the Sunday has no day session.
    const nights = new Set(['2026-03-28', '2026-10-24']);
    const specs: EntrySpec[] = [];
    for (const userId of workers) {
      for (const month of MONTHS.slice(0, 12)) {
        for (const date of daysOfMonth(month)) {
          if (date > '2026-12-09') break;
          if (userId === fixture.users.alice.id && nights.has(date)) {
            specs.push({ userId, start: at(date, 22 * 60), stop: at(date, 22 * 60 + 480) });
            continue;
          }
          if (userId === fixture.users.alice.id && (date === '2026-03-29' || date === '2026-10-25')) continue;
          // The manager works only from June (an inactive user's empty months do not count).
          if (userId === fixture.users.manager.id && month < '2026-06') continue;
          if (random() < 0.35) continue;
          const start = 6 * 60 + Math.floor(random() * 6 * 60);
          // Seconds too, so per-day flooring matters; the day's last session ends before midnight.
          const length = 30 + Math.floor(random() * 9 * 60);
          specs.push({ userId, start: at(date, start), stop: new Date(Date.parse(at(date, start + length)) + Math.floor(random() * 59_000)).toISOString() });
        }
      }
    }
    await insertEntries(ctx.db.prisma, fixture, specs);
    for (let i = 0; i < 8; i += 1) {
      const userId = workers[i % 2] as string;
      const month = MONTHS[Math.floor(random() * 11)] as string;
      const first = 1 + Math.floor(random() * 20);
      const startDate = `${month}-${String(first).padStart(2, '0')}`;
      const endDate = `${month}-${String(first + Math.floor(random() * 5)).padStart(2, '0')}`;
      const res = await manager.post('/api/absences', { userId, kindId: kinds[i % 2], startDate, endDate });
      if (res.statusCode !== 201) continue; // an overlap with an earlier generated one
      const created = res.json<{ id: string; status: string }>();
      if (created.status !== 'APPROVED') expect((await manager.post(`/api/absences/${created.id}/approve`)).statusCode).toBe(200);
    }
    for (let i = 0; i < 10; i += 1) {
      const userId = workers[i % workers.length] as string;
      const month = MONTHS[Math.floor(random() * 13)] as string;
      const minutes = Math.floor(random() * 1200) - 800;
      expect((await manager.post(`/api/balances/${userId}/corrections`, { month, minutes, note: `Generated ${i}` })).statusCode).toBe(201);
    }
    expect((await admin.patch(`/api/users/${fixture.users.bob.id}`, { balanceStart: { month: '2026-03', openingMinutes: -300 } })).statusCode).toBe(200);
    expect((await admin.patch(`/api/users/${fixture.users.manager.id}`, { active: false })).statusCode).toBe(200);
    expect((await admin.post('/api/months/2026-05/approve', { userIds: [fixture.users.alice.id] })).statusCode).toBe(200);
    expect((await admin.post('/api/months/2026-08/approve', { userIds: [fixture.users.bob.id, fixture.users.alice.id] })).statusCode).toBe(200);
    // bob's August as kept before balances were: no `balance` in the snapshot.
    await ctx.db.unscoped.query(`UPDATE "MonthClose" SET figures = figures - 'balance' WHERE "userId" = $1 AND month = '2026-08'`, [fixture.users.bob.id]);
    // Work written into the approved months afterwards (straight to the database, past the lock):
    // the kept figures, not these, must count.
    await insertEntries(ctx.db.prisma, fixture, [
      { userId: fixture.users.alice.id, start: at('2026-05-12', 22 * 60), stop: at('2026-05-12', 23 * 60 + 30) },
      { userId: fixture.users.bob.id, start: at('2026-08-11', 22 * 60), stop: at('2026-08-11', 23 * 60 + 30) },
    ]);
    const row = await ctx.db.prisma.organization.findUniqueOrThrow({ where: { id: fixture.orgId } });
    org = orgContextOf(row);
  }, 180_000);

  it('the approvals kept a balance inside the account (not bob\'s stripped one)', async () => {
    const kept = await ctx.db.unscoped.query<{ user_id: string; month: string; balance: unknown }>(
      `SELECT "userId" AS user_id, month, figures->'balance' AS balance FROM "MonthClose" WHERE "organizationId" = $1 AND status = 'APPROVED' ORDER BY month, "userId"`, [fixture.orgId]);
    const aliceMay = kept.find((k) => k.user_id === fixture.users.alice.id && k.month === '2026-05');
    expect(aliceMay?.balance).toMatchObject({ openingMinutes: expect.any(Number), closingMinutes: expect.any(Number) });
    expect(kept.find((k) => k.user_id === fixture.users.bob.id)?.balance ?? null).toBeNull();
  });

  it.each(MONTHS)('%s: every user\'s opening, delta, corrections and closing agree', async (month) => {
    const fast = await overtimeAccounts({ sql: ctx.db.sql, org, month, now: NOW });
    const reference = await perMonthBalances(ctx, org, month);
    expect(Object.fromEntries(fast)).toEqual(Object.fromEntries(reference));
    // Not a vacuous agreement: from March on the workers have an account that moves.
    if (month >= '2026-03' && month <= '2026-12') {
      for (const id of [fixture.users.alice.id, fixture.users.bob.id]) expect(fast.get(id)?.deltaMinutes).not.toBe(0);
    }
  }, 60_000);
});
