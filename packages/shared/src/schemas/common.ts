import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
export const IdParamsSchema = z.object({ id: IdSchema });
/** ISO 8601 instant in UTC on the wire. */
export const InstantSchema = z.iso.datetime({ offset: true });
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected YYYY-MM');
export const DateSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Expected YYYY-MM-DD');
export const RoleSchema = z.enum(['ADMIN', 'MANAGER', 'MEMBER']);
export type Role = z.infer<typeof RoleSchema>;
export const OkSchema = z.object({ ok: z.literal(true) });
/** A 204 answer: no body at all (documented in OpenAPI without content). */
export const NoContentSchema = z.null().describe('No content');
