import {
  DiaryDayHistorySchema,
  DiaryDayParamsSchema,
  DiaryDaySessionsSchema,
  DiaryMonthQuerySchema,
  DiaryOverviewSchema,
  DiaryUserMonthSchema,
  DiaryUserParamsSchema,
} from '@workdiary/shared';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../lib/types.ts';
import { readerLocale } from '../../lib/reader-locale.ts';
import { dayHistory, monthOverview, userDay, userMonth } from './diary.service.ts';

export default async function diaryRoutes(app: App) {
  /** What the reads of one user's diary share: the caller, the user asked for and the reader's language. */
  const userDiary = async (request: Pick<FastifyRequest, 'db' | 'org' | 'auth'> & { params: { userId: string } }) => ({
    sql: app.database.sql, org: request.org, caller: request.auth, userId: request.params.userId, now: app.now(),
    locale: await readerLocale(request.db, request.org, request.auth),
  });

  app.get('/diary', {
    schema: {
      tags: ['diary'],
      summary: 'Users × month: total, extra and salary of every user (finished sessions)',
      querystring: DiaryMonthQuerySchema,
      response: { 200: DiaryOverviewSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request) => monthOverview({
    orgs: app.orgCache, sql: app.database.sql, org: request.org, month: request.query.month, now: app.now(),
  }));

  app.get('/diary/:userId', {
    schema: {
      tags: ['diary'],
      summary: "A user's month, day by day (members: their own only)",
      params: DiaryUserParamsSchema,
      querystring: DiaryMonthQuerySchema,
      response: { 200: DiaryUserMonthSchema },
    },
  }, async (request) => userMonth({ ...(await userDiary(request)), orgs: app.orgCache, month: request.query.month }));

  app.get('/diary/:userId/:date', {
    schema: {
      tags: ['diary'],
      summary: "The sessions of a user's local day",
      params: DiaryDayParamsSchema,
      response: { 200: DiaryDaySessionsSchema },
    },
  }, async (request) => userDay({ ...(await userDiary(request)), date: request.params.date }));

  app.get('/diary/:userId/:date/history', {
    schema: {
      tags: ['diary'],
      summary: "Audit trail of a user's day: who created, changed or deleted its sessions",
      params: DiaryDayParamsSchema,
      response: { 200: DiaryDayHistorySchema },
    },
  }, async (request) => dayHistory({
    db: request.db, sql: app.database.sql, org: request.org, caller: request.auth, userId: request.params.userId, date: request.params.date,
  }));
}
