// Generates a large organisation for benchmarks: N users with months of realistic entries
// (working days of a few sessions, lunch breaks, some overtime, Saturday support, late sessions
// across midnight, days off), written day by day in multi-row INSERTs of 10,000 rows (one unnest
// statement each), so memory stays small and 1,000,000 entries take about a minute or two.
// 200 users × 12 months × sessionsPerDay 20 with 2,000 customers is the million.
// bench/ is not a workspace package: reach the shared code by path.
import { DEFAULT_WORK_RULES, addDays, dayBounds, localDateOf, weekdayIndex } from '../../packages/shared/src/index.ts';
import type { Database } from '../../apps/api/src/db/engine.ts';
import { newId } from '../../apps/api/src/db/ids.ts';

export type SeedYearOptions = {
  users: number;
  months: number;
  now: Date;
  tz?: string;
  seed?: number;
  /** Default 40. */
  customers?: number;
  /** Average sessions on a working day (the day's work is split into this many). Default 3. */
  sessionsPerDay?: number;
};
export type SeedYearResult = { orgId: string; managerId: string; userIds: string[]; customerIds: string[]; entries: number };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHUNK = 10_000;

export async function seedYear(db: Database, opts: SeedYearOptions): Promise<SeedYearResult> {
  const tz = opts.tz ?? 'Europe/Berlin';
  const rand = rng(opts.seed ?? 4242);
  const orgId = newId();
  const tag = orgId.slice(0, 8);
  const userIds = Array.from({ length: opts.users }, () => newId());
  const managerId = userIds[0] as string;
  const customerIds = Array.from({ length: opts.customers ?? 40 }, () => newId());
  const categoryIds = Array.from({ length: 5 }, () => newId());
  const prisma = db.prisma;

  await prisma.organization.create({ data: { id: orgId, name: `Bench ${tag}`, timeZone: tz, currency: 'EUR' } });
  await prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
  await prisma.user.createMany({
    data: userIds.map((id, i) => ({
      id, organizationId: orgId, email: `user${i}-${tag}@bench.example`, name: `User ${String(i).padStart(3, '0')}`,
      role: i === 0 ? 'MANAGER' as const : 'MEMBER' as const,
      active: i % 50 !== 49, // a few deactivated people, still in the history
      ...(i % 4 === 0
        ? { payType: 'MONTHLY' as const, monthlyBase: 350000 + i * 100, hourlyRate: null, overtimeFactor: 1.25 }
        : { payType: 'HOURLY' as const, hourlyRate: 1800 + i * 5, monthlyBase: null, overtimeFactor: i % 3 === 0 ? 1.5 : 1.25 }),
    })),
  });
  // Part-timers with their own rules.
  await prisma.workRules.createMany({
    data: userIds.filter((_, i) => i % 10 === 5).map((userId) => ({ id: newId(), organizationId: orgId, userId, ...DEFAULT_WORK_RULES, requiredMinutes: [240, 240, 240, 240, 240, 0, 0] })),
  });
  await prisma.customer.createMany({ data: customerIds.map((id, i) => ({ id, organizationId: orgId, name: `Customer ${String(i).padStart(4, '0')}` })) });
  await prisma.category.createMany({ data: categoryIds.map((id, i) => ({ id, organizationId: orgId, name: `Category ${i}` })) });

  let rows: string[][] = [];
  let entries = 0;
  const flush = async () => {
    if (rows.length === 0) return;
    const chunk = rows;
    rows = [];
    entries += chunk.length;
    const col = (c: number) => chunk.map((r) => r[c]);
    await db.sql.query(
      `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "source", "flagged", "createdById", "updatedAt")
       SELECT id, org, u, c, k, s::timestamptz, e::timestamptz, src::"EntrySource", f::boolean, u, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS t(id, org, u, c, k, s, e, src, f)`,
      [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7), col(8)],
    );
  };
  const meanSession = 450 / (opts.sessionsPerDay ?? 3);
  const today = localDateOf(opts.now, tz);
  const first = addDays(today, -Math.round(opts.months * 30.44));
  // Minutes after local midnight (elapsed time, so on a DST day the wall clock shifts by an hour).
  const at = (dayStart: number, minutes: number) => new Date(dayStart + minutes * 60_000).toISOString();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const push = (userId: string, start: string, stop: string) => {
    rows.push([newId(), orgId, userId, pick(customerIds), pick(categoryIds), start, stop, rand() < 0.8 ? 'TIMER' : 'MANUAL', rand() < 0.01 ? 't' : 'f', userId]);
  };

  for (let day = first; day < today; day = addDays(day, 1)) {
    const weekday = weekdayIndex(day); // Monday = 0
    const dayStart = dayBounds(day, tz).start.getTime();
    for (const userId of userIds) {
      if (weekday >= 5) {
        if (weekday === 5 && rand() < 0.05) push(userId, at(dayStart, 10 * 60), at(dayStart, 13 * 60 + 30));
        continue;
      }
      if (rand() < 0.06) continue;
      let cursor = 7 * 60 + Math.floor(rand() * 10) * 15;
      const target = 7 * 60 + Math.floor(rand() * 14) * 15;
      let worked = 0;
      let lunch = false;
      while (worked < target) {
        const len = Math.min(target - worked, Math.max(10, Math.round((meanSession * (0.5 + rand())) / 5) * 5));
        if (len < 10) break;
        push(userId, at(dayStart, cursor), at(dayStart, cursor + len));
        worked += len;
        const lunchNow: boolean = !lunch && worked > 200;
        lunch ||= lunchNow;
        cursor += len + (lunchNow ? 45 : 10);
      }
      // Now and then a late call across midnight (after the day's work, so never overlapping;
      // the longest day ends before 02:00, the next starts at 07:00).
      if (rand() < 0.01) {
        const late = Math.max(23 * 60, cursor);
        push(userId, at(dayStart, late), at(dayStart, late + 150));
      }
    }
    if (rows.length >= CHUNK) await flush();
  }

  await flush();
  await db.sql.query('ANALYZE "WorkEntry"');
  await db.sql.query('ANALYZE "User"');
  return { orgId, managerId, userIds, customerIds, entries };
}
