import {
  LoginResponseSchema, PasswordResetAcceptedSchema, PasswordResetConfirmBodySchema, PasswordResetRequestBodySchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { loadMe } from '../auth/auth.service.ts';
import { startSession } from '../auth/session.ts';
import { mailBaseUrl } from './base-url.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.service.ts';
import { monthReminderScheduler } from './reminders.ts';

/** Forgot password (a one-time link by mail) and the monthly submit reminder's scheduler. */
export default async function mailRoutes(app: App) {
  app.post('/auth/password-reset', {
    schema: {
      tags: ['auth'],
      summary: 'Forgot password: mail a one-time link (valid for an hour) to this address; 202 whatever the address',
      description: 'The answer is the same for every address, known or not, active or not: `{ mailEnabled }` only says whether '
        + 'this server sends mail at all (without SMTP_URL the mail is written to the server log). A new link replaces an earlier '
        + 'unused one; at most 5 mails per address and hour, further requests are answered the same and send nothing. '
        + 'Rate-limited per client address like the other password forms.',
      body: PasswordResetRequestBodySchema,
      response: { 202: PasswordResetAcceptedSchema },
    },
    config: { access: { public: true }, rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const input = { prisma: app.database.prisma, sql: app.database.unscoped, email: request.body.email, baseUrl: mailBaseUrl(app, request), now: app.now() };
    // All of it after the answer: neither the lookup nor the SMTP server's time may tell whether the address exists.
    setImmediate(() => {
      requestPasswordReset(input)
        .then((mail) => (mail ? app.mailer.send(mail) : undefined))
        .catch((err: unknown) => app.log.error({ err }, 'password-reset request failed'));
    });
    return reply.status(202).send({ mailEnabled: app.mailer.enabled });
  });

  app.post('/auth/password-reset/confirm', {
    schema: {
      tags: ['auth'],
      summary: 'Set a new password with a password-reset link; ends every other session and signs you in',
      description: '404 RESET_LINK_INVALID for an unknown or replaced link, 410 RESET_LINK_USED when it was used already, '
        + '410 RESET_LINK_EXPIRED after its hour. Every existing session of the user ends; the answer carries a fresh one.',
      body: PasswordResetConfirmBodySchema,
      response: { 200: LoginResponseSchema },
    },
    config: { access: { public: true }, rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const user = await confirmPasswordReset({ prisma: app.database.prisma, ...request.body, now: app.now() });
    const { token } = await startSession(app, request, reply, user);
    return { user: await loadMe({ prisma: app.database.prisma, userId: user.id, mailEnabled: app.mailer.enabled }), token };
  });

  // The monthly reminder to submit last month: only with mail, every MAIL_REMINDER_CHECK_MS.
  if (app.mailer.enabled && app.env.MAIL_REMINDER_CHECK_MS > 0) {
    const scheduler = monthReminderScheduler(app);
    app.addHook('onReady', async () => scheduler.start(app.env.MAIL_REMINDER_CHECK_MS));
    app.addHook('onClose', async () => scheduler.stop());
  }
}
