/**
 * The SQL in prisma/migrations is written by hand, so this test proves it builds exactly the
 * database the GENERATED Prisma client expects: after migrating a fresh database, every model,
 * column (name, Postgres type, nullability, default), enum, primary key, index and foreign key of
 * the client's datamodel exists in pg_catalog — and nothing else does, except the SQL-only
 * invariants listed (with their exact definitions) in SQL_ONLY_INVARIANTS.
 *
 * Where the datamodel comes from: the generated client carries its runtime data model (models,
 * fields, kinds, types, relation names) and the schema text it was generated from. The runtime
 * model has no nullability, native types, defaults, indexes or referential actions, so those come
 * from the DMMF of that same embedded schema (`getDMMF` of @prisma/get-dmmf: Prisma's own wasm
 * schema parser, offline). The first tests prove the two agree with each other and with
 * prisma/schema.prisma, so a stale client (schema edited, `prisma generate` not run) fails here too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getDMMF, type GetDMMFError } from '@prisma/get-dmmf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv, REPO_ROOT } from '../config/env.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import * as generatedEnums from '../generated/prisma/enums.ts';
import { freshDatabase } from '../test/database.ts';
import type { Database, UnscopedSql } from './engine.ts';

const env = readEnv({ NODE_ENV: 'test' });
const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
const SCHEMA_FILE = path.join(REPO_ROOT, 'prisma/schema.prisma');

/**
 * What the SQL holds that schema.prisma cannot express: invariants (partial/expression unique
 * indexes, CHECKs) and partial indexes. They are the only objects allowed beyond the datamodel,
 * and they must exist with exactly these definitions (as pg_catalog prints them), so weakening or
 * dropping one fails the test as well. A new one goes here together with its migration.
 */
const SQL_ONLY_INVARIANTS: Record<string, string> = {
  'index WorkEntry_userId_running_key': 'UNIQUE btree on "WorkEntry" (userId) WHERE ("stoppedAt" IS NULL)',
  'check WorkEntry_stop_after_start_check': 'on "WorkEntry": CHECK ((("stoppedAt" IS NULL) OR ("stoppedAt" > "startedAt")))',
  'index Category_organizationId_lower_name_key': 'UNIQUE btree on "Category" (organizationId, expression lower(name))',
  'check Category_name_check': 'on "Category": CHECK (((name = btrim(name)) AND ((char_length(name) >= 1) AND (char_length(name) <= 60))))',
  'check User_email_lower_check': 'on "User": CHECK ((email = lower(email)))',
  'index WorkRules_organizationId_default_key': 'UNIQUE btree on "WorkRules" (organizationId) WHERE ("userId" IS NULL)',
  'check WorkRules_requiredMinutes_check': 'on "WorkRules": CHECK ((("requiredMinutes" IS NOT NULL) AND (array_ndims("requiredMinutes") = 1) AND (cardinality("requiredMinutes") = 7) AND (array_position("requiredMinutes", NULL::integer) IS NULL)))',
  // Month close, holidays, absences (20261201140000_month_close).
  'check Organization_holidaySharePercent_check': 'on "Organization": CHECK ((("holidaySharePercent" >= 0) AND ("holidaySharePercent" <= 100)))',
  'check AbsenceKind_creditPercent_check': 'on "AbsenceKind": CHECK ((("creditPercent" >= 0) AND ("creditPercent" <= 100)))',
  'check AbsenceKind_name_check': 'on "AbsenceKind": CHECK (((name = btrim(name)) AND ((char_length(name) >= 1) AND (char_length(name) <= 60))))',
  'index AbsenceKind_organizationId_lower_name_key': 'UNIQUE btree on "AbsenceKind" (organizationId, expression lower(name))',
  'check Absence_dates_check': 'on "Absence": CHECK (("endDate" >= "startDate"))',
  // Not an invariant but a partial index (the diary's month overview finds sessions longer than a day by it).
  'index WorkEntry_long_sessions_idx': 'btree on "WorkEntry" (organizationId, startedAt) WHERE (("stoppedAt" - "startedAt") > \'1 day\'::interval)',
  // The same per user: the overlap rule's long older sessions (wd_first_clash; 20261201171200_timer_statement_costs).
  'index WorkEntry_userId_long_sessions_idx': 'btree on "WorkEntry" (userId, startedAt) WHERE (("stoppedAt" - "startedAt") > \'1 day\'::interval)',
  // Finished sessions per user by their stop: the overlap rule's sessions still going at a start (20261207140000_timer_costs).
  'index WorkEntry_userId_stoppedAt_idx': 'btree on "WorkEntry" (userId, stoppedAt) WHERE ("stoppedAt" IS NOT NULL)',
  // The one overlap rule and the timer's single-statement writes (migration 20261201120000_timer_statements).
  'function wd_first_clash': 'function',
  'function wd_timer_start': 'function',
  'function wd_timer_stop': 'function',
  'function wd_timer_switch': 'function',
  'function wd_locked_month': 'function',
  // An APPROVED month always has its kept figures (20261207110000_month_snapshots; NOT VALID for months approved before).
  // The kept per-day figures (20261207130000_day_figures): kept by statement triggers on WorkEntry.
  'function wd_day_start': 'function',
  'function wd_refresh_day_figures': 'function',
  'function wd_refresh_changed': 'function',
  'function wd_day_figures_inserted': 'function',
  'function wd_day_figures_updated': 'function',
  'function wd_day_figures_deleted': 'function',
  'function wd_rebuild_day_figures': 'function',
  'function wd_share_day_minutes': 'function',
  'trigger WorkEntry_day_figures_insert': 'on "WorkEntry"',
  'trigger WorkEntry_day_figures_update': 'on "WorkEntry"',
  'trigger WorkEntry_day_figures_delete': 'on "WorkEntry"',
  // The kept days (20261210100000_user_day): kept with the cells by these functions.
  'function wd_refresh_user_days': 'function',
  'function wd_user_days_add': 'function',
  'function wd_refresh_user_months': 'function',
  // Billing rates are never negative (20261207120000_reports).
  'check Customer_hourlyRate_check': 'on "Customer": CHECK ((("hourlyRate" IS NULL) OR ("hourlyRate" >= 0)))',
  'check MonthClose_approved_figures_check': 'on "MonthClose": CHECK (((status <> \'APPROVED\'::"MonthStatus") OR (figures IS NOT NULL))) NOT VALID',
  // Balances (20261207160000_balances): account start, vacation days in halves, carry-over expiry MM-DD, corrections.
  'check Organization_vacationCarryOverUntil_check': 'on "Organization": CHECK (("vacationCarryOverUntil" ~ \'^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$\'::text))',
  'check User_balanceStart_check': 'on "User": CHECK (((("balanceStartMonth" IS NULL) AND ("balanceOpeningMinutes" IS NULL)) OR (("balanceStartMonth" ~ \'^[0-9]{4}-(0[1-9]|1[0-2])$\'::text) AND ("balanceOpeningMinutes" IS NOT NULL))))',
  'check User_vacationDaysPerYear_check': 'on "User": CHECK ((("vacationDaysPerYear" >= (0)::double precision) AND ("vacationDaysPerYear" <= (366)::double precision) AND (("vacationDaysPerYear" * (2)::double precision) = floor(("vacationDaysPerYear" * (2)::double precision)))))',
  'check BalanceCorrection_month_check': 'on "BalanceCorrection": CHECK ((month ~ \'^[0-9]{4}-(0[1-9]|1[0-2])$\'::text))',
  'check BalanceCorrection_note_check': 'on "BalanceCorrection": CHECK (((note = btrim(note)) AND ((char_length(note) >= 1) AND (char_length(note) <= 500))))',
  'check ComplianceAcknowledgement_note_check': 'on "ComplianceAcknowledgement": CHECK (((note = btrim(note)) AND ((char_length(note) >= 1) AND (char_length(note) <= 500))))',
  // DATEV numbers as LODAS accepts them, digits without a leading zero (20261207150000_datev).
  'check Organization_datevConsultantNumber_check': 'on "Organization": CHECK (("datevConsultantNumber" ~ \'^[1-9][0-9]{3,6}$\'::text))',
  'check Organization_datevClientNumber_check': 'on "Organization": CHECK (("datevClientNumber" ~ \'^[1-9][0-9]{0,4}$\'::text))',
  'check Organization_datevWageTypes_check': 'on "Organization": CHECK ((("datevWageTypeWorked" ~ \'^[1-9][0-9]{0,3}$\'::text) AND ("datevWageTypeOvertime" ~ \'^[1-9][0-9]{0,3}$\'::text) AND ("datevWageTypeVacation" ~ \'^[1-9][0-9]{0,3}$\'::text) AND ("datevWageTypeSick" ~ \'^[1-9][0-9]{0,3}$\'::text)))',
  'check User_personnelNumber_check': 'on "User": CHECK (("personnelNumber" ~ \'^[1-9][0-9]{0,4}$\'::text))',
  // The webhook outbox (20261209110000_webhooks): triggers on AuditEvent and MonthEvent write the deliveries; the worker claims due ones by the partial index.
  'function wd_webhook_audit_outbox': 'function',
  'function wd_webhook_month_outbox': 'function',
  'trigger AuditEvent_webhook_outbox': 'on "AuditEvent"',
  'trigger MonthEvent_webhook_outbox': 'on "MonthEvent"',
  'index WebhookDelivery_due_idx': 'btree on "WebhookDelivery" (nextAttemptAt) WHERE (status = \'PENDING\'::"WebhookDeliveryStatus")',
};

/** The migrator's own bookkeeping table: present, but not part of the datamodel. */
const BOOKKEEPING_TABLE = '_prisma_migrations';

// ---------------------------------------------------------------------------------------------
// The generated client's datamodel
// ---------------------------------------------------------------------------------------------

type DmmfDocument = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>;
type Datamodel = DmmfDocument['datamodel'];
type DmmfModel = Datamodel['models'][number];
type DmmfField = DmmfModel['fields'][number] & { relationOnUpdate?: string };

type RuntimeField = { name: string; kind: string; type: string; dbName?: string | null; relationName?: string };
type RuntimeDataModel = { models: Record<string, { dbName: string | null; fields: RuntimeField[] }> };
type ClientInternals = { _runtimeDataModel?: RuntimeDataModel; _engineConfig?: { inlineSchema?: unknown } };

/** What the generated client itself runs with: its runtime data model and its embedded schema. */
function generatedClientModel(prisma: PrismaClient): { runtime: RuntimeDataModel; inlineSchema: string } {
  const internals = prisma as unknown as ClientInternals;
  const runtime = internals._runtimeDataModel;
  const inlineSchema = internals._engineConfig?.inlineSchema;
  if (!runtime || typeof inlineSchema !== 'string') {
    throw new Error('The generated Prisma client no longer exposes _runtimeDataModel / _engineConfig.inlineSchema; adapt schema-drift.test.ts to the new Prisma version.');
  }
  return { runtime, inlineSchema };
}

function parseDatamodel(schemaText: string): Datamodel {
  const result = getDMMF({ datamodel: schemaText });
  if (!('datamodel' in result)) throw new Error(`schema does not parse (${result.type}): ${result.error.message}`);
  return result.datamodel;
}

/** The part of the DMMF the runtime data model also carries, in the same shape. */
function projectDmmf(dm: Datamodel) {
  return Object.fromEntries(dm.models.map((m) => [m.name, {
    dbName: m.dbName ?? null,
    fields: m.fields.map((f) => ({ name: f.name, kind: f.kind, type: f.type, dbName: f.dbName ?? null, relationName: f.relationName ?? null })),
  }]));
}

function projectRuntime(rt: RuntimeDataModel) {
  return Object.fromEntries(Object.entries(rt.models).map(([name, m]) => [name, {
    dbName: m.dbName ?? null,
    fields: m.fields.map((f) => ({ name: f.name, kind: f.kind, type: f.type, dbName: f.dbName ?? null, relationName: f.relationName ?? null })),
  }]));
}

// ---------------------------------------------------------------------------------------------
// Expected shape (from the datamodel) and actual shape (from pg_catalog), as key → description
// ---------------------------------------------------------------------------------------------

/** `key → description`; a `*` in an expected description matches anything. */
type Shape = Map<string, string>;

const PG_MAX_IDENTIFIER = 63;

/** `format_type()` quoting: lower-case identifiers bare, everything else double-quoted. */
const pgIdent = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Prisma's default constraint names (psl ConstraintNames): {table}_{columns}_{suffix}. */
function defaultName(table: string, columns: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const name = suffix === 'pkey' ? `${table}_pkey` : `${table}_${columns.join('_')}_${suffix}`;
  if (name.length > PG_MAX_IDENTIFIER) {
    throw new Error(`Default name ${name} is longer than ${PG_MAX_IDENTIFIER} characters: give it an explicit map: in schema.prisma.`);
  }
  return name;
}

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Boolean: 'boolean',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

/** `@db.X(args)` → the type as `format_type()` prints it. */
function nativeTypeName(name: string, args: readonly string[]): string {
  const a = args.join(',');
  const p = a ? `(${a})` : '';
  switch (name) {
    case 'Text': return 'text';
    case 'Char': return `character(${a || '1'})`;
    case 'VarChar': return `character varying${p}`;
    case 'Bit': return `bit(${a || '1'})`;
    case 'VarBit': return `bit varying${p}`;
    case 'Uuid': return 'uuid';
    case 'Xml': return 'xml';
    case 'Inet': return 'inet';
    case 'Citext': return 'citext';
    case 'Integer': return 'integer';
    case 'SmallInt': return 'smallint';
    case 'BigInt': return 'bigint';
    case 'Oid': return 'oid';
    case 'DoublePrecision': return 'double precision';
    case 'Real': return 'real';
    case 'Decimal': return `numeric${p}`;
    case 'Money': return 'money';
    case 'Timestamp': return `timestamp${p} without time zone`;
    case 'Timestamptz': return `timestamp${p} with time zone`;
    case 'Date': return 'date';
    case 'Time': return `time${p} without time zone`;
    case 'Timetz': return `time${p} with time zone`;
    case 'Boolean': return 'boolean';
    case 'Json': return 'json';
    case 'JsonB': return 'jsonb';
    case 'ByteA': return 'bytea';
    default: throw new Error(`schema-drift.test.ts knows no Postgres type for @db.${name}: extend nativeTypeName().`);
  }
}

/** The cast Postgres prints after a string literal default of this column type. */
function literalCast(baseType: string): string {
  if (baseType.startsWith('character varying')) return 'character varying';
  if (baseType.startsWith('character(')) return 'bpchar';
  return baseType;
}

const ON_ACTION: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };
const PG_ACTION: Record<string, string> = { c: 'CASCADE', r: 'RESTRICT', a: 'NO ACTION', n: 'SET NULL', d: 'SET DEFAULT' };
const CONSTRAINT_KINDS: Record<string, string> = { c: 'check', u: 'unique constraint', x: 'exclusion constraint', t: 'constraint trigger' };
const INDEX_METHOD: Record<string, string> = { BTree: 'btree', Hash: 'hash', Gist: 'gist', Gin: 'gin', SpGist: 'spgist', Brin: 'brin' };

const describeColumns = (cols: Array<{ name: string; desc: boolean }>) => `(${cols.map((c) => (c.desc ? `${c.name} DESC` : c.name)).join(', ')})`;

/** What the datamodel says the database must contain. */
function expectedShape(dm: Datamodel): Shape {
  const shape: Shape = new Map();
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const fieldOf = (m: DmmfModel, name: string): DmmfField => {
    const f = m.fields.find((x) => x.name === name);
    if (!f) throw new Error(`${m.name}.${name} is not a field`);
    return f;
  };
  const columnOf = (m: DmmfModel, name: string) => fieldOf(m, name).dbName ?? name;
  const enumTypeOf = (name: string) => pgIdent(enums.get(name)?.dbName ?? name);

  for (const e of dm.enums) {
    shape.set(`enum ${e.dbName ?? e.name}`, e.values.map((v) => v.dbName ?? v.name).join(', '));
  }

  for (const m of dm.models) {
    const table = tableOf(m);
    shape.set(`table ${table}`, 'table');
    for (const f of m.fields as DmmfField[]) {
      if (f.kind === 'object') continue;
      const column = f.dbName ?? f.name;
      let base: string;
      if (f.kind === 'enum') base = enumTypeOf(f.type);
      else if (f.nativeType) base = nativeTypeName(f.nativeType[0], f.nativeType[1]);
      else if (SCALAR_TYPES[f.type]) base = SCALAR_TYPES[f.type] as string;
      else throw new Error(`${m.name}.${f.name}: no Postgres type known for ${f.kind} ${f.type}`);
      const type = f.isList ? `${base}[]` : base;
      // Prisma creates list columns without NOT NULL; every other required field is NOT NULL.
      const notNull = f.isRequired && !f.isList;
      const def = expectedDefault(f, base, f.kind === 'enum' ? enums.get(f.type) : undefined);
      shape.set(`column ${table}.${column}`, `${type} ${notNull ? 'NOT NULL' : 'NULL'}${def === null ? '' : ` DEFAULT ${def}`}`);
    }
  }

  for (const idx of dm.indexes) {
    const model = models.get(idx.model);
    if (!model) throw new Error(`index on unknown model ${idx.model}`);
    const table = tableOf(model);
    const cols = idx.fields.map((f) => ({ name: columnOf(model, f.name), desc: f.sortOrder === 'desc' }));
    const names = cols.map((c) => c.name);
    if (idx.type === 'id') {
      shape.set(`primary key ${idx.dbName ?? defaultName(table, names, 'pkey')}`, `on "${table}" ${describeColumns(cols)}`);
    } else if (idx.type === 'unique' || idx.type === 'normal') {
      const unique = idx.type === 'unique';
      const method = INDEX_METHOD[idx.algorithm ?? 'BTree'];
      if (!method) throw new Error(`unknown index algorithm ${idx.algorithm}`);
      shape.set(`index ${idx.dbName ?? defaultName(table, names, unique ? 'key' : 'idx')}`, `${unique ? 'UNIQUE ' : ''}${method} on "${table}" ${describeColumns(cols)}`);
    } else {
      throw new Error(`index type ${idx.type} is not supported on PostgreSQL`);
    }
  }

  for (const m of dm.models) {
    for (const f of m.fields as DmmfField[]) {
      const from = f.relationFromFields ?? [];
      if (f.kind !== 'object' || from.length === 0) continue;
      const target = models.get(f.type);
      if (!target) throw new Error(`relation ${m.name}.${f.name} to unknown model ${f.type}`);
      const cols = from.map((n) => columnOf(m, n));
      const refCols = (f.relationToFields ?? []).map((n) => columnOf(target, n));
      // Prisma's defaults: Restrict when a relation scalar is required, SetNull when all are optional; onUpdate Cascade.
      const optional = from.every((n) => !fieldOf(m, n).isRequired);
      const onDelete = ON_ACTION[f.relationOnDelete ?? (optional ? 'SetNull' : 'Restrict')];
      const onUpdate = ON_ACTION[f.relationOnUpdate ?? 'Cascade'];
      // Note: an explicit `map:` on @relation is not in the DMMF; this assumes Prisma's default FK names.
      shape.set(
        `foreign key ${defaultName(tableOf(m), cols, 'fkey')}`,
        `"${tableOf(m)}" (${cols.join(', ')}) REFERENCES "${tableOf(target)}" (${refCols.join(', ')}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`,
      );
    }
  }
  return shape;
}

type DmmfEnum = Datamodel['enums'][number];

/** The default expression pg_get_expr() prints for a field's @default, or null for "no DB default". */
function expectedDefault(f: DmmfField, baseType: string, enumDef: DmmfEnum | undefined): string | null {
  if (!f.hasDefaultValue || f.default === undefined) return null;
  const d: unknown = f.default;
  if (d !== null && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
    const fn = (d as { name: string }).name;
    if (fn === 'now') return 'CURRENT_TIMESTAMP';
    if (fn === 'autoincrement') return 'nextval(*)';
    // Generated by the client, never by the database.
    if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(fn)) return null;
    return '*'; // dbgenerated(...) etc.: the database must have some default
  }
  if (f.isList || Array.isArray(d)) return '*';
  if (typeof d === 'boolean') return String(d);
  if (typeof d === 'number') return d < 0 ? `${sqlString(String(d))}::${baseType}` : String(d);
  if (typeof d === 'string') {
    if (enumDef) {
      const value = enumDef.values.find((v) => v.name === d);
      return `${sqlString(value?.dbName ?? d)}::${pgIdent(enumDef.dbName ?? enumDef.name)}`;
    }
    if (f.type === 'String' || f.type === 'Json') return `${sqlString(d)}::${literalCast(baseType)}`;
  }
  return '*';
}

/** What the database actually contains in schema `public`. */
async function actualShape(sql: UnscopedSql): Promise<Shape> {
  const shape: Shape = new Map();

  const relations = await sql.query<{ name: string; kind: string }>(
    `SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p','v','m','f','S','c')`,
  );
  const kinds: Record<string, string> = { r: 'table', p: 'table', v: 'view', m: 'materialized view', f: 'foreign table', S: 'sequence', c: 'composite type' };
  for (const r of relations) {
    if (r.name === BOOKKEEPING_TABLE) continue;
    const kind = kinds[r.kind] ?? r.kind;
    shape.set(kind === 'table' ? `table ${r.name}` : `${kind} ${r.name}`, kind);
  }

  const enums = await sql.query<{ name: string; labels: string[] }>(
    `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
  );
  for (const e of enums) shape.set(`enum ${e.name}`, e.labels.join(', '));

  const otherTypes = await sql.query<{ name: string; kind: string }>(
    `SELECT t.typname::text AS name, t.typtype::text AS kind FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('d','r','m')`,
  );
  const typeKinds: Record<string, string> = { d: 'domain', r: 'range', m: 'multirange' };
  for (const t of otherTypes) shape.set(`type ${t.name}`, typeKinds[t.kind] ?? t.kind);

  const columns = await sql.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null; identity: string; generated: string }>(
    `SELECT c.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r','p') AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  for (const c of columns) {
    if (c.table === BOOKKEEPING_TABLE) continue;
    const extra = `${c.identity ? ' IDENTITY' : ''}${c.generated ? ' GENERATED' : ''}`;
    shape.set(`column ${c.table}.${c.column}`, `${c.type} ${c.not_null ? 'NOT NULL' : 'NULL'}${c.default === null ? '' : ` DEFAULT ${c.default}`}${extra}`);
  }

  const indexes = await sql.query<{ name: string; table: string; unique: boolean; method: string; predicate: string | null; columns: string[]; desc: boolean[]; included: number }>(
    `SELECT i.relname::text AS name, t.relname::text AS table, ix.indisunique AS unique, am.amname::text AS method,
            pg_get_expr(ix.indpred, ix.indrelid) AS predicate,
            ARRAY(SELECT CASE WHEN ix.indkey[k - 1] = 0 THEN 'expression ' || pg_get_indexdef(ix.indexrelid, k, true)
                              ELSE (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = ix.indrelid AND a.attnum = ix.indkey[k - 1]) END
                  FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k) AS columns,
            ARRAY(SELECT (ix.indoption[k - 1] & 1) = 1 FROM generate_series(1, ix.indnkeyatts) AS k ORDER BY k) AS desc,
            (ix.indnatts - ix.indnkeyatts)::int AS included
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     JOIN pg_class t ON t.oid = ix.indrelid
     JOIN pg_am am ON am.oid = i.relam
     WHERE t.relnamespace = 'public'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p','u','x'))`,
  );
  for (const ix of indexes) {
    if (ix.table === BOOKKEEPING_TABLE) continue;
    const cols = ix.columns.map((name, i) => ({ name, desc: ix.desc[i] === true }));
    const include = ix.included > 0 ? ` INCLUDE ${ix.included} column(s)` : '';
    shape.set(`index ${ix.name}`, `${ix.unique ? 'UNIQUE ' : ''}${ix.method} on "${ix.table}" ${describeColumns(cols)}${include}${ix.predicate ? ` WHERE ${ix.predicate}` : ''}`);
  }

  const constraints = await sql.query<{ name: string; type: string; table: string; definition: string; columns: string[]; ref_table: string | null; ref_columns: string[]; on_delete: string; on_update: string; match: string; deferrable: boolean }>(
    `SELECT con.conname::text AS name, con.contype::text AS type, t.relname::text AS table, pg_get_constraintdef(con.oid) AS definition,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            rt.relname::text AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, con.confmatchtype::text AS match, con.condeferrable AS deferrable
     FROM pg_constraint con
     JOIN pg_class t ON t.oid = con.conrelid
     LEFT JOIN pg_class rt ON rt.oid = con.confrelid
     WHERE t.relnamespace = 'public'::regnamespace AND con.contype <> 'n'`,
  );
  for (const c of constraints) {
    if (c.table === BOOKKEEPING_TABLE) continue;
    const cols = c.columns.map((name) => ({ name, desc: false }));
    if (c.type === 'p') {
      shape.set(`primary key ${c.name}`, `on "${c.table}" ${describeColumns(cols)}`);
    } else if (c.type === 'f') {
      const flags = `${c.match === 's' ? '' : ` MATCH ${c.match}`}${c.deferrable ? ' DEFERRABLE' : ''}`;
      shape.set(
        `foreign key ${c.name}`,
        `"${c.table}" (${c.columns.join(', ')}) REFERENCES "${c.ref_table}" (${c.ref_columns.join(', ')}) ON DELETE ${PG_ACTION[c.on_delete]} ON UPDATE ${PG_ACTION[c.on_update]}${flags}`,
      );
    } else {
      const kind = CONSTRAINT_KINDS[c.type] ?? `constraint(${c.type})`;
      shape.set(`${kind} ${c.name}`, `on "${c.table}": ${c.definition}`);
    }
  }

  const triggers = await sql.query<{ name: string; table: string }>(
    `SELECT tg.tgname::text AS name, t.relname::text AS table FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
     WHERE t.relnamespace = 'public'::regnamespace AND NOT tg.tgisinternal`,
  );
  for (const tg of triggers) shape.set(`trigger ${tg.name}`, `on "${tg.table}"`);

  const functions = await sql.query<{ name: string }>(`SELECT p.proname::text AS name FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace`);
  for (const fn of functions) shape.set(`function ${fn.name}`, 'function');

  return shape;
}

const matches = (expected: string, actual: string) =>
  new RegExp(`^${expected.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 's').test(actual);

/** Every difference, readable: what schema.prisma wants that SQL lacks, the reverse, and mismatches. */
function diffShapes(expected: Shape, actual: Shape): string[] {
  const problems: string[] = [];
  for (const [key, want] of expected) {
    const have = actual.get(key);
    if (have === undefined) problems.push(`missing in the database: ${key} — ${want}`);
    else if (!matches(want, have)) problems.push(`differs: ${key} — schema wants: ${want} | database has: ${have}`);
  }
  for (const [key, have] of actual) {
    if (!expected.has(key)) problems.push(`not in schema.prisma (nor an allowed SQL-only invariant): ${key} — ${have}`);
  }
  return problems.sort();
}

/** The expected shape of a database migrated from the SQL: datamodel + the SQL-only invariants. */
function expectedWithInvariants(dm: Datamodel): Shape {
  const shape = expectedShape(dm);
  for (const [key, def] of Object.entries(SQL_ONLY_INVARIANTS)) {
    if (shape.has(key)) throw new Error(`${key} is in schema.prisma: remove it from SQL_ONLY_INVARIANTS`);
    shape.set(key, def);
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------

describe(`schema drift: migrations vs the generated client's datamodel (${engine})`, () => {
  let db: Database;
  let client: { runtime: RuntimeDataModel; inlineSchema: string };
  let datamodel: Datamodel;
  const drift = async (dm: Datamodel = datamodel) => diffShapes(expectedWithInvariants(dm), await actualShape(db.unscoped));

  beforeAll(async () => {
    db = await freshDatabase(env.TEST_DATABASE_URL);
    client = generatedClientModel(db.prisma);
    datamodel = parseDatamodel(client.inlineSchema);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('the generated client was generated from the current prisma/schema.prisma', () => {
    const onDisk = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(client.inlineSchema === onDisk, 'apps/api/src/generated/prisma is stale: run `PRISMA_SCHEMA_ENGINE_BINARY=$(command -v node) pnpm exec prisma generate`').toBe(true);
  });

  it("the client's runtime data model and enums are exactly the DMMF of its embedded schema", () => {
    expect(projectRuntime(client.runtime)).toEqual(projectDmmf(datamodel));
    expect(Object.keys(client.runtime.models)).toEqual(expect.arrayContaining(['Organization', 'User', 'WorkRules', 'Category', 'Customer', 'WorkEntry', 'AuditEvent']));
    const dmmfEnums = Object.fromEntries(datamodel.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    const clientEnums = Object.fromEntries(Object.entries(generatedEnums).map(([name, values]) => [name, Object.values(values as Record<string, string>)]));
    expect(clientEnums).toEqual(dmmfEnums);
  });

  it('the migrated database has every model, column, type, nullability, default, enum, key, index and relation — and nothing extra', async () => {
    const problems = await drift();
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('spot-checks the translation for the types that are easy to get wrong', async () => {
    const actual = await actualShape(db.unscoped);
    expect(actual.get('column Organization.currency')).toBe('character(3) NOT NULL');
    expect(actual.get('column WorkEntry.startedAt')).toBe('timestamp(3) with time zone NOT NULL');
    expect(actual.get('column WorkEntry.stoppedAt')).toBe('timestamp(3) with time zone NULL');
    expect(actual.get('column WorkRules.requiredMinutes')).toBe('integer[] NULL');
    expect(actual.get('column AuditEvent.before')).toBe('jsonb NULL');
    expect(actual.get('column User.overtimeFactor')).toBe('double precision NOT NULL DEFAULT 1.25');
    expect(actual.get('column User.role')).toBe(`"Role" NOT NULL DEFAULT 'MEMBER'::"Role"`);
    expect(actual.get('column WorkEntry.note')).toBe(`text NOT NULL DEFAULT ''::text`);
    expect(actual.get('column User.updatedAt')).toBe('timestamp(3) with time zone NOT NULL');
    expect(actual.get('enum AuditAction')).toBe('CREATE, UPDATE, DELETE, START, STOP, IMPORT');
    expect(actual.get('foreign key WorkEntry_updatedById_fkey')).toBe('"WorkEntry" (updatedById) REFERENCES "User" (id) ON DELETE SET NULL ON UPDATE CASCADE');
    expect(actual.get('index AuditEvent_organizationId_entityType_entityId_at_idx')).toBe('btree on "AuditEvent" (organizationId, entityType, entityId, at)');
    expect(actual.get('index User_email_key')).toBe('UNIQUE btree on "User" (email)');
    expect(actual.get('primary key WorkEntry_pkey')).toBe('on "WorkEntry" (id)');
  });

  describe('it can fail: schema.prisma changed without SQL', () => {
    const withSchema = (edit: (schema: string) => string) => {
      const text = edit(client.inlineSchema);
      expect(text).not.toBe(client.inlineSchema); // the edit really applied
      return parseDatamodel(text);
    };

    it('reports a new field', async () => {
      const dm = withSchema((s) => s.replace('  address        String?\n', '  address        String?\n  vatId          String?   @db.VarChar(20)\n'));
      expect(await drift(dm)).toEqual(['missing in the database: column Customer.vatId — character varying(20) NULL']);
    });

    it('reports a new model, index, unique, changed type, nullability, default and referential action', async () => {
      const dm = withSchema((s) => s
        .replace('model AuditEvent {', 'model Tag {\n  id String @id\n}\n\nmodel AuditEvent {')
        .replace('  @@index([organizationId, archived])\n', '  @@index([organizationId, archived])\n  @@index([name])\n')
        .replace('  phone          String?\n', '  phone          String?   @unique\n')
        .replace('  timeZone    String\n', '  timeZone    String @db.VarChar(64)\n')
        .replace('  monthlyBase           Int?\n', '  monthlyBase           Int\n')
        .replace('  maxSessionHours   Int      @default(12)', '  maxSessionHours   Int      @default(10)')
        .replace('@relation(fields: [organizationId, categoryId], references: [organizationId, id], onDelete: Restrict)', '@relation(fields: [organizationId, categoryId], references: [organizationId, id], onDelete: Cascade)'));
      expect(await drift(dm)).toEqual([
        'differs: column Organization.timeZone — schema wants: character varying(64) NOT NULL | database has: text NOT NULL',
        'differs: column User.monthlyBase — schema wants: integer NOT NULL | database has: integer NULL',
        'differs: column WorkRules.maxSessionHours — schema wants: integer NOT NULL DEFAULT 10 | database has: integer NOT NULL DEFAULT 12',
        'differs: foreign key WorkEntry_organizationId_categoryId_fkey — schema wants: "WorkEntry" (organizationId, categoryId) REFERENCES "Category" (organizationId, id) ON DELETE CASCADE ON UPDATE CASCADE | database has: "WorkEntry" (organizationId, categoryId) REFERENCES "Category" (organizationId, id) ON DELETE RESTRICT ON UPDATE CASCADE',
        'missing in the database: column Tag.id — text NOT NULL',
        'missing in the database: index Category_name_idx — btree on "Category" (name)',
        'missing in the database: index Customer_phone_key — UNIQUE btree on "Customer" (phone)',
        'missing in the database: primary key Tag_pkey — on "Tag" (id)',
        'missing in the database: table Tag — table',
      ]);
    });

    it('reports a new enum value', async () => {
      const dm = withSchema((s) => s.replace('  MEMBER\n}', '  MEMBER\n  GUEST\n}'));
      expect(await drift(dm)).toEqual(['differs: enum Role — schema wants: ADMIN, MANAGER, MEMBER, GUEST | database has: ADMIN, MANAGER, MEMBER']);
    });
  });

  describe('it can fail: SQL changed without schema.prisma', () => {
    /** Applies `up`, returns the drift report, then restores with `down` and proves the database is clean again. */
    const driftAfter = async (up: string, down: string) => {
      await db.unscoped.execInTransaction(up);
      let problems: string[];
      try {
        problems = await drift();
      } finally {
        await db.unscoped.execInTransaction(down);
      }
      expect(await drift()).toEqual([]);
      return problems;
    };

    it('reports an extra column', async () => {
      expect(await driftAfter(`ALTER TABLE "Customer" ADD COLUMN "extra" integer`, `ALTER TABLE "Customer" DROP COLUMN "extra"`))
        .toEqual(['not in schema.prisma (nor an allowed SQL-only invariant): column Customer.extra — integer NULL']);
    });

    it('reports an extra index, unique constraint, check constraint and table', async () => {
      expect(await driftAfter(
        `CREATE INDEX "Customer_email_idx" ON "Customer"("email");
         ALTER TABLE "Customer" ADD CONSTRAINT "Customer_phone_key" UNIQUE ("phone");
         ALTER TABLE "Customer" ADD CONSTRAINT "Customer_name_check" CHECK ("name" <> '');
         CREATE TABLE "Stray" ("id" integer);`,
        `DROP INDEX "Customer_email_idx";
         ALTER TABLE "Customer" DROP CONSTRAINT "Customer_phone_key";
         ALTER TABLE "Customer" DROP CONSTRAINT "Customer_name_check";
         DROP TABLE "Stray";`,
      )).toEqual([
        'not in schema.prisma (nor an allowed SQL-only invariant): check Customer_name_check — on "Customer": CHECK ((name <> \'\'::text))',
        'not in schema.prisma (nor an allowed SQL-only invariant): column Stray.id — integer NULL',
        'not in schema.prisma (nor an allowed SQL-only invariant): index Customer_email_idx — btree on "Customer" (email)',
        'not in schema.prisma (nor an allowed SQL-only invariant): table Stray — table',
        'not in schema.prisma (nor an allowed SQL-only invariant): unique constraint Customer_phone_key — on "Customer": UNIQUE (phone)',
      ]);
    });

    it('reports a changed type, nullability, default and ON DELETE action', async () => {
      expect(await driftAfter(
        `ALTER TABLE "Organization" ALTER COLUMN "currency" TYPE VARCHAR(3);
         ALTER TABLE "User" ALTER COLUMN "hourlyRate" SET NOT NULL;
         ALTER TABLE "WorkEntry" ALTER COLUMN "note" DROP DEFAULT;
         ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_organizationId_userId_fkey";
         ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE CASCADE ON UPDATE CASCADE;`,
        `ALTER TABLE "Organization" ALTER COLUMN "currency" TYPE CHAR(3);
         ALTER TABLE "User" ALTER COLUMN "hourlyRate" DROP NOT NULL;
         ALTER TABLE "WorkEntry" ALTER COLUMN "note" SET DEFAULT '';
         ALTER TABLE "WorkEntry" DROP CONSTRAINT "WorkEntry_organizationId_userId_fkey";
         ALTER TABLE "WorkEntry" ADD CONSTRAINT "WorkEntry_organizationId_userId_fkey" FOREIGN KEY ("organizationId", "userId") REFERENCES "User"("organizationId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;`,
      )).toEqual([
        'differs: column Organization.currency — schema wants: character(3) NOT NULL | database has: character varying(3) NOT NULL',
        'differs: column User.hourlyRate — schema wants: integer NULL | database has: integer NOT NULL',
        'differs: column WorkEntry.note — schema wants: text NOT NULL DEFAULT \'\'::text | database has: text NOT NULL',
        'differs: foreign key WorkEntry_organizationId_userId_fkey — schema wants: "WorkEntry" (organizationId, userId) REFERENCES "User" (organizationId, id) ON DELETE RESTRICT ON UPDATE CASCADE | database has: "WorkEntry" (organizationId, userId) REFERENCES "User" (organizationId, id) ON DELETE CASCADE ON UPDATE CASCADE',
      ]);
    });

    it('reports a missing index and a dropped or weakened SQL-only invariant', async () => {
      expect(await driftAfter(
        `DROP INDEX "Customer_organizationId_name_idx";
         DROP INDEX "WorkEntry_userId_running_key";
         ALTER TABLE "User" DROP CONSTRAINT "User_email_lower_check";
         ALTER TABLE "WorkRules" DROP CONSTRAINT "WorkRules_requiredMinutes_check";
         ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_requiredMinutes_check" CHECK (array_length("requiredMinutes", 1) <= 7);`,
        `CREATE INDEX "Customer_organizationId_name_idx" ON "Customer"("organizationId", "name");
         CREATE UNIQUE INDEX "WorkEntry_userId_running_key" ON "WorkEntry"("userId") WHERE "stoppedAt" IS NULL;
         ALTER TABLE "User" ADD CONSTRAINT "User_email_lower_check" CHECK ("email" = lower("email"));
         ALTER TABLE "WorkRules" DROP CONSTRAINT "WorkRules_requiredMinutes_check";
         ALTER TABLE "WorkRules" ADD CONSTRAINT "WorkRules_requiredMinutes_check" CHECK ("requiredMinutes" IS NOT NULL AND array_ndims("requiredMinutes") = 1 AND cardinality("requiredMinutes") = 7 AND array_position("requiredMinutes", NULL) IS NULL);`,
      )).toEqual([
        'differs: check WorkRules_requiredMinutes_check — schema wants: on "WorkRules": CHECK ((("requiredMinutes" IS NOT NULL) AND (array_ndims("requiredMinutes") = 1) AND (cardinality("requiredMinutes") = 7) AND (array_position("requiredMinutes", NULL::integer) IS NULL))) | database has: on "WorkRules": CHECK ((array_length("requiredMinutes", 1) <= 7))',
        'missing in the database: check User_email_lower_check — on "User": CHECK ((email = lower(email)))',
        'missing in the database: index Customer_organizationId_name_idx — btree on "Customer" (organizationId, name)',
        'missing in the database: index WorkEntry_userId_running_key — UNIQUE btree on "WorkEntry" (userId) WHERE ("stoppedAt" IS NULL)',
      ]);
    });

    it('reports an extra enum, trigger and function', async () => {
      expect(await driftAfter(
        `CREATE TYPE "Mood" AS ENUM ('HAPPY', 'SAD');
         CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
         CREATE TRIGGER "Customer_touch" BEFORE UPDATE ON "Customer" FOR EACH ROW EXECUTE FUNCTION touch();`,
        `DROP TRIGGER "Customer_touch" ON "Customer"; DROP FUNCTION touch(); DROP TYPE "Mood";`,
      )).toEqual([
        'not in schema.prisma (nor an allowed SQL-only invariant): enum Mood — HAPPY, SAD',
        'not in schema.prisma (nor an allowed SQL-only invariant): function touch — function',
        'not in schema.prisma (nor an allowed SQL-only invariant): trigger Customer_touch — on "Customer"',
      ]);
    });
  });
});
