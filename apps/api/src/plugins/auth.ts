import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../lib/types.ts';
import { AppError, type Role } from '@workdiary/shared';
import type { Database } from '../db/engine.ts';
import { forOrg, type ScopedDb } from '../db/scoped.ts';
import type { RouteAccess } from '../lib/types.ts';

export const SESSION_COOKIE = 'wd_session';
export const TOKEN_TTL_SECONDS = 60 * 60 * 24 * 14;

export type TokenPayload = { sub: string; org: string; tv: number };

export type AuthContext = {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  email: string;
};

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
    /** The caller's organisation-scoped database client. */
    db: ScopedDb;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

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

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: TOKEN_TTL_SECONDS,
  });
}

/** Signs a session token (login, setup, set-password, password change) and sets the cookie; returns the token for scripts. */
export function startSession(app: App, reply: FastifyReply, user: { id: string; organizationId: string; tokenVersion: number }): string {
  const payload: TokenPayload = { sub: user.id, org: user.organizationId, tv: user.tokenVersion };
  const token = app.jwt.sign(payload, { expiresIn: TOKEN_TTL_SECONDS });
  setSessionCookie(reply, token, app.env.COOKIE_SECURE);
  return token;
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function hasRole(role: Role, allowed: Role[] | undefined): boolean {
  return !allowed || allowed.includes(role);
}

/**
 * Authentication, roles and tenancy for every /api route, in one hook. Routes opt out with
 * `config: { access: { public: true } }` and restrict with `config: { access: { roles: [...] } }`.
 * The user is re-read on each request so deactivation and password changes take effect at once.
 */
export function registerAuth(app: FastifyInstance, database: Database) {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.decorateRequest('db', null as unknown as ScopedDb);
  // One scoped client per organisation, made on first use rather than on every request.
  const scoped = new Map<string, ScopedDb>();
  const scopedFor = (orgId: string): ScopedDb => {
    let db = scoped.get(orgId);
    if (!db) {
      db = forOrg(database.prisma, orgId);
      scoped.set(orgId, db);
    }
    return db;
  };

  app.addHook('onRequest', async (request) => {
    // Decide by the matched route, not the raw URL: the router decodes `%61pi` to `api`, so a
    // percent-encoded path would reach an /api handler while the raw URL looks like something else.
    const route = request.routeOptions.url;
    if (request.is404 || !route?.startsWith('/api/') || route.startsWith('/api/docs')) return;
    const access = request.routeOptions.config?.access;
    if (access?.public) return;
    const token = readToken(request);
    if (!token) throw new AppError('UNAUTHENTICATED');
    let payload: TokenPayload;
    try {
      payload = app.jwt.verify<TokenPayload>(token);
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Your session has expired. Please sign in again.');
    }
    const user = await database.prisma.user.findUnique({
      where: { id: payload.sub },
      select: { id: true, organizationId: true, role: true, active: true, tokenVersion: true, name: true, email: true },
    });
    if (!user || !user.active || user.organizationId !== payload.org || user.tokenVersion !== payload.tv) {
      throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.');
    }
    request.auth = { userId: user.id, orgId: user.organizationId, role: user.role, name: user.name, email: user.email };
    request.db = scopedFor(user.organizationId);
    if (!hasRole(user.role, access?.roles)) throw new AppError('FORBIDDEN');
  });
}
