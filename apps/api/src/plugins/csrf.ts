import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@workdiary/shared';
import { SESSION_COOKIE } from './auth.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The header the web client sends on every request; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';

const refuse = (why: string) => new AppError('CSRF_REJECTED', `This request was refused: ${why}. Reload the page and try again.`);

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type);
}

/**
 * CSRF defence in depth on top of SameSite=Lax, for state-changing /api requests that do not carry
 * a Bearer token (scripts with a token are unaffected: a browser never adds one by itself):
 * - a foreign `Origin` (or `Origin: null`) or `Sec-Fetch-Site: cross-site` is refused, signed in
 *   or not (so a foreign page cannot sign someone in to an attacker's account either);
 * - with the session cookie, the request must be JSON or carry `X-Requested-With`, which a plain
 *   HTML form cannot send; body-less POSTs from the web client carry the header.
 * The app's own origin is the one the request arrived on (X-Forwarded-Proto/-Host behind a proxy).
 */
export function registerCsrfDefence(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    // Every unsafe request, not only matched /api routes: a percent-encoded path must not slip by.
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    if (request.headers['sec-fetch-site'] === 'cross-site') throw refuse('it came from another site');
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `${request.protocol}://${request.host}`) throw refuse('it came from another site');
    if (request.cookies[SESSION_COOKIE] !== undefined && !isJson(request) && request.headers[CSRF_HEADER] === undefined) {
      throw refuse(`it is neither JSON nor marked with ${CSRF_HEADER}`);
    }
  });
}
