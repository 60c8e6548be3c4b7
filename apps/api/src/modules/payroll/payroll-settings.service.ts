// The organisation's DATEV payroll settings (GET/PUT /api/settings/payroll). The format rules are
// the shared zod schemas' (payroll.ts) and the database's CHECKs.
import { AppError, type PayrollSettings, type PayrollSettingsBody, PayrollSettingsBodySchema } from '@workdiary/shared';
import type { ScopedDb } from '../../db/scoped.ts';

const SELECT = {
  datevConsultantNumber: true,
  datevClientNumber: true,
  datevWageTypeWorked: true,
  datevWageTypeOvertime: true,
  datevWageTypeVacation: true,
  datevWageTypeSick: true,
} as const;

type Row = { [K in keyof typeof SELECT]: string | null };

function toWire(row: Row): PayrollSettings {
  return {
    datevConsultantNumber: row.datevConsultantNumber,
    datevClientNumber: row.datevClientNumber,
    wageTypes: {
      worked: row.datevWageTypeWorked,
      overtime: row.datevWageTypeOvertime,
      vacation: row.datevWageTypeVacation,
      sick: row.datevWageTypeSick,
    },
  };
}

export async function getPayrollSettings({ db }: { db: ScopedDb }): Promise<PayrollSettings> {
  const row = await db.organization.findFirst({ select: SELECT });
  if (!row) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  return toWire(row);
}

export async function putPayrollSettings({ db, body }: { db: ScopedDb; body: PayrollSettingsBody }): Promise<PayrollSettings> {
  const s = PayrollSettingsBodySchema.parse(body);
  const { count } = await db.organization.updateMany({
    data: {
      datevConsultantNumber: s.datevConsultantNumber,
      datevClientNumber: s.datevClientNumber,
      datevWageTypeWorked: s.wageTypes.worked,
      datevWageTypeOvertime: s.wageTypes.overtime,
      datevWageTypeVacation: s.wageTypes.vacation,
      datevWageTypeSick: s.wageTypes.sick,
    },
  });
  if (count === 0) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  return getPayrollSettings({ db });
}
