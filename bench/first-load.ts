// SPA first load: what a browser fetches for /login (the sign-in page, the first thing anyone
// opens) from the production server (`node apps/api/dist/server.js` serving apps/web/dist), summed
// as bytes on the wire (response bodies as sent, plus response headers), once with
// `Accept-Encoding: gzip` and once with `gzip, deflate, br`, each in a fresh headless Chromium
// context (empty cache). The reference is the target itself (issue 23: 170 KB gzip,
// 150 KB brotli), so the ratio must stay ≤ 1.00. Every file is listed with its encoding, so a
// file sent uncompressed or a chunk the sign-in page does not need shows up here.
// `--no-build` measures the current apps/web/dist as is (default: `vite build` + precompression first).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { freePort } from '../apps/api/src/test/processes.ts';
import { printFigure } from './lib/report.ts';

const root = path.resolve(import.meta.dirname, '..');
const KB = 1024;
const TARGETS = { gzip: 170, br: 150 } as const;

if (!process.argv.includes('--no-build')) {
  execFileSync('pnpm', ['--filter', '@workdiary/web', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
execFileSync(process.execPath, [path.join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-bench-first-load-'));
const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/server.js')], {
  cwd: root,
  env: {
    ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, DATABASE_URL: '',
    SEED_DEMO: 'true', COOKIE_SECURE: 'false', JWT_SECRET: 'bench-first-load-secret-bench-first', WEB_DIST: path.join(root, 'apps/web/dist'),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;

type Loaded = { url: string; encoding: string; body: number; headers: number; type: string };

async function loadLogin(acceptEncoding: string): Promise<Loaded[]> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { 'accept-encoding': acceptEncoding } });
    const page = await context.newPage();
    const responses: Promise<Loaded>[] = [];
    page.on('response', (response) => {
      responses.push((async () => {
        const sizes = await response.request().sizes();
        const headers = await response.allHeaders();
        return { url: response.url().replace(base, ''), encoding: headers['content-encoding'] ?? 'none', body: sizes.responseBodySize, headers: sizes.responseHeadersSize, type: headers['content-type'] ?? '' };
      })());
    });
    await page.goto(`${base}/login`, { waitUntil: 'networkidle' });
    await page.locator('input[type="password"]').waitFor();
    await page.waitForLoadState('networkidle');
    return await Promise.all(responses);
  } finally {
    await browser.close();
  }
}

try {
  for (const started = performance.now(); ; await new Promise((r) => setTimeout(r, 50))) {
    if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}`);
    if (performance.now() - started > 120_000) throw new Error('server not healthy within 120 s');
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
  }
  console.log(`node ${process.version}, ${os.cpus().length} cores; GET /login in headless Chromium, empty cache; reference: the issue's target`);
  for (const [name, accept] of [['gzip', 'gzip'], ['br', 'gzip, deflate, br']] as const) {
    const loaded = await loadLogin(accept);
    const total = loaded.reduce((sum, l) => sum + l.body + l.headers, 0);
    const files = [...loaded].sort((a, b) => b.body - a.body);
    for (const f of files) console.log(`  ${(f.body / KB).toFixed(1).padStart(6)} KB ${f.encoding.padEnd(4)} ${f.url}`);
    const plain = loaded.filter((l) => l.encoding === 'none' && l.body > 0 && !l.url.startsWith('/api/'));
    if (plain.length > 0) console.log(`  sent uncompressed (static): ${plain.map((l) => l.url).join(', ')}`);
    printFigure({ figure: `first load of /login, ${loaded.length} responses, Accept-Encoding: ${accept}, bytes on the wire`, product: total / KB, reference: TARGETS[name], unit: 'KB', target: '≤ 1.00' });
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
