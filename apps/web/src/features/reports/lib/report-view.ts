import { addDays, addMonths, daysOfMonth, REPORT_GROUPS, reportDays, weekdayIndex, type ReportGroupBy } from '@workdiary/shared';

/**
 * The Reports page's view, read from and written to the URL's search params so a view can be
 * bookmarked and shared as a link. The params use the API's own names (`groupBy`, `userId`, …),
 * so the URL reads like the request it makes; a date preset is kept by name (`range=last-month`),
 * so a bookmark of "last month" shows last month whenever it is opened, and a custom range by its
 * dates (`from`, `to`).
 */

export const PRESETS = ['this-week', 'last-week', 'this-month', 'last-month', 'this-quarter', 'last-quarter', 'this-year', 'last-year'] as const;
export type Preset = (typeof PRESETS)[number];
export type RangeChoice = Preset | 'custom';
export const DEFAULT_PRESET: Preset = 'this-month';
export const DEFAULT_GROUP: ReportGroupBy = 'customer';

export type ReportView = {
  range: RangeChoice;
  from: string;
  to: string;
  group: ReportGroupBy;
  /** The second level (rows under each first-level row), or none. */
  subGroup: ReportGroupBy | null;
  userId: string | null;
  customerId: string | null;
  categoryId: string | null;
};

/** What `GET /api/reports` (and its .xlsx/.csv/.pdf) is asked; absent filters are left out. */
export type ReportRequest = {
  from: string;
  to: string;
  groupBy: string;
  userId?: string;
  customerId?: string;
  categoryId?: string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (value: string | null): value is string => value !== null && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
const isGroup = (value: string | undefined): value is ReportGroupBy => value !== undefined && (REPORT_GROUPS as readonly string[]).includes(value);
const isPreset = (value: string | null): value is Preset => value !== null && (PRESETS as readonly string[]).includes(value);

const lastDayOf = (month: string) => daysOfMonth(month).at(-1) ?? `${month}-28`;
const monthRange = (month: string) => ({ from: `${month}-01`, to: lastDayOf(month) });

/** The first month of the quarter `month` is in ('2026-11' → '2026-10'). */
function quarterStart(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${month.slice(0, 4)}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}`;
}

/** A preset's inclusive range of local dates around `today` (weeks start on Monday). */
export function presetRange(preset: Preset, today: string): { from: string; to: string } {
  const month = today.slice(0, 7);
  const year = Number(today.slice(0, 4));
  switch (preset) {
    case 'this-week':
    case 'last-week': {
      const monday = addDays(today, -weekdayIndex(today) - (preset === 'last-week' ? 7 : 0));
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'this-month': return monthRange(month);
    case 'last-month': return monthRange(addMonths(month, -1));
    case 'this-quarter':
    case 'last-quarter': {
      const start = addMonths(quarterStart(month), preset === 'last-quarter' ? -3 : 0);
      return { from: `${start}-01`, to: lastDayOf(addMonths(start, 2)) };
    }
    case 'this-year': return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'last-year': return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
  }
}

/** The view the URL describes; anything missing or malformed falls back to this month by customer. */
export function readView(params: URLSearchParams, today: string): ReportView {
  const from = params.get('from');
  const to = params.get('to');
  const rangeParam = params.get('range');
  let range: RangeChoice;
  let dates: { from: string; to: string };
  if (!isPreset(rangeParam) && isDate(from) && isDate(to) && reportDays(from, to) >= 1) {
    range = 'custom';
    dates = { from, to };
  } else {
    range = isPreset(rangeParam) ? rangeParam : DEFAULT_PRESET;
    dates = presetRange(range, today);
  }
  const groups = (params.get('groupBy') ?? '').split(',').map((g) => g.trim());
  const group = isGroup(groups[0]) ? groups[0] : DEFAULT_GROUP;
  const second = groups[1];
  const subGroup = isGroup(second) && second !== group ? second : null;
  const id = (key: string) => {
    const value = params.get(key)?.trim();
    return value ? value : null;
  };
  return { range, ...dates, group, subGroup, userId: id('userId'), customerId: id('customerId'), categoryId: id('categoryId') };
}

/** The search params of a view (only what differs from nothing: a preset by name, a custom range by dates). */
export function writeView(view: ReportView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.range === 'custom') {
    params.set('from', view.from);
    params.set('to', view.to);
  } else {
    params.set('range', view.range);
  }
  params.set('groupBy', view.subGroup ? `${view.group},${view.subGroup}` : view.group);
  if (view.userId) params.set('userId', view.userId);
  if (view.customerId) params.set('customerId', view.customerId);
  if (view.categoryId) params.set('categoryId', view.categoryId);
  return params;
}

/** The API query of a view. */
export function requestOf(view: ReportView): ReportRequest {
  return {
    from: view.from,
    to: view.to,
    groupBy: view.subGroup ? `${view.group},${view.subGroup}` : view.group,
    ...(view.userId ? { userId: view.userId } : {}),
    ...(view.customerId ? { customerId: view.customerId } : {}),
    ...(view.categoryId ? { categoryId: view.categoryId } : {}),
  };
}
