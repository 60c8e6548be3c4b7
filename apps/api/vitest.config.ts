import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', '../../bench/**/*.test.ts'],
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
  },
});
