import { z } from 'zod';
import { IdSchema, text } from './common.ts';
import { TimeZoneSchema } from './organization.ts';

/** The tools whose exports `POST /api/imports` reads (issue 27). */
export const IMPORT_FORMATS = ['toggl', 'clockify', 'kimai', 'harvest'] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** The largest file `POST /api/imports` accepts (body or multipart `file`), in bytes. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * What a row of an import file can be refused for. `row` is the line in the file (header = 1);
 * problems of the whole file (a missing column, dates that stay ambiguous) are reported on row 1.
 */
export const IMPORT_ROW_CODES = [
  'MISSING_COLUMN', 'EMPTY_FILE', 'DATE_FORMAT_AMBIGUOUS', 'INVALID_DATE', 'INVALID_TIME', 'INVALID_DURATION', 'MISSING_VALUE', 'INVALID_NAME', 'INVALID_TEXT',
  'UNKNOWN_USER', 'MONTH_LOCKED', 'LOCAL_TIME_NONEXISTENT', 'LOCAL_TIME_AMBIGUOUS', 'STOP_BEFORE_START', 'ENTRY_OVERLAP',
  'NOTE_REQUIRED', 'SESSION_TOO_SHORT', 'SESSION_TOO_LONG', 'ENTRY_IN_FUTURE',
] as const;
export const ImportRowCodeSchema = z.enum(IMPORT_ROW_CODES);
export type ImportRowCode = z.infer<typeof ImportRowCodeSchema>;

export const ImportRowErrorSchema = z.object({ row: z.number().int(), code: ImportRowCodeSchema, message: z.string() });
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

/** `userMap`: the file's person (email, or the name for Harvest) → a Workdiary user id. JSON text in the query or a multipart field. */
export const ImportUserMapSchema = z.record(text().max(320), IdSchema);
export type ImportUserMap = z.infer<typeof ImportUserMapSchema>;

const userMapText = text().max(100_000).transform((raw, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'userMap must be a JSON object {"person": "userId"}' });
    return z.NEVER;
  }
  const result = ImportUserMapSchema.safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({ code: 'custom', message: 'userMap must be a JSON object {"person": "userId"}' });
    return z.NEVER;
  }
  return result.data;
});

export const ImportQuerySchema = z.object({
  format: ImportFormatSchema,
  /** Default true: nothing is written unless `dryRun=false` is asked for. */
  dryRun: z.enum(['true', 'false']).optional().transform((v) => v !== 'false'),
  /** The zone the file's clock times are read in; default the organisation's. */
  timeZone: z.union([z.literal(''), TimeZoneSchema]).optional(),
  userMap: userMapText.optional(),
  /** The file's name for the history when the body is the bare file (multipart sends its own). */
  fileName: text().max(255).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuerySchema>;

/** One row as it will be stored (the preview's first rows). */
export const ImportPreviewRowSchema = z.object({
  row: z.number().int(),
  user: z.string(),
  customer: z.string(),
  category: z.string(),
  startedAt: z.string(),
  stoppedAt: z.string(),
  note: z.string(),
  duplicate: z.boolean(),
});

export const ImportDryRunSchema = z.object({
  format: ImportFormatSchema,
  rows: z.number().int(),
  entries: z.object({ toCreate: z.number().int(), duplicates: z.number().int() }),
  customers: z.object({ toCreate: z.array(z.string()) }),
  categories: z.object({ toCreate: z.array(z.string()) }),
  users: z.array(z.object({ source: z.string(), userId: z.string().nullable() })),
  errors: z.array(ImportRowErrorSchema),
  /** The first rows as they will be stored (at most 20). */
  preview: z.array(ImportPreviewRowSchema),
});
export type ImportDryRun = z.infer<typeof ImportDryRunSchema>;

export const ImportResultSchema = z.object({
  id: z.string(),
  created: z.object({ entries: z.number().int(), customers: z.number().int(), categories: z.number().int() }),
  skipped: z.object({ duplicates: z.number().int() }),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

const PersonRef = z.object({ id: z.string(), name: z.string() });

export const ImportRecordSchema = z.object({
  id: z.string(),
  format: ImportFormatSchema,
  fileName: z.string(),
  timeZone: z.string(),
  createdAt: z.string(),
  createdBy: PersonRef,
  rows: z.number().int(),
  created: z.object({ entries: z.number().int(), customers: z.number().int(), categories: z.number().int() }),
  skipped: z.object({ duplicates: z.number().int() }),
  undoneAt: z.string().nullable(),
  undoneBy: PersonRef.nullable(),
});
export type ImportRecord = z.infer<typeof ImportRecordSchema>;
export const ImportListSchema = z.object({ items: z.array(ImportRecordSchema) });
export type ImportList = z.infer<typeof ImportListSchema>;
