import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineName } from './test/helper.ts';
import { exitWithin, startServer, type Server } from './test/processes.ts';

// A real server process stopped with SIGTERM while requests are on their way and keep-alive
// connections sit idle. Once, on the PGlite pass of the API tests.
const DRAIN_MS = 4_000;
const GRACE_MS = 90_000;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-shutdown-test-'));
let server: Server | undefined;
const sockets: net.Socket[] = [];
const agents: http.Agent[] = [];
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const agent of agents) agent.destroy();
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server?.exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Answer = { status: number; body: string; connection: string | undefined } | { error: string };

/** One GET: its HTTP answer, or the network error instead of one (ECONNRESET, ECONNREFUSED …). */
function get(url: string, agent: http.Agent | false): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }));
    req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
  });
}

describe.skipIf(engineName !== 'pglite')('stopping the server (SIGTERM)', () => {
  it('says 503 on /api/ready at once, answers every request sent around the signal, closes idle keep-alive connections and exits 0 well before the grace period', async () => {
    server = await startServer({
      NODE_ENV: 'production',
      JWT_SECRET: 'shutdown-test-secret-shutdown-test',
      DATA_DIR: dataDir,
      COOKIE_SECURE: 'false',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
    const { url } = server;
    const { port } = new URL(url);

    // Keep-alive connections a balancer or browser keeps open: four used once and then idle,
    // and three opened that never sent a request.
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    agents.push(idleAgent, busyAgent);
    const warm = await Promise.all([...Array.from({ length: 4 }, () => get(`${url}/api/health`, idleAgent)), ...Array.from({ length: 6 }, () => get(`${url}/api/health`, busyAgent))]);
    expect(warm.map((a) => ('status' in a ? a.status : a.error))).toEqual(Array(10).fill(200));
    const rawClosed: Array<Promise<void>> = [];
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(Number(port), '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => undefined);
      rawClosed.push(new Promise((resolve) => socket.once('close', () => resolve())));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    }

    // 12 requests sent, not yet answered (most not yet read), when the signal arrives …
    const paths = ['/api/health', '/api/setup', '/api/openapi.json'];
    const batch = (n: number) => Array.from({ length: n }, (_, i) => get(`${url}${paths[i % paths.length]}`, i % 2 === 0 ? busyAgent : false));
    const before = batch(12);
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');

    // … /api/ready turns 503 while the server still accepts new connections …
    let ready: Answer;
    for (;;) {
      ready = await get(`${url}/api/ready`, false);
      if (!('status' in ready) || ready.status !== 200) break;
      expect(Date.now() - signalledAt, '/api/ready still 200').toBeLessThan(30_000);
    }
    expect(ready).toMatchObject({ status: 503, body: JSON.stringify({ status: 'draining' }) });
    // … and 12 more sent after the balancer could have seen it.
    const after = batch(12);

    const answers = await Promise.all([...before, ...after]);
    const summary = answers.map((a) => ('status' in a ? a.status : a.error));
    expect(summary, 'every request gets an HTTP answer').toEqual(Array(24).fill(200));
    // Answered during the drain, none keeps its connection for a next request.
    const keptAlive = answers.slice(12).filter((a, i) => i % 2 === 0 && 'status' in a && a.connection !== 'close');
    expect(keptAlive).toEqual([]);

    // The idle keep-alive connections do not hold the process: it exits 0 soon after the drain.
    expect(await exitWithin(server, 45_000), server.output()).toBe(0);
    const stoppedAfter = Date.now() - signalledAt;
    expect(stoppedAfter, 'kept accepting for the drain window').toBeGreaterThanOrEqual(DRAIN_MS - 100);
    expect(stoppedAfter, 'well before the grace period').toBeLessThan(GRACE_MS / 2);
    await Promise.all(rawClosed); // closed by the server, not by us
    expect(server.output()).not.toMatch(/grace period/);
  }, 240_000);
});
