import { TZDate } from '@date-fns/tz';
import { defaultAbsenceKinds, DEFAULT_WORK_RULES } from '@workdiary/shared';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { newId } from '../../db/ids.ts';

export const DEMO_PASSWORD = 'workdiary';
export const DEMO_LOGINS = [
  { email: 'admin@example.com', role: 'ADMIN' },
  { email: 'manager@example.com', role: 'MANAGER' },
  { email: 'alice@example.com', role: 'MEMBER' },
  { email: 'bob@example.com', role: 'MEMBER' },
] as const;

const CUSTOMERS = [
  { name: 'Acme Ltd', email: 'office@acme.example', phone: '+49 30 1234567', address: 'Friedrichstraße 12, 10117 Berlin' },
  { name: 'Globex GmbH', email: 'info@globex.example', phone: '+49 89 7654321', address: 'Leopoldstraße 50, 80802 München' },
  { name: 'Initech AG', email: 'it@initech.example', phone: '+49 40 5550101', address: 'Jungfernstieg 7, 20354 Hamburg' },
  { name: 'Umbrella Health', email: 'contact@umbrella.example', phone: '+49 221 998877', address: 'Hohe Straße 3, 50667 Köln' },
  { name: 'Stark Logistics', email: 'dispatch@stark.example', phone: '+49 69 4433221', address: 'Hanauer Landstraße 100, 60314 Frankfurt' },
  { name: 'Wayne Bakery', email: 'hello@waynebakery.example', phone: '+49 711 123123', address: 'Königstraße 21, 70173 Stuttgart' },
];
const CATEGORIES = ['Regular Hours', 'Weekend Hours', 'On-Site Visit', 'Development', 'Support'];
const NOTES = ['Sprint work on the order module', 'Fixed invoice export bug', 'Weekly sync with the client', 'Server maintenance',
  'On-site network check', 'Reviewed requirements', 'Deployment and smoke tests', 'Answered support tickets', 'Data migration', ''];

/** A small deterministic PRNG so the demo looks the same on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function isDatabaseEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.organization.count()) === 0;
}

export type SeedResult = { organizationId: string; users: number; entries: number };

/**
 * Demo Company: four users, six customers, five categories and two months of entries up to
 * yesterday (working days with some overtime, a weekend session, one across midnight).
 */
export async function seedDemo(prisma: PrismaClient, now: Date = new Date()): Promise<SeedResult> {
  const tz = 'Europe/Berlin';
  const orgId = newId();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = [
    { name: 'Ada Admin', email: 'admin@example.com', role: 'ADMIN', payType: 'MONTHLY', monthlyBase: 520000, hourlyRate: null, overtimeFactor: 1.25 },
    { name: 'Max Manager', email: 'manager@example.com', role: 'MANAGER', payType: 'MONTHLY', monthlyBase: 450000, hourlyRate: null, overtimeFactor: 1.25 },
    { name: 'Alice Example', email: 'alice@example.com', role: 'MEMBER', payType: 'HOURLY', monthlyBase: null, hourlyRate: 2500, overtimeFactor: 1.25 },
    { name: 'Bob Example', email: 'bob@example.com', role: 'MEMBER', payType: 'HOURLY', monthlyBase: null, hourlyRate: 2200, overtimeFactor: 1.5 },
  ] as const;
  const userIds = users.map(() => newId());
  const customerIds = CUSTOMERS.map(() => newId());
  const categoryIds = CATEGORIES.map(() => newId());

  const entries: Prisma.WorkEntryCreateManyInput[] = [];
  const rand = rng(20260201);
  const today = new TZDate(now, tz);
  const start = new TZDate(today.getFullYear(), today.getMonth() - 1, 1, tz);
  const at = (d: TZDate, minutes: number) => new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), 0, minutes, tz);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const add = (userIdx: number, from: Date, to: Date, categoryIdx?: number) => {
    if (to.getTime() > now.getTime()) return;
    entries.push({
      id: newId(), organizationId: orgId, userId: userIds[userIdx] as string,
      customerId: pick(customerIds), categoryId: categoryIds[categoryIdx ?? pick([0, 0, 0, 2, 3, 3, 4])] as string,
      startedAt: new Date(from.getTime()), stoppedAt: new Date(to.getTime()), note: pick(NOTES), source: rand() < 0.85 ? 'TIMER' : 'MANUAL',
      createdById: userIds[userIdx] as string,
    });
  };

  for (let day = new TZDate(start, tz); day.getTime() < today.getTime() - 86_400_000 + 1; day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() + 1, tz)) {
    const weekday = day.getDay();
    for (let u = 0; u < users.length; u++) {
      const weekend = weekday === 0 || weekday === 6;
      if (weekend) {
        // Bob covers support on some Saturdays.
        if (u === 3 && weekday === 6 && rand() < 0.5) add(u, at(day, 10 * 60), at(day, 13 * 60 + 30), 1);
        continue;
      }
      if (rand() < 0.05) continue; // a day off now and then
      let cursor = 8 * 60 + Math.floor(rand() * 5) * 15; // 08:00-09:00
      const target = 8 * 60 + (rand() < 0.3 ? 30 + Math.floor(rand() * 6) * 15 : Math.floor(rand() * 3) * 10 - 10);
      let worked = 0;
      let sinceBreak = 0;
      let lunched = false;
      while (worked < target) {
        const len = Math.min(target - worked, 90 + Math.floor(rand() * 10) * 15);
        if (len < 15) break;
        add(u, at(day, cursor), at(day, cursor + len));
        worked += len;
        sinceBreak += len;
        // Breaks as the working-time law asks (§ 4 ArbZG): a lunch break of 30 min (45 on days over
        // 9 h) once 2¼ h are worked, 15 min after each further 2¼ h, so no stretch passes 6 h;
        // otherwise 5 min between two sessions (not a break).
        let gap = 5;
        if (sinceBreak >= 135) {
          gap = lunched ? 15 : target > 9 * 60 ? 45 : 30;
          lunched = true;
          sinceBreak = 0;
        }
        cursor += len + gap;
      }
    }
  }
  // A late support call across midnight for Alice, two days before the start of this month.
  const late = new TZDate(today.getFullYear(), today.getMonth(), -1, tz);
  add(2, at(late, 22 * 60), at(late, 26 * 60), 4);

  await prisma.$transaction(async (tx) => {
    // Public holidays of Berlin (date-holidays DE-BE): Christmas Day shows in December's diary.
    await tx.organization.create({ data: { id: orgId, name: 'Demo Company', timeZone: tz, currency: 'EUR', holidayCountry: 'DE', holidayRegion: 'BE', locale: 'de-DE' } });
    await tx.absenceKind.createMany({ data: defaultAbsenceKinds('de-DE').map((k) => ({ id: newId(), organizationId: orgId, ...k })) });
    await tx.user.createMany({
      data: users.map((u, i) => ({ id: userIds[i] as string, organizationId: orgId, passwordHash, ...u })),
    });
    await tx.workRules.create({ data: { id: newId(), organizationId: orgId, userId: null, ...DEFAULT_WORK_RULES } });
    await tx.customer.createMany({ data: CUSTOMERS.map((c, i) => ({ id: customerIds[i] as string, organizationId: orgId, ...c })) });
    await tx.category.createMany({ data: CATEGORIES.map((name, i) => ({ id: categoryIds[i] as string, organizationId: orgId, name })) });
    // Drop the rare pair that would overlap the midnight session; the rest never overlap by construction.
    const clean = entries.filter((e, i) => !entries.some((o, j) => j !== i && o.userId === e.userId
      && (o.startedAt as Date) < (e.stoppedAt as Date) && (e.startedAt as Date) < (o.stoppedAt as Date) && j > i));
    await tx.workEntry.createMany({ data: clean });
  }, { timeout: 60_000 });
  return { organizationId: orgId, users: users.length, entries: entries.length };
}
