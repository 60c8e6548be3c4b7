import { z } from 'zod';
import type { App } from '../../lib/types.ts';

const HealthSchema = z.object({ status: z.enum(['ok', 'degraded']), database: z.enum(['up', 'down']), engine: z.string(), time: z.string() });

export default async function healthRoutes(app: App) {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: HealthSchema, 503: HealthSchema } },
    config: { access: { public: true } },
  }, async (_request, reply) => {
    const time = new Date().toISOString();
    try {
      await app.database.sql.query('SELECT 1');
      return { status: 'ok' as const, database: 'up' as const, engine: app.database.kind, time };
    } catch {
      return reply.status(503).send({ status: 'degraded' as const, database: 'down' as const, engine: app.database.kind, time });
    }
  });
}
