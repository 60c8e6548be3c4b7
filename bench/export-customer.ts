// Benchmark: GET /api/exports/customers/:id.xlsx for a customer with 50,000 finished sessions in
// the range (50 users × 1,000 sessions over a year), on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
// Prints the export time, the file size, and how long the event loop was held at most meanwhile.
//   pnpm bench export            (from the repo root)
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench export
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as XLSX from 'xlsx';
import { DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { newId } from '../apps/api/src/db/ids.ts';
import { engines, fmt, ms, openBench, time } from './lib/harness.ts';

const USERS = 50;
const ROWS = 50_000;

for (const engine of engines()) {
  const bench = await openBench(engine);
  try {
    const t0 = performance.now();
    const orgId = newId();
    const customerId = newId();
    const categoryIds = [newId(), newId(), newId()];
    const userIds = Array.from({ length: USERS }, () => newId());
    const prisma = bench.db.prisma;
    await prisma.organization.create({ data: { id: orgId, name: 'Export Bench', timeZone: 'Europe/Berlin', currency: 'EUR' } });
    await prisma.workRules.create({ data: { id: newId(), organizationId: orgId, ...DEFAULT_WORK_RULES } });
    await prisma.user.createMany({ data: userIds.map((id, i) => ({
      id, organizationId: orgId, email: `export${i}-${orgId.slice(0, 8)}@bench.example`, name: `Employee ${String(i).padStart(2, '0')}`,
      role: i === 0 ? 'MANAGER' as const : 'MEMBER' as const, payType: 'HOURLY' as const, hourlyRate: 2000,
    })) });
    await prisma.customer.create({ data: { id: customerId, organizationId: orgId, name: 'Big Customer AG' } });
    await prisma.category.createMany({ data: categoryIds.map((id, i) => ({ id, organizationId: orgId, name: `Category ${i}` })) });
    // Session g belongs to user g % 50 and starts 8 h after that user's previous one: no overlaps.
    await bench.db.sql.query(
      `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "note", "source", "createdById", "updatedAt")
       SELECT gen_random_uuid()::text, $1, ($2::text[])[1 + g % ${USERS}], $3, ($4::text[])[1 + g % 3],
              s, s + make_interval(mins => 30 + (g % 7) * 20),
              CASE WHEN g % 100 = 0 THEN '=HYPERLINK("x")' ELSE 'Worked on ticket #' || g END,
              'MANUAL', ($2::text[])[1 + g % ${USERS}], now()
         FROM generate_series(0, ${ROWS - 1}) AS g,
              LATERAL (SELECT timestamptz '2025-01-01 06:00:00+00' + make_interval(hours => (g / ${USERS}) * 8, mins => (g % ${USERS})) AS s) AS t`,
      [orgId, userIds, customerId, categoryIds],
    );
    await bench.db.sql.query('ANALYZE "WorkEntry"');
    console.log(`\n[export-customer] ${engine.name}: seeded ${ROWS} entries for one customer in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const token = await bench.tokenFor(userIds[0] as string, orgId);
    const url = `/api/exports/customers/${customerId}.xlsx?from=2025-01-01&to=2025-12-31`;
    let bytes = 0;
    let fileName = '';
    const exportOnce = async () => {
      const res = await bench.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`GET ${url} → ${res.statusCode} ${res.body}`);
      bytes = res.rawPayload.length;
      fileName = /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1] ?? '';
      return res.rawPayload;
    };

    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const heapBefore = process.memoryUsage().rss;
    const stats = await time(exportOnce, { runs: 5, warmup: 1 });
    loop.disable();
    const rssGrowth = process.memoryUsage().rss - heapBefore;

    const wb = XLSX.read(await exportOnce(), { type: 'buffer' });
    const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
    const range = XLSX.utils.decode_range(ws['!ref'] as string);
    const dataRows = range.e.r - 1; // minus the header and the totals row
    if (dataRows !== ROWS) throw new Error(`expected ${ROWS} data rows, got ${dataRows}`);

    console.log(`[export-customer] ${engine.name} ${fileName}: ${dataRows} rows, ${(bytes / 1024 / 1024).toFixed(2)} MB`);
    console.log(`[export-customer] ${engine.name} GET export (query + sheet + zip): ${fmt(stats)}`);
    console.log(`[export-customer] ${engine.name} event loop held at most ${ms(loop.max / 1e6)} (p99 ${ms(loop.percentile(99) / 1e6)}) during the exports; RSS grew ${(rssGrowth / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await bench.close();
  }
}
