import type { FastifyReply } from 'fastify';
import type { App } from '../../lib/types.ts';
import { setSessionCookie, TOKEN_TTL_SECONDS, type TokenPayload } from '../../plugins/auth.ts';
import type { SessionUser } from './password.service.ts';

/** Signs a session token the way login does and sets the cookie; returns the token for scripts. */
export function startSession(app: App, reply: FastifyReply, user: SessionUser): string {
  const payload: TokenPayload = { sub: user.id, org: user.organizationId, tv: user.tokenVersion };
  const token = app.jwt.sign(payload, { expiresIn: TOKEN_TTL_SECONDS });
  setSessionCookie(reply, token, app.env.COOKIE_SECURE);
  return token;
}

/** scheme://host the request came in on (behind a proxy: X-Forwarded-*, as trustProxy allows). */
export function requestOrigin(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}
