import type { FastifyRequest } from 'fastify';
import type { App } from '../../lib/types.ts';

/**
 * What starting a timer takes from a request (POST /timer/start and /timer/switch): the caller,
 * the body's customer and category, the server's clock and the event bus.
 */
export function startOfRequest(app: App, request: Pick<FastifyRequest, 'auth'> & { body: { customerId: string; categoryId: string } }) {
  return {
    orgId: request.auth.orgId,
    user: { id: request.auth.userId, name: request.auth.name },
    customerId: request.body.customerId,
    categoryId: request.body.categoryId,
    now: app.now(),
    events: app.events,
  };
}
