/** Every error code the API answers with, and its HTTP status. The UI keys messages off these. */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  LOCAL_TIME_NONEXISTENT: 400,
  LOCAL_TIME_AMBIGUOUS: 400,
  STOP_BEFORE_START: 400,
  /** A webhook URL whose host is (or resolves to) a private, loopback or link-local address, refused in production unless WEBHOOK_ALLOW_PRIVATE=true. */
  WEBHOOK_TARGET_PRIVATE: 400,
  /** A webhook URL whose host does not resolve. */
  WEBHOOK_TARGET_UNRESOLVED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  /** A cookie-authenticated change from another site, or without the app's JSON / X-Requested-With marker. */
  CSRF_REJECTED: 403,
  MODULE_DISABLED: 403,
  NOT_FOUND: 404,
  /** A password-reset link that was never issued (or replaced by a newer one). */
  RESET_LINK_INVALID: 404,
  /** A password-reset link that has already set a password once. */
  RESET_LINK_USED: 410,
  /** A password-reset link older than an hour. */
  RESET_LINK_EXPIRED: 410,
  TIMER_ALREADY_RUNNING: 409,
  TIMER_NOT_RUNNING: 409,
  CATEGORY_NAME_TAKEN: 409,
  EMAIL_TAKEN: 409,
  ENTRY_OVERLAP: 409,
  /** A running session's times change only through the timer (stop it first). */
  ENTRY_RUNNING: 409,
  SETUP_ALREADY_DONE: 409,
  /** The entry's local day lies in a month approved for payroll; `details.month` names it. */
  MONTH_LOCKED: 409,
  /** A month state change that does not fit the current state (e.g. reopening an open month). */
  MONTH_STATE_CONFLICT: 409,
  /** An absence request overlapping the user's other requested or approved absence. */
  ABSENCE_OVERLAP: 409,
  /** The absence request was already approved or rejected. */
  ABSENCE_DECIDED: 409,
  CONFLICT: 409,
  NOTE_REQUIRED: 422,
  SESSION_TOO_SHORT: 422,
  SESSION_TOO_LONG: 422,
  ENTRY_IN_FUTURE: 422,
  CATEGORY_ARCHIVED: 422,
  CUSTOMER_ARCHIVED: 422,
  USER_INACTIVE: 422,
  LAST_ADMIN: 422,
  /** The DATEV file cannot be written yet: `details` lists people without a personnel number and missing payroll settings. */
  DATEV_INCOMPLETE: 422,
  /** An import file with error rows (`details.errors`: `{ row, code, message }[]`): nothing was written. */
  IMPORT_INVALID: 422,
  WRONG_PASSWORD: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const errorCodes = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

// ErrorBodySchema (the error answer's body) is in schemas/common.ts: no zod here, so the web app's
// first load can use the codes and default messages without the schemas (bench/first-load.ts).

/** Thrown by services; one handler turns it into the error body and status. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? defaultMessage(code));
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

export function defaultMessage(code: ErrorCode): string {
  switch (code) {
    case 'VALIDATION_ERROR': return 'Some fields are not valid.';
    case 'UNAUTHENTICATED': return 'Please sign in.';
    case 'INVALID_CREDENTIALS': return 'Email or password is wrong.';
    case 'FORBIDDEN': return 'You do not have permission to do this.';
    case 'MODULE_DISABLED': return 'The Client Timer module is switched off.';
    case 'NOT_FOUND': return 'Not found.';
    case 'TIMER_ALREADY_RUNNING': return 'A timer is already running.';
    case 'TIMER_NOT_RUNNING': return 'No timer is running.';
    case 'MONTH_LOCKED': return 'This month is approved and locked for payroll.';
    case 'RATE_LIMITED': return 'Too many requests. Please wait a moment and try again.';
    case 'INTERNAL': return 'Something went wrong on our side.';
    default: return code.toLowerCase().replaceAll('_', ' ');
  }
}
