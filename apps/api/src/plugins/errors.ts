import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorBody, type ErrorCode } from '@workdiary/shared';

const body = (code: ErrorCode | string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

type PrismaLikeError = { code?: string; meta?: Record<string, unknown>; name?: string };

/** Maps Prisma's known request errors to our codes; everything else is a 500. */
export function fromPrisma(err: PrismaLikeError): AppError | null {
  if (err.name !== 'PrismaClientKnownRequestError') return null;
  if (err.code === 'P2025') return new AppError('NOT_FOUND');
  if (err.code === 'P2002') return new AppError('CONFLICT', 'This conflicts with an existing record.');
  if (err.code === 'P2003') return new AppError('VALIDATION_ERROR', 'A referenced record does not exist.');
  return null;
}

/**
 * PostgreSQL's own refusals that are not a fault: 55P03 lock_not_available is a lock wait that ran
 * out (the timer's statements wait at most their lock_timeout for a user's lock, migration
 * 20261207100000_timer_atomic_moves): nothing was written and a retry shortly after will do, so
 * 503 SERVICE_UNAVAILABLE with Retry-After rather than a 500.
 */
export function fromDatabase(err: { code?: unknown }): AppError | null {
  if (err.code === '55P03') {
    return new AppError('SERVICE_UNAVAILABLE', 'Another change to these entries is taking longer than expected. Nothing was saved; please try again in a moment.');
  }
  return null;
}

/**
 * Errors the router raises before any route or hook runs: a malformed percent-encoding in the path
 * (`/api/customers/%E0`) or a path parameter longer than the router allows. Both are bad input:
 * 400 VALIDATION_ERROR in the shared shape, like a parameter the schema refuses.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path parameter is too long.' : 'The address is not valid (malformed encoding).';
  void reply.status(400).send(body('VALIDATION_ERROR', message, { in: 'params' }));
}

/** One error handler: AppError → its status and body; internals are never shown on 5xx. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError & PrismaLikeError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'Invalid value',
      }));
      const first = issues[0];
      const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Some fields are not valid.';
      return reply.status(400).send(body('VALIDATION_ERROR', message, { issues, in: err.validationContext }));
    }
    const appErr = err instanceof AppError ? err : fromPrisma(err) ?? fromDatabase(err);
    if (appErr) {
      if (appErr.status === 503) void reply.header('retry-after', '1');
      return reply.status(appErr.status).send(body(appErr.code, appErr.message, appErr.details));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, issues: err.cause }, 'response did not match its schema');
      return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side.'));
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return reply.status(429).send(body('RATE_LIMITED', 'Too many attempts. Please wait a minute and try again.'));
    if (status >= 400 && status < 500) {
      const code = status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_ERROR';
      return reply.status(status).send(body(code, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', 'Something went wrong on our side.'));
  });
}
