import { z } from 'zod';
import type { App } from '../../lib/types.ts';

const ReadySchema = z.object({ status: z.enum(['ready', 'draining', 'unavailable']) });
const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['up', 'down']), engine: z.string(), time: z.string() });

export default async function healthRoutes(app: App) {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: HealthSchema, 503: HealthSchema } },
    config: { access: { public: true } },
  }, async (_request, reply) => {
    const time = new Date().toISOString();
    try {
      await app.database.unscoped.query('SELECT 1');
      return { status: 'ok' as const, database: 'up' as const, engine: app.database.kind, time };
    } catch {
      return reply.status(503).send({ status: 'degraded' as const, database: 'down' as const, engine: app.database.kind, time });
    }
  });

  // For load balancers: 503 as soon as the instance starts shutting down (stop sending traffic
  // here) or cannot reach its database. /health stays the cheap liveness probe.
  app.get('/ready', {
    schema: { tags: ['system'], summary: 'Readiness: 503 while the instance drains for shutdown or its database is down', response: { 200: ReadySchema, 503: ReadySchema } },
    config: { access: { public: true } },
  }, async (_request, reply) => {
    if (app.lifecycle.draining) return reply.status(503).header('connection', 'close').send({ status: 'draining' as const });
    try {
      await app.database.unscoped.query('SELECT 1');
      return { status: 'ready' as const };
    } catch {
      return reply.status(503).send({ status: 'unavailable' as const });
    }
  });
}
