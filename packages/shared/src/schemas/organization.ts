import { z } from 'zod';
import { LocaleSchema, text } from './common.ts';
import { CarryOverUntilSchema } from './balances.ts';
import { ComplianceSettingsSchema } from './compliance.ts';
import { EmailSchema, NameSchema, PasswordSchema } from './users.ts';

/** True when `zone` is an IANA time zone this runtime knows (e.g. "Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The IANA zones for a picker (the runtime's list; "UTC" first). */
export function timeZoneOptions(): string[] {
  const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...list.filter((z) => z !== 'UTC')];
}

/** ISO 4217 codes this runtime knows; null when it cannot list them (then any 3 letters pass). */
function knownCurrencies(): Set<string> | null {
  return typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : null;
}

export function isValidCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = knownCurrencies();
  return known === null || known.has(code);
}

export const TimeZoneSchema = text().trim().refine(isValidTimeZone, 'Choose a valid IANA time zone, e.g. Europe/Berlin');
export const CurrencySchema = text().trim().toUpperCase().refine(isValidCurrency, 'Use a 3-letter ISO 4217 currency code, e.g. EUR');
export const OrganizationNameSchema = text().trim().min(1, 'Name is required').max(120);

/** PUT /api/organization (admins). Work-rule defaults are edited under /api/settings/work-rules/default. */
export const OrganizationBodySchema = z.object({
  name: OrganizationNameSchema,
  timeZone: TimeZoneSchema,
  currency: CurrencySchema,
  /** Left out: unchanged (PUT) or en-GB (setup). */
  locale: LocaleSchema.optional(),
  /** "MM-DD" after which last year's remaining vacation expires as far as not taken; null: never; left out: unchanged. */
  vacationCarryOverUntil: CarryOverUntilSchema.nullable().optional(),
  /** The working-time law check: on or off and which rules; left out: unchanged. */
  compliance: ComplianceSettingsSchema.optional(),
});
export type OrganizationBody = z.input<typeof OrganizationBodySchema>;

/** GET /api/setup (public): whether the first-run setup is still to be done. */
export const SetupStatusSchema = z.object({ needed: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

/**
 * POST /api/setup/import (public, once, instead of setup): an organisation export (zip) loaded
 * into this empty Workdiary; a one-time set-password link per active user (passwords are never exported).
 */
export const SetupImportResultSchema = z.object({
  organization: z.object({ id: z.string(), name: z.string() }),
  rows: z.record(z.string(), z.number().int()),
  links: z.array(z.object({ email: z.string(), name: z.string(), role: z.string(), url: z.string() })),
});
export type SetupImportResult = z.infer<typeof SetupImportResultSchema>;

/** POST /api/setup (public, once): the organisation and its first admin. */
export const SetupBodySchema = z.object({
  organization: OrganizationBodySchema,
  admin: z.object({ name: NameSchema, email: EmailSchema, password: PasswordSchema }),
});
export type SetupBody = z.input<typeof SetupBodySchema>;
