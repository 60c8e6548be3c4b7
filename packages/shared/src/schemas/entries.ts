import { z } from 'zod';
import { IdSchema, InstantSchema } from './common.ts';

export const EntrySourceSchema = z.enum(['TIMER', 'MANUAL']);

export const WorkEntrySchema = z.object({
  id: z.string(),
  userId: z.string(),
  customerId: z.string(),
  categoryId: z.string(),
  startedAt: z.string(),
  stoppedAt: z.string().nullable(),
  note: z.string(),
  source: EntrySourceSchema,
  flagged: z.boolean(),
  user: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({ id: z.string(), name: z.string() }),
  category: z.object({ id: z.string(), name: z.string(), archived: z.boolean() }),
});
export type WorkEntry = z.infer<typeof WorkEntrySchema>;

export const NoteSchema = z.string().trim().max(2000, 'At most 2000 characters');

export const TimerStateSchema = z.object({ running: WorkEntrySchema.nullable() });
export type TimerState = z.infer<typeof TimerStateSchema>;
export const TimerStartBodySchema = z.object({ customerId: IdSchema, categoryId: IdSchema });
export const TimerStopBodySchema = z.object({ note: NoteSchema.default('') });

/**
 * Manual entries: either instants (`startedAt`/`stoppedAt`, ISO UTC) or local wall time in the
 * organisation's zone (`date` + `startTime`/`stopTime` HH:mm, stop may be on `stopDate`).
 */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm');
export const WorkEntryCreateBodySchema = z.object({
  userId: IdSchema.optional(),
  customerId: IdSchema,
  categoryId: IdSchema,
  startedAt: InstantSchema.optional(),
  stoppedAt: InstantSchema.optional(),
  date: z.string().optional(),
  startTime: LocalTimeSchema.optional(),
  stopDate: z.string().optional(),
  stopTime: LocalTimeSchema.optional(),
  note: NoteSchema.default(''),
});
export type WorkEntryCreateBody = z.input<typeof WorkEntryCreateBodySchema>;
export const WorkEntryPatchBodySchema = WorkEntryCreateBodySchema.omit({ userId: true }).partial();
export type WorkEntryPatchBody = z.input<typeof WorkEntryPatchBodySchema>;

export const WorkEntryListQuerySchema = z.object({
  customerId: IdSchema.optional(),
  userId: IdSchema.optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const WorkEntryListSchema = z.object({
  items: z.array(WorkEntrySchema),
  totalMinutes: z.number().int(),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type WorkEntryList = z.infer<typeof WorkEntryListSchema>;

export const AuditEventSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  action: z.enum(['CREATE', 'UPDATE', 'DELETE', 'START', 'STOP']),
  actor: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
