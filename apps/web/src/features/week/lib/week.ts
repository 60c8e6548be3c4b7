import { addDays, dayBounds, dayMinutes, overlapMs, spanOf, weekdayIndex, type WorkEntry } from '@workdiary/shared';

/** 'YYYY-Www' (ISO 8601 week) of a date 'YYYY-MM-DD'. */
export function isoWeekOf(date: string): string {
  const monday = addDays(date, -weekdayIndex(date));
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${jan1}T00:00:00Z`)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** The Monday of an ISO week 'YYYY-Www', or null for anything else. */
export function mondayOfWeek(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const jan4 = `${m[1]}-01-04`;
  const monday = addDays(addDays(jan4, -weekdayIndex(jan4)), (n - 1) * 7);
  return isoWeekOf(monday) === week ? monday : null;
}

/** The seven dates Monday–Sunday from `monday`. */
export const daysFrom = (monday: string): string[] => Array.from({ length: 7 }, (_, i) => addDays(monday, i));

/**
 * A cell's typed time as minutes: 'h:mm' (1:30), whole hours (2) or decimal hours with a comma or
 * a dot (1,5 / 1.5); '' is 0. Null for anything else or more than a day.
 */
export function parseCellTime(text: string): number | null {
  const v = text.trim();
  if (v === '') return 0;
  let minutes: number;
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(v);
  if (hm) minutes = Number(hm[1]) * 60 + Number(hm[2]);
  else if (/^\d{1,2}([.,]\d{1,2})?$/.test(v)) minutes = Math.round(Number(v.replace(',', '.')) * 60);
  else return null;
  return minutes <= 24 * 60 ? minutes : null;
}

export type RowKey = string;
export const rowKey = (customerId: string, categoryId: string): RowKey => `${customerId}|${categoryId}`;

export type WeekRow = {
  key: RowKey;
  customer: { id: string; name: string };
  category: { id: string; name: string };
  /** Per day (Monday first): the sessions with time on that local day. */
  cells: WorkEntry[][];
  /** Per day: the milliseconds of those sessions inside the day (cut at local midnight). */
  ms: number[];
  /** Per day: a session of the cell runs past one of the day's midnights (it is only partly here). */
  partial: boolean[];
};

/** Whole minutes of a session (a running one up to `now`). */
export const minutesOf = (e: WorkEntry, now: number): number =>
  Math.max(0, Math.floor(((e.stoppedAt ? Date.parse(e.stoppedAt) : now) - Date.parse(e.startedAt)) / 60_000));

/** A cell's minutes: its sessions' time inside the day, floored once (as My month's day totals). */
export const cellMinutes = (row: WeekRow, day: number): number => dayMinutes(row.ms[day] ?? 0);

/** Each day's total of all rows: the milliseconds summed, then floored once (My month's day total). */
export const dayTotalsOf = (rows: WeekRow[], days: number): number[] =>
  Array.from({ length: days }, (_, i) => dayMinutes(rows.reduce((sum, row) => sum + (row.ms[i] ?? 0), 0)));

/**
 * The week's rows, customer × category, sorted by customer then category: those with sessions this
 * week and the `extra` ones (copied from last week, or added) with empty cells. A session is cut at
 * local midnight exactly as My month cuts it (shared `minutesByDay`): one from 22:00 to 02:00 puts
 * 2:00 on each day, and both cells show it as a part, opened rather than edited.
 */
export function buildRows(entries: WorkEntry[], days: string[], tz: string, extra: Array<Pick<WeekRow, 'customer' | 'category'>>, now = Date.now()): WeekRow[] {
  const rows = new Map<RowKey, WeekRow>();
  const rowFor = (customer: WeekRow['customer'], category: WeekRow['category']) => {
    const key = rowKey(customer.id, category.id);
    let row = rows.get(key);
    if (!row) rows.set(key, row = { key, customer, category, cells: days.map(() => []), ms: days.map(() => 0), partial: days.map(() => false) });
    return row;
  };
  const bounds = days.map((d) => dayBounds(d, tz)).map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
  for (const e of entries) {
    const span = spanOf({ startedAt: new Date(e.startedAt), stoppedAt: e.stoppedAt ? new Date(e.stoppedAt) : null }, new Date(now));
    if (!span) continue;
    bounds.forEach((b, i) => {
      const piece = overlapMs(span, b.start, b.end);
      if (piece <= 0) return;
      const row = rowFor({ id: e.customerId, name: e.customer.name }, { id: e.categoryId, name: e.category.name });
      row.cells[i]?.push(e);
      row.ms[i] = (row.ms[i] ?? 0) + piece;
      if (span.start < b.start || span.end > b.end) row.partial[i] = true;
    });
  }
  for (const r of extra) rowFor(r.customer, r.category);
  return [...rows.values()].sort((a, b) => a.customer.name.localeCompare(b.customer.name) || a.category.name.localeCompare(b.category.name));
}

/** The distinct customer × category pairs of some entries (last week's rows). */
export function pairsOf(entries: WorkEntry[]): Array<Pick<WeekRow, 'customer' | 'category'>> {
  const seen = new Map<RowKey, Pick<WeekRow, 'customer' | 'category'>>();
  for (const e of entries) seen.set(rowKey(e.customerId, e.categoryId), { customer: { id: e.customerId, name: e.customer.name }, category: { id: e.categoryId, name: e.category.name } });
  return [...seen.values()];
}

/** Minutes after local midnight as 'HH:mm'. */
export const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
