import { z } from 'zod';
import { MonthSchema, text } from './common.ts';

// DATEV LODAS payroll hand-off (issue 24). The numbers are what LODAS accepts, as digits without a
// leading zero (DATEV treats them as numbers, so "0123" would silently become 123); the database
// holds the same rules as CHECKs.
const digits = (min: number, max: number, what: string) =>
  text().trim().regex(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`), `${what}: ${min === max ? max : `${min}–${max}`} digits, no leading zero`);

/** DATEV consultant number (Beraternummer): 4–7 digits (1000–9999999). */
export const DatevConsultantNumberSchema = digits(4, 7, 'DATEV consultant number');
/** DATEV client number (Mandantennummer): 1–5 digits (1–99999). */
export const DatevClientNumberSchema = digits(1, 5, 'DATEV client number');
/** A LODAS wage type (Lohnart) number: 1–4 digits (1–9999). */
export const DatevWageTypeSchema = digits(1, 4, 'Wage type');
/** A LODAS personnel number (Personalnummer): 1–5 digits (1–99999), unique per organisation. */
export const PersonnelNumberSchema = digits(1, 5, 'Personnel number');

export const PAYROLL_WAGE_TYPES = ['worked', 'overtime', 'vacation', 'sick'] as const;
export type PayrollWageType = (typeof PAYROLL_WAGE_TYPES)[number];

/** `GET /api/settings/payroll`: null = not set yet. */
export const PayrollSettingsSchema = z.object({
  datevConsultantNumber: z.string().nullable(),
  datevClientNumber: z.string().nullable(),
  wageTypes: z.object({
    worked: z.string().nullable(),
    overtime: z.string().nullable(),
    vacation: z.string().nullable(),
    sick: z.string().nullable(),
  }),
});
export type PayrollSettings = z.infer<typeof PayrollSettingsSchema>;

const orNull = <T extends z.ZodType>(s: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), s.nullable());

/** `PUT /api/settings/payroll` (admins): the whole settings; null (or an empty text) clears a number. */
export const PayrollSettingsBodySchema = z.object({
  datevConsultantNumber: orNull(DatevConsultantNumberSchema),
  datevClientNumber: orNull(DatevClientNumberSchema),
  wageTypes: z.object({
    worked: orNull(DatevWageTypeSchema),
    overtime: orNull(DatevWageTypeSchema),
    vacation: orNull(DatevWageTypeSchema),
    sick: orNull(DatevWageTypeSchema),
  }),
});
export type PayrollSettingsBody = z.input<typeof PayrollSettingsBodySchema>;

/** `GET /api/exports/payroll/datev-lodas.txt?month=&approved=`: approved months only unless `approved=false`. */
export const DatevExportQuerySchema = z.object({
  month: MonthSchema.optional(),
  approved: z.enum(['true', 'false']).optional().transform((v) => v !== 'false'),
});

/** `details` of 422 DATEV_INCOMPLETE: what is missing before the file can be written. */
export const DatevIncompleteDetailsSchema = z.object({
  /** People with hours to pay but no personnel number. */
  users: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Settings the file needs that are not set: `datevConsultantNumber`, `datevClientNumber`, `wageTypes.<worked|overtime|vacation|sick>`. */
  settings: z.array(z.string()),
});
export type DatevIncompleteDetails = z.infer<typeof DatevIncompleteDetailsSchema>;
