import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { AppError } from '@workdiary/shared';
import type { Database } from '../../db/engine.ts';
import { newSetPasswordToken, setPasswordUrl } from '../users/set-password-token.ts';
import { ORGANIZATION_FILES } from './organization-export.service.ts';

/**
 * The organisation zip (GET /api/exports/organization.zip) read back into an EMPTY Workdiary
 * (`pnpm org:import <file.zip>`): how one organisation moves to another server. Every file is
 * loaded in one transaction (all or nothing), with the ids it had, so its entries, months, audit
 * trail and approved figures are the same rows. Passwords were never exported: every active user
 * gets a one-time set-password link (printed for the operator; with mail, "Forgot password?" works
 * too). Sessions were never exported either, so no one is signed in after the move.
 *
 * The whole zip is read into memory (one organisation's export: about 60 MB per million entries
 * uncompressed); the export itself streams.
 */

/** Parents before children; month states after the entries and corrections they lock. */
const IMPORT_ORDER = [
  'Organization', 'User', 'WorkRules', 'Customer', 'Category', 'AbsenceKind', 'WorkEntry', 'Absence',
  'BalanceCorrection', 'ComplianceAcknowledgement', 'MonthClose', 'MonthEvent', 'AuditEvent',
] as const;

const ROWS_PER_INSERT = 1_000;

type Manifest = {
  format: string;
  formatVersion: number;
  schemaVersion: string | null;
  organization: { id: string; name: string };
  files: Array<{ file: string; table: string; columns: Array<{ name: string; type: string }>; rows: number }>;
};
type TargetColumn = { name: string; type: string; nullable: boolean };

export type OrganizationImportResult = {
  organization: { id: string; name: string };
  rows: Record<string, number>;
  /** One-time set-password links, one per active user (passwords are never exported). */
  links: Array<{ email: string; name: string; role: string; url: string }>;
};

const invalid = (message: string) => new AppError('VALIDATION_ERROR', message);

function readManifest(files: Record<string, Uint8Array>): Manifest {
  const raw = files['manifest.json'];
  if (!raw) throw invalid('This is not a Workdiary organisation export: manifest.json is missing.');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(strFromU8(raw)) as Manifest;
  } catch {
    throw invalid('manifest.json is not valid JSON.');
  }
  if (manifest.format !== 'workdiary-organization-export') throw invalid('This is not a Workdiary organisation export (manifest.json names another format).');
  if (manifest.formatVersion !== 1) throw invalid(`This export's format version ${String(manifest.formatVersion)} is not one this Workdiary reads (1).`);
  const known = new Set<string>(ORGANIZATION_FILES.map((f) => f.table));
  for (const f of manifest.files) {
    if (!known.has(f.table)) throw invalid(`manifest.json lists a table this Workdiary does not know: ${f.table}.`);
    if (!files[f.file]) throw invalid(`${f.file} is listed in manifest.json but missing from the zip.`);
  }
  return manifest;
}

/** A CSV cell as the JSON value json_populate_recordset casts to the column's type. */
function cellValue(text: string, column: TargetColumn, where: string): unknown {
  if (text === '' && column.nullable) return null;
  if (column.type === 'jsonb' || column.type === 'json' || column.type.startsWith('_')) {
    if (text === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw invalid(`${where}: "${column.name}" is not valid JSON.`);
    }
  }
  return text;
}

export async function importOrganizationZip({ db, zip, origin, now }: {
  db: Database; zip: Uint8Array; origin: string; now: Date;
}): Promise<OrganizationImportResult> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    throw invalid('The file is not a zip archive.');
  }
  const manifest = readManifest(files);
  const [latest] = await db.unscoped.query<{ migration_name: string | null }>(
    `SELECT max("migration_name") AS "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`);
  if (manifest.schemaVersion && latest?.migration_name && manifest.schemaVersion > latest.migration_name) {
    throw invalid(`The export was made by a newer Workdiary (schema ${manifest.schemaVersion}; this one is at ${latest.migration_name}). Update this server first.`);
  }

  // Read before the transaction: on PGlite a query outside an open interactive transaction waits for it.
  const target = await db.unscoped.query<{ table: string; name: string; type: string; nullable: string }>(
    `SELECT table_name AS "table", column_name AS "name", udt_name AS "type", is_nullable AS "nullable" FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ANY($1)`, [[...IMPORT_ORDER]]);
  const rows: Record<string, number> = {};
  const links: OrganizationImportResult['links'] = [];
  await db.prisma.$transaction(async (tx) => {
    // First-run setup's lock (setup.service.ts): a concurrent import or setup waits here, then finds an organisation.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('workdiary:first-run-setup'))`);
    const [{ organizations } = { organizations: 0 }] = await tx.$queryRawUnsafe<Array<{ organizations: number }>>(`SELECT count(*)::int AS "organizations" FROM "Organization"`);
    if (organizations > 0) throw new AppError('SETUP_ALREADY_DONE', 'This Workdiary already has an organisation: import into an empty one (a fresh DATA_DIR or database).');
    for (const table of IMPORT_ORDER) {
      const entry = manifest.files.find((f) => f.table === table);
      if (!entry) continue;
      const columns = new Map(target.filter((c) => c.table === table).map((c) => [c.name, { name: c.name, type: c.type, nullable: c.nullable === 'YES' }]));
      const records = parse(strFromU8(files[entry.file] as Uint8Array), { bom: true, columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
      const names = records[0] ? Object.keys(records[0]) : [];
      for (const name of names) {
        if (!columns.has(name)) throw invalid(`${entry.file}: this Workdiary's ${table} has no column "${name}".`);
      }
      const list = names.map((n) => `"${n}"`).join(', ');
      for (let start = 0; start < records.length; start += ROWS_PER_INSERT) {
        const chunk = records.slice(start, start + ROWS_PER_INSERT).map((record, i) => Object.fromEntries(names.map((n) =>
          [n, cellValue(record[n] ?? '', columns.get(n) as TargetColumn, `${entry.file} line ${start + i + 2}`)])));
        await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`, JSON.stringify(chunk));
      }
      rows[entry.file] = records.length;
    }
    const users = await tx.user.findMany({ where: { organizationId: manifest.organization.id, active: true }, select: { id: true, email: true, name: true, role: true }, orderBy: [{ role: 'asc' }, { name: 'asc' }] });
    for (const user of users) {
      const invite = newSetPasswordToken(now);
      await tx.user.update({ where: { id: user.id }, data: { passwordHash: null, setPasswordToken: invite.hash, setPasswordExpiresAt: invite.expiresAt } });
      links.push({ email: user.email, name: user.name, role: user.role, url: setPasswordUrl(origin, invite.token) });
    }
  }, { timeout: 30 * 60_000, maxWait: 60_000 });
  return { organization: manifest.organization, rows, links };
}
