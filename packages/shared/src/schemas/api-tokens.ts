import { z } from 'zod';
import { IdSchema, InstantSchema, text } from './common.ts';

/**
 * Personal API tokens and the calendar feed (issue 28). A token starts with this prefix, so a
 * leaked one is recognisable (secret scanners, logs) and the server tells it from a session token.
 */
export const API_TOKEN_PREFIX = 'wdp_';

/** `POST /api/me/tokens { name, expiresAt? }`: `expiresAt` null or left out = never expires. */
export const ApiTokenBodySchema = z.object({
  name: text().trim().min(1, 'Name is required').max(100),
  expiresAt: InstantSchema.nullable().optional(),
});
export type ApiTokenBody = z.input<typeof ApiTokenBodySchema>;

/** One token as listed (`GET /api/me/tokens`, `GET /api/users/:id/tokens`): never the token itself. */
export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** Updated at most about once a minute while the token is used; null = never used. */
  lastUsedAt: z.string().nullable(),
  /** null = does not expire. */
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });
export type ApiTokenList = z.infer<typeof ApiTokenListSchema>;

/** `201 { id, name, token, expiresAt }`: the only time the token is shown. */
export const ApiTokenCreatedSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
  expiresAt: z.string().nullable(),
});
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;

export const UserTokenParamsSchema = z.object({ id: IdSchema, tokenId: IdSchema });

/** `GET /api/me/calendar-feed`: whether the caller has a feed URL (the URL itself is shown once). */
export const CalendarFeedSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;
/** `POST /api/me/calendar-feed` → 201: the new secret URL (path only; the old one stops working). */
export const CalendarFeedCreatedSchema = z.object({ url: z.string(), createdAt: z.string() });
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreatedSchema>;
/** `GET /api/calendar/:token.ics`. */
export const CalendarFeedParamsSchema = z.object({ token: text().min(1).max(200) });
