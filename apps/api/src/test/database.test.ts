/**
 * The PostgreSQL test databases are named after their owner so that no run leaves one behind:
 * what a crashed run left is dropped by the next run, a live run's databases are not touched.
 * (That the run's own teardown drops its template and fails on a leaked database is checked by the
 * teardown itself, src/test/global-setup.ts: a test cannot see the teardown of its own run.)
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import { dropDatabases, dropLeftovers, isLeftover, listOwnedDatabases, ownedDatabaseName, ownerOf } from './database.ts';

const env = readEnv({ NODE_ENV: 'test' });

describe('test database names', () => {
  it('name their owner and when they were made', () => {
    const before = Date.now();
    const owner = ownerOf(ownedDatabaseName('test', 4242));
    expect(owner).toMatchObject({ kind: 'test', pid: 4242 });
    expect(owner?.createdAt).toBeGreaterThanOrEqual(before - 1);
    expect(ownerOf('wd_template_0123456789ab_1f2e_77_mxabc123')).toMatchObject({ kind: 'template', host: '1f2e', pid: 77 });
    // Someone's own database is nobody's leftover.
    expect(ownerOf('wd_scratch_mine_7381')).toBeNull();
    expect(ownerOf('workdiary')).toBeNull();
  });

  it('count as left over when their owner here is gone or they are two days old', () => {
    const dead = deadPid();
    expect(isLeftover(ownerOf(ownedDatabaseName('test', dead))!)).toBe(true);
    expect(isLeftover(ownerOf(ownedDatabaseName('test', process.pid))!)).toBe(false);
    const old = ownerOf(ownedDatabaseName('test', process.pid))!;
    expect(isLeftover(old, old.createdAt + 3 * 24 * 60 * 60 * 1000)).toBe(true);
  });
});

describe.skipIf(!env.TEST_DATABASE_URL)('leftovers on the PostgreSQL server', () => {
  const baseUrl = env.TEST_DATABASE_URL as string;

  it("are dropped: a crashed run's database goes, a live run's stays", async () => {
    const crashed = ownedDatabaseName('test', deadPid());
    const live = ownedDatabaseName('test', process.pid);
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${crashed}"`);
      await admin.query(`CREATE DATABASE "${live}"`);
      const dropped = await dropLeftovers(baseUrl);
      expect(dropped).toContain(crashed);
      expect(dropped).not.toContain(live);
      const names = (await listOwnedDatabases(baseUrl)).map((o) => o.name);
      expect(names).not.toContain(crashed);
      expect(names).toContain(live);
    } finally {
      await dropDatabases(baseUrl, [crashed, live]);
      await admin.end();
    }
  });
});

/** The pid of a process that has just ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}
