// Benchmark: GET /api/exports/customers/:id.xlsx for a customer with 100,000 finished sessions in
// the range (100 users), on PGlite and (with TEST_DATABASE_URL) PostgreSQL, against a bare SheetJS
// script writing the same rows (one query through the same driver, aoa_to_sheet, XLSX.write),
// interleaved in the same process (the export over real HTTP on an ephemeral port). Per side: wall
// time, peak RSS above idle, longest event-loop block.
//   pnpm bench export                     (from the repo root; BENCH_EXPORT_ROWS=20000 for a quick run)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench export
import http from 'node:http';
import * as XLSX from 'xlsx';
import { DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { newId } from '../apps/api/src/db/ids.ts';
import type { Database } from '../apps/api/src/db/engine.ts';
import { engines, measureRun, openBench, summarize, type RunCost } from './lib/harness.ts';
import { printFigure } from './lib/report.ts';

const USERS = 100;
const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const FROM = '2025-01-01';
const TO = '2027-12-31';

async function seed(db: Database) {
  const orgId = newId();
  const customerId = newId();
  const categoryIds = [newId(), newId(), newId()];
  const userIds = Array.from({ length: USERS }, () => newId());
  await db.prisma.organization.create({ data: { id: orgId, name: 'Export Bench', timeZone: 'Europe/Berlin', currency: 'EUR' } });
  await db.prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
  await db.prisma.user.createMany({ data: userIds.map((id, i) => ({
    id, organizationId: orgId, email: `export${i}-${orgId.slice(0, 8)}@bench.example`, name: `Employee ${String(i).padStart(3, '0')}`,
    role: i === 0 ? 'MANAGER' as const : 'MEMBER' as const, payType: 'HOURLY' as const, hourlyRate: 2000,
  })) });
  await db.prisma.customer.create({ data: { id: customerId, organizationId: orgId, name: 'Big Customer AG' } });
  await db.prisma.category.createMany({ data: categoryIds.map((id, i) => ({ id, organizationId: orgId, name: `Category ${i}` })) });
  // Session g belongs to user g % USERS and starts 8 h after that user's previous one: no overlaps.
  await db.unscoped.query(
    `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "note", "source", "createdById", "updatedAt")
     SELECT gen_random_uuid()::text, $1, ($2::text[])[1 + g % ${USERS}], $3, ($4::text[])[1 + g % 3],
            s, s + make_interval(mins => 30 + (g % 7) * 20),
            CASE WHEN g % 100 = 0 THEN '=HYPERLINK("x")' ELSE 'Worked on ticket #' || g END,
            'MANUAL', ($2::text[])[1 + g % ${USERS}], now()
       FROM generate_series(0, ${ROWS - 1}) AS g,
            LATERAL (SELECT timestamptz '2025-01-01 06:00:00+00' + make_interval(hours => (g / ${USERS}) * 8, mins => (g % ${USERS})) AS s) AS t`,
    [orgId, userIds, customerId, categoryIds],
  );
  await db.unscoped.query('ANALYZE "WorkEntry"');
  return { orgId, customerId, managerId: userIds[0] as string };
}

type RefRow = { startedAt: Date | string; stoppedAt: Date | string; note: string; userName: string; customerName: string; categoryName: string };

/** The reference: what a bare script does with SheetJS, the same rows and the same cell kinds. */
async function bareSheetJs(db: Database, orgId: string, customerId: string): Promise<Buffer> {
  const rows = await db.unscoped.query<RefRow>(
    `SELECT e."startedAt", e."stoppedAt", e."note", u."name" AS "userName", c."name" AS "customerName", k."name" AS "categoryName"
       FROM "WorkEntry" e JOIN "User" u ON u."id" = e."userId" JOIN "Customer" c ON c."id" = e."customerId" JOIN "Category" k ON k."id" = e."categoryId"
      WHERE e."organizationId" = $1 AND e."customerId" = $2 AND e."stoppedAt" IS NOT NULL
        AND e."startedAt" >= $3::timestamptz AND e."startedAt" < $4::timestamptz
      ORDER BY e."startedAt", e."id"`,
    [orgId, customerId, `${FROM}T00:00:00+01:00`, `${TO}T23:59:59+01:00`],
  );
  const aoa: unknown[][] = [['Date', 'User', 'Customer', 'Category', 'Start', 'Stop', 'Duration', 'Hours', 'Note']];
  for (const r of rows) {
    const start = new Date(r.startedAt);
    const stop = new Date(r.stoppedAt);
    const minutes = Math.floor((stop.getTime() - start.getTime()) / 60_000);
    aoa.push([start, r.userName, r.customerName, r.categoryName, start, stop, minutes / 1440, Math.round((minutes / 60) * 100) / 100, r.note]);
  }
  const n = rows.length + 1;
  aoa.push(['Total', null, null, null, null, null, { t: 'n', f: `SUM(G2:G${n})` }, { t: 'n', f: `SUM(H2:H${n})` }, null]);
  const ws = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Labor sheet');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const { orgId, customerId, managerId } = await seed(bench.db);
    console.log(`\n[export-customer] ${engine.name}: seeded ${ROWS} entries for one customer in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const token = await bench.tokenFor(managerId, orgId);
    // A real HTTP request on an ephemeral port, the body taken as it arrives: inject() would add a
    // client-side copy and string conversion of the whole file that a real server never does.
    const base = await bench.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `${base}/api/exports/customers/${customerId}.xlsx?from=${FROM}&to=${TO}`;
    let last: Buffer = Buffer.alloc(0);
    const product = () => new Promise<void>((resolve, reject) => {
      http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          last = Buffer.concat(chunks);
          if (res.statusCode !== 200) reject(new Error(`GET ${url} → ${res.statusCode} ${last.toString()}`));
          else resolve();
        });
        res.on('error', reject);
      }).on('error', reject);
    });
    const reference = () => bareSheetJs(bench.db, orgId, customerId);

    // Warm-up of both, then the runs interleaved so both see the same machine load.
    await product();
    await reference();
    const costs: { product: RunCost[]; reference: RunCost[] } = { product: [], reference: [] };
    for (let i = 0; i < RUNS; i++) {
      costs.product.push(await measureRun(product));
      costs.reference.push(await measureRun(reference));
    }

    const wb = XLSX.read(last, { type: 'buffer', dense: true });
    const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
    const dataRows = XLSX.utils.decode_range(ws['!ref'] as string).e.r - 1; // minus the header and the totals row
    if (dataRows !== ROWS) throw new Error(`expected ${ROWS} data rows, got ${dataRows}`);
    console.log(`[export-customer] ${engine.name}: ${dataRows} rows, ${(last.length / 1024 / 1024).toFixed(2)} MB; ${RUNS} runs each, interleaved`);

    const p = summarize(costs.product);
    const r = summarize(costs.reference);
    const label = `export ${ROWS.toLocaleString('en')} rows, ${engine.name}`;
    printFigure({ figure: `${label}, time (median)`, product: p.ms, reference: r.ms, unit: 'ms', target: '≤ 1.1×' });
    printFigure({ figure: `${label}, peak RSS above idle (max)`, product: p.peakAboveIdleMB, reference: r.peakAboveIdleMB, unit: 'MB', target: 'product ≤ 300 MB' });
    printFigure({ figure: `${label}, longest event-loop block, wall (max)`, product: p.loopMaxMs, reference: r.loopMaxMs, unit: 'ms', target: 'product ≤ 50 ms' });
    // On a loaded machine a wait for a core looks like a block; the main thread's CPU shows what was its own.
    printFigure({ figure: `${label}, longest event-loop block, main-thread CPU (max)`, product: p.loopMaxCpuMs, reference: r.loopMaxCpuMs, unit: 'ms', target: 'product ≤ 50 ms' });
  } finally {
    await bench.close();
  }
}
