import { Readable, type PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify';
import yazl from 'yazl';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner, UnscopedSql } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { yieldToLoop } from '../../lib/loop-slices.ts';

/**
 * The whole organisation as a zip of CSV files plus `manifest.json` (GET /api/exports/organization.zip):
 * what an organisation takes with it when it leaves, readable with any spreadsheet or script, no
 * Workdiary needed. Each file is one table of the organisation, every column the table has today
 * (read from the database's catalogue, so a column added by a later migration is exported without
 * a change here) except the secrets below; the manifest names the schema version (the last applied
 * migration) and every file's columns with their types and row counts.
 *
 * Streamed: a table is read in pages by its primary key (each page a short query of its own; no
 * transaction or connection is held while the client downloads) and its CSV is written into the zip
 * as it is read, one file after the other, so memory stays flat however large the organisation.
 * Not a snapshot: a change made during the download may show in a later file and not in an earlier
 * one (the manifest's `exportedAt` is when the download started). A backup (pnpm db:backup) is.
 */

/** The files, in the order written: parents before children (a reader can load them in this order). */
export const ORGANIZATION_FILES = [
  { file: 'organization.csv', table: 'Organization' },
  { file: 'users.csv', table: 'User' },
  { file: 'work-rules.csv', table: 'WorkRules' },
  { file: 'customers.csv', table: 'Customer' },
  { file: 'categories.csv', table: 'Category' },
  { file: 'entries.csv', table: 'WorkEntry' },
  { file: 'absence-kinds.csv', table: 'AbsenceKind' },
  { file: 'absences.csv', table: 'Absence' },
  { file: 'month-states.csv', table: 'MonthClose' },
  { file: 'month-events.csv', table: 'MonthEvent' },
  { file: 'balance-corrections.csv', table: 'BalanceCorrection' },
  { file: 'compliance-acknowledgements.csv', table: 'ComplianceAcknowledgement' },
  { file: 'audit-events.csv', table: 'AuditEvent' },
] as const;

/**
 * Never exported: password hashes and every secret (set-password links, token hashes, signing
 * secrets), whichever table has them. Sessions, report links and rate-limit rows are not exported
 * at all (not in the list above); per-day figures neither, as they are worked out from the entries.
 */
const SECRET_COLUMN = /hash|token|secret|password/i;

/** Rows per query: PGlite runs in-process, so a smaller page keeps each stretch of the loop short. */
const PAGE_ROWS = { pglite: 500, postgres: 2_000 } as const;

type ColumnInfo = { name: string; type: string };
type FileManifest = { file: string; table: string; columns: ColumnInfo[]; rows: number };

/**
 * A cell as text: instants in ISO 8601 UTC, arrays and JSON as JSON, booleans as true/false (the
 * CSV writer's own default would write 1 and an empty cell), null as an empty cell.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function columnsOf(sql: UnscopedSql, table: string): Promise<ColumnInfo[]> {
  const rows = await sql.query<{ name: string; type: string }>(
    `SELECT column_name AS "name", CASE WHEN data_type = 'USER-DEFINED' THEN udt_name WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END AS "type"
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1
      ORDER BY ordinal_position`, [table]);
  return rows.filter((c) => !SECRET_COLUMN.test(c.name));
}

/** One table's rows of the organisation, page by page in primary-key order. */
async function* tablePages({ sql, orgId, table, columns, pageRows }: {
  sql: SqlRunner; orgId: string; table: string; columns: ColumnInfo[]; pageRows: number;
}): AsyncGenerator<Array<Record<string, unknown>>> {
  const select = Prisma.raw(columns.map((c) => `t."${c.name}"`).join(', '));
  const from = Prisma.raw(`"${table}"`);
  const scope = scopedSql(orgId);
  let after: string | null = null;
  for (;;) {
    const page: Array<Record<string, unknown>> = table === 'Organization'
      // The organisation's own row: the one table whose filter is its id.
      ? await sql.query(scope.query`SELECT ${select} FROM "Organization" t WHERE ${scope.organization('t')}`)
      : await sql.query(scope.query`
          SELECT ${select}, t."id" AS "__key" FROM ${from} t
           WHERE ${scope.where('t', after !== null && Prisma.sql`t."id" > ${after}`)}
           ORDER BY t."id" LIMIT ${pageRows}`);
    if (page.length > 0) yield page;
    if (table === 'Organization' || page.length < pageRows) return;
    after = String(page.at(-1)?.['__key']);
    await yieldToLoop();
  }
}

/** One file: a header row, then the rows as they are read (UTF-8 with a byte-order mark, for Excel). */
function csvFile(pages: AsyncGenerator<Array<Record<string, unknown>>>, columns: ColumnInfo[], counted: (rows: number) => void): Readable {
  const csv = stringify({ bom: true, header: true, columns: columns.map((c) => c.name), record_delimiter: '\r\n' });
  void (async () => {
    let rows = 0;
    try {
      for await (const page of pages) {
        for (const row of page) {
          if (!csv.write(columns.map((c) => csvCell(row[c.name])))) await new Promise((resolve) => csv.once('drain', resolve));
        }
        rows += page.length;
      }
      counted(rows);
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}

/** The zip as a stream and its file name (workdiary_<organisation>_<date>.zip). */
export async function organizationZip({ sql, unscoped, engine, orgId, orgName, now }: {
  sql: SqlRunner; unscoped: UnscopedSql; engine: keyof typeof PAGE_ROWS; orgId: string; orgName: string; now: Date;
}): Promise<{ stream: Readable; fileName: string }> {
  const [migration] = await unscoped.query<{ migration_name: string }>(
    `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name" DESC LIMIT 1`);
  const files: FileManifest[] = [];
  for (const { file, table } of ORGANIZATION_FILES) files.push({ file, table, columns: await columnsOf(unscoped, table), rows: 0 });

  const zip = new yazl.ZipFile();
  for (const entry of files) {
    // Lazy: a table is read only when the zip reaches its file, so one query runs at a time.
    zip.addReadStreamLazy(entry.file, { mtime: now }, (done) => {
      done(null, csvFile(tablePages({ sql, orgId, table: entry.table, columns: entry.columns, pageRows: PAGE_ROWS[engine] }), entry.columns, (rows) => { entry.rows = rows; }));
    });
  }
  // Last, so it can count what the files above hold.
  zip.addReadStreamLazy('manifest.json', { mtime: now }, (done) => {
    const manifest = {
      format: 'workdiary-organization-export',
      formatVersion: 1,
      schemaVersion: migration?.migration_name ?? null,
      exportedAt: now.toISOString(),
      organization: { id: orgId, name: orgName },
      encoding: 'CSV: UTF-8 with a byte-order mark, comma-separated, CRLF line ends, a header row; instants in ISO 8601 (UTC); booleans true/false; arrays and JSON values as JSON; an empty cell is null',
      files,
    };
    done(null, Readable.from([JSON.stringify(manifest, null, 2)]));
  });
  zip.end();
  // yazl's types say NodeJS.ReadableStream; it is a PassThrough, which fastify sends as a stream.
  const stream = zip.outputStream as PassThrough;
  const slug = orgName.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\w-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'organization';
  return { stream, fileName: `workdiary_${slug}_${now.toISOString().slice(0, 10)}.zip` };
}
