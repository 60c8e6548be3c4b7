import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Env, TrustProxy } from './config/env.ts';
import type { Database } from './db/engine.ts';
import type { EventBus } from './lib/events.ts';
import { databaseRateLimitStore } from './lib/rate-limit-store.ts';
import type { App } from './lib/types.ts';
import { sessionAuthenticator } from './modules/auth/session.ts';
import { routeModules } from './modules/index.ts';
import { registerAuth } from './plugins/auth.ts';
import { decorateContext, registerResponseHeaders } from './plugins/context.ts';
import { registerCsrfDefence } from './plugins/csrf.ts';
import { registerDocs } from './plugins/docs.ts';
import { frameworkErrors, registerErrorHandling } from './plugins/errors.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerWeb } from './plugins/web.ts';

export type BuildAppOptions = {
  database: Database;
  env: Env;
  jwtSecret: string;
  events?: EventBus;
  logger?: FastifyServerOptions['logger'];
  now?: () => Date;
};

/**
 * Builds the whole application as one Fastify instance from plugins that each own one concern, in
 * the order their hooks must run; server.ts only listens.
 */
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

  decorateContext(app, options);
  registerErrorHandling(app);
  registerSecurityHeaders(app);
  await app.register(cookie);
  // HS256 only, pinned on both sides: a token signed with another HMAC (or none) is refused,
  // whatever its header claims.
  await app.register(jwt, { secret: options.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });
  // Counted in the database: every instance on one PostgreSQL shares the limits.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(options.database.unscoped) });
  await registerDocs(app);
  registerResponseHeaders(app);
  registerCsrfDefence(app);
  registerAuth(app, options.database, sessionAuthenticator(app, options.database));

  await app.register(async (api) => {
    const typed = api.withTypeProvider<ZodTypeProvider>();
    typed.get('/openapi.json', { schema: { hide: true }, config: { access: { public: true } } }, async () => api.swagger());
    for (const mod of routeModules) await typed.register(mod);
  }, { prefix: '/api' });

  await registerWeb(app, options.env);
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
