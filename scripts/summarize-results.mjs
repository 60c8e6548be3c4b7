// Adds up the JSON reports of every Vitest and Playwright run into one closing line.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
  if (!file.endsWith('.json')) continue;
  const data = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  let p = 0, f = 0, s = 0;
  if ('numPassedTests' in data) {
    p = data.numPassedTests; f = data.numFailedTests; s = data.numPendingTests + (data.numTodoTests ?? 0);
    // A file that fails outside its tests (a hook, an import) has no failed test of its own: count it.
    f += (data.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  } else if (data.stats) {
    p = data.stats.expected + (data.stats.flaky ?? 0); f = data.stats.unexpected; s = data.stats.skipped;
  }
  rows.push(`  ${file.replace(/\.json$/, '').padEnd(16)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
  passed += p; failed += f; skipped += s;
}
console.log('\n━━ summary');
for (const r of rows) console.log(r);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
