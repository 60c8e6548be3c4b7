// Precompresses a built SPA (default apps/web/dist): writes <file>.br and <file>.gz beside every
// text asset, so the API serves them with no compression work per request (@fastify/static
// `preCompressed`). Source maps are skipped: they are not served in production.
// Usage: node scripts/compress-assets.mjs [dist-dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../apps/web/dist'));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|ico|xml)$/i;
// Tiny files gain nothing and cost a second lookup.
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

let count = 0;
let before = 0;
let afterBr = 0;
for (const file of files(root)) {
  if (!COMPRESSIBLE.test(file)) continue;
  const data = fs.readFileSync(file);
  if (data.length < MIN_BYTES) continue;
  const br = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, gz);
  count++;
  before += data.length;
  afterBr += br.length;
}
const kb = (n) => `${Math.round(n / 1024)} kB`;
console.log(`› precompressed ${count} files in ${path.relative(process.cwd(), root) || '.'}: ${kb(before)} → ${kb(afterBr)} brotli`);
