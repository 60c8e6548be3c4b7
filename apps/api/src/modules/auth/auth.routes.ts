import { AppError, LoginBodySchema, LoginResponseSchema, MeSchema, OkSchema } from '@workdiary/shared';
import type { FastifyReply } from 'fastify';
import { countHit } from '../../lib/rate-limit-store.ts';
import type { App } from '../../lib/types.ts';
import { clearSessionCookie, readSessionToken, startSession } from './session.ts';
import { endSession } from './sessions.service.ts';
import { authenticate, loadMe } from './auth.service.ts';
import { loginThrottle } from './login-throttle.ts';

/** An address may try this many times LOGIN_RATE_LIMIT per minute over all emails (an office behind one NAT). */
export const ADDRESS_FACTOR = 5;

export default async function authRoutes(app: App) {
  const throttle = loginThrottle(app.database.unscoped);

  const tooMany = (reply: FastifyReply, seconds: number, message: string) => {
    reply.header('retry-after', String(seconds));
    return new AppError('RATE_LIMITED', message, { retryAfterSeconds: seconds });
  };

  app.post('/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBodySchema, response: { 200: LoginResponseSchema } },
    config: {
      access: { public: true },
      rateLimit: {
        max: app.env.LOGIN_RATE_LIMIT,
        timeWindow: '1 minute',
        // Per address and email, counted in the database (shared by all instances). After body
        // parsing, so the key can include the email: one noisy account does not lock out an office.
        hook: 'preHandler',
        keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    // Per address over all emails: one address spraying a password over many accounts.
    const address = await countHit(app.database.unscoped, `login-address|${request.ip}`, 60_000);
    if (address.hits > app.env.LOGIN_RATE_LIMIT * ADDRESS_FACTOR) {
      throw tooMany(reply, Math.ceil(address.ttlMs / 1000), 'Too many sign-in attempts from this address. Please wait a minute and try again.');
    }
    // Per account, over all addresses: a growing delay after repeated failures (login-throttle.ts).
    const email = request.body.email.trim().toLowerCase();
    const wait = await throttle.admit(email, request.ip);
    if (wait !== null) throw tooMany(reply, wait, `Too many failed sign-ins for this account. Try again in ${wait} s.`);
    let user;
    try {
      user = await authenticate({ prisma: app.database.prisma, ...request.body });
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_CREDENTIALS') await throttle.failed(email);
      throw err;
    }
    await throttle.succeeded(email, request.ip);
    const { token } = await startSession(app, request, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id, mailEnabled: app.mailer.enabled }), token };
  });

  app.post('/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Sign out: ends this session on every server at once and clears the cookie',
      description: 'Public, so that a stale or expired cookie can always be cleared; a valid token\'s session row is deleted, '
        + 'after which the token (cookie or Bearer) answers 401 everywhere.',
      response: { 200: OkSchema },
    },
    config: { access: { public: true } },
  }, async (request, reply) => {
    const payload = readSessionToken(app, request);
    if (payload) await endSession(app.database.prisma, payload.sid);
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user and organisation', response: { 200: MeSchema } },
  }, async (request) => loadMe({ prisma: app.database.prisma, userId: request.auth.userId, mailEnabled: app.mailer.enabled }));
}
