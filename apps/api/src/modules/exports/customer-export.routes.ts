import { CustomerExportQuerySchema, IdParamsSchema } from '@workdiary/shared';
import { sendXlsx } from '../../lib/excel.ts';
import { readerLocale } from '../../lib/reader-locale.ts';
import type { App } from '../../lib/types.ts';
import { customerLaborSheet } from './customer-export.service.ts';

export default async function customerExportRoutes(app: App) {
  app.get('/exports/customers/:id.xlsx', {
    schema: {
      tags: ['exports'],
      summary: 'The customer labor sheet (Excel)',
      description: 'Finished sessions of the customer whose start falls in `from`..`to` (dates YYYY-MM-DD in the organisation\'s zone, inclusive; default this month), '
        + 'oldest first, with a totals row, streamed as it is read (no Content-Length). Running sessions are left out. Managers and admins get every user\'s rows (or one `userId`); members only their own.',
      params: IdParamsSchema,
      querystring: CustomerExportQuerySchema,
    },
  }, async (request, reply) => {
    const { stream, fileName } = await customerLaborSheet({
      db: request.db, sql: app.database.sql, engine: app.database.kind, org: request.org, actor: request.auth, customerId: request.params.id, ...request.query, now: app.now(),
      locale: await readerLocale(request.db, request.org, request.auth),
    });
    return sendXlsx(reply, stream, fileName);
  });
}
