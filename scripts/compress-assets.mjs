// Precompresses a built SPA (default apps/web/dist): writes <file>.br and <file>.gz beside every
// text asset, so the API serves them with no compression work per request (@fastify/static
// `preCompressed`). Source maps are skipped: they are not served in production.
// Usage: node scripts/compress-assets.mjs [dist-dir]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../apps/web/dist'));
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest|ico|xml)$/i;
// Every text file, small ones too (a 300-byte chunk still halves): a compressed copy is written
// only when it is smaller than the file, so @fastify/static falls back to the plain file only
// where compression would have added bytes.

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
  const br = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  const gz = zlib.gzipSync(data, { level: 9 });
  // A rebuild into the same folder must not leave a stale copy beside a file that now gains nothing.
  for (const [ext, packed] of [['br', br], ['gz', gz]]) {
    if (packed.length < data.length) fs.writeFileSync(`${file}.${ext}`, packed);
    else fs.rmSync(`${file}.${ext}`, { force: true });
  }
  count++;
  before += data.length;
  afterBr += Math.min(br.length, data.length);
}
const kb = (n) => `${Math.round(n / 1024)} kB`;
console.log(`› precompressed ${count} files in ${path.relative(process.cwd(), root) || '.'}: ${kb(before)} → ${kb(afterBr)} brotli`);
