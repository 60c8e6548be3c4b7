import type { FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorCode } from '@workdiary/shared';
import type { RouteAccess } from '../lib/types.ts';

/**
 * Honest OpenAPI: every operation lists the failures it can answer, in the shared error shape
 * with the codes each status can carry, next to its success response. The generic ones follow
 * from the route itself (input → 400/413/415, signed-in → 401/403, path id → 404, rate limit →
 * 429); what only the service knows (conflicts, rule refusals, ids in the body) is in
 * ROUTE_ERRORS, one line per route. A 204 is documented without a body. The fuzz test
 * (src/fuzz.test.ts) checks that every status an operation answers is documented here.
 */
const ROUTE_ERRORS: Record<string, ErrorCode[]> = {
  'POST /api/auth/login': ['INVALID_CREDENTIALS'],
  'POST /api/auth/set-password': ['NOT_FOUND'],
  'POST /api/auth/password-reset/confirm': ['RESET_LINK_INVALID', 'RESET_LINK_USED', 'RESET_LINK_EXPIRED'],
  'POST /api/setup': ['SETUP_ALREADY_DONE'],
  'POST /api/setup/import': ['VALIDATION_ERROR', 'SETUP_ALREADY_DONE'],
  'POST /api/me/password': ['WRONG_PASSWORD'],
  'POST /api/timer/start': ['MODULE_DISABLED', 'NOT_FOUND', 'TIMER_ALREADY_RUNNING', 'ENTRY_OVERLAP', 'CUSTOMER_ARCHIVED', 'CATEGORY_ARCHIVED'],
  'POST /api/timer/stop': ['TIMER_NOT_RUNNING', 'ENTRY_OVERLAP', 'STOP_BEFORE_START', 'NOTE_REQUIRED', 'SESSION_TOO_SHORT', 'SESSION_TOO_LONG'],
  'DELETE /api/timer': ['TIMER_NOT_RUNNING'],
  'PATCH /api/timer': ['TIMER_NOT_RUNNING', 'ENTRY_OVERLAP', 'SESSION_TOO_LONG', 'ENTRY_IN_FUTURE', 'MONTH_LOCKED'],
  // The stop's refusals and the start's, as one answer (timer-switch.service.ts).
  'POST /api/timer/switch': [
    'MODULE_DISABLED', 'NOT_FOUND', 'TIMER_NOT_RUNNING', 'TIMER_ALREADY_RUNNING', 'ENTRY_OVERLAP', 'CUSTOMER_ARCHIVED', 'CATEGORY_ARCHIVED',
    'STOP_BEFORE_START', 'NOTE_REQUIRED', 'SESSION_TOO_SHORT', 'SESSION_TOO_LONG', 'MONTH_LOCKED',
  ],
  'POST /api/categories': ['CATEGORY_NAME_TAKEN'],
  'POST /api/imports': ['IMPORT_INVALID'],
  'DELETE /api/imports/:id': ['NOT_FOUND', 'CONFLICT', 'MONTH_LOCKED'],
  'POST /api/categories/:id/restore': ['CATEGORY_NAME_TAKEN'],
  'POST /api/work-entries': [
    'NOT_FOUND', 'LOCAL_TIME_NONEXISTENT', 'LOCAL_TIME_AMBIGUOUS', 'STOP_BEFORE_START', 'ENTRY_OVERLAP', 'NOTE_REQUIRED',
    'SESSION_TOO_SHORT', 'SESSION_TOO_LONG', 'ENTRY_IN_FUTURE', 'CUSTOMER_ARCHIVED', 'CATEGORY_ARCHIVED', 'USER_INACTIVE',
  ],
  'PATCH /api/work-entries/:id': [
    'LOCAL_TIME_NONEXISTENT', 'LOCAL_TIME_AMBIGUOUS', 'STOP_BEFORE_START', 'ENTRY_OVERLAP', 'ENTRY_RUNNING', 'NOTE_REQUIRED',
    'SESSION_TOO_SHORT', 'SESSION_TOO_LONG', 'ENTRY_IN_FUTURE', 'CUSTOMER_ARCHIVED', 'CATEGORY_ARCHIVED',
  ],
  'DELETE /api/work-entries/:id': ['ENTRY_RUNNING'],
  'POST /api/users': ['EMAIL_TAKEN'],
  'PATCH /api/users/:id': ['EMAIL_TAKEN', 'LAST_ADMIN'],
  'POST /api/users/:id/set-password-link': ['USER_INACTIVE'],
  'POST /api/at-work/:userId/stop': ['TIMER_NOT_RUNNING', 'ENTRY_OVERLAP', 'STOP_BEFORE_START', 'NOTE_REQUIRED', 'SESSION_TOO_SHORT', 'SESSION_TOO_LONG', 'MONTH_LOCKED'],
  'GET /api/months': ['NOT_FOUND', 'FORBIDDEN'],
  'POST /api/months/:month/submit': ['MONTH_STATE_CONFLICT'],
  'POST /api/months/:month/approve': ['NOT_FOUND', 'MONTH_STATE_CONFLICT'],
  'POST /api/months/:month/reject': ['NOT_FOUND', 'MONTH_STATE_CONFLICT'],
  'POST /api/months/:month/reopen': ['NOT_FOUND', 'MONTH_STATE_CONFLICT'],
  'GET /api/absences': ['FORBIDDEN'],
  'POST /api/absences': ['NOT_FOUND', 'FORBIDDEN', 'USER_INACTIVE', 'ABSENCE_OVERLAP', 'MONTH_LOCKED'],
  'DELETE /api/absences/:id': ['FORBIDDEN', 'ABSENCE_DECIDED', 'MONTH_LOCKED'],
  'POST /api/absences/:id/approve': ['ABSENCE_DECIDED', 'ABSENCE_OVERLAP', 'MONTH_LOCKED'],
  'POST /api/absences/:id/reject': ['ABSENCE_DECIDED'],
  'POST /api/settings/absence-kinds': ['CONFLICT'],
  'PUT /api/settings/absence-kinds/:id': ['CONFLICT'],
  // A zone that would move approved months (organization.service.ts).
  'PUT /api/organization': ['MONTH_LOCKED'],
  // Filters naming nothing in the organisation; ended or expired links.
  'GET /api/reports': ['NOT_FOUND'],
  'GET /api/reports.xlsx': ['NOT_FOUND'],
  'GET /api/reports.csv': ['NOT_FOUND'],
  'GET /api/reports.pdf': ['NOT_FOUND'],
  'GET /api/public/reports/:token': ['NOT_FOUND'],
  // Users without a personnel number, or payroll settings missing (payroll/datev-export.service.ts).
  'GET /api/exports/payroll/datev-lodas.txt': ['DATEV_INCOMPLETE'],
  // An unknown user; a day without findings (compliance.service.ts).
  'GET /api/compliance': ['NOT_FOUND'],
  'POST /api/compliance/acknowledgements': ['NOT_FOUND'],
  // Issue 28: a request made with an API token cannot mint tokens or feed URLs; turning off a feed there is none of.
  'POST /api/me/tokens': ['FORBIDDEN'],
  'POST /api/me/calendar-feed': ['FORBIDDEN'],
  'DELETE /api/me/calendar-feed': ['NOT_FOUND'],
  // Issue 28: a webhook URL to a private address in production, or a host that does not resolve (webhook-target.ts).
  'POST /api/webhooks': ['WEBHOOK_TARGET_PRIVATE', 'WEBHOOK_TARGET_UNRESOLVED'],
};
/** Month close (domain/month-lock.ts): every write of an entry can meet an approved month. */
for (const route of ['POST /api/timer/start', 'POST /api/timer/stop', 'POST /api/work-entries', 'PATCH /api/work-entries/:id', 'DELETE /api/work-entries/:id', 'PATCH /api/users/:id']) {
  ROUTE_ERRORS[route] = [...(ROUTE_ERRORS[route] ?? []), 'MONTH_LOCKED'];
}
/** Routes whose services check who may see or change what (members: their own rows only). */
for (const route of [
  'GET /api/work-entries', 'POST /api/work-entries', 'PATCH /api/work-entries/:id', 'DELETE /api/work-entries/:id', 'GET /api/work-entries/:id/history',
  'GET /api/diary/:userId', 'GET /api/diary/:userId/:date', 'GET /api/diary/:userId/:date/history', 'GET /api/exports/diary/:userId.xlsx',
  'GET /api/exports/diary/:userId/:date.xlsx', 'GET /api/exports/customers/:id.xlsx', 'GET /api/settings/work-rules/:userId',
]) {
  ROUTE_ERRORS[route] = [...(ROUTE_ERRORS[route] ?? []), 'FORBIDDEN'];
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Statuses the error handler answers that have no code of their own in ERROR_STATUS. */
const EXTRA_STATUS_CODES: Record<number, ErrorCode[]> = { 413: ['VALIDATION_ERROR'], 415: ['VALIDATION_ERROR'] };

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (the shared error shape; `details.issues` lists the fields)',
  401: 'Not signed in, or the session has ended',
  403: 'Not allowed for this role, or a cross-site request (CSRF_REJECTED)',
  404: 'Not found (or in another organisation)',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'The body is not JSON',
  422: 'Refused by a business rule',
  429: 'Too many attempts; wait a minute',
};

function errorSchema(codes: ErrorCode[]) {
  return {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', enum: codes },
          message: { type: 'string', description: 'A sentence fit to show a user' },
          details: { description: 'Code-specific facts, e.g. `issues` for VALIDATION_ERROR, `entryId` for ENTRY_OVERLAP' },
        },
      },
    },
  };
}

type RouteFacts = { method: string; url: string; schema: FastifySchema; access: RouteAccess | undefined; rateLimited: boolean };

/** The error codes an operation can answer, grouped by HTTP status. */
export function documentedErrors({ method, url, schema, access, rateLimited }: RouteFacts): Map<number, ErrorCode[]> {
  const codes = new Set<ErrorCode>(ROUTE_ERRORS[`${method} ${url}`] ?? []);
  const hasBody = schema.body !== undefined;
  const statuses = new Map<number, Set<ErrorCode>>();
  const add = (status: number, list: ErrorCode[]) => {
    const set = statuses.get(status) ?? new Set<ErrorCode>();
    for (const c of list) set.add(c);
    statuses.set(status, set);
  };
  if (hasBody || schema.querystring !== undefined || schema.params !== undefined) add(400, ['VALIDATION_ERROR']);
  if (hasBody) {
    add(413, EXTRA_STATUS_CODES[413] ?? []);
    add(415, EXTRA_STATUS_CODES[415] ?? []);
  }
  if (!access?.public) add(401, ['UNAUTHENTICATED']);
  if (!access?.public && access?.roles) add(403, ['FORBIDDEN']);
  if (UNSAFE.has(method)) add(403, ['CSRF_REJECTED']);
  if (schema.params !== undefined) add(404, ['NOT_FOUND']);
  if (rateLimited) add(429, ['RATE_LIMITED']);
  for (const code of codes) add(ERROR_STATUS[code], [code]);
  return new Map([...statuses].sort(([a], [b]) => a - b).map(([s, set]) => [s, [...set]]));
}

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

const FILE_RESPONSES = [
  { ext: '.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', what: 'The Excel workbook', format: 'binary' },
  { ext: '.csv', type: 'text/csv', what: 'The CSV text (UTF-8 with a byte-order mark)', format: null },
  { ext: '.pdf', type: 'application/pdf', what: 'The PDF document', format: 'binary' },
  { ext: '.ics', type: 'text/calendar', what: 'The iCalendar feed', format: null },
  { ext: '.zip', type: 'application/zip', what: 'The zip archive', format: 'binary' },
];

/** @fastify/swagger's `transform`: zod → JSON Schema, then the errors, the 204s and public routes' security. */
export function openapiTransform(input: TransformInput): ReturnType<typeof jsonSchemaTransform> {
  const result = jsonSchemaTransform(input);
  const route = input.route as RouteOptions;
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const method = String(methods[0]).toUpperCase();
  const access = route.config && typeof route.config === 'object' ? (route.config as { access?: RouteAccess }).access : undefined;
  const rateLimited = route.config && typeof route.config === 'object' && 'rateLimit' in route.config;
  const schema = result.schema as FastifySchema & { response?: Record<string, unknown>; security?: unknown };
  const response: Record<string, unknown> = { ...(schema.response ?? {}) };
  // Files (the .xlsx, .csv and .pdf exports) have no response schema: say what a 200 is.
  const file = FILE_RESPONSES.find((f) => input.url.endsWith(f.ext));
  if (file && response['200'] === undefined) {
    response['200'] = {
      description: `${file.what}, as an attachment (Content-Disposition names the file)`,
      content: { [file.type]: { schema: { type: 'string', ...(file.format ? { format: file.format } : {}) } } },
    };
  }
  const noContent = response['204'] as { description?: string } | undefined;
  // No body at all: `type: 'null'` tells @fastify/swagger to leave `content` out.
  if (noContent) response['204'] = { type: 'null', description: noContent.description ?? 'No content' };
  for (const [status, list] of documentedErrors({ method, url: input.url, schema: input.schema ?? {}, access, rateLimited: Boolean(rateLimited) })) {
    if (response[String(status)] !== undefined) continue;
    response[String(status)] = { description: `${DESCRIPTIONS[status] ?? 'Error'}: ${list.join(', ')}`, ...errorSchema(list) };
  }
  return {
    ...result,
    schema: { ...schema, response, ...(access?.public ? { security: [] } : {}) },
  };
}
