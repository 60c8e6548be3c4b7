import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { isQuietUrl } from './app.ts';
import { REPO_ROOT } from './config/env.ts';
import { engineName, setupTestApp, type TestContext } from './test/helper.ts';

// Compressible: the script writes .br/.gz for it (for any text file it makes smaller).
const BIG_JS = `console.log(${JSON.stringify('workdiary '.repeat(300))});`;
// A few hundred bytes, like the small chunks the sign-in page loads: still compressed.
const SMALL_JS = `export const labels = ${JSON.stringify(Array.from({ length: 12 }, (_, i) => `label number ${i}`))};`;

describe(`serving the built SPA (${engineName})`, () => {
  let ctx: TestContext;
  let prod: TestContext;
  beforeAll(async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Workdiary</title><div id="root"></div>');
    fs.writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dist, 'assets', 'big-5678.js'), BIG_JS);
    fs.writeFileSync(path.join(dist, 'assets', 'small-9abc.js'), SMALL_JS);
    fs.writeFileSync(path.join(dist, 'assets', 'big-5678.js.map'), '{"version":3}');
    // The build step the web package runs after `vite build`.
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/compress-assets.mjs'), dist], { stdio: 'ignore' });
    ctx = await setupTestApp({ env: { WEB_DIST: dist } });
    prod = await setupTestApp({ env: { WEB_DIST: dist, NODE_ENV: 'production' } });
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

  it('caches hashed assets for a year and makes browsers revalidate index.html', async () => {
    const asset = await ctx.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/index.html', '/customers']) {
      const page = await ctx.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('serves the precompressed brotli or gzip file the client accepts, and the plain one otherwise', async () => {
    const br = await ctx.app.inject({ method: 'GET', url: '/assets/big-5678.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(BIG_JS);
    const gz = await ctx.app.inject({ method: 'GET', url: '/assets/big-5678.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(BIG_JS);
    const plain = await ctx.app.inject({ method: 'GET', url: '/assets/big-5678.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_JS);
  });

  it('serves small files compressed too, and a file compression would only grow as it is', async () => {
    const small = await ctx.app.inject({ method: 'GET', url: '/assets/small-9abc.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(small.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(small.rawPayload).toString()).toBe(SMALL_JS);
    const gz = await ctx.app.inject({ method: 'GET', url: '/assets/small-9abc.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    // 'console.log(1)': 14 bytes, which gzip and brotli would only make longer.
    const tiny = await ctx.app.inject({ method: 'GET', url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body).toBe('console.log(1)');
  });

  it('hands out source maps in development only', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/assets/big-5678.js.map' })).statusCode).toBe(200);
    const hidden = await prod.app.inject({ method: 'GET', url: '/assets/big-5678.js.map' });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('NOT_FOUND');
    expect((await prod.app.inject({ method: 'GET', url: '/assets/big-5678.js' })).statusCode).toBe(200);
  });

  it('keeps health probes and static files out of the request log, but not API calls', () => {
    for (const url of ['/api/health', '/api/ready', '/api/health?x=1', '/', '/assets/app-1234.js', '/customers']) expect(isQuietUrl(url), url).toBe(true);
    for (const url of ['/api/me', '/api/auth/login', '/api/events', '/api', '/api/healthz']) expect(isQuietUrl(url), url).toBe(false);
  });
});
