import { BalanceCorrectionBodySchema, BalanceCorrectionSchema, BalanceParamsSchema, BalanceQuerySchema, BalanceSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createCorrection, userBalance } from './balances.service.ts';

/** The overtime account and vacation days of a user (issue 24). */
export default async function balancesRoutes(app: App) {
  app.get('/balances/:userId', {
    schema: {
      tags: ['balances'],
      summary: 'A user\'s overtime account and vacation days at a month (members: their own)',
      description: 'Overtime: a month\'s `deltaMinutes` = worked − (required − absence credit), from the same figures as the Work diary '
        + '(an approved month: the figures its approval kept); in the current month only the days up to today are required, later months count nothing. '
        + '`correctionMinutes` = the month\'s corrections and payouts; `closingMinutes` = opening + delta + corrections, and the next month opens with it. '
        + 'The account starts at the user\'s `balanceStart` (month and opening minutes); earlier months are not counted. Without one it starts at the '
        + 'user\'s first month with recorded time or a correction, opening at 0. '
        + 'Vacation (the month\'s calendar year): `entitlementDays` = vacationDaysPerYear, pro rata in the year the account starts '
        + '(× months from the start month to December / 12, rounded to the nearest half day, halves up). '
        + 'A vacation day is a day of an approved absence of a vacation kind on which the user\'s rules require work and that is not a public holiday '
        + 'the organisation requires no work on. `takenDays`: such days from 1 January to the month\'s end; `plannedDays`: those after it in the year; '
        + '`carriedOverDays`: last year\'s remainder (never negative); with the organisation\'s `vacationCarryOverUntil` (MM-DD) carried days are used first '
        + 'and, once the month ends after that day, only those taken by then stay carried. `remainingDays` = entitlement + carried over − taken − planned. '
        + '403 FORBIDDEN for a member asking for someone else; 404 NOT_FOUND for an unknown user.',
      params: BalanceParamsSchema,
      querystring: BalanceQuerySchema,
      response: { 200: BalanceSchema },
    },
  }, async (request) => userBalance({
    sql: app.database.sql, orgs: app.orgCache, org: request.org, caller: request.auth,
    userId: request.params.userId, month: request.query.month, now: app.now(),
  }));

  app.post('/balances/:userId/corrections', {
    schema: {
      tags: ['balances'],
      summary: 'Book a correction or payout of a user\'s overtime account (managers, admins)',
      description: '`minutes` may be negative (a payout); `note` is required. Counts in `month`. Audited (entityType BalanceCorrection, CREATE). '
        + '409 MONTH_LOCKED when the user\'s month is approved (an approved month keeps its balance figures); 404 NOT_FOUND for an unknown user.',
      params: BalanceParamsSchema,
      body: BalanceCorrectionBodySchema,
      response: { 201: BalanceCorrectionSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request, reply) => {
    const correction = await createCorrection({ db: request.db, actorId: request.auth.userId, userId: request.params.userId, body: request.body });
    return reply.status(201).send(correction);
  });
}
