/**
 * A schema-driven fuzz test over the API's own OpenAPI document (issue #11): for every operation,
 * fast-check sends a fixed number of generated requests, most shaped like the documented schema
 * with hostile values mixed in (control characters, extreme dates, huge numbers, wrong types,
 * ids of another organisation), plus a few malformed ones (broken JSON, a wrong content type). It
 * asserts that no request gets a 5xx, that every status is one the document lists for that
 * operation, and that a refused request (4xx) changed nothing stored. Runs on both engines, with
 * a fixed seed and run count so it is bounded and repeatable.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from './test/helper.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture } from './test/helper.ts';
import { createSession } from './modules/auth/sessions.service.ts';

const RUNS_PER_OPERATION = 10;
const SEED = 20261201;

type Schema = {
  type?: string | string[]; enum?: unknown[]; format?: string; pattern?: string; properties?: Record<string, Schema>; required?: string[];
  items?: Schema; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[];
  nullable?: boolean; const?: unknown;
};
type Parameter = { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>> };
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type FuzzRequest = { url: string; payload?: string; contentType?: string };

/** Streams (server-sent events) never end by themselves: not a request/response operation. */
const SKIP = new Set(['GET /api/events']);
/** Tables a refused request may legitimately touch: migrations bookkeeping and session last-seen. */
const BOOKKEEPING = /^(_prisma_migrations|Session)$|login|attempt|limit/i;

const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u0007bell', '\u001b[31m', '\u007f', 'tab\tand\nnewline', '%00', '../../etc/passwd', "'; DROP TABLE \"User\"; --",
  '\uD800', '\uFFFF', '😀'.repeat(50), 'x'.repeat(5000), '0001-01-01', '9999-12-31', '1969-12-31T23:59:59Z', '0000-01', '2200-01-01T00:00:00Z',
  '2026-02-30', 'NaN', '-1', '1e309', 'null', '{}', '[]', 'true',
];
const EDGE_DATES = ['1970-01-01', '2199-12-31', '2026-03-29', '2026-10-25', '2024-02-29', '0001-01-01', '1969-12-31', '2200-01-01', '9999-12-31'];
const EDGE_MONTHS = ['1970-01', '2199-12', '2026-03', '0000-01', '0001-01', '1969-12', '2200-01', '9999-12'];
const EDGE_INSTANTS = ['2026-01-05T08:00:00Z', '2026-01-05T08:00:00.001Z', '1970-01-01T00:00:00Z', '2199-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-03-29T02:30:00+02:00'];
const EDGE_NUMBERS = [0, -1, 1, 59, 60, 1440, 1441, 2 ** 31, -(2 ** 31), 2 ** 53, Number.MAX_SAFE_INTEGER, 0.5, 1e308];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.constant(null),
  fc.boolean(),
  fc.string({ maxLength: 20, unit: 'binary' }),
  fc.array(fc.constantFrom(...HOSTILE_STRINGS), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.constantFrom(...HOSTILE_STRINGS), { maxKeys: 3 }),
);

function flatten(schema: Schema): Schema {
  const parts = [...(schema.allOf ?? [])];
  if (parts.length === 0) return schema;
  return parts.reduce<Schema>((acc, part) => ({ ...acc, ...flatten(part), properties: { ...acc.properties, ...part.properties } }), { ...schema, allOf: undefined });
}

/** A value shaped by the schema most of the time, a hostile one otherwise. */
function valueFor(raw: Schema, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: shapedValue(raw, ids, depth) }, { weight: 1, arbitrary: hostileValue });
}

function shapedValue(raw: Schema, ids: string[], depth: number): fc.Arbitrary<unknown> {
  const schema = flatten(raw);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => shapedValue(s, ids, depth)));
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      const pattern = schema.pattern ?? '';
      if (schema.format === 'date-time') return fc.oneof(fc.constantFrom(...EDGE_INSTANTS), fc.date({ min: new Date('1900-01-01'), max: new Date('2300-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
      if (pattern.includes('(0[1-9]|1[0-2])-(0[1-9]')) return fc.constantFrom(...EDGE_DATES);
      if (pattern.includes('(0[1-9]|1[0-2])$')) return fc.constantFrom(...EDGE_MONTHS);
      if (pattern.includes(':[0-5]')) return fc.constantFrom('00:00', '08:00', '23:59', '02:30', '24:00', '+02:00', '-05:30');
      if (schema.maxLength === 64) return fc.constantFrom(...ids);
      return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) }), fc.constantFrom('Acme Ltd', 'new@test.example', 'Europe/Berlin', 'EUR', 'a long enough password'));
    }
    case 'integer':
      return fc.oneof(fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 }), fc.constantFrom(...EDGE_NUMBERS));
    case 'number':
      return fc.oneof(fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true }), fc.constantFrom(...EDGE_NUMBERS));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? valueFor(schema.items, ids, depth + 1) : hostileValue, { maxLength: 8 });
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
      const shape = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, valueFor(v, ids, depth + 1)]));
      return fc.record(shape, { requiredKeys: [] });
    }
    default:
      return hostileValue;
  }
}

/** A path segment, percent-encoded; a lone surrogate becomes a malformed UTF-8 sequence (hostile too). */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

const asQueryValue = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function requestFor(path: string, op: Operation, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const segment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '')) });
  const pathArb = fc.tuple(...pathParams.map((p) => (p.schema.pattern?.includes('(0[1-9]|1[0-2])-(0[1-9]') ? fc.constantFrom(...EDGE_DATES) : segment)))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, encodeSegment(String(values[i]))), path));
  const queryArb = fc.tuple(...queryParams.map((p) => fc.option(valueFor(p.schema, ids), { nil: undefined })))
    .map((values) => {
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (values[i] !== undefined) search.append(p.name, asQueryValue(values[i]));
      });
      const text = search.toString();
      return text ? `?${text}` : '';
    });
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const bodyArb: fc.Arbitrary<FuzzRequest['payload']> = bodySchema
    ? fc.oneof(
      { weight: 6, arbitrary: valueFor(bodySchema, ids).map((b) => JSON.stringify(b) ?? 'null') },
      { weight: 1, arbitrary: fc.constantFrom('{', 'not json', '{"a":', '[1,2', '"\\u0000"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}') },
    )
    : fc.constant(undefined);
  return fc.record({ path: pathArb, query: queryArb, payload: bodyArb, plain: fc.boolean() })
    .map(({ path: p, query, payload, plain }) => ({
      url: `${p}${query}`,
      payload,
      // Mostly JSON; sometimes the body is sent as text/plain (415 for a Bearer client).
      contentType: payload === undefined ? undefined : plain && payload.length % 5 === 0 ? 'text/plain' : 'application/json',
    }));
}

describe(`fuzz every operation of the OpenAPI document (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let doc: Document;
  let ids: string[];

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    const other = await createOrg(ctx);
    doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const entry = await ctx.app.inject({
      method: 'POST', url: '/api/work-entries', headers: { authorization: `Bearer ${org.users.admin.token}` },
      payload: { customerId: org.customers.acme, categoryId: org.categories.regular, startedAt: '2026-01-05T08:00:00Z', stoppedAt: '2026-01-05T09:00:00Z' },
    });
    expect(entry.statusCode).toBe(201);
    ids = [
      ...Object.values(org.users).map((u) => u.id), org.customers.acme, org.customers.globex, org.categories.regular, org.categories.support,
      entry.json<{ id: string }>().id, other.users.alice.id, other.customers.acme, other.categories.regular, 'no-such-id',
    ];
    const tables = await ctx.db.unscoped.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const watched = tables.map((t) => t.tablename).filter((t) => !BOOKKEEPING.test(t));
    expect(watched).toEqual(expect.arrayContaining(['User', 'WorkEntry', 'Customer', 'Organization']));
    // Every row a committed statement inserts, updates or deletes in a watched table counts once:
    // a row trigger bumps a counter in the same transaction, so a write rolled back leaves it as
    // it was. Reading one counter per request replaced an md5 over every table (37 ms a request,
    // a third of the test's time on a busy machine). Stricter than comparing contents: a refused
    // request may not even rewrite a row with the values it had.
    await ctx.db.unscoped.query('CREATE TABLE fuzz_writes (n bigint NOT NULL)');
    await ctx.db.unscoped.query('INSERT INTO fuzz_writes VALUES (0)');
    await ctx.db.unscoped.query(`CREATE FUNCTION fuzz_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$`);
    for (const table of watched) {
      await ctx.db.unscoped.query(`CREATE TRIGGER fuzz_count_write AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_count_write()`);
    }
    // The counter sees a write that is kept.
    const before = await checksum();
    const created = await ctx.app.inject({ method: 'POST', url: '/api/customers', headers: { authorization: `Bearer ${org.users.admin.token}` }, payload: { name: 'Fuzz counter check' } });
    expect(created.statusCode).toBe(201);
    expect(Number(await checksum())).toBeGreaterThan(Number(before));
  });

  const checksum = async () => (await ctx.db.unscoped.query<{ n: string }>('SELECT n::text FROM fuzz_writes'))[0]?.n;
  /** A fresh admin session per request: a fuzzed logout or "sign out everywhere" must not end the run. */
  const adminToken = async () => {
    const session = await createSession({ prisma: ctx.db.prisma, user: { id: org.users.admin.id, organizationId: org.orgId }, device: 'fuzz', now: new Date() });
    return ctx.app.jwt.sign({ sub: org.users.admin.id, org: org.orgId, sid: session.id });
  };

  // The operations in PARTS tests (every PARTS-th one each), so the hang guard (testTimeout) is
  // per part and a failure names a smaller set; together they cover every operation.
  const PARTS = 4;
  it.each(Array.from({ length: PARTS }, (_, part) => part))('answers no 5xx, only documented statuses, and stores nothing when it refuses (part %i)', async (part) => {
    const all = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase() as Method, op })))
      .filter(({ path, method }) => !SKIP.has(`${method} ${path}`));
    expect(all.length).toBeGreaterThan(40);
    const operations = all.filter((_, i) => i % PARTS === part);
    const failures: string[] = [];
    let requests = 0;
    // The requests run one at a time and nothing else writes the watched tables meanwhile, so the
    // state after one request is the state before the next: one checksum per request.
    let stored = await checksum();
    for (const { path, method, op } of operations) {
      await fc.assert(
        fc.asyncProperty(requestFor(path, op, ids), async (req) => {
          requests++;
          const before = stored;
          const res = await ctx.app.inject({
            method, url: req.url,
            headers: { authorization: `Bearer ${await adminToken()}`, ...(req.contentType ? { 'content-type': req.contentType } : {}) },
            ...(req.payload === undefined ? {} : { payload: req.payload }),
          });
          const label = `${method} ${path} → ${res.statusCode} for ${req.url} ${req.payload?.slice(0, 200) ?? ''}`;
          stored = await checksum();
          if (res.statusCode >= 500) failures.push(`5xx: ${label} ${res.body.slice(0, 200)}`);
          else if (op.responses[String(res.statusCode)] === undefined) failures.push(`undocumented: ${label} ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && stored !== before) failures.push(`stored a change: ${label}`);
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
      );
    }
    expect(failures).toEqual([]);
    expect(requests).toBe(operations.length * RUNS_PER_OPERATION);
  });
});
