import { LoginResponseSchema, SetupBodySchema, SetupStatusSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { loadMe } from '../auth/auth.service.ts';
import { startSession } from '../auth/session.ts';
import { isSetupNeeded, runSetup } from './setup.service.ts';

/** First-run setup on an empty database (public until it is done, then 409 for good). */
export default async function setupRoutes(app: App) {
  app.get('/setup', {
    schema: { tags: ['setup'], summary: 'Whether first-run setup is needed (no organisation exists yet)', response: { 200: SetupStatusSchema } },
    config: { access: { public: true } },
  }, async () => ({ needed: await isSetupNeeded({ prisma: app.database.prisma }) }));

  app.post('/setup', {
    schema: {
      tags: ['setup'],
      summary: 'Create the organisation and its first admin, and sign in as that admin (only once)',
      description: '409 SETUP_ALREADY_DONE once any organisation exists.',
      body: SetupBodySchema,
      response: { 201: LoginResponseSchema },
    },
    config: { access: { public: true }, rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    const { admin } = await runSetup({ prisma: app.database.prisma, input: request.body });
    const { token } = await startSession(app, request, reply, admin);
    return reply.status(201).send({ user: await loadMe({ prisma: app.database.prisma, userId: admin.id, mailEnabled: app.mailer.enabled }), token });
  });
}
