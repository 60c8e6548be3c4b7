import { AppError, type Report, type ReportGroup, type ReportGroupBy, type ReportQuery } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { queryReport, type ReportSqlRow } from '../../domain/figures/report.sql.ts';
import { forEachSliced, SLICE, yieldToLoop } from '../../lib/loop-slices.ts';
import { reportedUserId, type Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';

/** Minor units of `amountX60 / 60` (Σ minutes × rate per hour ÷ 60), rounded half up once. */
export function roundAmount(amountX60: number): number {
  return Math.floor((amountX60 + 30) / 60);
}

export type ReportFilters = { userId: string | null; customerId: string | null; categoryId: string | null };

/** Members always get only themselves, whatever they ask for; managers and admins anyone. */
export function filtersFor(caller: Actor, q: Pick<ReportQuery, 'userId' | 'customerId' | 'categoryId'>): ReportFilters {
  return {
    userId: reportedUserId(caller, q.userId ?? undefined),
    customerId: q.customerId ?? null,
    categoryId: q.categoryId ?? null,
  };
}

const BY_NAME: ReportGroupBy[] = ['customer', 'category', 'user'];

// The same order as String#localeCompare with these options (which is specified as a new
// Intl.Collator per call: ~5 µs a comparison, 15 s of sorting for a year by customer × user's
// 378,000 groups), from collators made once.
const byLabel = new Intl.Collator(undefined, { sensitivity: 'base' }).compare;
const byKey = new Intl.Collator().compare;

/** A named level's ids in the report's order (by name, then id) with their names; empty for months, weeks and days. */
type Level = { by: ReportGroupBy; ids: string[]; labels: string[] };

/**
 * The organisation's customers, categories or users (only the one a filter names) in the report's
 * order. The collator compares each of them a few times (2,000 customers: ~5 ms), not each group:
 * the query answers places in this list, and a year by customer × user's 376,000 children are
 * sorted by number.
 */
async function levelOf(db: ScopedDb, by: ReportGroupBy, filters: ReportFilters): Promise<Level> {
  if (!BY_NAME.includes(by)) return { by, ids: [], labels: [] };
  const select = { id: true, name: true } as const;
  const found = by === 'customer'
    ? await db.customer.findMany({ where: filters.customerId ? { id: filters.customerId } : {}, select })
    : by === 'category'
      ? await db.category.findMany({ where: filters.categoryId ? { id: filters.categoryId } : {}, select })
      : await db.user.findMany({ where: filters.userId ? { id: filters.userId } : {}, select });
  found.sort((a, b) => byLabel(a.name, b.name) || byKey(a.id, b.id));
  return { by, ids: found.map((f) => f.id), labels: found.map((f) => f.name) };
}

/** The report's one or two levels. */
export async function levelsOf(db: ScopedDb, groupBy: ReportGroupBy[], filters: ReportFilters): Promise<[Level, Level | null]> {
  return Promise.all([levelOf(db, groupBy[0] as ReportGroupBy, filters), groupBy[1] ? levelOf(db, groupBy[1], filters) : null]);
}

type Sums = { minutes: number; billableMinutes: number; amountX60: number };
type Ranked = [rank: number, group: ReportGroup];
const add = (into: Sums, r: ReportSqlRow) => {
  into.minutes += r.minutes;
  into.billableMinutes += r.billable_minutes;
  into.amountX60 += r.amount_x60;
};
const groupOf = (key: string, label: string, s: Sums): ReportGroup => ({
  key, label, minutes: s.minutes, billableMinutes: s.billableMinutes, amount: roundAmount(s.amountX60),
});
/**
 * A row's group at one level: a named key by its place in the level's list (its rank), else the key
 * itself (a month, week or day; or an id made after the list was read) with rank -1, ranked later
 * by `textRanks`.
 */
function keyOf(level: Level, place: number | null, text: string | null): { key: string; label: string; rank: number } {
  if (place !== null) return { key: level.ids[place - 1] as string, label: level.labels[place - 1] as string, rank: place - 1 };
  return { key: text as string, label: text as string, rank: -1 };
}
/** Places after the named ones for keys given as text, in key order. */
function textRanks(level: Level, keys: Set<string>): Map<string, number> {
  return new Map([...keys].sort(byKey).map((key, i) => [key, level.ids.length + i]));
}
const inOrder = (ranked: Ranked[], texts: Map<string, number>): ReportGroup[] => ranked
  .map(([rank, g]): Ranked => [rank === -1 ? texts.get(g.key) ?? 0 : rank, g])
  .sort((a, b) => a[0] - b[0])
  .map(([, g]) => g);

/**
 * The first level's groups (and their children): the finest rows summed up (amounts exact in
 * minor units × 60 until each group rounds once), in the report's order; and the series. In slices.
 */
async function groupsOf(rows: ReportSqlRow[], first: Level, second: Level | null, total: Sums) {
  const top = new Map<string, { rank: number; label: string; sums: Sums; children: Ranked[] }>();
  const perDay = new Map<string, number>();
  const texts: [Set<string>, Set<string>] = [new Set(), new Set()];
  await forEachSliced(rows, (r) => {
    if (r.gd === 0) {
      if (r.day !== null) perDay.set(r.day, r.minutes);
      return;
    }
    const k1 = keyOf(first, r.i1, r.k1);
    if (k1.rank === -1) texts[0].add(k1.key);
    let g = top.get(k1.key);
    if (!g) top.set(k1.key, g = { rank: k1.rank, label: k1.label, sums: { minutes: 0, billableMinutes: 0, amountX60: 0 }, children: [] });
    add(g.sums, r);
    add(total, r);
    if (second) {
      const k2 = keyOf(second, r.i2, r.k2);
      if (k2.rank === -1) texts[1].add(k2.key);
      g.children.push([k2.rank, groupOf(k2.key, k2.label, { minutes: r.minutes, billableMinutes: r.billable_minutes, amountX60: r.amount_x60 })]);
    }
  });
  const [ranks1, ranks2] = [textRanks(first, texts[0]), second ? textRanks(second, texts[1]) : new Map<string, number>()];
  const ranked: Ranked[] = [];
  let sorted = 0;
  for (const [key, { rank, label, sums, children }] of top) {
    const group = groupOf(key, label, sums);
    if (second) group.children = inOrder(children, ranks2);
    ranked.push([rank, group]);
    sorted += children.length + 1;
    if (sorted >= SLICE) {
      sorted = 0;
      await yieldToLoop();
    }
  }
  return { groups: inOrder(ranked, ranks1), perDay };
}

/**
 * `GET /api/reports`: minutes (the figures module's rule: report.sql.ts), billable minutes and
 * amounts grouped by one or two levels, with the daily series. Aggregated in the database (the
 * finest level and each day); here the levels above it are added up, labelled, rounded and ordered.
 */
export async function buildReport({ db, sql, org, caller, query }: {
  db: ScopedDb; sql: SqlRunner; org: OrgContext; caller: Actor; query: ReportQuery;
}): Promise<Report> {
  const filters = filtersFor(caller, query);
  const groupBy = query.groupBy;
  const [first, second] = await levelsOf(db, groupBy, filters);
  const { rows, dates } = await queryReport({
    sql, orgId: org.id, from: query.from, to: query.to, groupBy, ...filters, order: [first.ids, second?.ids ?? null],
  });
  const total: Sums = { minutes: 0, billableMinutes: 0, amountX60: 0 };
  const { groups, perDay } = await groupsOf(rows, first, second, total);
  return {
    from: query.from,
    to: query.to,
    groupBy,
    currency: org.currency,
    totalMinutes: total.minutes,
    totalBillableMinutes: total.billableMinutes,
    totalAmount: roundAmount(total.amountX60),
    groups,
    series: dates.map((date) => ({ date, minutes: perDay.get(date) ?? 0 })),
    filters,
  };
}

/** A filter naming something outside the organisation answers 404, not an empty report. */
export async function assertFiltersExist(db: ScopedDb, f: ReportFilters): Promise<void> {
  const [user, customer, category] = await Promise.all([
    f.userId ? db.user.findFirst({ where: { id: f.userId }, select: { id: true } }) : true,
    f.customerId ? db.customer.findFirst({ where: { id: f.customerId }, select: { id: true } }) : true,
    f.categoryId ? db.category.findFirst({ where: { id: f.categoryId }, select: { id: true } }) : true,
  ]);
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  if (!customer) throw new AppError('NOT_FOUND', 'No such customer.');
  if (!category) throw new AppError('NOT_FOUND', 'No such category.');
}
