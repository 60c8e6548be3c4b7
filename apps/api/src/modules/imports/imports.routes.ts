import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  AppError,
  IdParamsSchema,
  IMPORT_MAX_BYTES,
  ImportDryRunSchema,
  ImportListSchema,
  ImportQuerySchema,
  ImportResultSchema,
  ImportUserMapSchema,
  type ImportUserMap,
} from '@workdiary/shared';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { App } from '../../lib/types.ts';
import { BULK_ROWS, refreshStatistics } from '../../db/statistics.ts';
import { importFile, listImports, undoImport } from './imports.service.ts';
import type { FileBytes } from './parsers/csv.ts';

const tags = ['imports'];
const admins = { access: { roles: ['ADMIN' as const] } };

/** Bodies taken as the bare file: CSV as the tools name it, and Kimai's Excel export. */
const FILE_TYPES = [
  'text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

const DESCRIPTION = [
  'Admins. The body is the exported file itself (`text/csv`; Kimai also `.xlsx`) or `multipart/form-data` with the file in the field `file` '
  + `(and optionally \`userMap\` as a JSON field). Upload limit: ${IMPORT_MAX_BYTES / 1024 / 1024} MB (413 above it).`,
  'Formats: `toggl` (Toggl Track detailed report CSV), `clockify` (Clockify detailed report CSV; day/month order and 12/24-hour clock are '
  + 'detected from the whole file, a file that stays ambiguous is refused on row 1 with DATE_FORMAT_AMBIGUOUS), `kimai` (export CSV or XLSX, '
  + 'English or German headers, comma or semicolon), `harvest` (detailed time report CSV; a person\'s rows of one day are laid end to end from 08:00).',
  'People are matched by email (Harvest and files without emails: by name); `userMap` ({"email or name": "userId"}) maps the others. '
  + 'Customer ← client (the project when there is none); category ← task or activity (else the project); note ← description. '
  + 'Existing customers and categories are reused by name, case-insensitively (an archived one too); others are created. '
  + 'Clock times are read in `timeZone` (default: the organisation\'s); a time in a daylight-saving gap or repeated hour is an error row. '
  + 'The work rules apply (overlaps, minimum and maximum session, note required, not in the future); an entry equal to an existing one (person, '
  + 'start and stop to the minute, customer, category) is a duplicate and skipped. Deactivated people\'s past hours may be imported.',
  '`dryRun` (default true) answers 200 with what would happen and every error row (`row` = line in the file, header = 1). `dryRun=false` imports '
  + 'all or nothing: 201, or 422 IMPORT_INVALID with `details.errors` and nothing written. Each created entry is audited with action IMPORT and '
  + '`after.importId`.',
].join('\n\n');

const TOO_LARGE = `The file is larger than the upload limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`;
const tooLarge = () => Object.assign(new Error(TOO_LARGE), { statusCode: 413 });

/**
 * A body's chunks as they arrive, kept as they are: joined into one buffer, a big file was copied
 * in one stretch of the event loop (~40 ms and more for 16 MB, bench imports); the parsers read
 * the chunks in turn (parsers/csv.ts FileBytes). Over IMPORT_MAX_BYTES: 413.
 */
async function readChunks(stream: Readable, declared: number): Promise<Buffer[]> {
  if (declared > IMPORT_MAX_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    length += bytes.length;
    if (length > IMPORT_MAX_BYTES) throw tooLarge();
    chunks.push(bytes);
  }
  return chunks;
}

/** The file of a body that is the file itself (FILE_TYPES), as its chunks. */
const isChunks = (body: unknown): body is Buffer[] => Array.isArray(body) && body.every((c) => Buffer.isBuffer(c));

async function readUpload(request: FastifyRequest): Promise<{ buffer: FileBytes; fileName: string | null; userMap: ImportUserMap | null }> {
  if (!request.isMultipart()) {
    if (!isChunks(request.body)) throw new AppError('VALIDATION_ERROR', 'Send the exported file as the body (text/csv) or as the multipart field "file".');
    return { buffer: request.body, fileName: null, userMap: null };
  }
  let buffer: FileBytes | null = null;
  let fileName: string | null = null;
  let userMap: ImportUserMap | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') { await part.toBuffer(); continue; }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      if (part.file.truncated) throw new request.server.multipartErrors.RequestFileTooLargeError();
      buffer = chunks;
      // As the history shows it: no control characters, at most 255 characters.
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      fileName = part.filename.replace(/[\u0000-\u001F\u007F]/g, '').slice(0, 255) || null;
    } else if (part.fieldname === 'userMap' && typeof part.value === 'string' && part.value.trim() !== '') {
      let parsed: unknown;
      try { parsed = JSON.parse(part.value); } catch { parsed = null; }
      const result = ImportUserMapSchema.safeParse(parsed);
      if (!result.success) throw new AppError('VALIDATION_ERROR', 'userMap must be a JSON object {"person": "userId"}.', { field: 'userMap' });
      userMap = result.data;
    }
  }
  if (!buffer) throw new AppError('VALIDATION_ERROR', 'The multipart body has no field "file".', { field: 'file' });
  return { buffer, fileName, userMap };
}

export default async function importsRoutes(app: App) {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 200_000 }, throwFileSizeLimit: true });
  app.addContentTypeParser(FILE_TYPES, { bodyLimit: IMPORT_MAX_BYTES }, (request: FastifyRequest, payload: IncomingMessage) => readChunks(payload, Number(request.headers['content-length'] ?? 0)));

  app.post('/imports', {
    bodyLimit: IMPORT_MAX_BYTES,
    config: admins,
    schema: {
      tags,
      summary: 'Import another time tracker\'s export (dry run or import)',
      description: DESCRIPTION,
      consumes: ['text/csv', 'multipart/form-data', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      querystring: ImportQuerySchema,
      response: { 200: ImportDryRunSchema, 201: ImportResultSchema },
    },
  }, async (request, reply) => {
    const upload = await readUpload(request);
    const q = request.query;
    const outcome = await importFile({
      db: request.db, org: request.org, actor: request.auth, events: app.events, format: q.format, buffer: upload.buffer,
      fileName: upload.fileName ?? q.fileName ?? `${q.format}.csv`, timeZone: q.timeZone || undefined,
      userMap: { ...(q.userMap ?? {}), ...(upload.userMap ?? {}) }, dryRun: q.dryRun, now: app.now(), engine: app.database.kind,
    });
    if ('dryRun' in outcome) return reply.status(200).send(outcome.dryRun);
    if (outcome.result.created.entries >= BULK_ROWS) await refreshStatistics(app.database, request.log);
    return reply.status(201).send(outcome.result);
  });

  app.get('/imports', {
    config: admins,
    schema: {
      tags,
      summary: 'The import history',
      description: 'Admins. Newest first (the latest 200): who imported which file when, in which format and zone, what it created and skipped, and whether and by whom it was undone.',
      response: { 200: ImportListSchema },
    },
  }, async (request) => listImports({ db: request.db }));

  app.delete('/imports/:id', {
    config: admins,
    schema: {
      tags,
      summary: 'Undo an import',
      description: 'Admins. Deletes every entry the import created (also ones edited since), each audited, and marks the import undone; the customers and '
        + 'categories it created stay. Only while every month those entries touch is open: 409 MONTH_LOCKED names the approved month otherwise. '
        + 'An import already undone: 409 CONFLICT.',
      params: IdParamsSchema,
      response: { 204: z.null().describe('Undone') },
    },
  }, async (request, reply) => {
    const deleted = await undoImport({ db: request.db, org: request.org, actor: request.auth, events: app.events, id: request.params.id, now: app.now() });
    if (deleted >= BULK_ROWS) await refreshStatistics(app.database, request.log);
    return reply.status(204).send(null);
  });
}
