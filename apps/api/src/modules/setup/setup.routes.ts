import { AppError, LoginResponseSchema, SetupBodySchema, SetupImportResultSchema, SetupStatusSchema } from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { loadMe } from '../auth/auth.service.ts';
import { startSession } from '../auth/session.ts';
import { importOrganizationZip } from '../exports/organization-import.service.ts';
import { requestOrigin } from '../users/session.ts';
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

  // The organisation zip as the body. Windows browsers label a .zip application/x-zip-compressed.
  app.addContentTypeParser(['application/zip', 'application/x-zip-compressed', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: SETUP_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.post('/setup/import', {
    schema: {
      tags: ['setup'],
      summary: 'Instead of setup: load an organisation export (zip) into this empty Workdiary (only once)',
      description: 'The body is the zip of GET /api/exports/organization.zip (`application/zip`; at most 512 MB). Every file is loaded in one transaction with the same ids '
        + '(the same as `pnpm org:import`). Passwords are never exported: the answer holds a one-time set-password link (7 days) for each active user, admins first, '
        + 'for whoever runs the import to use and pass on; nobody is signed in. 400 VALIDATION_ERROR for a file that is not an export or was made by a newer Workdiary; '
        + '409 SETUP_ALREADY_DONE once any organisation exists.',
      consumes: ['application/zip'],
      response: { 201: SetupImportResultSchema },
    },
    config: { access: { public: true }, rateLimit: { max: app.env.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
  }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('VALIDATION_ERROR', 'Send the organisation export (the .zip file) as the body, as application/zip.');
    if (!(await isSetupNeeded({ prisma: app.database.prisma }))) {
      throw new AppError('SETUP_ALREADY_DONE', 'Workdiary is already set up: an export can only be loaded into an empty one.');
    }
    const result = await importOrganizationZip({ db: app.database, zip: new Uint8Array(request.body), origin: requestOrigin(request), now: app.now() });
    return reply.status(201).send(result);
  });
}

/** The largest organisation export the setup page accepts (about 8 million entries). */
const SETUP_IMPORT_MAX_BYTES = 512 * 1024 * 1024;
