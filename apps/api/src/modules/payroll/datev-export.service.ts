// GET /api/exports/payroll/datev-lodas.txt: the month's hours per person and wage type for DATEV
// LODAS. Every figure comes from the figures module: the month's overview (an approved month's
// row is what its approval kept; finished sessions only) for worked and Extra minutes, and the
// user's month day by day (userMonthFigures, the kept days when approved) to split the absence
// credit into vacation and sick by the kind of each day's absence.
import { AppError, type DatevIncompleteDetails, type PayrollWageType } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import type { OrgContext } from '../../lib/types.ts';
import { userMonthFigures } from '../../domain/figures/index.ts';
import { monthOverview } from '../diary/diary.service.ts';
import { getPayrollSettings } from './payroll-settings.service.ts';
import { lodasFile, WAGE_TYPE_ORDER, type LodasLine } from './datev-lodas.ts';

export type DatevFile = { buffer: Buffer; fileName: string; month: string; lines: number };

type PersonMinutes = { userId: string; name: string } & Record<PayrollWageType, number>;

/** Absence kind name (lower case, as the unique index compares them) → its payroll type. */
async function payrollTypesByKindName(db: ScopedDb): Promise<Map<string, 'NONE' | 'VACATION' | 'SICK'>> {
  const kinds = await db.absenceKind.findMany({ select: { name: true, payrollType: true } });
  return new Map(kinds.map((k) => [k.name.toLowerCase(), k.payrollType]));
}

/**
 * The vacation and sick minutes of a user's month: each day's absence credit (`absenceMinutes`)
 * goes to the payroll type of the day's absence kind, matched by name (an approved month's kept
 * days name the kind as it was called then; a kind renamed since, or of type none, counts in
 * neither).
 */
async function absenceSplit({ sql, org, userId, month, now, types }: {
  sql: SqlRunner; org: OrgContext; userId: string; month: string; now: Date; types: Map<string, 'NONE' | 'VACATION' | 'SICK'>;
}): Promise<{ vacation: number; sick: number }> {
  const read = await userMonthFigures({ sql, org, userId, month, now, includeRunning: false });
  const split = { vacation: 0, sick: 0 };
  for (const day of read?.figures.days ?? []) {
    if (!day.absence || day.absenceMinutes === 0) continue;
    const type = types.get(day.absence.kind.toLowerCase());
    if (type === 'VACATION') split.vacation += day.absenceMinutes;
    if (type === 'SICK') split.sick += day.absenceMinutes;
  }
  return split;
}

/** The month's people with something to pay (any of the four wage types above zero). */
async function monthMinutes({ orgs, sql, db, org, month, now, approvedOnly }: {
  orgs: OrgCache; sql: SqlRunner; db: ScopedDb; org: OrgContext; month?: string; now: Date; approvedOnly: boolean;
}): Promise<{ month: string; people: PersonMinutes[] }> {
  const overview = await monthOverview({ orgs, sql, org, month, now });
  const rows = approvedOnly ? overview.rows.filter((r) => r.monthStatus === 'APPROVED') : overview.rows;
  const types = rows.some((r) => r.absenceMinutes > 0) ? await payrollTypesByKindName(db) : new Map();
  const people: PersonMinutes[] = [];
  for (const r of rows) {
    const split = r.absenceMinutes > 0
      ? await absenceSplit({ sql, org, userId: r.userId, month: overview.month, now, types })
      : { vacation: 0, sick: 0 };
    const person = { userId: r.userId, name: r.name, worked: r.totalMinutes, overtime: r.extraMinutes, ...split };
    if (WAGE_TYPE_ORDER.some((t) => person[t] > 0)) people.push(person);
  }
  return { month: overview.month, people };
}

/**
 * The LODAS file of `month` (default: this month in the organisation's zone). Only users whose
 * month is approved unless `approvedOnly` is false. 422 DATEV_INCOMPLETE, writing nothing, when a
 * person with hours has no personnel number or a setting the lines need is missing.
 */
export async function exportDatevLodas({ orgs, sql, db, org, month, now, approvedOnly }: {
  orgs: OrgCache; sql: SqlRunner; db: ScopedDb; org: OrgContext; month?: string; now: Date; approvedOnly: boolean;
}): Promise<DatevFile> {
  const [settings, read, numbers] = await Promise.all([
    getPayrollSettings({ db }),
    monthMinutes({ orgs, sql, db, org, month, now, approvedOnly }),
    db.user.findMany({ select: { id: true, personnelNumber: true } }),
  ]);
  const numberOf = new Map(numbers.map((u) => [u.id, u.personnelNumber]));

  const missingUsers = read.people
    .filter((p) => !numberOf.get(p.userId))
    .map((p) => ({ id: p.userId, name: p.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const missingSettings: string[] = [];
  if (!settings.datevConsultantNumber) missingSettings.push('datevConsultantNumber');
  if (!settings.datevClientNumber) missingSettings.push('datevClientNumber');
  for (const t of WAGE_TYPE_ORDER) {
    if (!settings.wageTypes[t] && read.people.some((p) => p[t] > 0)) missingSettings.push(`wageTypes.${t}`);
  }
  if (missingUsers.length > 0 || missingSettings.length > 0) {
    const details: DatevIncompleteDetails = { users: missingUsers, settings: missingSettings };
    const parts = [
      missingUsers.length > 0 ? `${missingUsers.length} ${missingUsers.length === 1 ? 'person has' : 'people have'} no personnel number (${missingUsers.map((u) => u.name).join(', ')})` : '',
      missingSettings.length > 0 ? `payroll settings missing: ${missingSettings.join(', ')}` : '',
    ].filter(Boolean);
    throw new AppError('DATEV_INCOMPLETE', `The DATEV file cannot be written yet: ${parts.join('; ')}.`, details);
  }

  const lines: LodasLine[] = [];
  const sorted = [...read.people].sort((a, b) => Number(numberOf.get(a.userId)) - Number(numberOf.get(b.userId)));
  for (const p of sorted) {
    for (const t of WAGE_TYPE_ORDER) {
      const wageType = settings.wageTypes[t];
      if (p[t] > 0 && wageType) lines.push({ personnelNumber: numberOf.get(p.userId) as string, wageType, minutes: p[t] });
    }
  }
  const buffer = lodasFile({
    consultantNumber: settings.datevConsultantNumber as string,
    clientNumber: settings.datevClientNumber as string,
    month: read.month,
    lines,
  });
  return { buffer, fileName: `datev-lodas_${read.month}${approvedOnly ? '' : '_not-approved-included'}.txt`, month: read.month, lines: lines.length };
}
