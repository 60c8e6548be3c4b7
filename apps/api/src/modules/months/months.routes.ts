import {
  MonthApproveBodySchema,
  MonthApproveResultSchema,
  MonthParamsSchema,
  MonthRejectBodySchema,
  MonthReopenBodySchema,
  MonthStatesQuerySchema,
  MonthStatesSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { approveMonths, listMonthStates, rejectMonth, reopenMonth, submitMonth } from './months.service.ts';

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
      summary: 'Month states (OPEN, SUBMITTED, APPROVED, REOPENED) of every user, their open findings, and their audit events',
      description: `Managers and admins: every active user and anyone with entries or a state in the month; members: themselves (another userId → 403). Default month: the current one. Each state carries the findings to look at before approving: \`running\` (a timer still running that started in this month or before) and \`flaggedSessions\` (the month's sessions flagged for review). ${LOCK}`,
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
      description: `Body \`{ "userIds": [...] }\` or \`{ "all": true }\`. Only a month that has ended in the organisation's zone: the current or a future month → 400 VALIDATION_ERROR. Users need not have submitted; already approved ones are reported in \`alreadyApproved\`. Unknown user → 404. ${LOCK}`,
      params: MonthParamsSchema,
      body: MonthApproveBodySchema,
      response: { 200: MonthApproveResultSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => approveMonths({ db: request.db, org: request.org, caller: request.auth, month: request.params.month, body: request.body, now: app.now() }));

  app.post('/months/:month/reject', {
    schema: {
      tags,
      summary: "Send a user's submitted month back with a comment (managers, admins)",
      description: 'Body `{ userId, comment }`. The month returns to OPEN, so the person can complete it and submit it again; the comment is kept in the '
        + 'month\'s audit event (action REJECT, `reason`) and shown on their month. Only a SUBMITTED month: OPEN, REOPENED or APPROVED → 409 '
        + 'MONTH_STATE_CONFLICT (an approved month is reopened by an admin). Unknown user → 404; a comment under 3 characters → 400.',
      params: MonthParamsSchema,
      body: MonthRejectBodySchema,
      response: { 200: MonthStatesSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => rejectMonth({
    db: request.db, tz: request.org.timeZone, caller: request.auth, month: request.params.month, userId: request.body.userId, comment: request.body.comment, now: app.now(),
  }));

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
