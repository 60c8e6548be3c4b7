import type { App } from '../../lib/types.ts';
import { organizationZip } from './organization-export.service.ts';

export default async function organizationExportRoutes(app: App) {
  app.get('/exports/organization.zip', {
    config: { access: { roles: ['ADMIN'] } },
    schema: {
      tags: ['exports'],
      summary: 'Everything of the organisation as CSV files in a zip (admins)',
      description: 'One CSV file per table of the organisation (organization, users, work-rules, customers, categories, entries, absence-kinds, absences, '
        + 'month-states, month-events, balance-corrections, compliance-acknowledgements, audit-events): every column except password hashes and other secrets; '
        + 'UTF-8 with a byte-order mark, comma-separated, CRLF, a header row, instants in ISO 8601 UTC, arrays and JSON values as JSON, an empty cell for null. '
        + '`manifest.json` (written last) names the schema version (the last applied migration), the export time, and each file\'s columns with their types and row count. '
        + 'Streamed as it is read (no Content-Length); not a snapshot: a change made during the download may show in one file and not in another (use a backup for that). '
        + 'Sessions, shared report links and per-day figures (worked out from the entries) are not exported.',
    },
  }, async (request, reply) => {
    const { stream, fileName } = await organizationZip({
      sql: app.database.sql, unscoped: app.database.unscoped, engine: app.database.kind, orgId: request.auth.orgId, orgName: request.org.name, now: app.now(),
    });
    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('Cache-Control', 'no-store')
      .send(stream);
  });
}
