import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES, type ImportDryRun, type ImportList, type ImportResult, type ImportRowError } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name));

type Query = { format: string; dryRun?: boolean; timeZone?: string; userMap?: Record<string, string>; fileName?: string };

describe(`imports (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let anna: string;
  let ben: string;

  const url = (q: Query) => {
    const p = new URLSearchParams({ format: q.format, dryRun: String(q.dryRun ?? true) });
    if (q.timeZone) p.set('timeZone', q.timeZone);
    if (q.userMap) p.set('userMap', JSON.stringify(q.userMap));
    if (q.fileName) p.set('fileName', q.fileName);
    return `/api/imports?${p}`;
  };
  const send = (q: Query, body: Buffer | string, token = org.users.admin.token, type = 'text/csv') =>
    ctx.app.inject({ method: 'POST', url: url(q), headers: { authorization: `Bearer ${token}`, 'content-type': type }, payload: body });
  const dryRun = async (q: Query, body: Buffer | string) => {
    const res = await send({ ...q, dryRun: true }, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as ImportDryRun;
  };
  const importOk = async (q: Query, body: Buffer | string) => {
    const res = await send({ ...q, dryRun: false }, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as ImportResult;
  };
  const refused = async (q: Query, body: Buffer | string) => {
    const before = await entryCount();
    const res = await send({ ...q, dryRun: false }, body);
    expect(res.statusCode, res.body).toBe(422);
    const error = (res.json() as { error: { code: string; details: { errors: ImportRowError[] } } }).error;
    expect(error.code).toBe('IMPORT_INVALID');
    expect(await entryCount()).toBe(before);
    return error.details.errors;
  };
  const multipart = (q: Query, file: Buffer, fileName: string, fields: Record<string, string> = {}) => {
    const boundary = '----workdiary-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
    return ctx.app.inject({
      method: 'POST', url: url(q), payload: Buffer.concat(parts),
      headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };
  const entryCount = () => ctx.db.prisma.workEntry.count({ where: { organizationId: org.orgId } });
  const dayMinutes = async (userId: string, day: string) => {
    const rows = await ctx.db.prisma.$queryRawUnsafe<Array<{ m: number | bigint | null }>>(
      `SELECT sum(minutes)::int AS m FROM "DayFigure" WHERE "organizationId" = $1 AND "userId" = $2 AND day = $3::date`, org.orgId, userId, day);
    return Number(rows[0]?.m ?? 0);
  };
  const admin = (method: 'POST' | 'GET' | 'DELETE', path: string, payload?: object) =>
    ctx.app.inject({ method, url: path, headers: { authorization: `Bearer ${org.users.admin.token}` }, ...(payload ? { payload } : {}) });
  const approve = async (userId: string, month: string) => {
    const res = await admin('POST', `/api/months/${month}/approve`, { userIds: [userId] });
    expect(res.statusCode, res.body).toBe(200);
  };
  const reopen = async (userId: string, month: string) => {
    const res = await admin('POST', `/api/months/${month}/reopen`, { userId, reason: 'import test' });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx, { timeZone: 'Europe/Berlin' });
    const hash = (await ctx.db.prisma.user.findFirstOrThrow({ where: { id: org.users.alice.id } })).passwordHash;
    anna = newId();
    ben = newId();
    for (const [id, name, email] of [[anna, 'Anna Berger', 'anna.berger@example.com'], [ben, 'Ben Schulz', 'ben.schulz@example.com']] as const) {
      await ctx.db.prisma.user.create({ data: { id, organizationId: org.orgId, email, name, role: 'MEMBER', passwordHash: hash, payType: 'HOURLY', hourlyRate: 2000, overtimeFactor: 1.25 } });
    }
  });

  it('is for admins: members and managers get 403', async () => {
    for (const who of ['alice', 'manager'] as const) {
      const token = org.users[who].token;
      expect((await send({ format: 'toggl' }, fixture('toggl-detailed.csv'), token)).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'DELETE', url: `/api/imports/${newId()}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(403);
    }
  });

  it('Toggl detailed report: the dry run says what will happen, the import does it, the same file again creates nothing', async () => {
    const file = fixture('toggl-detailed.csv');
    const preview = await dryRun({ format: 'toggl' }, file);
    expect(preview).toMatchObject({
      format: 'toggl', rows: 4, entries: { toCreate: 4, duplicates: 0 }, errors: [],
      customers: { toCreate: ['Internal', 'Initech'] },
      categories: { toCreate: ['Design', 'Website relaunch', 'Internal', 'Hotline'] },
    });
    expect(preview.users).toEqual([{ source: 'anna.berger@example.com', userId: anna }, { source: 'ben.schulz@example.com', userId: ben }]);
    expect(preview.preview[0]).toMatchObject({ row: 2, user: 'Anna Berger', customer: 'acme ltd', category: 'Design', startedAt: '2026-03-02T08:00:00.000Z', stoppedAt: '2026-03-02T11:30:00.000Z' });
    expect(await entryCount()).toBe(0);

    const result = await importOk({ format: 'toggl', fileName: 'toggl-march.csv' }, file);
    expect(result).toMatchObject({ created: { entries: 4, customers: 2, categories: 4 }, skipped: { duplicates: 0 } });
    expect(await entryCount()).toBe(4);
    // Reused the existing "Acme Ltd" (case-insensitively); the kept day figures are in step.
    const annas = await ctx.db.prisma.workEntry.findMany({ where: { userId: anna }, orderBy: { startedAt: 'asc' } });
    expect(annas.map((e) => e.customerId)).toEqual([org.customers.acme, org.customers.acme]);
    expect(annas.every((e) => e.importId === result.id)).toBe(true);
    expect(await dayMinutes(anna, '2026-03-02')).toBe(210 + 45);
    expect(await dayMinutes(ben, '2026-03-04')).toBe(90);
    const history = await ctx.app.inject({ method: 'GET', url: `/api/work-entries/${annas[0]?.id}/history`, headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(history.json().items).toMatchObject([{ action: 'IMPORT', after: { importId: result.id, note: 'Wireframes, first draft' } }]);

    expect(await dryRun({ format: 'toggl' }, file)).toMatchObject({ entries: { toCreate: 0, duplicates: 4 }, customers: { toCreate: [] }, categories: { toCreate: [] }, errors: [] });
    expect(await importOk({ format: 'toggl' }, file)).toMatchObject({ created: { entries: 0, customers: 0, categories: 0 }, skipped: { duplicates: 4 } });
    expect(await entryCount()).toBe(4);
  });

  it('Toggl without BOM, quotes or Amount, read in another zone', async () => {
    const file = fixture('toggl-plain.csv');
    const preview = await dryRun({ format: 'toggl', timeZone: 'UTC' }, file);
    expect(preview.preview.map((p) => [p.startedAt, p.stoppedAt])).toEqual([
      ['2026-03-05T08:00:00.000Z', '2026-03-05T09:30:00.000Z'], ['2026-03-05T08:00:00.000Z', '2026-03-05T08:45:30.000Z'],
    ]);
    // A charset on the type is fine; a zone that does not exist is a 400.
    const withCharset = await send({ format: 'toggl', timeZone: 'UTC' }, file, org.users.admin.token, 'text/csv; charset=utf-8');
    expect(withCharset.statusCode, withCharset.body).toBe(200);
    expect((await send({ format: 'toggl', timeZone: 'Mars/Olympus' }, file)).statusCode).toBe(400);
    expect(await importOk({ format: 'toggl', timeZone: 'UTC' }, file)).toMatchObject({ created: { entries: 2 } });
    expect(await importOk({ format: 'toggl', timeZone: 'UTC' }, file)).toMatchObject({ created: { entries: 0 }, skipped: { duplicates: 2 } });
  });

  it('reads a body that arrives in many small chunks, a character split between two of them, as the same file', async () => {
    const file = Buffer.from('\ufeff"User","Email","Client","Project","Task","Description","Start date","Start time","End date","End time"\n'
      + '"Anna","anna.berger@example.com","Müller & Söhne","Web","Prüfung","Grüße, „Zitat“","2026-03-10","09:00:00","2026-03-10","10:15:00"\n'
      + '"Ben","ben.schulz@example.com","Müller & Söhne","Web","Prüfung","","2026-03-10","09:00:00","2026-03-10","09:45:00"\n');
    // 7 bytes a chunk, and no Content-Length: the body is read as it streams in.
    const pieces = Array.from({ length: Math.ceil(file.length / 7) }, (_, i) => file.subarray(i * 7, i * 7 + 7));
    const chunked = await ctx.app.inject({
      method: 'POST', url: url({ format: 'toggl', dryRun: true, timeZone: 'UTC' }), payload: Readable.from(pieces),
      headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': 'text/csv' },
    });
    expect(chunked.statusCode, chunked.body).toBe(200);
    const whole = await dryRun({ format: 'toggl', timeZone: 'UTC' }, file);
    expect(chunked.json()).toEqual(whole);
    expect(whole.preview.map((r) => [r.customer, r.category, r.note, r.stoppedAt])).toEqual([
      ['Müller & Söhne', 'Prüfung', 'Grüße, „Zitat“', '2026-03-10T10:15:00.000Z'], ['Müller & Söhne', 'Prüfung', '', '2026-03-10T09:45:00.000Z'],
    ]);
  });

  it('refuses a file over the upload limit with 413, whether its length is declared, streamed or sent as multipart, and stores nothing', async () => {
    const before = await entryCount();
    const header = 'User,Email,Client,Project,Task,Description,Start date,Start time,End date,End time\n';
    const row = 'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,x,2026-03-11,09:00:00,2026-03-11,10:00:00\n';
    const big = Buffer.from(header + row.repeat(Math.ceil(IMPORT_MAX_BYTES / row.length)));
    expect(big.length).toBeGreaterThan(IMPORT_MAX_BYTES);
    const declared = await send({ format: 'toggl', dryRun: false }, big);
    expect(declared.statusCode, declared.body.slice(0, 300)).toBe(413);
    expect(declared.json().error.code).toBe('VALIDATION_ERROR');
    const streamed = await ctx.app.inject({
      method: 'POST', url: url({ format: 'toggl', dryRun: false }), payload: Readable.from([big.subarray(0, IMPORT_MAX_BYTES / 2), big.subarray(IMPORT_MAX_BYTES / 2)]),
      headers: { authorization: `Bearer ${org.users.admin.token}`, 'content-type': 'text/csv' },
    });
    expect(streamed.statusCode, streamed.body.slice(0, 300)).toBe(413);
    expect(streamed.json().error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringContaining('50 MB') });
    const form = await multipart({ format: 'toggl', dryRun: false }, big, 'big.csv');
    expect(form.statusCode, form.body.slice(0, 300)).toBe(413);
    expect(await entryCount()).toBe(before);
  });

  it('Clockify: an unknown person is an error row until mapped; nothing is written before', async () => {
    const file = fixture('clockify-detailed.csv');
    const preview = await dryRun({ format: 'clockify' }, file);
    expect(preview.errors).toEqual([{ row: 4, code: 'UNKNOWN_USER', message: expect.stringContaining('carla.neumann@freelance.example') }]);
    expect(preview.users).toContainEqual({ source: 'carla.neumann@freelance.example', userId: null });
    expect(await refused({ format: 'clockify' }, file)).toEqual(preview.errors);

    const res = await multipart({ format: 'clockify', dryRun: false }, file, 'Clockify_Time_Report_Detailed.csv', { userMap: JSON.stringify({ 'Carla.Neumann@freelance.example': org.users.bob.id }) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: { entries: 3, customers: 1, categories: 2 } });
    const carla = await ctx.db.prisma.workEntry.findMany({ where: { userId: org.users.bob.id } });
    expect(carla.map((e) => [e.startedAt.toISOString(), e.stoppedAt?.toISOString()])).toEqual([['2026-03-17T07:30:00.000Z', '2026-03-17T09:00:00.000Z']]);
  });

  it('Clockify: a file whose dates read both ways is refused on row 1', async () => {
    const file = fixture('clockify-ambiguous.csv');
    const preview = await dryRun({ format: 'clockify' }, file);
    expect(preview.errors).toEqual([{ row: 1, code: 'DATE_FORMAT_AMBIGUOUS', message: expect.stringContaining('YYYY-MM-DD') }]);
    expect(preview.entries.toCreate).toBe(0);
    await refused({ format: 'clockify' }, file);
  });

  it('Kimai: English CSV, German CSV with semicolons, and the Excel export by multipart', async () => {
    expect(await dryRun({ format: 'kimai' }, fixture('kimai-en.csv'))).toMatchObject({ rows: 2, entries: { toCreate: 2 }, errors: [] });
    expect(await importOk({ format: 'kimai' }, fixture('kimai-en.csv'))).toMatchObject({ created: { entries: 2 } });
    expect(await dayMinutes(ben, '2026-03-10')).toBe(60);
    expect(await dayMinutes(ben, '2026-03-11')).toBe(75);
    expect(await dryRun({ format: 'kimai' }, fixture('kimai-de.csv'))).toMatchObject({ entries: { toCreate: 2 }, customers: { toCreate: ['Müller & Söhne KG'] }, errors: [] });
    expect(await importOk({ format: 'kimai' }, fixture('kimai-de.csv'))).toMatchObject({ created: { entries: 2, customers: 1 } });

    const ws = XLSX.utils.aoa_to_sheet([
      ['Date', 'From', 'To', 'Duration', 'User', 'E-mail', 'Customer', 'Project', 'Activity', 'Description'],
      [new Date(Date.UTC(2026, 2, 12)), 9 / 24, 11.5 / 24, 9000, 'anna', 'anna.berger@example.com', 'Acme Ltd', 'Website relaunch', 'Development', 'Search'],
    ], { cellDates: true, UTC: true });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, 'Export');
    const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    const res = await multipart({ format: 'kimai', dryRun: false }, xlsx, 'kimai-export.xlsx');
    expect(res.statusCode, res.body).toBe(201);
    expect(await dayMinutes(anna, '2026-03-12')).toBe(150);
    expect((await importOk({ format: 'kimai' }, xlsx)).skipped.duplicates).toBe(1);
  });

  it('Harvest: a person\'s rows of a day are laid end to end from 08:00 local, in file order', async () => {
    const file = fixture('harvest-time-report.csv');
    expect(await dryRun({ format: 'harvest' }, file)).toMatchObject({ rows: 4, entries: { toCreate: 4 }, errors: [] });
    expect(await importOk({ format: 'harvest' }, file)).toMatchObject({ created: { entries: 4 } });
    const day = { gte: new Date('2026-03-08T23:00:00Z'), lt: new Date('2026-03-09T23:00:00Z') };
    const annas = await ctx.db.prisma.workEntry.findMany({ where: { userId: anna, startedAt: day }, orderBy: { startedAt: 'asc' }, include: { category: true } });
    expect(annas.map((e) => [e.startedAt.toISOString().slice(11, 16), e.stoppedAt?.toISOString().slice(11, 16), e.category.name])).toEqual([
      ['07:00', '08:30', 'Design'], ['08:30', '09:15', 'Meetings'], ['09:15', '11:30', 'Support'],
    ]);
    const bens = await ctx.db.prisma.workEntry.findMany({ where: { userId: ben, startedAt: day } });
    expect(bens.map((e) => [e.startedAt.toISOString(), e.stoppedAt?.toISOString()])).toEqual([['2026-03-09T07:00:00.000Z', '2026-03-09T08:30:00.000Z']]);
    expect((await importOk({ format: 'harvest' }, file)).skipped.duplicates).toBe(4);
  });

  it('reports every kind of error row with its line, and one bad row writes nothing', async () => {
    await approve(anna, '2026-02');
    await ctx.db.prisma.workRules.create({ data: { id: newId(), organizationId: org.orgId, userId: ben, requiredMinutes: [480, 480, 480, 480, 480, 0, 0], noteRequired: true, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false } });
    const long = 'x'.repeat(61);
    const rows = [
      'User,Email,Client,Project,Task,Description,Start date,Start time,End date,End time',
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,ok,2026-03-20,09:00:00,2026-03-20,10:00:00', // 2: fine
      'Zed,zed@nowhere.example,Acme Ltd,Web,Dev,,2026-03-20,09:00:00,2026-03-20,10:00:00', // 3
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-29,02:30:00,2026-03-29,04:00:00', // 4: DST gap
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-10-25,02:30:00,2026-10-25,04:00:00', // 5: repeated hour
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-21,10:00:00,2026-03-21,09:00:00', // 6
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-02,10:00:00,2026-03-02,11:00:00', // 7: over the Toggl import
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-20,09:30:00,2026-03-20,10:30:00', // 8: over row 2
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-02-10,09:00:00,2026-02-10,10:00:00', // 9: approved month
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-22,06:00:00,2026-03-22,19:00:00', // 10: 13 h
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2030-01-07,09:00:00,2030-01-07,10:00:00', // 11: future
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-23,09:00:00,2026-03-23,09:00:30', // 12: 30 s
      'Ben,ben.schulz@example.com,Acme Ltd,Web,Dev,,2026-03-23,09:00:00,2026-03-23,10:00:00', // 13: Ben needs a note
      'Anna,anna.berger@example.com,,,,,2026-03-24,09:00:00,2026-03-24,10:00:00', // 14
      `Anna,anna.berger@example.com,Acme Ltd,Web,${long},,2026-03-24,11:00:00,2026-03-24,12:00:00`, // 15
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-13-01,09:00:00,2026-13-01,10:00:00', // 16
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,,2026-03-25,9h,2026-03-25,10:00:00', // 17
      'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,bell\u0007,2026-03-25,09:00:00,2026-03-25,10:00:00', // 18
    ].join('\n');
    const preview = await dryRun({ format: 'toggl' }, rows);
    expect(preview.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'UNKNOWN_USER'], [4, 'LOCAL_TIME_NONEXISTENT'], [5, 'LOCAL_TIME_AMBIGUOUS'], [6, 'STOP_BEFORE_START'], [7, 'ENTRY_OVERLAP'],
      [8, 'ENTRY_OVERLAP'], [9, 'MONTH_LOCKED'], [10, 'SESSION_TOO_LONG'], [11, 'ENTRY_IN_FUTURE'], [12, 'SESSION_TOO_SHORT'], [13, 'NOTE_REQUIRED'],
      [14, 'MISSING_VALUE'], [15, 'INVALID_NAME'], [16, 'INVALID_DATE'], [17, 'INVALID_TIME'], [18, 'INVALID_TEXT'],
    ]);
    expect(preview.errors.find((e) => e.row === 4)?.message).toContain('2026-03-29 02:30 does not exist in Europe/Berlin');
    expect(preview.errors.find((e) => e.row === 7)?.message).toContain('Acme Ltd');
    expect(preview.errors.find((e) => e.row === 8)?.message).toContain('row 2');
    expect(preview.errors.find((e) => e.row === 9)?.message).toContain('February 2026');
    expect(preview.entries.toCreate).toBe(1);
    expect((await refused({ format: 'toggl' }, rows)).map((e) => e.row)).toEqual(preview.errors.map((e) => e.row));

    // The file-level codes, on row 1; Harvest's duration.
    expect((await dryRun({ format: 'toggl' }, 'User,Email\nA,a@x.example\n')).errors.map((e) => [e.row, e.code])).toEqual([[1, 'MISSING_COLUMN']]);
    expect((await dryRun({ format: 'harvest' }, '\n\n')).errors.map((e) => [e.row, e.code])).toEqual([[1, 'EMPTY_FILE']]);
    expect((await dryRun({ format: 'harvest' }, 'Date,Client,Project,Task,Notes,Hours,First Name,Last Name\n2026-03-09,C,P,T,,x,Anna,Berger\n')).errors.map((e) => [e.row, e.code])).toEqual([[2, 'INVALID_DURATION']]);
    // One bad row among good ones: 422 naming it, nothing written.
    const oneBad = 'User,Email,Client,Project,Task,Description,Start date,Start time,End date,End time\n'
      + 'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,ok,2026-03-26,09:00:00,2026-03-26,10:00:00\n'
      + 'Anna,anna.berger@example.com,Acme Ltd,Web,Dev,ok,2026-03-27,09:00:00,2026-03-27,08:00:00\n';
    expect(await refused({ format: 'toggl' }, oneBad)).toEqual([{ row: 3, code: 'STOP_BEFORE_START', message: expect.any(String) }]);
    expect(await ctx.db.prisma.category.count({ where: { organizationId: org.orgId, name: 'Dev' } })).toBe(0);
    await reopen(anna, '2026-02');
  });

  it('lists the history and undoes an import while its months are open', async () => {
    const list = await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(list.statusCode).toBe(200);
    const items = (list.json() as ImportList).items;
    const toggl = items.find((i) => i.fileName === 'toggl-march.csv');
    expect(toggl).toMatchObject({ format: 'toggl', createdBy: { id: org.users.admin.id }, rows: 4, created: { entries: 4, customers: 2, categories: 4 }, skipped: { duplicates: 0 }, undoneAt: null });
    expect(items.find((i) => i.fileName === 'Clockify_Time_Report_Detailed.csv')).toBeDefined();
    const id = toggl?.id ?? '';

    await approve(ben, '2026-03');
    const locked = await ctx.app.inject({ method: 'DELETE', url: `/api/imports/${id}`, headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toMatchObject({ code: 'MONTH_LOCKED', details: { month: '2026-03' } });
    await reopen(ben, '2026-03');

    const before = await entryCount();
    const undo = await ctx.app.inject({ method: 'DELETE', url: `/api/imports/${id}`, headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(undo.statusCode, undo.body).toBe(204);
    expect(await entryCount()).toBe(before - 4);
    expect(await dayMinutes(anna, '2026-03-02')).toBe(0);
    const deleted = await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId, action: 'DELETE', entityType: 'WorkEntry' } });
    expect(deleted).toHaveLength(4);
    expect(deleted.every((d) => (d.before as { importId?: string }).importId === id)).toBe(true);
    const again = await ctx.app.inject({ method: 'DELETE', url: `/api/imports/${id}`, headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(again.json().error.code).toBe('CONFLICT');
    const after = (await ctx.app.inject({ method: 'GET', url: '/api/imports', headers: { authorization: `Bearer ${org.users.admin.token}` } })).json() as ImportList;
    expect(after.items.find((i) => i.id === id)).toMatchObject({ undoneBy: { id: org.users.admin.id }, undoneAt: expect.any(String) });
    // Undone, the same file imports again.
    expect(await importOk({ format: 'toggl' }, fixture('toggl-detailed.csv'))).toMatchObject({ created: { entries: 4, customers: 0, categories: 0 } });
  });

  // Last: the history test above counts the imports before it.
  it('stores notes and names exactly as in the file: quotes, backslashes, braces, commas, NULL as text', async () => {
    const notes = ['Said "hi", left', 'C:\\temp\\{x}', '{a,b}', 'NULL', 'Grüße \\"'];
    const csv = ['"User","Email","Client","Project","Task","Description","Start date","Start time","End date","End time"',
      ...notes.map((n, i) => `"Anna","anna.berger@example.com","Quote \\ ""Client""","","{Task}","${n.replace(/"/g, '""')}","2025-11-0${i + 1}","09:00:00","2025-11-0${i + 1}","10:00:00"`)].join('\n');
    const { id } = await importOk({ format: 'toggl', timeZone: 'UTC' }, csv);
    const rows = await ctx.db.prisma.workEntry.findMany({ where: { importId: id }, orderBy: { startedAt: 'asc' }, select: { note: true, startedAt: true, customer: { select: { name: true } }, category: { select: { name: true } } } });
    expect(rows.map((r) => r.note)).toEqual(notes);
    expect(rows.map((r) => [r.customer.name, r.category.name])).toEqual(notes.map(() => ['Quote \\ "Client"', '{Task}']));
    expect(rows[0]?.startedAt.toISOString()).toBe('2025-11-01T09:00:00.000Z');
    expect((await admin('DELETE', `/api/imports/${id}`)).statusCode).toBe(204);
  });
});
