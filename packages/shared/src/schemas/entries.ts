import { z } from 'zod';
import { DateSchema, IdSchema, InstantSchema, RangeBoundSchema, text } from './common.ts';

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

export const NoteSchema = text().trim().max(2000, 'At most 2000 characters');

export const TimerStateSchema = z.object({ running: WorkEntrySchema.nullable() });
export type TimerState = z.infer<typeof TimerStateSchema>;
export const TimerStartBodySchema = z.object({ customerId: IdSchema, categoryId: IdSchema });
export const TimerStopBodySchema = z.object({ note: NoteSchema.default('') });
/** POST /api/timer/switch: stop the running session with `note` and start the next one, atomically. */
export const TimerSwitchBodySchema = TimerStopBodySchema.extend({ customerId: IdSchema, categoryId: IdSchema });
export type TimerSwitchBody = z.input<typeof TimerSwitchBodySchema>;
/**
 * PATCH /api/timer: edit the caller's running session. `note`: what is being worked on (kept at
 * the stop unless the stop sends another one); `startedAt`: an earlier (or later) start, for a
 * timer started late ("I forgot to start 20 minutes ago").
 */
export const TimerPatchBodySchema = z.object({ note: NoteSchema.optional(), startedAt: InstantSchema.optional() });
export type TimerPatchBody = z.input<typeof TimerPatchBodySchema>;
export const TimerSwitchResponseSchema = z.object({ stopped: WorkEntrySchema, running: WorkEntrySchema });
export type TimerSwitchResponse = z.infer<typeof TimerSwitchResponseSchema>;

/**
 * Manual entries: either instants (`startedAt`/`stoppedAt`, ISO UTC) or local wall time in the
 * organisation's zone (`date` + `startTime`/`stopTime` HH:mm, stop may be on `stopDate`).
 */
export const LocalTimeSchema = text().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:mm');
/** A UTC offset '+02:00' / '-05:30': picks one of the two instants of an ambiguous local time. */
export const UtcOffsetSchema = text().regex(/^[+-]([01]\d|2[0-3]):[0-5]\d$/, 'Expected an offset like +01:00');
export const WorkEntryCreateBodySchema = z.object({
  userId: IdSchema.optional(),
  customerId: IdSchema,
  categoryId: IdSchema,
  startedAt: InstantSchema.optional(),
  stoppedAt: InstantSchema.optional(),
  date: DateSchema.optional(),
  startTime: LocalTimeSchema.optional(),
  stopDate: DateSchema.optional(),
  stopTime: LocalTimeSchema.optional(),
  /**
   * Only for a local time that happens twice (the autumn hour): the UTC offset of the one meant,
   * one of the `candidates` of the LOCAL_TIME_AMBIGUOUS error. Never shifts a time that exists once.
   */
  startOffset: UtcOffsetSchema.optional(),
  stopOffset: UtcOffsetSchema.optional(),
  note: NoteSchema.default(''),
});
export type WorkEntryCreateBody = z.input<typeof WorkEntryCreateBodySchema>;
export const WorkEntryPatchBodySchema = WorkEntryCreateBodySchema.omit({ userId: true, note: true }).partial().extend({
  note: NoteSchema.optional(),
});
export type WorkEntryPatchBody = z.input<typeof WorkEntryPatchBodySchema>;

export const WorkEntryListQuerySchema = z.object({
  customerId: IdSchema.optional(),
  userId: IdSchema.optional(),
  from: RangeBoundSchema.optional(),
  to: RangeBoundSchema.optional(),
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
export type WorkEntryListQuery = z.input<typeof WorkEntryListQuerySchema>;

/** One instant a local wall time could mean, as listed in LOCAL_TIME_AMBIGUOUS details. */
export const LocalTimeCandidateSchema = z.object({ instant: z.string(), offset: z.string() });
export type LocalTimeCandidate = z.infer<typeof LocalTimeCandidateSchema>;
/** `details` of LOCAL_TIME_NONEXISTENT / LOCAL_TIME_AMBIGUOUS. */
export const LocalTimeErrorDetailsSchema = z.object({
  field: z.enum(['start', 'stop']),
  date: z.string(),
  time: z.string(),
  timeZone: z.string(),
  candidates: z.array(LocalTimeCandidateSchema),
});
export type LocalTimeErrorDetails = z.infer<typeof LocalTimeErrorDetailsSchema>;


/** `GET /api/exports/customers/:id.xlsx`: the range (dates in the organisation's zone; default this month) and, for managers, one user. */
export const CustomerExportQuerySchema = z.object({
  from: RangeBoundSchema.optional(),
  to: RangeBoundSchema.optional(),
  userId: IdSchema.optional(),
});

export const AuditEventSchema = z.object({
  id: z.string(),
  entityId: z.string(),
  action: z.enum(['CREATE', 'UPDATE', 'DELETE', 'START', 'STOP', 'IMPORT']),
  actor: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;
export const AuditEventListSchema = z.object({ items: z.array(AuditEventSchema) });
export type AuditEventList = z.infer<typeof AuditEventListSchema>;
