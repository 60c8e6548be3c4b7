// Benchmark: POST /api/imports with a 100,000-row Toggl Track detailed report (50 people, 20
// clients, 10 tasks), dry run and import, over real HTTP on an ephemeral port, on PGlite and (with
// TEST_DATABASE_URL) PostgreSQL, against a bare script that parses the same file with csv-parse
// and inserts the rows with ONE multi-row INSERT (unnest of arrays) through the same driver,
// interleaved in the same process. After each import run the import is undone (DELETE
// /api/imports/:id) and after each reference run its rows are deleted, untimed, so every run
// starts from the same database. Per side: wall time, peak RSS above idle, longest event-loop block.
//   pnpm bench imports                     (from the repo root; BENCH_IMPORT_ROWS=20000 for a quick run)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench imports
import http from 'node:http';
import { parse } from 'csv-parse/sync';
import { DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { newId } from '../apps/api/src/db/ids.ts';
import type { Database } from '../apps/api/src/db/engine.ts';
import { engines, measureRun, openBench, summarize, type RunCost } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';

const USERS = 50;
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);

const pad = (n: number) => String(n).padStart(2, '0');
const wall = (ms: number) => {
  const d = new Date(ms);
  return [`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`];
};

/** Row g: person g % USERS, every person's sessions 3 h apart (1 h 40 long at most), read in UTC. */
function togglCsv(tag: string): Buffer {
  const lines = ['\ufeff"User","Email","Client","Project","Task","Description","Billable","Start date","Start time","End date","End time","Duration","Tags","Amount (EUR)"'];
  const base = Date.UTC(2024, 0, 1, 6);
  for (let g = 0; g < ROWS; g++) {
    const u = g % USERS;
    const start = base + Math.floor(g / USERS) * 3 * 3_600_000 + u * 60_000;
    const stop = start + (30 + (g % 5) * 17) * 60_000;
    const [sd, st] = wall(start);
    const [ed, et] = wall(stop);
    lines.push(`"Person ${u}","person${u}-${tag}@bench.example","Client ${g % 20}","Project ${g % 40}","Task ${g % 10}","Ticket #${g}, worked on it","Yes","${sd}","${st}","${ed}","${et}","","",""`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function seed(db: Database) {
  const orgId = newId();
  const tag = orgId.slice(0, 8);
  const adminId = newId();
  const userIds = Array.from({ length: USERS }, () => newId());
  await db.prisma.organization.create({ data: { id: orgId, name: 'Import Bench', timeZone: 'UTC', currency: 'EUR' } });
  await db.prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
  await db.prisma.user.createMany({ data: [
    { id: adminId, organizationId: orgId, email: `admin-${tag}@bench.example`, name: 'Admin', role: 'ADMIN' as const, payType: 'HOURLY' as const, hourlyRate: 0 },
    ...userIds.map((id, i) => ({ id, organizationId: orgId, email: `person${i}-${tag}@bench.example`, name: `Person ${i}`, role: 'MEMBER' as const, payType: 'HOURLY' as const, hourlyRate: 2000 })),
  ] });
  return { orgId, tag, adminId };
}

/** The reference: parse the same file, look people, clients and tasks up, one multi-row INSERT. */
async function bareImport(db: Database, orgId: string, adminId: string, file: Buffer): Promise<number> {
  const records = parse(file, { bom: true, columns: true }) as Array<Record<string, string>>;
  const users = new Map((await db.unscoped.query<{ id: string; email: string }>(`SELECT id, email FROM "User" WHERE "organizationId" = $1`, [orgId])).map((u) => [u.email, u.id]));
  const customers = new Map((await db.unscoped.query<{ id: string; name: string }>(`SELECT id, name FROM "Customer" WHERE "organizationId" = $1`, [orgId])).map((c) => [c.name, c.id]));
  const categories = new Map((await db.unscoped.query<{ id: string; name: string }>(`SELECT id, name FROM "Category" WHERE "organizationId" = $1`, [orgId])).map((c) => [c.name, c.id]));
  const cols: string[][] = [[], [], [], [], [], [], []];
  for (const r of records) {
    cols[0]?.push(newId());
    cols[1]?.push(users.get(r.Email ?? '') ?? '');
    cols[2]?.push(customers.get(r.Client ?? '') ?? '');
    cols[3]?.push(categories.get(r.Task ?? '') ?? '');
    cols[4]?.push(`${r['Start date']}T${r['Start time']}Z`);
    cols[5]?.push(`${r['End date']}T${r['End time']}Z`);
    cols[6]?.push(r.Description ?? '');
  }
  await db.unscoped.query(
    `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "note", "source", "createdById", "updatedAt")
     SELECT i, $1, u, c, k, s::timestamptz, e::timestamptz, n, 'MANUAL', $2, now()
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(i, u, c, k, s, e, n)`,
    [orgId, adminId, ...cols],
  );
  return records.length;
}

function post(url: string, token: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const { orgId, tag, adminId } = await seed(bench.db);
    const file = togglCsv(tag);
    console.log(`\n[imports] ${engine.name}: a Toggl file of ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB`);
    const token = await bench.tokenFor(adminId, orgId);
    const base = await bench.app.listen({ host: '127.0.0.1', port: 0 });
    let lastId = '';
    const dryRun = async () => {
      const res = await post(`${base}/api/imports?format=toggl&dryRun=true`, token, file);
      if (res.status !== 200) throw new Error(`dry run → ${res.status} ${res.body.slice(0, 500)}`);
      const body = JSON.parse(res.body) as { entries: { toCreate: number }; errors: unknown[] };
      if (body.entries.toCreate !== ROWS || body.errors.length > 0) throw new Error(`dry run: ${res.body.slice(0, 500)}`);
    };
    const importRun = async () => {
      const res = await post(`${base}/api/imports?format=toggl&dryRun=false`, token, file);
      if (res.status !== 201) throw new Error(`import → ${res.status} ${res.body.slice(0, 500)}`);
      lastId = (JSON.parse(res.body) as { id: string }).id;
    };
    const undo = async () => {
      const res = await bench.app.inject({ method: 'DELETE', url: `/api/imports/${lastId}`, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 204) throw new Error(`undo → ${res.statusCode} ${res.body}`);
    };
    const reference = async () => {
      const n = await bareImport(bench.db, orgId, adminId, file);
      if (n !== ROWS) throw new Error(`reference read ${n} rows`);
    };
    const clearReference = () => bench.db.unscoped.query(`DELETE FROM "WorkEntry" WHERE "organizationId" = $1 AND "importId" IS NULL`, [orgId]);

    // Warm-up (the first import also creates the clients and tasks), then interleaved runs.
    await dryRun();
    await importRun();
    await undo();
    await reference();
    await clearReference();
    const costs: Record<'dry' | 'import' | 'reference', RunCost[]> = { dry: [], import: [], reference: [] };
    for (let i = 0; i < RUNS; i++) {
      costs.dry.push(await measureRun(dryRun));
      costs.import.push(await measureRun(importRun));
      await undo();
      costs.reference.push(await measureRun(reference));
      await clearReference();
    }
    const r = summarize(costs.reference);
    for (const [what, runs] of [['dry run', costs.dry], ['import', costs.import]] as const) {
      const p = summarize(runs);
      const label = `import ${ROWS.toLocaleString('en')} Toggl rows, ${what}, ${engine.name}`;
      printFigure({ figure: `${label}, time (median)`, product: p.ms, reference: r.ms, unit: 'ms', target: '≤ 3×' });
      printFigure({ figure: `${label}, peak RSS above idle (max)`, product: p.peakAboveIdleMB, reference: r.peakAboveIdleMB, unit: 'MB', target: 'flat' });
      printFigure({ figure: `${label}, longest event-loop block, wall (max)`, product: p.loopMaxMs, reference: r.loopMaxMs, unit: 'ms', target: 'product ≤ 50 ms' });
      printFigure({ figure: `${label}, longest event-loop block, main-thread CPU (max)`, product: p.loopMaxCpuMs, reference: r.loopMaxCpuMs, unit: 'ms', target: 'product ≤ 50 ms' });
    }
  } finally {
    await bench.close();
  }
}
