import {
  ApiTokenBodySchema, ApiTokenCreatedSchema, ApiTokenListSchema, IdParamsSchema, NoContentSchema, UserTokenParamsSchema,
} from '@workdiary/shared';
import type { App } from '../../lib/types.ts';
import { assertSignedInWithSession, createApiToken, listApiTokens, listTokensOfUser, revokeApiToken } from './api-tokens.service.ts';

const tags = ['api-tokens'];
const HOW = 'Send a token as `Authorization: Bearer wdp_…`: it acts as its owner with the owner\'s role, and is never accepted in a query string or a cookie. '
  + 'Requests with a token are not subject to the CSRF checks (a browser never adds the header by itself). '
  + 'A token ends when it is revoked, when it expires, and when its owner is deactivated (then 401 UNAUTHENTICATED).';

/** Personal API tokens (issue 28): the caller's own, and an admin's view of anyone's. */
export default async function apiTokenRoutes(app: App) {
  app.post('/me/tokens', {
    schema: {
      tags,
      summary: 'Create a personal API token (the token is shown only in this answer)',
      description: `${HOW} \`expiresAt\` null or left out: the token does not expire; a past \`expiresAt\` → 400. `
        + 'Only a SHA-256 of the token is stored. Requests made with an API token cannot create tokens (403 FORBIDDEN): sign in. Audited.',
      body: ApiTokenBodySchema,
      response: { 201: ApiTokenCreatedSchema },
    },
  }, async (request, reply) => {
    assertSignedInWithSession(request.auth, 'create an API token');
    return reply.status(201).send(await createApiToken({ db: request.db, userId: request.auth.userId, body: request.body, now: app.now() }));
  });

  app.get('/me/tokens', {
    schema: {
      tags,
      summary: 'Your personal API tokens (name, created, last used, expiry; never the token)',
      description: '`lastUsedAt` is updated at most about once a minute. Expired tokens stay listed until revoked.',
      response: { 200: ApiTokenListSchema },
    },
  }, async (request) => listApiTokens({ db: request.db, userId: request.auth.userId }));

  app.delete('/me/tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke one of your API tokens: its next request answers 401',
      description: '404 NOT_FOUND when the id is not one of your tokens. Audited. Answers 204 with no body.',
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
    },
  }, async (request, reply) => {
    await revokeApiToken({ db: request.db, actorId: request.auth.userId, userId: request.auth.userId, tokenId: request.params.id, now: app.now() });
    return reply.status(204).send(null);
  });

  app.get('/users/:id/tokens', {
    schema: {
      tags,
      summary: 'A user\'s personal API tokens (admins)',
      description: '404 NOT_FOUND for a user not in your organisation. Never the token itself.',
      params: IdParamsSchema,
      response: { 200: ApiTokenListSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request) => listTokensOfUser({ db: request.db, userId: request.params.id }));

  app.delete('/users/:id/tokens/:tokenId', {
    schema: {
      tags,
      summary: 'Revoke a user\'s API token (admins): its next request answers 401',
      description: '404 NOT_FOUND when the token is not that user\'s. Audited with the admin as the actor. Answers 204 with no body.',
      params: UserTokenParamsSchema,
      response: { 204: NoContentSchema },
    },
    config: { access: { roles: ['ADMIN'] } },
  }, async (request, reply) => {
    await revokeApiToken({ db: request.db, actorId: request.auth.userId, userId: request.params.id, tokenId: request.params.tokenId, now: app.now() });
    return reply.status(204).send(null);
  });
}
