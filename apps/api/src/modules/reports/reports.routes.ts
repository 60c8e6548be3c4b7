import { z } from 'zod';
import {
  IdParamsSchema,
  NoContentSchema,
  PublicReportSchema,
  ReportQuerySchema,
  ReportSchema,
  ReportShareBodySchema,
  ReportShareCreatedSchema,
  ReportShareListSchema,
  type Report,
  text,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { createShare, deleteShare, listShares, readShared } from './report-shares.service.ts';
import { reportJsonStream } from './report-json.ts';
import { assertFiltersExist, buildReport, filtersFor } from './reports.service.ts';
import { reportFileRoutes } from './report-files.ts';

const tags = ['reports'];

const RULE = 'Minutes: each local day of each person has exactly the Work diary\'s day total (sessions cut at the organisation\'s midnights, '
  + 'floored once per day); a day\'s minutes are shared among its customers and categories by the largest remainder. Running sessions are left out. '
  + '`amount` = Σ minutes × the customer\'s `hourlyRate` ÷ 60 (customers without a rate count 0), rounded half up to a minor unit once per group '
  + '(and once for `totalAmount`). Members always get only their own time, whatever `userId` says.';

export default async function reportsRoutes(app: App) {
  app.get('/reports', {
    schema: {
      tags,
      summary: 'Hours and billable amounts grouped by one or two of customer, category, user, month, week, day',
      description: `\`from\`/\`to\`: local dates, inclusive, at most 5 years. \`groupBy\`: one or two, comma-separated (\`customer,user\`: \`children\` hold the second level). ${RULE} `
        + '`series`: one point per local day of the range.',
      querystring: ReportQuerySchema,
      response: { 200: ReportSchema },
    },
  }, async (request, reply) => {
    await assertFiltersExist(request.db, filtersFor(request.auth, request.query));
    const report = await buildReport({ db: request.db, sql: app.database.sql, org: request.org, caller: request.auth, query: request.query });
    // Checked against ReportSchema and written in slices (report-json.ts), not in one go by the serializer.
    // Fastify sends a stream as it is (no serializer); typed as the schema's answer it stands for.
    return reply.type('application/json; charset=utf-8').send(reportJsonStream(report) as unknown as Report);
  });

  app.post('/reports/shares', {
    schema: {
      tags,
      summary: 'Share a report by link until it expires',
      description: 'Answers `{ id, url }`; anyone with the URL reads the report (`GET /api/public/reports/:token`, and the page at `url`) '
        + 'until `expiresAt` (at most a year ahead) or until the share is deleted. The token is shown only here. A member shares only their own time.',
      body: ReportShareBodySchema,
      response: { 201: ReportShareCreatedSchema },
    },
  }, async (request, reply) => reply.status(201).send(await createShare({ db: request.db, caller: request.auth, body: request.body, now: app.now() })));

  app.get('/reports/shares', {
    schema: { tags, summary: 'Your shared reports that have not expired (newest first; the link itself is not shown again)', response: { 200: ReportShareListSchema } },
  }, async (request) => listShares({ db: request.db, caller: request.auth, now: app.now() }));

  app.delete('/reports/shares/:id', {
    schema: {
      tags,
      summary: 'End a shared report at once (the owner; admins any)',
      description: 'Its link answers 404 from then on. Answers 204 with no body.',
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
    },
  }, async (request, reply) => {
    await deleteShare({ db: request.db, caller: request.auth, id: request.params.id });
    return reply.status(204).send(null);
  });

  app.get('/public/reports/:token', {
    config: { access: { public: true } },
    schema: {
      tags,
      summary: 'A shared report, read-only, without signing in',
      description: `The report of the shared query as its owner may see it now, with the organisation's name and the expiry. 404 when unknown, expired or ended. ${RULE}`,
      params: z.object({ token: text().min(16).max(100) }),
      response: { 200: PublicReportSchema },
    },
  }, async (request, reply) => {
    void reply.header('Cache-Control', 'no-store').header('X-Robots-Tag', 'noindex');
    return readShared({ database: app.database, token: request.params.token, now: app.now() });
  });

  // The same report as files: GET /api/reports.xlsx, .csv, .pdf (report-files.ts).
  reportFileRoutes(app);
}
