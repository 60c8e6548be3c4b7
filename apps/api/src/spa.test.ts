import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineName, setupTestApp, type TestContext } from './test/helper.ts';

describe(`serving the built SPA (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Workdiary</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    ctx = await setupTestApp({ env: { WEB_DIST: dist } });
  });

  it('answers app routes with index.html, so deep links and reloads work', async () => {
    for (const url of ['/', '/customers', '/diary/some-user?month=2026-02', '/settings/organization']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves built files, and a missing one is a 404, not the HTML page', async () => {
    const js = await ctx.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    const stale = await ctx.app.inject({ method: 'GET', url: '/assets/app-old.js' });
    expect(stale.statusCode).toBe(404);
    expect(stale.json().error.code).toBe('NOT_FOUND');
    expect((await ctx.app.inject({ method: 'GET', url: '/favicon-missing.png' })).statusCode).toBe(404);
  });

  it('keeps unknown API paths as JSON 404s', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
