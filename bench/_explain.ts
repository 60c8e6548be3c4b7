import { addMonths, currentMonth, DEFAULT_WORK_RULES } from '../packages/shared/src/index.ts';
import { monthDayParams } from '../apps/api/src/modules/diary/diary.sql.ts';
import { engines, openBench } from './lib/harness.ts';
import { seedYear } from './lib/seed-year.ts';
import fs from 'node:fs';

const now = new Date();
const tz = 'Europe/Berlin';
const month = addMonths(currentMonth(tz, now), -1);
const text = fs.readFileSync(new URL('../apps/api/src/modules/diary/diary.sql.ts', import.meta.url), 'utf8');
const sql = /const OVERVIEW_SQL = \/\* sql \*\/ `([\s\S]*?)`;/.exec(text)?.[1] ?? '';
for (const engine of engines()) {
  const bench = await openBench(engine);
  const seeded = await seedYear(bench.db, { users: 200, months: 12, now, tz });
  const p = monthDayParams(month, tz);
  const rows = await bench.db.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${sql}`, [seeded.orgId, p.dates, p.starts, p.ends, p.weekdays, p.monthStart, p.monthEnd, DEFAULT_WORK_RULES.requiredMinutes, tz]);
  console.log(engine.name, '\n' + rows.map((r) => r['QUERY PLAN']).join('\n'));
  await bench.close();
}
