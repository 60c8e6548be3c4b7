import { LoginBodySchema, LoginResponseSchema, MeSchema, OkSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { clearSessionCookie, readSessionToken, startSession } from '../../plugins/auth.ts';
import { endSession } from './sessions.service.ts';
import { authenticate, loadMe } from './auth.service.ts';

export default async function authRoutes(app: App) {
  app.post('/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: LoginBodySchema, response: { 200: LoginResponseSchema } },
    config: {
      access: { public: true },
      rateLimit: {
        max: app.env.LOGIN_RATE_LIMIT,
        timeWindow: '1 minute',
        // After body parsing, so the key can include the email: one noisy account does not lock out an office.
        hook: 'preHandler',
        keyGenerator: (req) => `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
      },
    },
  }, async (request, reply) => {
    const user = await authenticate({ prisma: app.database.prisma, ...request.body });
    const { token } = await startSession(app, request, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id }), token };
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
  }, async (request) => loadMe({ prisma: app.database.prisma, userId: request.auth.userId }));
}
