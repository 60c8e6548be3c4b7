import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Env } from './config/env.ts';
import type { Database } from './db/engine.ts';
import { createMemoryEventBus, type EventBus } from './lib/events.ts';
import type { App } from './lib/types.ts';
import { routeModules } from './modules/index.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCsrfDefence } from './plugins/csrf.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { openapiTransform } from './plugins/openapi.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    env: Env;
    events: EventBus;
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
    logger: options.logger ?? false,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('database', options.database);
  app.decorate('env', options.env);
  app.decorate('events', options.events ?? createMemoryEventBus());
  app.decorate('now', options.now ?? (() => new Date()));

  registerErrorHandling(app);

  await app.register(helmet, {
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
  await app.register(cookie);
  await app.register(jwt, { secret: options.jwtSecret });
  await app.register(rateLimit, { global: false });
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
  });

  registerCsrfDefence(app);
  registerAuth(app, options.database);

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>();
    typed.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => api.swagger());
    for (const mod of routeModules) await typed.register(mod);
  }, { prefix: '/api' });

  const webDist = options.env.WEB_DIST;
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    // Only app routes fall back to index.html; a missing file (an old build's chunk) is a real 404.
    const looksLikeFile = pathname.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname);
    if (pathname.startsWith('/api/') || pathname === '/api' || !hasWeb || request.method !== 'GET' || looksLikeFile) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${pathname}` } });
    }
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}
