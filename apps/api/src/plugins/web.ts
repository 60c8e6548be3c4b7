import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Env } from '../config/env.ts';

/**
 * The built web app (WEB_DIST) when there is one, and the 404s: an unknown /api path answers the
 * API's error body; an app route falls back to index.html.
 */
export async function registerWeb(app: FastifyInstance, env: Env) {
  const webDist = env.WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  const production = env.NODE_ENV === 'production';
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      // <file>.br / <file>.gz written at build time (scripts/compress-assets.mjs), chosen by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply) => setCacheHeaders(reply.raw, reply.request.url),
      // Source maps stay on disk for decoding error reports; production does not hand them out.
      allowedPath: (pathName) => !(production && pathName.endsWith('.map')),
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // Only app routes fall back to index.html; a missing file (an old build's chunk) is a real 404.
    const looksLikeFile = pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname);
    if (pathname.startsWith('/api/') || pathname === '/api' || !hasWeb || request.method !== 'GET' || looksLikeFile) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${pathname}` } });
    }
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** Vite's /assets/* carry a content hash in their name: cache for a year. Anything else (index.html) is revalidated. */
function setCacheHeaders(res: { setHeader(name: string, value: string): unknown }, url: string) {
  const immutable = (url.split('?')[0] ?? '').startsWith('/assets/');
  res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}
