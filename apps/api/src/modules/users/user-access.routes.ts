import { IdParamsSchema, SessionsEndedSchema, SetPasswordLinkSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { requestOrigin } from './session.ts';
import { setPasswordUrl } from './set-password-token.ts';
import { endSessionsOfUser } from '../auth/sessions.service.ts';
import { issueSetPasswordLink } from './users.service.ts';
import { mailInvitation } from '../mail/invitation.ts';

/**
 * A user's sign-in access (admins): a new set-password link, and signing them out everywhere.
 * Mounted right after users.routes.ts (modules/index.ts), under the same /api/users paths.
 */
export default async function userAccessRoutes(app: App) {
  app.post('/users/:id/set-password-link', {
    schema: {
      tags: ['users'],
      summary: 'Issue a new one-time set-password link for a user (admins); earlier links stop working',
      description: 'With mail (SMTP_URL) the link is also mailed to the user in their language (`mailed: true`); otherwise `mailed: false`: pass it on yourself.',
      params: IdParamsSchema,
      response: { 200: SetPasswordLinkSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const { user, token, expiresAt } = await issueSetPasswordLink({ db: request.db, userId: request.params.id, now: app.now() });
    const own = await request.db.user.findFirst({ where: { id: user.id }, select: { locale: true } });
    const mailed = await mailInvitation(app, { request, org: request.org, user: { ...user, locale: own?.locale ?? null }, token, expiresAt });
    return { user, setPasswordUrl: setPasswordUrl(requestOrigin(request), token), expiresAt: expiresAt.toISOString(), mailed };
  });

  app.post('/users/:id/sessions/revoke', {
    schema: {
      tags: ['users'],
      summary: 'Sign a user out everywhere (admins): ends all of their sessions at once',
      description: 'Answers how many sessions were ended. The user can sign in again with their password. 404 NOT_FOUND for an unknown user.',
      params: IdParamsSchema,
      response: { 200: SessionsEndedSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => ({ ended: await endSessionsOfUser({ db: request.db, userId: request.params.id }) }));
}
