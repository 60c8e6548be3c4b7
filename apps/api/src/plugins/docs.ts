import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { openapiTransform } from './openapi.ts';

/** The OpenAPI document (from the routes' zod schemas) and its UI at /api/docs. */
export async function registerDocs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Workdiary API', version: '1.0.0', description: 'Customer time tracking: timer, work entries, diary, exports.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A session token from POST /api/auth/login (a JWT), or a personal API token `wdp_…` from POST /api/me/tokens (acts as its owner with the owner\'s role; never in a query string).' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'wd_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: openapiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
