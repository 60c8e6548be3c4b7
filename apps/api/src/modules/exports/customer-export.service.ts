import { AppError, currentMonth, daysOfMonth, exportLabel, localDateOf, localizeColumns, minutesBetween } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { Readable } from 'node:stream';
import { xlsxFileName, type Column } from '../../lib/excel.ts';
import { streamXlsx } from '../../lib/xlsx-stream.ts';
import { rangeBound } from '../work-entries/entry-times.ts';
import type { OrgContext } from '../../lib/types.ts';
import { visibleUserId, type Actor } from '../../lib/permissions.ts';

export type LaborRow = {
  startedAt: Date;
  stoppedAt: Date;
  minutes: number;
  note: string;
  userName: string;
  customerName: string;
  categoryName: string;
};

/** The customer labor sheet's labels and columns (one row per finished session, oldest first). */
export const LABOR_SHEET = { sheetName: 'Labor sheet', totals: 'Total' };
export const LABOR_COLUMNS: Column<LaborRow>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.startedAt },
  { header: 'User', kind: 'text', value: (r) => r.userName },
  { header: 'Customer', kind: 'text', value: (r) => r.customerName },
  { header: 'Category', kind: 'text', value: (r) => r.categoryName },
  { header: 'Start', kind: 'time', value: (r) => r.startedAt },
  { header: 'Stop', kind: 'time', value: (r) => r.stoppedAt },
  // The same time twice: as h:mm, and as decimal hours to multiply by a rate; the headers say which is which.
  { header: 'Duration (h:mm)', kind: 'duration', value: (r) => r.minutes },
  { header: 'Hours (decimal)', kind: 'hours', value: (r) => r.minutes },
  { header: 'Note', kind: 'text', width: 40, value: (r) => r.note },
];

type SqlRow = { id: string; startedAt: Date | string; stoppedAt: Date | string; note: string; userName: string; categoryName: string };

/**
 * Rows per query. PGlite runs in-process, so one page's query holds the event loop while it runs
 * (1,000 rows took 35–49 ms there, and with the rows written into the sheet the longest stretch
 * was 60 ms); 250 keep every stretch well under 50 ms. On PostgreSQL the query runs in the server
 * and only the parsing of the rows is the process's own work (measured: bench/export-customer.ts).
 */
const PAGE_ROWS = { pglite: 250, postgres: 1_000 } as const;

/**
 * The rows in pages by (startedAt, id), each page its own short query (no transaction or cursor is
 * held while the client downloads), with a turn of the loop between pages.
 */
async function* laborPages({ sql, pageRows, orgId, customerId, start, end, userId }: {
  sql: SqlRunner; pageRows: number; orgId: string; customerId: string; start: Date; end: Date; userId?: string;
}): AsyncGenerator<SqlRow[]> {
  const scope = scopedSql(orgId);
  let after: { startedAt: string; id: string } | null = null;
  for (;;) {
    const where = scope.where('e',
      Prisma.sql`e."customerId" = ${customerId}`,
      Prisma.sql`e."stoppedAt" IS NOT NULL`,
      Prisma.sql`e."startedAt" >= ${start.toISOString()}::timestamptz AND e."startedAt" < ${end.toISOString()}::timestamptz`,
      userId !== undefined && Prisma.sql`e."userId" = ${userId}`,
      // The plain `>=` lets the (customerId, startedAt) index start at the cursor; the row
      // comparison then skips the rows of the cursor's instant already sent.
      after && Prisma.sql`e."startedAt" >= ${after.startedAt}::timestamptz AND (e."startedAt", e."id") > (${after.startedAt}::timestamptz, ${after.id})`);
    const page: SqlRow[] = await sql.query<SqlRow>(scope.query`
      SELECT e."id", e."startedAt", e."stoppedAt", e."note", u."name" AS "userName", k."name" AS "categoryName"
        FROM "WorkEntry" e
        JOIN "User" u ON u."id" = e."userId"
        JOIN "Category" k ON k."id" = e."categoryId"
       WHERE ${where}
       ORDER BY e."startedAt", e."id"
       LIMIT ${pageRows}`);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageRows) return;
    after = { startedAt: new Date(last.startedAt).toISOString(), id: last.id };
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The pages as sheet rows. */
async function* laborRows({ customer, ...query }: {
  sql: SqlRunner; pageRows: number; orgId: string; customer: { id: string; name: string }; start: Date; end: Date; userId?: string;
}): AsyncGenerator<LaborRow[]> {
  for await (const page of laborPages({ ...query, customerId: customer.id })) {
    yield page.map((r) => {
      const startedAt = new Date(r.startedAt);
      const stoppedAt = new Date(r.stoppedAt);
      return {
        startedAt, stoppedAt, note: r.note, userName: r.userName, customerName: customer.name, categoryName: r.categoryName,
        minutes: minutesBetween(startedAt, stoppedAt),
      };
    });
  }
}

/**
 * The finished sessions of one customer whose start falls in the range (dates in the organisation's
 * zone, `to` inclusive; default this month). Running sessions are left out. Members get their own.
 */
export async function customerLaborSheet({ db, sql, engine, org, actor, customerId, from, to, userId, now, locale }: {
  db: ScopedDb; sql: SqlRunner; engine: keyof typeof PAGE_ROWS; org: OrgContext; actor: Actor; customerId: string; from?: string; to?: string; userId?: string; now: Date;
  /** The reader's locale: the language of the headers (default English). */
  locale?: string;
}): Promise<{ stream: Readable; fileName: string }> {
  const onlyUser = visibleUserId(actor, userId, 'entries');
  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { id: true, name: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'Customer not found.');
  const tz = org.timeZone;
  const month = currentMonth(tz, now);
  const days = daysOfMonth(month);
  const fromValue = from || days[0] as string;
  const toValue = to || days[days.length - 1] as string;
  const start = rangeBound(fromValue, 'from', tz) as Date;
  const end = rangeBound(toValue, 'to', tz) as Date;
  if (end.getTime() <= start.getTime()) throw new AppError('VALIDATION_ERROR', '`to` must not be before `from`.');

  // Column widths come before the rows in the file: size the name columns for the longest name
  // that can appear (the one user, or anyone in the organisation; every category).
  const [users, categories] = await Promise.all([
    db.user.findMany({ where: onlyUser ? { id: onlyUser } : {}, select: { name: true } }),
    db.category.findMany({ select: { name: true } }),
  ]);
  const longest = (names: Array<{ name: string }>) => names.reduce((max, n) => (n.name.length > max.length ? n.name : max), '');
  const widestRow: LaborRow = {
    startedAt: start, stoppedAt: start, minutes: 0, note: '', userName: longest(users), customerName: customer.name, categoryName: longest(categories),
  };

  const rows = laborRows({ sql, pageRows: PAGE_ROWS[engine], orgId: actor.orgId, customer, start, end, userId: onlyUser });
  const stream = streamXlsx({
    sheetName: exportLabel(locale, LABOR_SHEET.sheetName), totals: exportLabel(locale, LABOR_SHEET.totals), columns: localizeColumns(LABOR_COLUMNS, locale), tz, widestRow, locale,
  }, rows);
  const nameFrom = /^\d{4}-\d{2}-\d{2}$/.test(fromValue) ? fromValue : localDateOf(start, tz);
  const nameTo = /^\d{4}-\d{2}-\d{2}$/.test(toValue) ? toValue : localDateOf(new Date(end.getTime() - 1), tz);
  return { stream, fileName: xlsxFileName(customer.name, nameFrom, nameTo) };
}
