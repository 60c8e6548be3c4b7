import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The files that start processes or build databases of their own, longest first. They start
 * before the rest, so the two workers end together instead of one finishing a minute-long file
 * alone at the end (with no timings cached yet, as on a fresh clone, vitest would start the
 * largest files first, and these are small).
 */
const SLOW_FIRST = [
  'src/db/migrate.test.ts',
  'src/server.test.ts',
  'src/fuzz.test.ts',
  'src/compiled-server.test.ts',
  'src/modules/diary/diary-agreement.test.ts',
  'src/scale-out.test.ts',
  'src/db/backup.test.ts',
  'src/modules/exports/customer-export.test.ts',
];

class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((name) => file.moduleId.endsWith(name));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', '../../bench/**/*.test.ts'],
    // Builds the migrated database the files copy from, once per run (src/test/global-setup.ts).
    globalSetup: ['src/test/global-setup.ts'],
    // Closes what setupTestApp opened when each file ends (src/test/helper.ts closeTestApps).
    setupFiles: ['src/test/close-apps.ts'],
    sequence: { sequencer: SlowFirstSequencer },
    // Guards against a hang, not a speed limit: on a shared two-core machine under heavy load a
    // file's set-up (fresh database, app, fixtures) has been seen to take over a minute.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    // Each worker process runs its test files one after another with one module cache, instead of a
    // new process per file: importing Fastify, Prisma and PGlite again per file was half of the
    // suite's CPU time. Isolation between files comes from setupTestApp (a fresh database and app
    // per file, closed in afterAll); so a test file must close what it opens, undo fake timers and
    // spies in afterEach/afterAll, and not vi.mock modules (a mock would leak into later files).
    isolate: false,
    // PGlite's WebAssembly compiled by V8's baseline compiler only (Liftoff), without the optimising
    // tier-up: every file starts an engine of its own, and the optimising compiler's background work
    // on PGlite's 8 MB module cost more than it won in files that last seconds. Measured on 40 API
    // files (PGlite): 118–128 → 99–100 busy core-seconds, 63–69 → 54–55 s; on the five longest
    // files 63 → 57 core-seconds. Only the test workers: the server keeps V8's defaults.
    execArgv: ['--liftoff-only'],
  },
});
