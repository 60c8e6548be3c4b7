import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readEnv, REPO_ROOT } from '../config/env.ts';
import { createTemplate, dropDatabases, dropLeftovers, listOwnedDatabases, ownedBy, pgliteSnapshot } from './database.ts';

/**
 * Runs once per `vitest run` (a whole run or a single file), before any test file: makes the
 * migrated database every file starts from (the PGlite snapshots, or on PostgreSQL this run's own
 * template), so that the workers do not each build it at the same moment. Each file still gets a
 * database of its own and drops it when it ends.
 *
 * On PostgreSQL the teardown leaves nothing behind: it drops the template and any database of
 * this run a file did not drop (and then fails the run, naming them: a file leaked one), then lists
 * the server's test databases again and fails if one of this run's is still there. The setup
 * first drops what earlier, crashed runs left (database.ts `dropLeftovers`).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const removeBuild = buildApi(project);
  const env = readEnv({ NODE_ENV: 'test' });
  const baseUrl = env.TEST_DATABASE_URL;
  if (!baseUrl) {
    project.provide('workdiaryPostgres', null);
    await pgliteSnapshot('migrated');
    return async () => removeBuild();
  }
  const leftovers = await dropLeftovers(baseUrl);
  if (leftovers.length > 0) console.log(`[test databases] dropped ${leftovers.length} left by earlier runs: ${leftovers.join(', ')}`);
  const template = await createTemplate(baseUrl, process.pid);
  project.provide('workdiaryPostgres', { ownerPid: process.pid, template });

  return async () => {
    removeBuild();
    const ours = async () => (await listOwnedDatabases(baseUrl)).filter((o) => ownedBy(o, process.pid)).map((o) => o.name);
    const leaked = (await ours()).filter((name) => name !== template);
    await dropDatabases(baseUrl, [template, ...leaked]);
    const still = await ours();
    const problem = still.length > 0
      ? `this run left databases on the server that could not be dropped: ${still.join(', ')}`
      : leaked.length > 0 ? `a test file did not drop its database(s) (dropped now): ${leaked.join(', ')}` : null;
    if (problem) {
      // vitest only logs an error thrown here ("error during close"); the exit code makes the run fail.
      process.exitCode = 1;
      throw new Error(`[test databases] ${problem}`);
    }
  };
}

/**
 * Compiles the API once for this run (apps/api/build.mjs, about a second) into a folder of its own,
 * for the tests that start real processes (test/processes.ts): plain `node server.js` starts in
 * half the time of the sources under tsx (4.4 s against 9.5 s on an idle two-core machine, most of
 * it CPU), and those tests start about twenty. Built at the start of every run, so never stale.
 * Returns what removes it again.
 */
function buildApi(project: TestProject): () => void {
  const apiDir = path.join(REPO_ROOT, 'apps/api');
  // Inside apps/api, so that the bundle's runtime imports resolve from its node_modules.
  const outdir = path.join(apiDir, '.test-build', String(process.pid));
  execFileSync(process.execPath, [path.join(apiDir, 'build.mjs'), outdir], { stdio: 'inherit' });
  project.provide('workdiaryBuild', outdir);
  return () => fs.rmSync(outdir, { recursive: true, force: true });
}
