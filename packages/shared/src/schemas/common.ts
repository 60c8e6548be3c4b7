import { z } from 'zod';
import { LOCALES } from '../locales.ts';

/**
 * Every string the API accepts (bodies, query strings, path parameters) is built on `text()`: it
 * refuses the C0 control characters other than tab, line feed and carriage return, and DEL.
 * PostgreSQL cannot store NUL at all (it answered 500), and the others have no business in a name
 * or a note. It refuses lone UTF-16 surrogates as well (`{"note":"\ud800"}`: JSON.parse keeps
 * the escape as a lone code unit): they are not Unicode text, PostgreSQL refused them in a jsonb
 * (22P02, a 500) and the UTF-8 encoder turned them into U+FFFD elsewhere, i.e. stored something
 * other than what was sent. One rule in one place, so no endpoint can forget it.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const CONTROL_CHARACTERS_MESSAGE = 'Must not contain control characters';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const LONE_SURROGATE_MESSAGE = 'Must be valid Unicode text (contains a lone UTF-16 surrogate)';
/** Whether `value` is well-formed UTF-16 (String.prototype.isWellFormed, spelled out for every runtime). */
export const isWellFormedText = (value: string): boolean => !LONE_SURROGATE.test(value);
export const text = () => z.string()
  .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE)
  .refine(isWellFormedText, LONE_SURROGATE_MESSAGE);

/**
 * The dates the API accepts or computes with: 1970-01-01 to 2199-12-31 (UTC for instants).
 * Anything outside is a 400; the regexes spell the year range so the OpenAPI document shows it.
 */
export const DATE_RANGE = { min: '1970-01-01', max: '2199-12-31' } as const;
const YEAR = '(19[7-9]\\d|2[01]\\d\\d)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[12]\\d|3[01])';
const RANGE_MESSAGE = `between ${DATE_RANGE.min} and ${DATE_RANGE.max}`;
const MIN_INSTANT_MS = Date.UTC(1970, 0, 1);
const END_INSTANT_MS = Date.UTC(2200, 0, 1);
export const isInstantInRange = (ms: number) => ms >= MIN_INSTANT_MS && ms < END_INSTANT_MS;

export const IdSchema = text().min(1).max(64);
export const IdParamsSchema = z.object({ id: IdSchema });
/** ISO 8601 instant in UTC on the wire (with Z or an offset), in the accepted date range. */
export const InstantSchema = z.iso
  .datetime({ offset: true })
  .refine((v) => isInstantInRange(Date.parse(v)), `Expected an instant ${RANGE_MESSAGE}`)
  .describe(`ISO 8601 instant ${RANGE_MESSAGE} (UTC)`);
export const MonthSchema = text().regex(new RegExp(`^${YEAR}-${MONTH}$`), `Expected YYYY-MM ${RANGE_MESSAGE}`);
export const DateSchema = text().regex(new RegExp(`^${YEAR}-${MONTH}-${DAY}$`), `Expected YYYY-MM-DD ${RANGE_MESSAGE}`);
/** A `from`/`to` filter: a local date, an instant, or empty (no bound). */
export const RangeBoundSchema = z.union([z.literal(''), DateSchema, InstantSchema]);
export const RoleSchema = z.enum(['ADMIN', 'MANAGER', 'MEMBER']);
export type Role = z.infer<typeof RoleSchema>;
export const OkSchema = z.object({ ok: z.literal(true) });
/** A 204 answer: no body at all (documented in OpenAPI without content). */
export const NoContentSchema = z.null().describe('No content');

// LOCALES, Locale and DEFAULT_LOCALE live in ../locales.ts (no zod there, for the web's first load).
export { DEFAULT_LOCALE, LOCALES, type Locale } from '../locales.ts';
export const LocaleSchema = z.enum(LOCALES, { error: `Choose one of ${LOCALES.join(', ')}` });

/** Every error answer's body (`AppError` → status + this). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
