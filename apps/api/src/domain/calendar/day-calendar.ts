// The DayCalendar (public holidays + a user's approved absences) the shared figures take, loaded
// for a range of local dates.
import { addDays, type AbsenceOfDay, type DayCalendar } from '@workdiary/shared';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import type { OrgContext } from '../../lib/types.ts';
import { holidaysBetween, type HolidayRegion } from './holidays.ts';

export type HolidaySettings = HolidayRegion & { sharePercent: number };

/** 'YYYY-MM-DD' ↔ the Date Prisma uses for a DATE column (midnight UTC). */
export const dateColumn = (date: string): Date => new Date(`${date}T00:00:00.000Z`);
export const dateOfColumn = (d: Date): string => d.toISOString().slice(0, 10);

/** The organisation's holiday settings, from the organisation the auth hook read (`request.org`). */
export function holidaySettingsOf(org: Pick<OrgContext, 'holidayCountry' | 'holidayRegion' | 'holidaySharePercent'>): HolidaySettings {
  return { country: org.holidayCountry, region: org.holidayRegion, sharePercent: org.holidaySharePercent };
}

/** One approved absence as read: whose, its first and last date, its kind's name and credit. */
export type AbsenceSpan = { userId: string; startDate: string; endDate: string; kind: string; creditPercent: number };

/** Approved absences spread over the dates of [from, to]: userId → date → kind and credit. */
export function absenceDays(spans: readonly AbsenceSpan[], from: string, to: string): Map<string, Record<string, AbsenceOfDay>> {
  const out = new Map<string, Record<string, AbsenceOfDay>>();
  for (const span of spans) {
    const days = out.get(span.userId) ?? {};
    const last = span.endDate < to ? span.endDate : to;
    for (let d = span.startDate < from ? from : span.startDate; d <= last; d = addDays(d, 1)) {
      const seen = days[d];
      // Two approved absences on one day: the larger credit counts (the diary SQL takes max too).
      if (!seen || seen.creditPercent < span.creditPercent) days[d] = { kind: span.kind, creditPercent: span.creditPercent };
    }
    out.set(span.userId, days);
  }
  return out;
}

/** Approved absences of `userIds` touching [from, to]: userId → date → kind and credit. */
export async function approvedAbsences(db: ScopedDb | ScopedTx, userIds: string[], from: string, to: string): Promise<Map<string, Record<string, AbsenceOfDay>>> {
  const rows = await db.absence.findMany({
    where: { userId: { in: userIds }, status: 'APPROVED', startDate: { lte: dateColumn(to) }, endDate: { gte: dateColumn(from) } },
    select: { userId: true, startDate: true, endDate: true, kind: { select: { name: true, creditPercent: true } } },
    orderBy: [{ startDate: 'asc' }],
  });
  return absenceDays(rows.map((r) => ({
    userId: r.userId, startDate: dateOfColumn(r.startDate), endDate: dateOfColumn(r.endDate), kind: r.kind.name, creditPercent: r.kind.creditPercent,
  })), from, to);
}

/** The calendar of [from, to] from the organisation's holiday settings and one user's absence days. */
export async function calendarOf(settings: HolidaySettings, absences: Record<string, AbsenceOfDay> | undefined, from: string, to: string): Promise<DayCalendar> {
  return { holidays: await holidaysBetween(settings, from, to), holidaySharePercent: settings.sharePercent, absences: absences ?? {} };
}

/** Holidays and `userId`'s approved absences for local dates [from, to]. */
export async function loadCalendar({ db, org, userId, from, to }: {
  db: ScopedDb | ScopedTx; org: OrgContext; userId: string; from: string; to: string;
}): Promise<DayCalendar> {
  const absences = await approvedAbsences(db, [userId], from, to);
  return calendarOf(holidaySettingsOf(org), absences.get(userId), from, to);
}
