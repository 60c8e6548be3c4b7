import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet from 'helmet';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Env, TrustProxy } from './config/env.ts';
import type { Database } from './db/engine.ts';
import { createMemoryEventBus, type EventBus } from './lib/events.ts';
import { createOrgCache, type OrgCache } from './lib/org-cache.ts';
import { databaseRateLimitStore } from './lib/rate-limit-store.ts';
import type { App } from './lib/types.ts';
import { sessionAuthenticator } from './modules/auth/session.ts';
import { routeModules } from './modules/index.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCsrfDefence } from './plugins/csrf.ts';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.ts';
import { openapiTransform } from './plugins/openapi.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    env: Env;
    events: EventBus;
    /** Organisation, customers, categories and work rules per organisation, dropped on change events. */
    orgCache: OrgCache;
    /** Set by the server while it shuts down: GET /api/ready then answers 503. */
    lifecycle: { draining: boolean };
    /** The server clock; tests may replace it. */
    now: () => Date;
  }
}

export type BuildAppOptions = {
  database: Database;
  env: Env;
  jwtSecret: string;
  events?: EventBus;
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
};

/** Builds the whole application as one Fastify instance; server.ts only listens. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const app = Fastify({
    frameworkErrors,
    logger: options.logger ?? false,
    // Off unless configured: with it on, any client could pick its own address (X-Forwarded-For).
    trustProxy: fastifyTrustProxy(options.env.TRUST_PROXY),
    // The whole request (headers and body) must arrive within 30 s: slow-loris clients cannot
    // hold sockets. Responses (SSE streams, long exports) are not limited by it.
    requestTimeout: 30_000,
    // Longer than the 60 s idle timeout of common load balancers, so they close first, never us.
    keepAliveTimeout: 65_000,
    // On close: idle keep-alive connections are closed at once (busy ones after their response).
    forceCloseConnections: 'idle',
    // Health and readiness probes and static files would drown the log; API calls are logged.
    logController: new LogController({ disableRequestLogging: (request) => isQuietUrl(request.url) }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('database', options.database);
  app.decorate('env', options.env);
  const events = options.events ?? createMemoryEventBus();
  app.decorate('events', events);
  app.decorate('orgCache', createOrgCache({ prisma: options.database.prisma, events }));
  app.decorate('lifecycle', { draining: false });
  app.addHook('onClose', async () => {
    await events.close();
  });
  app.decorate('now', options.now ?? (() => new Date()));

  registerErrorHandling(app);

  // Security headers: the same fixed set on every response, so the middleware is built once here
  // (@fastify/helmet built it again, directives parsed, on every request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
  await app.register(cookie);
  // HS256 only, pinned on both sides: a token signed with another HMAC (or none) is refused,
  // whatever its header claims.
  await app.register(jwt, { secret: options.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });
  // Counted in the database: every instance on one PostgreSQL shares the limits.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(options.database.sql) });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Workdiary API', version: '1.0.0', description: 'Customer time tracking: timer, work entries, diary, exports.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wd_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: openapiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('X-Server-Time', String(Date.now()));
    // Shutting down: no connection is kept for a next request (the balancer opens its next one
    // to an instance that stays), so nothing is left idle when the listener closes.
    if (app.lifecycle.draining) reply.header('connection', 'close');
  });

  registerCsrfDefence(app);
  registerAuth(app, options.database, sessionAuthenticator(app, options.database));

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>();
    typed.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => api.swagger());
    for (const mod of routeModules) await typed.register(mod);
  }, { prefix: '/api' });

  const webDist = options.env.WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  const production = options.env.NODE_ENV === 'production';
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

  return app;
}

/** Fastify's types lack the hop count that proxy-addr supports: the same rule as a function. */
function fastifyTrustProxy(value: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

/** Health probes and static files are kept out of the request log. */
export function isQuietUrl(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname === '/api/health' || pathname === '/api/ready' || !(pathname === '/api' || pathname.startsWith('/api/'));
}

/** Vite's /assets/* carry a content hash in their name: cache for a year. Anything else (index.html) is revalidated. */
function setCacheHeaders(res: { setHeader(name: string, value: string): unknown }, url: string) {
  const immutable = (url.split('?')[0] ?? '').startsWith('/assets/');
  res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
}
