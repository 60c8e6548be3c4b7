import { z } from 'zod';
import { DateSchema, IdSchema } from './common.ts';

/** What a new organisation starts with (admins change them in Settings; the migration gives existing ones the same). */
export const DEFAULT_ABSENCE_KINDS = [
  { name: 'Vacation', creditPercent: 100, payrollType: 'VACATION' },
  { name: 'Sick leave', creditPercent: 100, payrollType: 'SICK' },
  { name: 'Unpaid leave', creditPercent: 0, payrollType: 'NONE' },
] as const;

const GERMAN_KIND_NAMES: Record<(typeof DEFAULT_ABSENCE_KINDS)[number]['name'], string> = {
  Vacation: 'Urlaub',
  'Sick leave': 'Krankheit',
  'Unpaid leave': 'Unbezahlter Urlaub',
};

/** The starting absence kinds named in the organisation's language ("Urlaub" for a German one). */
export function defaultAbsenceKinds(locale: string | null | undefined) {
  const german = locale?.toLowerCase().startsWith('de') ?? false;
  return DEFAULT_ABSENCE_KINDS.map((k) => ({ ...k, name: german ? GERMAN_KIND_NAMES[k.name] : k.name }));
}

/**
 * Which DATEV wage type an absence kind's credited hours are paid as: `vacation` (Urlaub), `sick`
 * (Krankheit, Lohnfortzahlung) or `none` (not exported as a wage type of its own). `vacation: true`
 * on the wire is exactly `payrollType: 'vacation'`.
 */
export const AbsencePayrollTypeSchema = z.enum(['none', 'vacation', 'sick']);
export type AbsencePayrollType = z.infer<typeof AbsencePayrollTypeSchema>;

const PercentSchema = z.number().int().min(0).max(100);

/** Vacation, sick leave, …: `creditPercent` of a day's required minutes counts as fulfilled. */
export const AbsenceKindSchema = z.object({
  id: z.string(),
  name: z.string(),
  creditPercent: z.number().int(),
  /** Counts as vacation (vacation days, the vacation wage type): exactly payrollType 'vacation'. */
  vacation: z.boolean(),
  payrollType: AbsencePayrollTypeSchema,
  archived: z.boolean(),
});
export type AbsenceKind = z.infer<typeof AbsenceKindSchema>;
export const AbsenceKindListSchema = z.object({ items: z.array(AbsenceKindSchema) });
export const AbsenceKindBodySchema = z.object({
  name: z.string().trim().min(1, 'Name is required').max(60),
  creditPercent: PercentSchema,
  /** Left out: 'none' on create, unchanged on update. */
  payrollType: AbsencePayrollTypeSchema.optional(),
  /** Shorthand: true ⇔ payrollType 'vacation'; false turns 'vacation' into 'none'. Must agree with payrollType when both are sent. */
  vacation: z.boolean().optional(),
}).refine((b) => b.vacation === undefined || b.payrollType === undefined || b.vacation === (b.payrollType === 'vacation'), {
  message: 'vacation must agree with payrollType', path: ['vacation'],
});
export type AbsenceKindBody = z.input<typeof AbsenceKindBodySchema>;

export const AbsenceStatusSchema = z.enum(['REQUESTED', 'APPROVED', 'REJECTED']);
export type AbsenceStatus = z.infer<typeof AbsenceStatusSchema>;

/** Whole local days [startDate, endDate] of the organisation's zone. */
export const AbsenceSchema = z.object({
  id: z.string(),
  userId: z.string(),
  user: z.object({ id: z.string(), name: z.string() }),
  kind: z.object({ id: z.string(), name: z.string(), creditPercent: z.number().int() }),
  startDate: z.string(),
  endDate: z.string(),
  note: z.string(),
  status: AbsenceStatusSchema,
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Absence = z.infer<typeof AbsenceSchema>;
export const AbsenceListSchema = z.object({ items: z.array(AbsenceSchema) });

/** `GET /api/absences?from=&to=&userId=&status=`: absences touching [from, to]; members see their own. */
export const AbsenceListQuerySchema = z.object({
  from: DateSchema.optional(),
  to: DateSchema.optional(),
  userId: IdSchema.optional(),
  status: AbsenceStatusSchema.optional(),
});
export type AbsenceListQuery = z.infer<typeof AbsenceListQuerySchema>;

/** `POST /api/absences`: a request (members for themselves; managers may file one for anyone). */
export const AbsenceRequestBodySchema = z.object({
  userId: IdSchema.optional(),
  kindId: IdSchema,
  startDate: DateSchema,
  endDate: DateSchema,
  note: z.string().trim().max(500).default(''),
}).refine((b) => b.endDate >= b.startDate, { message: 'The last day cannot be before the first', path: ['endDate'] });
export type AbsenceRequestBody = z.input<typeof AbsenceRequestBodySchema>;

/** `GET/PUT /api/settings/holidays`: public holidays by country and region (date-holidays codes). */
export const HolidaySettingsSchema = z.object({
  /** ISO 3166-1 alpha-2, e.g. "DE"; null = no public holidays. */
  country: z.string().nullable(),
  /** Region code of that country, e.g. "BY" (Bayern) or "BE" (Berlin); null = the national ones only. */
  region: z.string().nullable(),
  /** Share of a weekday's required minutes a public holiday still requires (0 = a day off). */
  sharePercent: z.number().int(),
});
export type HolidaySettings = z.infer<typeof HolidaySettingsSchema>;
export const HolidaySettingsBodySchema = z.object({
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Use a 2-letter country code, e.g. DE').nullable(),
  region: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,3}$/, 'Use a region code, e.g. BY').nullable().default(null),
  sharePercent: PercentSchema.default(0),
});
export type HolidaySettingsBody = z.input<typeof HolidaySettingsBodySchema>;

export const HolidayOptionSchema = z.object({ code: z.string(), name: z.string() });
export const HolidayOptionsSchema = z.object({ items: z.array(HolidayOptionSchema) });
export const HolidayRegionsQuerySchema = z.object({ country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/) });

/** `GET /api/holidays?year=`: the organisation's public holidays of a year. */
export const HolidayListQuerySchema = z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() });
export const HolidayListSchema = z.object({ items: z.array(z.object({ date: z.string(), name: z.string() })) });
