import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The journeys run against the production build: one API process serving the SPA, on a fresh
// embedded database seeded with the demo data. They share that database, so they run one at a time
// and each leaves the state it changed as it found it. Two more servers, each on a database of its
// own, serve the projects that may run beside them: the read-only screen tour (screens.spec.ts,
// the longest journeys) and first-run setup.
const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3100);
// Everything a run writes is under folders named by its port (E2E_PORT), so runs on other ports at
// the same time (engineers sharing a machine) neither wipe each other's databases nor rebuild the
// server under each other's feet.
const runDir = path.join(root, 'e2e/output', `servers-${port}`);
const dataDir = path.join(runDir, 'data');
// A second server on an empty database with demo data off: the first-run setup journey.
const firstRunPort = port + 1;
const firstRunDataDir = path.join(runDir, 'data-first-run');
// A third on its own demo database: the screen tour, which only reads.
const screensPort = port + 2;
const screensDataDir = path.join(runDir, 'data-screens');
// A fourth on its own demo database: the second lane of shared-database journeys. The journeys that
// change data run in two lanes, each one at a time on a database of its own (each journey leaves
// what it changed as it found it, so a lane needs no other lane's state): on a busy CI machine one
// lane of them was the suite's longest step (13 of 16 minutes), with cores idle meanwhile.
const laneTwoPort = port + 3;
const laneTwoDataDir = path.join(runDir, 'data-lane-2');
const LANE_TWO = ['**/settings.spec.ts', '**/shell.spec.ts', '**/timer.spec.ts', '**/users.spec.ts', '**/ux.spec.ts'];
const serverDir = path.join(root, 'apps/api/.e2e', String(port));
// The servers run the compiled API (into apps/api/.e2e/<port>): compile it once here (under a second), so a
// journey never runs against a stale build. Workers load this file again; the variable skips that.
if (!process.env.WD_E2E_API_BUILT) {
  execFileSync(process.execPath, [path.join(root, 'apps/api/build.mjs'), serverDir], { stdio: 'inherit' });
  process.env.WD_E2E_API_BUILT = '1';
}
// Debian's chromium-headless-shell when it is installed (npm test installs it with chromium): the
// old headless mode, which Playwright itself runs headless journeys in. The whole suite alone on
// this two-core machine: 741 core-seconds and 406 s against 931 and 502 s in the full browser
// (bench/README.md). WD_CHROMIUM names another binary.
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const chromiumPath = process.env.WD_CHROMIUM ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
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
    command: `rm -rf "${folder}" && node "${path.join(serverDir, 'server.js')}"`,
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
  // One worker per project at most (project `workers`): the journeys of a lane stay one at a time on
  // their database, while the other lane, the screen tour and first-run setup run beside them.
  workers: 3,
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
    // A click or navigation that cannot happen fails within a minute instead of waiting out the
    // journey's hang guard (the screen tour once waited 8 minutes, twice, for a table a phone no
    // longer shows).
    actionTimeout: 60_000,
    navigationTimeout: 60_000,
    // No pop-in animations: screenshots show dialogs as people see them once open.
    contextOptions: { reducedMotion: 'reduce' },
    launchOptions: {
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'chromium', workers: 1, use: { browserName: 'chromium' }, testIgnore: ['**/first-run.spec.ts', '**/screens.spec.ts', ...LANE_TWO] },
    { name: 'chromium-2', workers: 1, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${laneTwoPort}` }, testMatch: LANE_TWO },
    { name: 'screens', workers: 1, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${screensPort}` }, testMatch: '**/screens.spec.ts' },
    { name: 'first-run', workers: 1, use: { browserName: 'chromium', baseURL: `http://127.0.0.1:${firstRunPort}` }, testMatch: '**/first-run.spec.ts' },
  ],
  webServer: [
    server(port, dataDir, { seedDemo: true }),
    server(firstRunPort, firstRunDataDir, { seedDemo: false }),
    server(screensPort, screensDataDir, { seedDemo: true }),
    server(laneTwoPort, laneTwoDataDir, { seedDemo: true }),
  ],
});
