import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_TOKEN_PREFIX, AppError } from '@workdiary/shared';
import type { Database } from '../../db/engine.ts';
import type { App, OrgContext } from '../../lib/types.ts';
import { turnBatch } from '../../lib/turn-batch.ts';
import { SESSION_COOKIE, type AuthContext, type Authenticate } from '../../plugins/auth.ts';
import { apiTokenReader, type ApiTokenRow } from './api-token-auth.ts';
import { CALLER_COLUMNS, callerJoins, type CallerRow } from './caller-row.ts';
import { deviceSummary } from './device.ts';
import { createSession, LAST_SEEN_INTERVAL_MS, SESSION_TTL_SECONDS } from './sessions.service.ts';

/**
 * Sessions on the wire: the token (cookie or bearer), its verification, the cookie, signing in, and
 * the per-request read of the session row that plugins/auth.ts calls as its `authenticate`.
 */
export { SESSION_COOKIE };

/** What a session token carries: the user, their organisation and the session row's id. */
export type TokenPayload = { sub: string; org: string; sid: string };

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenPayload;
    user: TokenPayload;
  }
}

function readToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** The verified payload of the request's token, or null (no token, bad signature, expired, old format). */
export function readSessionToken(app: FastifyInstance, request: FastifyRequest): TokenPayload | null {
  const token = readToken(request);
  if (!token) return null;
  try {
    const payload = app.jwt.verify<TokenPayload>(token);
    return typeof payload.sid === 'string' && typeof payload.sub === 'string' ? payload : null;
  } catch {
    return null;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: SESSION_TTL_SECONDS,
  });
}

/**
 * Signs a user in (login, setup, set-password, password change): a new session row, its token,
 * and the cookie. Returns the token for scripts and the session id.
 */
export async function startSession(app: App, request: FastifyRequest, reply: FastifyReply, user: { id: string; organizationId: string }): Promise<{ token: string; sessionId: string }> {
  const session = await createSession({
    prisma: app.database.prisma,
    user,
    device: deviceSummary(request.headers['user-agent']),
    now: app.now(),
  });
  const payload: TokenPayload = { sub: user.id, org: user.organizationId, sid: session.id };
  const token = app.jwt.sign(payload, { expiresIn: SESSION_TTL_SECONDS });
  setSessionCookie(reply, token, app.env.COOKIE_SECURE);
  return { token, sessionId: session.id };
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

type SessionRow = CallerRow & { lastSeenAt: Date };

/**
 * The session, its user and organisation by the session's primary key. No row means the session
 * ended (logout, password change, deactivation, sign-out everywhere), or the user is inactive or
 * moved: all the same to the caller. Expiry is the token's own `exp` (checked by jwt.verify, the
 * same instant as the row's expiresAt), not repeated here.
 *
 * Every request reads its session, and the requests of one event-loop turn read theirs in ONE
 * statement (`turnBatch`): under load that is one round trip for many requests instead of one
 * each, and ending a session still takes effect at once on every instance. Through the bare
 * driver, not Prisma: Prisma's query engine costs more CPU than the read itself.
 */
function sessionReader(database: Database): (payload: TokenPayload) => Promise<SessionRow | null> {
  return turnBatch(async (payloads: TokenPayload[]) => {
    const rows = await database.unscoped.query<SessionRow & { sid: string }>(SESSION_READ, [payloads.map((p) => p.sid)], { prepare: true });
    const bySid = new Map(rows.map((r) => [r.sid, r]));
    return payloads.map((p) => {
      const row = bySid.get(p.sid);
      // The token's user and organisation must be the session's own.
      return row && row.userId === p.sub && row.orgId === p.org ? row : null;
    });
  });
}

const SESSION_READ = `
    SELECT s."id" AS "sid", s."lastSeenAt",
           ${CALLER_COLUMNS}
    FROM "Session" s
    ${callerJoins('s')}
    WHERE s."id" = ANY($1::text[]) AND u."active"`;

/**
 * Who makes a request, from its session: the token must verify and its session row must still be
 * there (read on each request, so that ending a session takes effect at once on every instance);
 * the row's last-seen time is moved on at most every LAST_SEEN_INTERVAL_MS.
 */
export function sessionAuthenticator(app: FastifyInstance & { now(): Date }, database: Database): Authenticate {
  const readSession = sessionReader(database);
  const readApiToken = apiTokenReader(database);
  return async (request): Promise<{ auth: AuthContext; org: OrgContext }> => {
    const token = readToken(request);
    if (!token) throw new AppError('UNAUTHENTICATED');
    if (token.startsWith(API_TOKEN_PREFIX) && request.headers.authorization?.startsWith('Bearer ')) {
      return authenticateApiToken(app, database, await readApiToken(token));
    }
    const payload = readSessionToken(app, request);
    if (!payload) throw new AppError('UNAUTHENTICATED', 'Your session has expired. Please sign in again.');
    const row = await readSession(payload);
    if (!row) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
    const now = app.now();
    if (now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
      await database.prisma.session.updateMany({ where: { id: payload.sid }, data: { lastSeenAt: now } });
    }
    return {
      auth: { userId: row.userId, orgId: row.orgId, role: row.role, name: row.name, email: row.email, locale: row.userLocale, sessionId: payload.sid, apiTokenId: null },
      org: orgOfRow(row),
    };
  };
}

function orgOfRow(row: CallerRow): OrgContext {
  return {
    id: row.orgId, name: row.orgName, timeZone: row.timeZone, currency: row.currency.trim(), clientTimer: row.clientTimer, locale: row.locale,
    holidayCountry: row.holidayCountry, holidayRegion: row.holidayRegion, holidaySharePercent: row.holidaySharePercent,
  };
}

/**
 * A personal API token acts as its owner with the owner's role: unknown, revoked, expired or of a
 * deactivated owner → 401. Its last use is written at most every LAST_SEEN_INTERVAL_MS.
 */
async function authenticateApiToken(app: { now(): Date }, database: Database, row: ApiTokenRow | null): Promise<{ auth: AuthContext; org: OrgContext }> {
  const now = app.now();
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) {
    throw new AppError('UNAUTHENTICATED', 'This API token is not valid: it was revoked, has expired or never existed.');
  }
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
    await database.prisma.apiToken.updateMany({ where: { id: row.tokenId }, data: { lastUsedAt: now } });
  }
  return {
    auth: { userId: row.userId, orgId: row.orgId, role: row.role, name: row.name, email: row.email, locale: row.userLocale, sessionId: null, apiTokenId: row.tokenId },
    org: orgOfRow(row),
  };
}
