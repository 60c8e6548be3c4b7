import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Role } from '@workdiary/shared';

/** The Fastify instance every route module receives: zod schemas give typed requests. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/**
 * The caller's organisation as the auth hook read it with the session (`request.org`). Services
 * take it as a parameter instead of looking the organisation up again.
 */
export type OrgContext = {
  id: string;
  name: string;
  timeZone: string;
  currency: string;
  clientTimer: boolean;
  /** The stored BCP 47 locale (`toLocale` reads it). */
  locale: string;
  /** Public holidays: country and region for date-holidays (null: none), and the share a holiday still requires. */
  holidayCountry: string | null;
  holidayRegion: string | null;
  holidaySharePercent: number;
};

/** Per-route options read by the auth plugin: the one place roles are checked. */
export type RouteAccess = { public?: boolean; roles?: Role[] };
