import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type Role } from '@workdiary/shared';
import type { Database } from '../db/engine.ts';
import { forOrg, type ScopedDb } from '../db/scoped.ts';
import type { OrgContext, RouteAccess } from '../lib/types.ts';

/** The session cookie (modules/auth/session.ts sets it; the CSRF defence looks for it). */
export const SESSION_COOKIE = 'wd_session';

export type AuthContext = {
  userId: string;
  orgId: string;
  role: Role;
  name: string;
  email: string;
  /** The caller's own language (their profile's override); null: the organisation's. */
  locale: string | null;
  /** The session this request was made with (its row in "Session"); null for a personal API token. */
  sessionId: string | null;
  /** The personal API token this request was made with (its row in "ApiToken"); null for a session. */
  apiTokenId: string | null;
};

/** Who makes a request (modules/auth/session.ts reads it from the session); throws UNAUTHENTICATED. */
export type Authenticate = (request: FastifyRequest) => Promise<{ auth: AuthContext; org: OrgContext }>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
    /** The caller's organisation (time zone, currency, locale, modules, holidays), read once by the auth hook. */
    org: OrgContext;
    /** The caller's organisation-scoped database client. */
    db: ScopedDb;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function hasRole(role: Role, allowed: Role[] | undefined): boolean {
  return !allowed || allowed.includes(role);
}

/**
 * Access and tenancy for every /api route, in one hook: the caller from `authenticate`, their
 * organisation's scoped client as `request.db`, and the route's roles. Routes opt out with
 * `config: { access: { public: true } }` and restrict with `config: { access: { roles: [...] } }`.
 */
export function registerAuth(app: FastifyInstance, database: Database, authenticate: Authenticate) {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.decorateRequest('org', null as unknown as OrgContext);
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
    const { auth, org } = await authenticate(request);
    request.auth = auth;
    request.org = org;
    request.db = scopedFor(auth.orgId);
    if (!hasRole(auth.role, access?.roles)) throw new AppError('FORBIDDEN');
  });
}
