import {
  IdParamsSchema, UserCreateBodySchema, UserCreateResponseSchema, UserListQuerySchema, UserListSchema, UserPatchBodySchema, UserSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { requestOrigin } from './session.ts';
import { setPasswordUrl } from './set-password-token.ts';
import { createUser, listUsers, updateUser } from './users.service.ts';
import { mailInvitation } from '../mail/invitation.ts';

/**
 * Users administration. Admins create and edit; managers may list (read-only) for the diary's
 * user pickers: they already see every user's hours and salary in the diary, so the list hides
 * nothing from them. Members get 403.
 */
export default async function usersRoutes(app: App) {
  app.get('/users', {
    schema: {
      tags: ['users'],
      summary: 'List the organisation\'s users with who is at work now (admins; managers read-only)',
      querystring: UserListQuerySchema,
      response: { 200: UserListSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => {
    const { q, active } = request.query;
    return { items: await listUsers({ db: request.db, q, active: active === undefined ? undefined : active === 'true' }) };
  });

  app.post('/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user (admins) with an initial password, or with sendInvite=true for a one-time set-password link',
      description: 'Rules the schema cannot express (400 VALIDATION_ERROR otherwise): `pay.hourlyRate` is required when `pay.type` is HOURLY '
        + 'and `pay.monthlyBase` when it is MONTHLY; give exactly one of `password` (at least 8 characters) or `sendInvite: true`. '
        + 'Answers the User; with `sendInvite: true` it answers `{ user, setPasswordUrl, expiresAt, mailed }` instead. '
        + 'When the server has mail (SMTP_URL) the link is also mailed to the person in their organisation\'s language (`mailed: true`); '
        + 'otherwise (or if the mail server refused it: `mailed: false`) the link is shown once: pass it on to the person. 409 EMAIL_TAKEN if the address is in use (ignoring case), in this organisation or any other: emails are unique across organisations because sign-in is by email, and the answer is the same either way.',
      body: UserCreateBodySchema,
      response: { 201: UserCreateResponseSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request, reply) => {
    const result = await createUser({ db: request.db, prisma: app.database.prisma, input: request.body, now: app.now() });
    app.events.publish(request.auth.orgId, { type: 'user.changed', userId: result.user.id });
    if (result.setPasswordToken && result.expiresAt) {
      const mailed = await mailInvitation(app, { request, org: request.org, user: result.user, token: result.setPasswordToken, expiresAt: result.expiresAt });
      return reply.status(201).send({
        user: result.user,
        setPasswordUrl: setPasswordUrl(requestOrigin(request), result.setPasswordToken),
        expiresAt: result.expiresAt.toISOString(),
        mailed,
      });
    }
    return reply.status(201).send(result.user);
  });

  app.patch('/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Edit a user (admins): name, email, role, pay, active, personnelNumber',
      description: '`pay` is merged into the current pay and then must hold the amount its type needs (hourlyRate for HOURLY, monthlyBase for MONTHLY). '
        + 'Deactivating ends the user\'s sessions and stops their running timer with a note; their history stays. '
        + '422 LAST_ADMIN when this would leave no active administrator. '
        + '`personnelNumber` is the DATEV Personalnummer (LODAS: 1–5 digits, 1–99999, no leading zero; null clears it); it is unique in the organisation '
        + '(409 CONFLICT with details.field = personnelNumber) and answered on the User to managers and admins only. '
        + '`balanceStart` `{ month, openingMinutes }` starts the overtime account (GET /api/balances; null: from the first month with recorded time, opening 0); '
        + '`vacationDaysPerYear` (whole or half days; null: none) is the vacation entitlement. Both answered on the User to managers and admins only.',
      params: IdParamsSchema,
      body: UserPatchBodySchema,
      response: { 200: UserSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => {
    const { user, stoppedEntry } = await updateUser({
      db: request.db,
      org: request.org,
      actor: { id: request.auth.userId, name: request.auth.name },
      userId: request.params.id,
      patch: request.body,
      now: app.now(),
    });
    if (stoppedEntry) {
      app.events.publish(request.auth.orgId, { type: 'timer.stopped', userId: stoppedEntry.userId, entryId: stoppedEntry.id, customerId: stoppedEntry.customerId });
    }
    app.events.publish(request.auth.orgId, { type: 'user.changed', userId: user.id });
    return user;
  });
}
