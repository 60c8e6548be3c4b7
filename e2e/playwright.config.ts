import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The journeys run against the production build: one API process serving the SPA, on a fresh
// embedded database seeded with the demo data. They share that database, so they run one at a time
// and each leaves the state it changed as it found it. Two more servers, each on a database of its
// own, serve the projects that may run beside them: the read-only screen tour (screens.spec.ts,
// the longest journeys) and first-run setup.
const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.join(root, 'e2e/output/data');
// A second server on an empty database with demo data off: the first-run setup journey.
const firstRunPort = port + 1;
const firstRunDataDir = path.join(root, 'e2e/output/data-first-run');
// A third on its own demo database: the screen tour, which only reads.
const screensPort = port + 2;
const screensDataDir = path.join(root, 'e2e/output/data-screens');
// The servers run the compiled API (apps/api/dist): compile it once here (under a second), so a
// journey never runs against a stale build. Workers load this file again; the variable skips that.
if (!process.env.WD_E2E_API_BUILT) {
  execFileSync(process.execPath, [path.join(root, 'apps/api/build.mjs')], { stdio: 'inherit' });
  process.env.WD_E2E_API_BUILT = '1';
}
const serverEnv = {
  HOST: '127.0.0.1',
  DATABASE_URL: '',
  LOG_LEVEL: 'warn',
  LOGIN_RATE_LIMIT: '1000',
  JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret',
};

/** A production server on a fresh embedded database of its own (the folder is wiped first). */
function server(onPort: number, folder: string, { seedDemo }: { seedDemo: boolean }) {
  return {
    command: `rm -rf "${folder}" && node apps/api/dist/server.js`,
    cwd: root,
    url: `http://127.0.0.1:${onPort}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { ...serverEnv, PORT: String(onPort), DATA_DIR: folder, SEED_DEMO: String(seedDemo) },
  };
}

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: path.join(root, 'e2e/output/test-results'),
  fullyParallel: false,
  // One worker per project at most (project `workers`): the shared-database journeys stay one at a
  // time, while the screen tour and first-run setup, on databases of their own, run beside them.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  // Guards against a hang, not a speed limit (as in the API tests): the journeys run beside the other
  // test steps (scripts/test-all.sh), and on a busy two-core machine the longest took over 60 s.
  timeout: 180_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // A trace records a screencast of every step: on for every journey it was a third of the
    // journeys' CPU (Chromium encoding frames, the runner writing them), kept only for failures.
    // Recorded when a failed journey is retried (CI retries once); locally: --trace on.
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    timezoneId: 'Europe/Berlin',
    locale: 'en-GB',
    acceptDownloads: true,
    // No pop-in animations: screenshots show dialogs as people see them once open.
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', workers: 1, use: { browserName: 'chromium' }, testIgnore: ['**/first-run.spec.ts', '**/screens.spec.ts'] },
    { name: 'screens', workers: 1, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${screensPort}` }, testMatch: '**/screens.spec.ts' },
    { name: 'first-run', workers: 1, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${firstRunPort}` }, testMatch: '**/first-run.spec.ts' },
  ],
  webServer: [
    server(port, dataDir, { seedDemo: true }),
    server(firstRunPort, firstRunDataDir, { seedDemo: false }),
    server(screensPort, screensDataDir, { seedDemo: true }),
  ],
});
