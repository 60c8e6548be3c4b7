import { ComplianceAckBodySchema, ComplianceAckSchema, ComplianceListSchema, ComplianceQuerySchema, DiaryMonthQuerySchema } from '@workdiary/shared';
import { sendXlsx } from '../../lib/excel.ts';
import { readerLocale } from '../../lib/reader-locale.ts';
import type { App } from '../../lib/types.ts';
import { acknowledge, listCompliance } from './compliance.service.ts';
import { exportCompliance } from './compliance-export.ts';

const RULES = 'Rules, each judged per local day in the organisation\'s zone from the finished sessions (a gap between two sessions is a break; '
  + 'only gaps of at least 15 min count toward the breaks and interrupt a stretch; a session across midnight belongs to both days by its parts): '
  + '`BREAK_MISSING` more than 6 h worked and less than 30 min of breaks, or more than 9 h and less than 45 min; '
  + '`STRETCH_TOO_LONG` more than 6 h worked without a break; `DAILY_MAX` more than 10 h worked; '
  + '`REST_SHORT` less than 11 h from the last stop of a day to the first start of a later day (reported on the later day); '
  + '`SUNDAY_WORK`, `HOLIDAY_WORK` any work on a Sunday or a public holiday of the organisation\'s country/region. '
  + 'The organisation chooses the rules or switches the check off (`compliance` on PUT /api/organization; default: every rule).';

/** Working-time law (issue 26): findings per user and day, and managers' acknowledgements. */
export default async function complianceRoutes(app: App) {
  app.get('/compliance', {
    schema: {
      tags: ['compliance'],
      summary: 'The month\'s working-time findings (members: their own)',
      description: `${RULES} \`minutes\`: the figure the rule judged (BREAK_MISSING the breaks taken, STRETCH_TOO_LONG the longest stretch, `
        + 'REST_SHORT the rest, the others the day\'s net minutes). `acknowledged`: a manager\'s acknowledgement of the day (null: none). '
        + 'Members get their own findings whatever `userId` says; managers and admins one user (404 NOT_FOUND if unknown) or everyone when it is left out. '
        + 'Month left out: the current one in the organisation\'s zone.',
      querystring: ComplianceQuerySchema,
      response: { 200: ComplianceListSchema },
    },
  }, async (request) => listCompliance({
    sql: app.database.sql, db: request.db, org: request.org, caller: request.auth, month: request.query.month, userId: request.query.userId, now: app.now(),
  }));

  app.post('/compliance/acknowledgements', {
    schema: {
      tags: ['compliance'],
      summary: 'Acknowledge a user\'s working-time findings on a day with a note (managers, admins)',
      description: 'The findings stay and carry `acknowledged: { by, at, note }` on GET /api/compliance. A second acknowledgement of the same day replaces the note. '
        + 'Audited (entityType ComplianceAcknowledgement, CREATE or UPDATE; `after.rules` lists the findings acknowledged). '
        + '404 NOT_FOUND for an unknown user or a day without findings.',
      body: ComplianceAckBodySchema,
      response: { 201: ComplianceAckSchema },
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request, reply) => {
    const { ack } = await acknowledge({ sql: app.database.sql, db: request.db, org: request.org, actorId: request.auth.userId, body: request.body });
    return reply.status(201).send(ack);
  });

  app.get('/compliance.xlsx', {
    schema: {
      tags: ['compliance', 'exports'],
      summary: 'The month\'s working-time findings (Excel) for the employer\'s records (managers, admins)',
      description: 'Everyone\'s findings of GET /api/compliance for the month (default: the current one): date, user, rule (in the reader\'s language) and its code, '
        + 'the figure judged (h:mm), and the acknowledgement (by, at, note). Entries and audit events are kept (see the README on retention).',
      querystring: DiaryMonthQuerySchema,
    },
    config: { access: { roles: ['ADMIN', 'MANAGER'] } },
  }, async (request, reply) => {
    const file = await exportCompliance({
      sql: app.database.sql, db: request.db, org: request.org, caller: request.auth, month: request.query.month, now: app.now(),
      locale: await readerLocale(request.db, request.org, request.auth),
    });
    return sendXlsx(reply, file.buffer, file.fileName);
  });
}
