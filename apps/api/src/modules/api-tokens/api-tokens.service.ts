import crypto from 'node:crypto';
import { API_TOKEN_PREFIX, AppError, type ApiToken, type ApiTokenBody, type ApiTokenCreated } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { Prisma } from '../../generated/prisma/client.ts';
import { hashApiToken } from '../auth/api-token-auth.ts';

/**
 * Personal API tokens (issue 28): made, listed and revoked here; read on each request by
 * modules/auth/api-token-auth.ts. A token is `wdp_` + 256 random bits (base64url); only its
 * SHA-256 is kept, so it is shown once, at creation.
 */
export const newApiToken = (): string => `${API_TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;

type TokenRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null };
const toWire = (t: TokenRow): ApiToken => ({
  id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null,
});

/** Creates a token for the caller; audited (ApiToken, CREATE). An expiry must lie in the future. */
export async function createApiToken({ db, userId, body, now }: { db: ScopedDb; userId: string; body: ApiTokenBody; now: Date }): Promise<ApiTokenCreated> {
  const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError('VALIDATION_ERROR', 'The token must expire in the future.', { issues: [{ path: 'expiresAt', message: 'Must be in the future' }] });
  }
  const token = newApiToken();
  const id = newId();
  const name = body.name.trim();
  await db.$transaction(async (tx) => {
    await tx.apiToken.create({ data: { id, userId, name, tokenHash: hashApiToken(token), expiresAt, createdAt: now } as Prisma.ApiTokenUncheckedCreateInput });
    await tx.auditEvent.create({
      data: {
        id: newId(), entityType: 'ApiToken', entityId: id, action: 'CREATE', actorId: userId, at: now,
        after: { userId, name, expiresAt: expiresAt?.toISOString() ?? null },
      } as unknown as Prisma.AuditEventUncheckedCreateInput,
    });
  });
  return { id, name, token, expiresAt: expiresAt?.toISOString() ?? null };
}

/** A user's tokens, newest first (expired ones too, marked by their `expiresAt`); never the token. */
export async function listApiTokens({ db, userId }: { db: ScopedDb; userId: string }): Promise<{ items: ApiToken[] }> {
  const rows = await db.apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return { items: rows.map(toWire) };
}

/** An admin's look at someone's tokens: 404 for a user not in the organisation. */
export async function listTokensOfUser({ db, userId }: { db: ScopedDb; userId: string }): Promise<{ items: ApiToken[] }> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return listApiTokens({ db, userId });
}

/**
 * Revokes one of `userId`'s tokens at once (its next request answers 401); audited (ApiToken,
 * DELETE) with `actorId` (the owner, or an admin). 404 when it is not that user's token.
 */
export async function revokeApiToken({ db, actorId, userId, tokenId, now }: { db: ScopedDb; actorId: string; userId: string; tokenId: string; now: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true, name: true, expiresAt: true } });
    if (!row) throw new AppError('NOT_FOUND', 'This API token does not exist or was already revoked.');
    await tx.apiToken.deleteMany({ where: { id: tokenId, userId } });
    await tx.auditEvent.create({
      data: {
        id: newId(), entityType: 'ApiToken', entityId: tokenId, action: 'DELETE', actorId, at: now,
        before: { userId, name: row.name, expiresAt: row.expiresAt?.toISOString() ?? null },
      } as unknown as Prisma.AuditEventUncheckedCreateInput,
    });
  });
}

/** A request made with an API token may not mint further tokens or feed URLs (a leaked token cannot outlive its revocation). */
export function assertSignedInWithSession(auth: { apiTokenId: string | null }, what: string): void {
  if (auth.apiTokenId) throw new AppError('FORBIDDEN', `Sign in to ${what}: an API token cannot do this.`);
}
