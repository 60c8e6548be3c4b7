// Compiles the API for production: one esbuild bundle per entry (the server and the CLI commands)
// with packages/shared and the generated Prisma client inlined, every npm dependency left to
// node_modules. `node dist/server.js` then starts without a TypeScript loader.
// Plain JavaScript on purpose: it must run with bare Node on a fresh clone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
// `node build.mjs [outdir]`: tests build into a folder of their own inside apps/api (so that
// node_modules resolves from it); everything else uses dist/.
const outdir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(here, 'dist');
const pkg = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
// Workspace packages are TypeScript sources: bundle them. Everything else stays a runtime import.
const external = Object.keys(pkg.dependencies).filter((name) => !pkg.dependencies[name].startsWith('workspace:'));

const started = Date.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: here,
  entryPoints: {
    server: 'src/server.ts',
    'cli/migrate': 'src/cli/migrate.ts',
    'cli/seed': 'src/cli/seed.ts',
    'cli/create-admin': 'src/cli/create-admin.ts',
    'cli/backup': 'src/cli/backup.ts',
    'cli/restore': 'src/cli/restore.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: [...external, ...external.map((name) => `${name}/*`)],
  // Stack traces can be mapped back with NODE_OPTIONS=--enable-source-maps (see the README).
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  banner: { js: '// Built by apps/api/build.mjs from src/; do not edit.' },
});
// lib/excel.ts and db/pglite-thread.ts load their workers by URL relative to themselves: dist/ when
// they are inlined in an entry, dist/chunks/ when esbuild splits them into a shared chunk (as it
// does today). Copy each to both.
for (const dir of [outdir, path.join(outdir, 'chunks')]) {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(here, 'src/lib/excel-worker.mjs'), path.join(dir, 'excel-worker.mjs'));
  fs.copyFileSync(path.join(here, 'src/db/pglite-worker.mjs'), path.join(dir, 'pglite-worker.mjs'));
}
// A fresh PGlite cluster (what initdb writes into an empty folder), made once per PGlite version
// and kept in node_modules/.cache: a server whose data folder is new loads it instead of running
// initdb (db/engine.ts freshClusterFor), the longest part of a first start.
const pglitePkg = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'));
const clusterCache = path.join(here, 'node_modules/.cache/workdiary', `pglite-initdb-${pglitePkg.version}.tar.gz`);
if (!fs.existsSync(clusterCache)) {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create();
  const tarball = Buffer.from(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  await pg.close();
  fs.mkdirSync(path.dirname(clusterCache), { recursive: true });
  const partial = `${clusterCache}.${process.pid}.tmp`; // builds running together each write their own
  fs.writeFileSync(partial, tarball);
  fs.renameSync(partial, clusterCache);
}
for (const dir of [outdir, path.join(outdir, 'chunks')]) fs.copyFileSync(clusterCache, path.join(dir, 'pglite-initdb.tar.gz'));
console.log(`› api built into ${path.relative(path.join(here, '../..'), outdir)} in ${Date.now() - started} ms`);
