import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineName } from './test/helper.ts';
import { startServer, type Server } from './test/processes.ts';

// The production bundle (apps/api/build.mjs), not the sources: files it loads at run time beside
// itself (the Excel worker) only exist if the build puts them there. startServer runs the bundle
// the run's global setup built (test/global-setup.ts buildApi; a failed build fails the run).
// Once, on the PGlite pass.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wd-compiled-test-'));
let server: Server | undefined;
afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const XLSX_MAGIC = 'PK';

describe.skipIf(engineName !== 'pglite')('the compiled server (node dist/server.js)', () => {
  it('starts with plain node and answers every Excel export with a workbook', async () => {
    server = await startServer(
      { NODE_ENV: 'production', JWT_SECRET: 'compiled-test-secret-compiled-test', DATA_DIR: dataDir, COOKIE_SECURE: 'false' },
      150_000,
    );
    const setup = await fetch(`${server.url}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        organization: { name: 'Bundle Ltd', timeZone: 'Europe/Berlin', currency: 'EUR' },
        admin: { name: 'Bea Bundle', email: 'bea@bundle.example', password: 'a-long-enough-password' },
      }),
    });
    expect(setup.status).toBe(201);
    const { token } = (await setup.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const me = (await (await fetch(`${server.url}/api/me`, { headers: auth })).json()) as { id: string };
    const customer = await fetch(`${server.url}/api/customers`, {
      method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bundle Customer' }),
    });
    expect(customer.status).toBe(201);
    const { id: customerId } = (await customer.json()) as { id: string };

    // SheetJS in the worker thread (day, month, payroll) and the streamed labor sheet.
    const paths = [
      `/api/exports/diary/${me.id}/2026-11-02.xlsx`,
      `/api/exports/diary/${me.id}.xlsx?month=2026-11`,
      '/api/exports/diary.xlsx?month=2026-11',
      `/api/exports/customers/${customerId}.xlsx`,
    ];
    for (const p of paths) {
      const res = await fetch(`${server.url}${p}`, { headers: auth });
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status, `${p}: ${body.toString('utf8', 0, 200)}`).toBe(200);
      expect(body.toString('latin1', 0, 2), p).toBe(XLSX_MAGIC);
    }
  }, 240_000);
});
