// GET /api/compliance.xlsx?month=: the month's working-time findings for the employer's records
// (§16 ArbZG: time beyond 8 h recorded and kept two years), one row per user, day and rule, with
// the acknowledgement. The same findings as GET /api/compliance (managers and admins: everyone).
import { dayBounds, exportLabel, localizeColumns, type ComplianceRule } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { buildXlsx, xlsxFileName, type Column } from '../../lib/excel.ts';
import type { Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';
import { listCompliance } from './compliance.service.ts';

/** The rule in a few words, English (exportLabel gives the reader's language). */
export const RULE_LABEL: Record<ComplianceRule, string> = {
  BREAK_MISSING: 'Break too short (§4)',
  STRETCH_TOO_LONG: 'Over 6 h without a break (§4)',
  DAILY_MAX: 'Over 10 h a day (§3)',
  REST_SHORT: 'Rest under 11 h (§5)',
  SUNDAY_WORK: 'Sunday work (§9)',
  HOLIDAY_WORK: 'Public holiday work (§9)',
};

type Row = { date: Date; user: string; rule: string; code: string; minutes: number | null; by: string; at: Date | null; note: string };

const COLUMNS: Column<Row>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.date },
  { header: 'User', kind: 'text', width: 22, value: (r) => r.user },
  { header: 'Rule', kind: 'text', width: 30, value: (r) => r.rule },
  { header: 'Code', kind: 'text', width: 18, value: (r) => r.code },
  { header: 'Judged', kind: 'duration', total: false, value: (r) => r.minutes },
  { header: 'Acknowledged by', kind: 'text', width: 20, value: (r) => r.by },
  { header: 'Acknowledged at', kind: 'datetime', value: (r) => r.at },
  { header: 'Note', kind: 'text', width: 40, value: (r) => r.note },
];

export async function exportCompliance({ sql, db, org, caller, month, now, locale }: {
  sql: SqlRunner; db: ScopedDb; org: OrgContext; caller: Actor; month?: string; now: Date; locale: string;
}): Promise<{ buffer: Buffer; fileName: string }> {
  const list = await listCompliance({ sql, db, org, caller, month, now });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(list.items.map((i) => i.userId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const rows: Row[] = list.items.map((i) => ({
    date: dayBounds(i.date, org.timeZone).start,
    user: nameOf.get(i.userId) ?? i.userId,
    rule: exportLabel(locale, RULE_LABEL[i.rule]),
    code: i.rule,
    minutes: i.minutes ?? null,
    by: i.acknowledged?.by.name ?? '',
    at: i.acknowledged ? new Date(i.acknowledged.at) : null,
    note: i.acknowledged?.note ?? '',
  }));
  const buffer = await buildXlsx({ sheetName: exportLabel(locale, 'Working time law'), columns: localizeColumns(COLUMNS, locale), rows, tz: org.timeZone, totals: false, locale });
  return { buffer, fileName: xlsxFileName(exportLabel(locale, 'Working time law'), list.month) };
}
