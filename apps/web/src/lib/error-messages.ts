import type { LocalTimeErrorDetails } from '@workdiary/shared';
import { dateLabel, localDate, localDateTime, localTime, monthLabel } from './format';
import { cachedCatalog } from './i18n/catalogs';
import { translate as t } from './i18n/i18n';
import { activeLocale, languageOf } from './i18n/locale-store';

/**
 * What an API error says to a person, in their language: by its `code` (DOMAIN.md, shared
 * ERROR_STATUS) and `details`, through the message catalogs; dates and times in the
 * organisation's zone and the user's locale. The server's English message is the fallback: used
 * as it is in English, and in another language when the catalog has it word for word or the code
 * has no message of its own.
 */
export type ErrorLike = { code: string; message: string; details?: unknown };

let timeZone = 'UTC';
/** The organisation's zone for the dates errors name; set once the signed-in user is known. */
export function setErrorTimeZone(zone: string): void {
  timeZone = zone;
}

// The details' shapes, checked by hand rather than with zod: every page, the sign-in page too,
// shows API errors through this module, and zod is not part of the first load (bench/first-load.ts).
type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number';
const bool: Check = (v) => typeof v === 'boolean';
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const nullable = (check: Check): Check => (v) => v === null || check(v);
const oneOf = (...values: string[]): Check => (v) => values.includes(v as string);
const arrayOf = (check: Check): Check => (v) => Array.isArray(v) && v.every(check);
const object = (fields: Record<string, Check>): Check => (v) =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.entries(fields).every(([key, check]) => check((v as Record<string, unknown>)[key]));
/** The details when they have the shape, else null. */
const shape = <T>(fields: Record<keyof T & string, Check>) => {
  const check = object(fields);
  return (details: unknown): T | null => (check(details) ? (details as T) : null);
};

const OverlapDetails = shape<{ customer: string; startedAt: string; stoppedAt: string | null }>({ customer: str, startedAt: str, stoppedAt: nullable(str) });
const SessionDetails = shape<{ rule: string; minimum?: number; maximum?: number; minutes?: number }>({ rule: str, minimum: optional(num), maximum: optional(num), minutes: optional(num) });
const MonthDetails = shape<{ month: string; status?: string }>({ month: str, status: optional(str) });
const RetryDetails = shape<{ retryAfterSeconds: number }>({ retryAfterSeconds: num });
const NameDetails = shape<{ name: string; archived?: boolean }>({ name: str, archived: optional(bool) });
const StatusDetails = shape<{ status: 'APPROVED' | 'REJECTED' }>({ status: oneOf('APPROVED', 'REJECTED') });
/** The shared LocalTimeErrorDetailsSchema's shape. */
const LocalTimeDetails = shape<LocalTimeErrorDetails>({
  field: oneOf('start', 'stop'), date: str, time: str, timeZone: str,
  candidates: arrayOf(object({ instant: str, offset: str })),
});

const parse = <T>(check: (details: unknown) => T | null, details: unknown): T | null => check(details);

/** Messages that follow from the code and its details alone; null: the details do not say enough. */
const BY_CODE: Record<string, (details: unknown) => string | null> = {
  ENTRY_OVERLAP: (details) => {
    const d = parse(OverlapDetails, details);
    if (!d) return null;
    const start = localDateTime(d.startedAt, timeZone);
    const stop = d.stoppedAt === null
      ? t('still running')
      : localDate(d.stoppedAt, timeZone) === localDate(d.startedAt, timeZone) ? localTime(d.stoppedAt, timeZone) : localDateTime(d.stoppedAt, timeZone);
    return t('This overlaps the session for {customer} on {start}–{stop}. Overlapping sessions are not allowed: change the times or that session first.', { customer: d.customer, start, stop });
  },
  SESSION_TOO_SHORT: (details) => {
    const d = parse(SessionDetails, details);
    if (d?.minimum === undefined) return null;
    if (d.rule === 'product' || d.minutes === undefined) return t('{minimum, plural, one {Sessions must last at least # minute.} other {Sessions must last at least # minutes.}}', { minimum: d.minimum });
    return t('{minimum, plural, one {Sessions must last at least # minute} other {Sessions must last at least # minutes}}; {minutes, plural, one {this one lasted # minute.} other {this one lasted # minutes.}}', { minimum: d.minimum, minutes: d.minutes });
  },
  SESSION_TOO_LONG: (details) => {
    const d = parse(SessionDetails, details);
    if (d?.maximum === undefined) return null;
    return t('{maximum, plural, one {Sessions may last at most # hour.} other {Sessions may last at most # hours.}} Split longer work into several entries, or ask a manager.', { maximum: d.maximum });
  },
  LOCAL_TIME_NONEXISTENT: (details) => {
    const d = parse(LocalTimeDetails, details);
    if (!d) return null;
    return t('{field, select, start {The start time} other {The stop time}} {time} on {date} does not exist in {timeZone}: the clocks jump forward over it (daylight saving time begins). Enter a time before or after the jump.', { field: d.field, time: d.time, timeZone: d.timeZone, date: dateLabel(d.date) });
  },
  LOCAL_TIME_AMBIGUOUS: (details) => {
    const d = parse(LocalTimeDetails, details);
    if (!d) return null;
    return t('{field, select, start {The start time} other {The stop time}} {time} on {date} happens twice in {timeZone}: the clocks go back (daylight saving time ends). Choose which one you mean.', { field: d.field, time: d.time, timeZone: d.timeZone, date: dateLabel(d.date) });
  },
  MONTH_LOCKED: (details) => {
    const d = parse(MonthDetails, details);
    return d ? t('{month} is approved and locked for payroll: its entries cannot be added, changed or deleted. An admin can reopen the month.', { month: monthLabel(d.month) }) : null;
  },
  MONTH_STATE_CONFLICT: (details) => {
    const d = parse(MonthDetails, details);
    if (!d?.status) return null;
    return t('{status, select, SUBMITTED {{month} is already submitted.} APPROVED {{month} is already approved.} other {{month} is not submitted or approved, so there is nothing to reopen.}}', { month: monthLabel(d.month), status: d.status });
  },
  RATE_LIMITED: (details) => {
    const d = parse(RetryDetails, details);
    return d ? t('{seconds, plural, one {Too many attempts. Try again in # second.} other {Too many attempts. Try again in # seconds.}}', { seconds: d.retryAfterSeconds }) : null;
  },
  CATEGORY_NAME_TAKEN: (details) => {
    const d = parse(NameDetails, details);
    if (!d) return null;
    return d.archived
      ? t('A category named "{name}" already exists but is archived. An administrator can restore it in Settings.', { name: d.name })
      : t('A category named "{name}" already exists. Pick it from the list instead.', { name: d.name });
  },
  ABSENCE_DECIDED: (details) => {
    const d = parse(StatusDetails, details);
    return d ? t('{status, select, APPROVED {This absence was already approved.} other {This absence was already rejected.}}', { status: d.status }) : null;
  },
  NOTE_REQUIRED: () => t('A note is required: describe the work done in this session.'),
  ENTRY_IN_FUTURE: () => t('The stop time is in the future. Use the timer for work that is still going on.'),
  STOP_BEFORE_START: () => t('The stop time must be after the start time.'),
  TIMER_NOT_RUNNING: () => t('No timer is running. It may have been stopped in another tab.'),
  MODULE_DISABLED: () => t('The Client Timer module is switched off. An administrator can switch it on in Settings → Modules.'),
  CSRF_REJECTED: () => t('This request was refused for your security. Reload the page and try again.'),
  INTERNAL: () => t('Something went wrong on our side.'),
  NETWORK: () => t('Cannot reach the server. Check your connection.'),
  BAD_RESPONSE: () => t('The server sent an unexpected response.'),
};

/** What a code means in general, where the server's message may name more (a name, a field). */
const GENERAL: Record<string, () => string> = {
  VALIDATION_ERROR: () => t('Some fields are not valid.'),
  SERVICE_UNAVAILABLE: () => t('The server is busy or starting. Please try again in a moment.'),
  UNAUTHENTICATED: () => t('Please sign in.'),
  INVALID_CREDENTIALS: () => t('Email or password is wrong.'),
  FORBIDDEN: () => t('You do not have permission to do this.'),
  NOT_FOUND: () => t('Not found.'),
  TIMER_ALREADY_RUNNING: () => t('A timer is already running. Stop it before starting another.'),
  EMAIL_TAKEN: () => t('This email address cannot be used for an account. Use a different one.'),
  ENTRY_RUNNING: () => t('This session is still running: stop it first, then edit it.'),
  SETUP_ALREADY_DONE: () => t('Workdiary is already set up. Sign in, or ask an administrator for an account.'),
  ABSENCE_OVERLAP: () => t('This overlaps another absence of this person.'),
  CONFLICT: () => t('This conflicts with an existing record.'),
  CATEGORY_ARCHIVED: () => t('This category was deleted. Choose another one.'),
  CUSTOMER_ARCHIVED: () => t('This customer is archived: no new work can be booked on it.'),
  USER_INACTIVE: () => t('This user is deactivated.'),
  LAST_ADMIN: () => t('This is the last active administrator. Make someone else an administrator first.'),
  WRONG_PASSWORD: () => t('Your current password is not correct.'),
  IMPORT_INVALID: () => t('Some rows of the file cannot be imported: nothing was imported.'),
  WEBHOOK_TARGET_PRIVATE: () => t('Webhooks cannot reach private, loopback or link-local addresses. Use a public address.'),
  WEBHOOK_TARGET_UNRESOLVED: () => t('The host of this URL cannot be found. Check the address.'),
  RESET_LINK_INVALID: () => t('This password-reset link is not valid. Ask for a new one on the sign-in page.'),
  RESET_LINK_USED: () => t('This password-reset link was already used. Ask for a new one on the sign-in page if you need to.'),
  RESET_LINK_EXPIRED: () => t('This password-reset link has expired (links work for one hour). Ask for a new one on the sign-in page.'),
};

/** The message to show for an API error (see above). */
export function errorMessageFor(error: ErrorLike): string {
  const byCode = BY_CODE[error.code]?.(error.details);
  if (byCode) return byCode;
  const language = languageOf(activeLocale());
  if (language === 'en') return error.message;
  // A fixed server sentence may be in the catalog word for word.
  if (cachedCatalog(language)?.[error.message] !== undefined) return t(error.message);
  return GENERAL[error.code]?.() ?? error.message;
}
