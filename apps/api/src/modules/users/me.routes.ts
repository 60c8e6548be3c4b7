import {
  ChangePasswordBodySchema, IdParamsSchema, LoginResponseSchema, MePatchBodySchema, MeSchema, NoContentSchema, SessionListSchema, SetPasswordBodySchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { loadMe } from '../auth/auth.service.ts';
import { updateSelf } from './me.service.ts';
import { changePassword, setPasswordWithToken } from './password.service.ts';
import { clearSessionCookie, startSession } from '../auth/session.ts';
import { endOtherOwnSessions, endOwnSession, listOwnSessions } from '../auth/sessions.service.ts';

/** The caller's own profile and password, and redeeming a set-password link. */
export default async function meRoutes(app: App) {
  app.patch('/me', {
    schema: {
      tags: ['auth'],
      summary: 'Change your own name, language and/or monthly reminder',
      description: '`locale: null` goes back to the organisation\'s locale; `monthReminder: false` stops the monthly mail reminding you to submit last month; a field left out is unchanged.',
      body: MePatchBodySchema,
      response: { 200: MeSchema },
    },
  }, async (request) => {
    await updateSelf({
      db: request.db, events: app.events, actor: request.auth, name: request.body.name, locale: request.body.locale, monthReminder: request.body.monthReminder,
    });
    return loadMe({ prisma: app.database.prisma, userId: request.auth.userId, mailEnabled: app.mailer.enabled });
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
    const { token } = await startSession(app, request, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id, mailEnabled: app.mailer.enabled }), token };
  });

  app.get('/me/sessions', {
    schema: {
      tags: ['auth'],
      summary: 'Your active sessions (device, signed in, last seen); `current` marks this one',
      response: { 200: SessionListSchema },
    },
  }, async (request) => ({
    items: await listOwnSessions({ db: request.db, userId: request.auth.userId, currentId: request.auth.sessionId, now: app.now() }),
  }));

  app.delete('/me/sessions/:id', {
    schema: {
      tags: ['auth'],
      summary: 'End one of your sessions (signs that device out at once); ending the current one signs you out here',
      description: '404 NOT_FOUND when the id is not one of your active sessions. Answers 204 with no body.',
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
    },
  }, async (request, reply) => {
    await endOwnSession({ db: request.db, userId: request.auth.userId, sessionId: request.params.id });
    if (request.params.id === request.auth.sessionId) clearSessionCookie(reply);
    return reply.status(204).send(null);
  });

  app.delete('/me/sessions', {
    schema: {
      tags: ['auth'],
      summary: 'Sign out all your other devices: ends every session of yours except this one',
      description: 'Called with a personal API token (no session of its own), it ends all your sessions. Answers 204 with no body.',
      response: { 204: NoContentSchema },
    },
  }, async (request, reply) => {
    await endOtherOwnSessions({ db: request.db, userId: request.auth.userId, currentId: request.auth.sessionId });
    return reply.status(204).send(null);
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
    const { token } = await startSession(app, request, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id, mailEnabled: app.mailer.enabled }), token };
  });
}
