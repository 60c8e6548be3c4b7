import { ChangePasswordBodySchema, LoginResponseSchema, MePatchBodySchema, MeSchema, SetPasswordBodySchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { loadMe } from '../auth/auth.service.ts';
import { renameSelf } from './me.service.ts';
import { changePassword, setPasswordWithToken } from './password.service.ts';
import { startSession } from '../../plugins/auth.ts';

/** The caller's own profile and password, and redeeming a set-password link. */
export default async function meRoutes(app: App) {
  app.patch('/me', {
    schema: { tags: ['auth'], summary: 'Change your own name', body: MePatchBodySchema, response: { 200: MeSchema } },
  }, async (request) => {
    await renameSelf({ db: request.db, events: app.events, actor: request.auth, name: request.body.name });
    return loadMe({ prisma: app.database.prisma, userId: request.auth.userId });
  });

  app.post('/me/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (current one required; ends your other sessions)',
      description: '422 WRONG_PASSWORD when the current password is wrong. Answers a fresh token and sets a fresh cookie for this session.',
      body: ChangePasswordBodySchema,
      response: { 200: LoginResponseSchema },
    },
    config: { rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const user = await changePassword({ prisma: app.database.prisma, userId: request.auth.userId, ...request.body });
    const token = startSession(app, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id }), token };
  });

  app.post('/auth/set-password', {
    schema: {
      tags: ['auth'],
      summary: 'Set a password with a one-time link from an administrator; signs you in',
      description: '404 NOT_FOUND when the link is invalid, used or expired.',
      body: SetPasswordBodySchema,
      response: { 200: LoginResponseSchema },
    },
    config: {
      access: { public: true },
      rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' },
    },
  }, async (request, reply) => {
    const user = await setPasswordWithToken({ prisma: app.database.prisma, ...request.body, now: app.now() });
    const token = startSession(app, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id }), token };
  });
}
