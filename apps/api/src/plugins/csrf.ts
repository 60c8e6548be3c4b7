import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@workdiary/shared';
import { SESSION_COOKIE } from './auth.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The header the web client sends on every request; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';

const refuse = (why: string) => new AppError('CSRF_REJECTED', `This request was refused: ${why}. Reload the page and try again.`);

/** Whether an Origin header names the host the request arrived for (default ports ignored). */
function isOwnOrigin(origin: string, host: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    return url.host === new URL(`${url.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

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
 * The app's own origin is the host the request arrived for: the Origin's host[:port] must equal
 * the Host header (X-Forwarded-Host when TRUST_PROXY trusts the proxy). The scheme is not
 * compared, so a proxy that ends TLS and passes Host on needs no further set-up.
 */
export function registerCsrfDefence(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    // Every unsafe request, not only matched /api routes: a percent-encoded path must not slip by.
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    if (request.headers['sec-fetch-site'] === 'cross-site') throw refuse('it came from another site');
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, request.host)) throw refuse('it came from another site');
    if (request.cookies[SESSION_COOKIE] !== undefined && !isJson(request) && request.headers[CSRF_HEADER] === undefined) {
      throw refuse(`it is neither JSON nor marked with ${CSRF_HEADER}`);
    }
  });
}
