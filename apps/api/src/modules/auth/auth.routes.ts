import { LoginBodySchema, LoginResponseSchema, MeSchema, OkSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { clearSessionCookie, startSession } from '../../plugins/auth.ts';
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
    const token = startSession(app, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id }), token };
  });

  app.post('/auth/logout', {
    schema: { tags: ['auth'], summary: 'Sign out (clears the cookie)', response: { 200: OkSchema } },
    config: { access: { public: true } },
  }, async (_request, reply) => {
    clearSessionCookie(reply);
    return { ok: true as const };
  });

  app.get('/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user and organisation', response: { 200: MeSchema } },
  }, async (request) => loadMe({ prisma: app.database.prisma, userId: request.auth.userId }));
}
