import { DiaryDayParamsSchema, DiaryMonthQuerySchema, DiaryUserParamsSchema, PayrollExportQuerySchema } from '@workdiary/shared';
import { sendXlsx } from '../../lib/excel.ts';
import { readerLocale } from '../../lib/reader-locale.ts';
import type { App } from '../../lib/types.ts';
import { exportDay, exportPayroll, exportUserMonth } from './diary-export.service.ts';

const FINISHED_ONLY = 'Finished sessions only: a running timer is left out until it stops.';

export default async function diaryExportRoutes(app: App) {
  app.get('/exports/diary.xlsx', {
    schema: {
      tags: ['exports'],
      summary: "The month's payroll (Excel): a row per user with total, extra and salary, plus totals",
      description: `Same figures as GET /api/diary?month= (default: this month in the organisation's zone), with each user's month state `
        + `(Open, Submitted, Approved, Reopened) and absence credit; \`approved=true\` keeps only users whose month is approved. ${FINISHED_ONLY}`,
      querystring: PayrollExportQuerySchema,
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request, reply) => {
    const file = await exportPayroll({
      orgs: app.orgCache, sql: app.database.sql, org: request.org, month: request.query.month, now: app.now(), approvedOnly: request.query.approved,
      locale: await readerLocale(request.db, request.org, request.auth),
    });
    return sendXlsx(reply, file.buffer, file.fileName);
  });

  app.get('/exports/diary/:userId.xlsx', {
    schema: {
      tags: ['exports'],
      summary: "A user's month day by day (Excel); members: their own",
      description: `Date, weekday, entrance, exit, required, total and extra per day, with a totals row. ${FINISHED_ONLY}`,
      params: DiaryUserParamsSchema,
      querystring: DiaryMonthQuerySchema,
    },
  }, async (request, reply) => {
    const file = await exportUserMonth({ sql: app.database.sql, org: request.org, caller: request.auth, userId: request.params.userId, month: request.query.month, now: app.now(), locale: await readerLocale(request.db, request.org, request.auth) });
    return sendXlsx(reply, file.buffer, file.fileName);
  });

  app.get('/exports/diary/:userId/:date.xlsx', {
    schema: {
      tags: ['exports'],
      summary: "The sessions of a user's day (Excel); members: their own",
      description: `A session across midnight shows its full start and stop; Total counts only its part inside the day, so the totals row is the day total. ${FINISHED_ONLY}`,
      params: DiaryDayParamsSchema,
    },
  }, async (request, reply) => {
    const file = await exportDay({ db: request.db, org: request.org, caller: request.auth, userId: request.params.userId, date: request.params.date, now: app.now(), locale: await readerLocale(request.db, request.org, request.auth) });
    return sendXlsx(reply, file.buffer, file.fileName);
  });
}
