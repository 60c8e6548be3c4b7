import crypto from 'node:crypto';
import ical from 'ical-generator';
import { AppError, localDateOf, type CalendarFeed, type CalendarFeedCreated } from '@workdiary/shared';
import type { Database } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { dateColumn, dateOfColumn, holidaySettingsOf } from '../../domain/calendar/day-calendar.ts';
import { holidaysBetween } from '../../domain/calendar/holidays.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { orgContextOf } from '../../lib/mappers.ts';
import { isManager } from '../../lib/permissions.ts';

/**
 * The per-user calendar feed (issue 28): a secret URL `/api/calendar/<token>.ics` that a calendar
 * app subscribes to without signing in. One per user; only the token's SHA-256 is stored, so the
 * URL is shown once (at creation or rotation); deleting the row ends it (then 404).
 *
 * What it holds, for the window from 1 January of last year to 31 December of next year (the
 * organisation's calendar): the organisation's public holidays, and the APPROVED absences the
 * owner may see — members their own, managers and admins everyone's in the organisation (as the
 * absences list shows them), of active users only. Requested or rejected absences and notes are
 * never in it (a note may hold private detail; a feed URL is easily shared).
 */
const hashFeedToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export const calendarFeedPath = (token: string) => `/api/calendar/${token}.ics`;

/** GET /api/me/calendar-feed: whether the caller has a feed URL. */
export async function readCalendarFeed({ db, userId }: { db: ScopedDb; userId: string }): Promise<CalendarFeed> {
  const row = await db.calendarFeed.findFirst({ where: { userId }, select: { createdAt: true } });
  return { active: row !== null, createdAt: row?.createdAt.toISOString() ?? null };
}

/** Creates the caller's feed URL, or replaces it (the old URL answers 404 from then on). */
export async function rotateCalendarFeed({ db, userId, origin, now }: { db: ScopedDb; userId: string; origin: string; now: Date }): Promise<CalendarFeedCreated> {
  const token = `wdc_${crypto.randomBytes(32).toString('base64url')}`;
  const tokenHash = hashFeedToken(token);
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.deleteMany({ where: { userId } });
    await tx.calendarFeed.create({ data: { id: newId(), userId, tokenHash, createdAt: now } as Prisma.CalendarFeedUncheckedCreateInput });
  });
  return { url: `${origin}${calendarFeedPath(token)}`, createdAt: now.toISOString() };
}

/** Ends the caller's feed URL: 404 when there is none. */
export async function revokeCalendarFeed({ db, userId }: { db: ScopedDb; userId: string }): Promise<void> {
  const { count } = await db.calendarFeed.deleteMany({ where: { userId } });
  if (count === 0) throw new AppError('NOT_FOUND', 'You have no calendar feed.');
}

/** 1 January of last year to 31 December of next year, in the organisation's calendar. */
export function feedWindow(timeZone: string, now: Date): { from: string; to: string } {
  const year = Number(localDateOf(now, timeZone).slice(0, 4));
  return { from: `${year - 1}-01-01`, to: `${year + 1}-12-31` };
}

const nextDay = (date: string): Date => new Date(dateColumn(date).getTime() + 86_400_000);

/**
 * The feed as iCalendar text: 404 for an unknown or revoked token and for a deactivated owner.
 * Every event is an all-day event with a stable UID, so calendar apps update rather than duplicate.
 */
export async function renderCalendarFeed({ database, token, now }: { database: Database; token: string; now: Date }): Promise<string> {
  const feed = await database.prisma.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    include: { user: { select: { id: true, name: true, role: true, active: true } }, organization: true },
  });
  if (!feed || !feed.user.active) throw new AppError('NOT_FOUND', 'This calendar feed does not exist or was turned off.');
  const org = orgContextOf(feed.organization);
  const { from, to } = feedWindow(org.timeZone, now);
  const everyone = isManager(feed.user);
  const [holidays, absences] = await Promise.all([
    holidaysBetween(holidaySettingsOf(org), from, to),
    database.prisma.absence.findMany({
      where: {
        organizationId: org.id,
        status: 'APPROVED',
        startDate: { lte: dateColumn(to) },
        endDate: { gte: dateColumn(from) },
        ...(everyone ? { user: { active: true } } : { userId: feed.user.id }),
      },
      select: { id: true, userId: true, startDate: true, endDate: true, user: { select: { name: true } }, kind: { select: { name: true } } },
      orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
    }),
  ]);

  const calendar = ical({
    name: `Workdiary – ${org.name}`,
    description: everyone ? 'Public holidays and approved absences of the organisation' : 'Public holidays and your approved absences',
    prodId: { company: 'Workdiary', product: 'Workdiary', language: 'EN' },
    ttl: 60 * 60,
  });
  for (const [date, name] of Object.entries(holidays)) {
    calendar.createEvent({
      id: `holiday-${date}-${org.id}@workdiary`, start: dateColumn(date), end: nextDay(date), allDay: true, summary: name,
      categories: [{ name: 'Public holiday' }], stamp: now,
    });
  }
  for (const a of absences) {
    const own = a.userId === feed.user.id;
    calendar.createEvent({
      id: `absence-${a.id}@workdiary`, start: a.startDate, end: nextDay(dateOfColumn(a.endDate)), allDay: true,
      summary: own ? a.kind.name : `${a.user.name}: ${a.kind.name}`,
      categories: [{ name: 'Absence' }], stamp: now,
    });
  }
  return calendar.toString();
}
