import {
  MonthApproveBodySchema,
  MonthApproveResultSchema,
  MonthParamsSchema,
  MonthReopenBodySchema,
  MonthStatesQuerySchema,
  MonthStatesSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { approveMonths, listMonthStates, reopenMonth, submitMonth } from './months.service.ts';

const tags = ['months'];
const LOCK = 'An APPROVED month is locked: every write of an entry whose local day lies in it (manual create, edit, delete, timer start and stop, '
  + 'a manager\'s stop, deactivation\'s stop, absences) answers 409 MONTH_LOCKED with `details.month`. A timer running across the boundary is stored '
  + 'from the first instant of the open month on; if the current month itself is locked, its stop answers 409 MONTH_LOCKED. '
  + 'An approved month keeps the figures it was approved with: the Work diary, its overview and the payroll export show them (`frozenAt`) '
  + 'whatever pay, rules, holidays or absence kinds become; a reopen forgets them.';

export default async function monthsRoutes(app: App) {
  app.get('/months', {
    schema: {
      tags,
      summary: 'Month states (OPEN, SUBMITTED, APPROVED, REOPENED) of every user, with their audit events',
      description: `Managers and admins: every active user and anyone with entries or a state in the month; members: themselves (another userId → 403). Default month: the current one. ${LOCK}`,
      querystring: MonthStatesQuerySchema,
      response: { 200: MonthStatesSchema },
    },
  }, async (request) => listMonthStates({ db: request.db, tz: request.org.timeZone, caller: request.auth, month: request.query.month, userId: request.query.userId, now: app.now() }));

  app.post('/months/:month/submit', {
    schema: {
      tags,
      summary: 'Submit your own month ("my month is complete")',
      description: 'From OPEN or REOPENED. Already submitted or approved → 409 MONTH_STATE_CONFLICT; a month that has not started → 400.',
      params: MonthParamsSchema,
      response: { 200: MonthStatesSchema },
    },
  }, async (request) => submitMonth({ db: request.db, tz: request.org.timeZone, caller: request.auth, month: request.params.month, now: app.now() }));

  app.post('/months/:month/approve', {
    schema: {
      tags,
      summary: 'Approve (and lock) the month for selected users or for everyone at once (managers, admins)',
      description: `Body \`{ "userIds": [...] }\` or \`{ "all": true }\`. Users need not have submitted; already approved ones are reported in \`alreadyApproved\`. Unknown user → 404. ${LOCK}`,
      params: MonthParamsSchema,
      body: MonthApproveBodySchema,
      response: { 200: MonthApproveResultSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => approveMonths({ db: request.db, org: request.org, caller: request.auth, month: request.params.month, body: request.body, now: app.now() }));

  app.post('/months/:month/reopen', {
    schema: {
      tags,
      summary: "Reopen a user's approved or submitted month with a reason (admins)",
      description: 'The reason is kept in the audit event. A month that is OPEN or REOPENED → 409 MONTH_STATE_CONFLICT.',
      params: MonthParamsSchema,
      body: MonthReopenBodySchema,
      response: { 200: MonthStatesSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => reopenMonth({
    db: request.db, tz: request.org.timeZone, caller: request.auth, month: request.params.month, userId: request.body.userId, reason: request.body.reason, now: app.now(),
  }));
}
