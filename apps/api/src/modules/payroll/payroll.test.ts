// DATEV LODAS hand-off through the API: payroll settings (validation, roles), personnel numbers,
// absence kinds' payroll type, and the file of a constructed month compared byte for byte.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Absence, AbsenceKind, PayrollSettings, User, UserList } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

const GOLDEN = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden/datev-lodas-2026-11.txt'));
const FILE = '/api/exports/payroll/datev-lodas.txt?month=2026-11';
const SETTINGS = { datevConsultantNumber: '1234567', datevClientNumber: '12345', wageTypes: { worked: '100', overtime: '200', vacation: '300', sick: '400' } };

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;
beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
  ctx.clock.now = new Date('2026-12-02T10:00:00Z');
});
const call = (who: keyof OrgFixture['users'], o: OrgFixture = org) => as(ctx.app, o.users[who].token);

describe(`payroll settings (${engineName})`, () => {
  it('admins read and set them; managers and members get 403; other organisations are untouched', async () => {
    expect((await call('admin').get('/api/settings/payroll')).json()).toEqual({
      datevConsultantNumber: null, datevClientNumber: null, wageTypes: { worked: null, overtime: null, vacation: null, sick: null },
    });
    for (const who of ['manager', 'alice'] as const) {
      expect((await call(who).get('/api/settings/payroll')).statusCode).toBe(403);
      expect((await call(who).put('/api/settings/payroll', SETTINGS)).statusCode).toBe(403);
    }
    const put = await call('admin').put('/api/settings/payroll', { ...SETTINGS, datevConsultantNumber: ' 1234567 ' });
    expect(put.statusCode).toBe(200);
    expect(put.json<PayrollSettings>()).toEqual(SETTINGS);
    expect((await call('admin').get('/api/settings/payroll')).json()).toEqual(SETTINGS);
    expect((await call('admin', other).get('/api/settings/payroll')).json<PayrollSettings>().datevConsultantNumber).toBeNull();
  });

  it.each<[string, Record<string, unknown>]>([
    ['a consultant number of 3 digits', { datevConsultantNumber: '123' }],
    ['a consultant number of 8 digits', { datevConsultantNumber: '12345678' }],
    ['a consultant number with a leading zero', { datevConsultantNumber: '0123456' }],
    ['a consultant number with letters', { datevConsultantNumber: '12a45' }],
    ['a client number of 6 digits', { datevClientNumber: '123456' }],
    ['a client number 0', { datevClientNumber: '0' }],
    ['a wage type of 5 digits', { wageTypes: { ...SETTINGS.wageTypes, sick: '10000' } }],
    ['a wage type with a decimal', { wageTypes: { ...SETTINGS.wageTypes, worked: '1.5' } }],
    ['a number instead of a text', { datevClientNumber: 12345 }],
    ['no wage types', { wageTypes: undefined }],
  ])('refuses %s with 400 and keeps the settings', async (_label, change) => {
    const res = await call('admin').put('/api/settings/payroll', { ...SETTINGS, ...change });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
    expect((await call('admin').get('/api/settings/payroll')).json()).toEqual(SETTINGS);
  });

  it('accepts the edges (4 and 7 digits, 1 and 5, 1 and 4) and clears with null or an empty text', async () => {
    const edges = { datevConsultantNumber: '1000', datevClientNumber: '1', wageTypes: { worked: '1', overtime: '9999', vacation: null, sick: '' } };
    expect((await call('admin').put('/api/settings/payroll', edges)).json()).toEqual({ ...edges, wageTypes: { ...edges.wageTypes, sick: null } });
    expect((await call('admin').put('/api/settings/payroll', { ...SETTINGS, datevConsultantNumber: '9999999', datevClientNumber: '99999' })).statusCode).toBe(200);
    expect((await call('admin').put('/api/settings/payroll', SETTINGS)).json()).toEqual(SETTINGS);
  });
});

describe(`personnel numbers (${engineName})`, () => {
  it('admins set them; unique per organisation; 1–5 digits; shown to managers and admins only', async () => {
    const set = await call('admin').patch(`/api/users/${org.users.alice.id}`, { personnelNumber: '1001' });
    expect(set.statusCode).toBe(200);
    expect(set.json<User>().personnelNumber).toBe('1001');
    for (const bad of ['0', '01', '123456', 'A1', '']) {
      expect((await call('admin').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: bad })).statusCode).toBe(400);
    }
    const taken = await call('admin').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: '1001' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'personnelNumber' } });
    // The same number in another organisation is fine.
    expect((await call('admin', other).patch(`/api/users/${other.users.alice.id}`, { personnelNumber: '1001' })).statusCode).toBe(200);
    expect((await call('manager').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: '42' })).statusCode).toBe(403);

    const listed = (await call('manager').get('/api/users')).json<UserList>().items;
    expect(listed.find((u) => u.id === org.users.alice.id)?.personnelNumber).toBe('1001');
    expect(listed.find((u) => u.id === org.users.bob.id)?.personnelNumber).toBeNull();
    const me = (await call('alice').get('/api/me')).json<Record<string, unknown>>();
    expect(me).not.toHaveProperty('personnelNumber');
    // Null clears; the number is free again.
    expect((await call('admin').patch(`/api/users/${org.users.alice.id}`, { personnelNumber: null })).json<User>().personnelNumber).toBeNull();
    expect((await call('admin').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: '1001' })).json<User>().personnelNumber).toBe('1001');
    expect((await call('admin').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: null })).statusCode).toBe(200);
  });
});

describe(`absence kinds' payroll type (${engineName})`, () => {
  it('payrollType none|vacation|sick, vacation ⇔ payrollType vacation', async () => {
    const created = await call('admin').post('/api/settings/absence-kinds', { name: 'Urlaub (Test)', creditPercent: 100, vacation: true });
    expect(created.json<AbsenceKind>()).toMatchObject({ vacation: true, payrollType: 'vacation' });
    const id = created.json<AbsenceKind>().id;
    expect((await call('admin').put(`/api/settings/absence-kinds/${id}`, { name: 'Urlaub (Test)', creditPercent: 100 })).json()).toMatchObject({ payrollType: 'vacation' });
    expect((await call('admin').put(`/api/settings/absence-kinds/${id}`, { name: 'Urlaub (Test)', creditPercent: 100, payrollType: 'sick' })).json())
      .toMatchObject({ vacation: false, payrollType: 'sick' });
    expect((await call('admin').put(`/api/settings/absence-kinds/${id}`, { name: 'Urlaub (Test)', creditPercent: 100, vacation: false })).json())
      .toMatchObject({ payrollType: 'sick' });
    expect((await call('admin').put(`/api/settings/absence-kinds/${id}`, { name: 'Urlaub (Test)', creditPercent: 100, vacation: true, payrollType: 'none' })).statusCode).toBe(400);
    expect((await call('admin').post('/api/settings/absence-kinds', { name: 'Other', creditPercent: 0 })).json()).toMatchObject({ vacation: false, payrollType: 'none' });
    await call('admin').delete(`/api/settings/absence-kinds/${id}`);
  });
});

describe(`GET /api/exports/payroll/datev-lodas.txt (${engineName})`, () => {
  const kinds: Record<string, AbsenceKind> = {};
  beforeAll(async () => {
    for (const [name, payrollType] of [['Vacation', 'vacation'], ['Sick leave', 'sick']] as const) {
      kinds[name] = (await call('admin').post('/api/settings/absence-kinds', { name, creditPercent: 100, payrollType })).json<AbsenceKind>();
    }
    // November 2026, Europe/Berlin (UTC+1), 480 required minutes Mon–Fri.
    await insertEntries(ctx.db.prisma, org, [
      // alice: Mon 2nd 9.5 h (90 extra), Tue 3rd 8 h, Sat 7th 2 h 20 (all extra); vacation Wed–Thu, sick Fri.
      { userId: org.users.alice.id, start: '2026-11-02T07:00:00Z', stop: '2026-11-02T16:30:00Z' },
      { userId: org.users.alice.id, start: '2026-11-03T07:00:00Z', stop: '2026-11-03T15:00:00Z' },
      { userId: org.users.alice.id, start: '2026-11-07T09:00:00Z', stop: '2026-11-07T11:20:00Z' },
      // bob: one minute.
      { userId: org.users.bob.id, start: '2026-11-09T07:00:00Z', stop: '2026-11-09T07:01:00Z' },
      // the manager: 8 h 20 (20 extra).
      { userId: org.users.manager.id, start: '2026-11-10T07:00:00Z', stop: '2026-11-10T15:20:00Z' },
    ]);
    for (const [kind, startDate, endDate] of [['Vacation', '2026-11-04', '2026-11-05'], ['Sick leave', '2026-11-06', '2026-11-06']] as const) {
      const absence = (await call('manager').post('/api/absences', { userId: org.users.alice.id, kindId: kinds[kind]?.id, startDate, endDate })).json<Absence>();
      expect((await call('manager').post(`/api/absences/${absence.id}/approve`)).statusCode).toBe(200);
    }
    // A name the file must not depend on (names are not in the file).
    expect((await call('admin').patch(`/api/users/${org.users.manager.id}`, { name: 'Jürgen Weiß' })).statusCode).toBe(200);
  });

  it('members get 403', async () => {
    expect((await call('alice').get(FILE)).statusCode).toBe(403);
  });

  it('lists the people without a personnel number (422 DATEV_INCOMPLETE), never a silent gap', async () => {
    await call('admin').patch(`/api/users/${org.users.alice.id}`, { personnelNumber: '1001' });
    const res = await call('manager').get(`${FILE}&approved=false`);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('DATEV_INCOMPLETE');
    // Sorted by name: "Bob …" before "Jürgen Weiß".
    expect(error.details).toEqual({
      users: [{ id: org.users.bob.id, name: expect.stringMatching(/^Bob /) }, { id: org.users.manager.id, name: 'Jürgen Weiß' }],
      settings: [],
    });
    expect(error.message).toContain('Jürgen Weiß');
    // The admin has no hours: not asked for a number.
    expect(error.details.users.map((u: { id: string }) => u.id)).not.toContain(org.users.admin.id);
  });

  it('lists missing settings: consultant and client number always, a wage type when it has lines', async () => {
    await call('admin').patch(`/api/users/${org.users.bob.id}`, { personnelNumber: '42' });
    await call('admin').patch(`/api/users/${org.users.manager.id}`, { personnelNumber: '7' });
    await call('admin').put('/api/settings/payroll', { datevConsultantNumber: null, datevClientNumber: '12345', wageTypes: { ...SETTINGS.wageTypes, sick: null } });
    const res = await call('manager').get(`${FILE}&approved=false`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual({ users: [], settings: ['datevConsultantNumber', 'wageTypes.sick'] });
    await call('admin').put('/api/settings/payroll', SETTINGS);
  });

  it('only approved months by default; approved=false includes the others', async () => {
    const approvedOnly = await call('manager').get(FILE);
    expect(approvedOnly.statusCode).toBe(200);
    expect(approvedOnly.rawPayload.toString('latin1').endsWith('[Bewegungsdaten]\r\n')).toBe(true);
    const all = await call('manager').get(`${FILE}&approved=false`);
    expect(all.statusCode).toBe(200);
    expect(all.rawPayload.equals(GOLDEN)).toBe(true);
    expect(all.headers['content-disposition']).toContain('datev-lodas_2026-11_not-approved-included.txt');
  });

  it('the approved month, byte for byte the golden file (Windows-1252, CRLF); approve only bob: only his line', async () => {
    expect((await call('manager').post('/api/months/2026-11/approve', { userIds: [org.users.bob.id] })).statusCode).toBe(200);
    const bobOnly = iconv.decode((await call('manager').get(FILE)).rawPayload, 'win1252');
    expect(bobOnly.split('[Bewegungsdaten]\r\n')[1]).toBe('1;01.11.2026;0,02;42;100;1;;\r\n');

    expect((await call('manager').post('/api/months/2026-11/approve', { all: true })).statusCode).toBe(200);
    const res = await call('admin').get(FILE);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=windows-1252');
    expect(res.headers['content-disposition']).toBe('attachment; filename="datev-lodas_2026-11.txt"');
    if (!res.rawPayload.equals(GOLDEN)) expect(res.rawPayload.toString('latin1')).toBe(GOLDEN.toString('latin1'));
    expect(res.rawPayload.equals(GOLDEN)).toBe(true);
    expect(res.rawPayload.toString('latin1')).not.toContain('Weiß');
  });

  it('an approved month keeps its figures: a later entry does not change the file', async () => {
    // Entries in an approved month are refused by the API; even one written straight to the table is not in the kept figures.
    await insertEntries(ctx.db.prisma, org, [{ userId: org.users.bob.id, start: '2026-11-11T07:00:00Z', stop: '2026-11-11T08:00:00Z' }]);
    expect((await call('admin').get(FILE)).rawPayload.equals(GOLDEN)).toBe(true);
  });

  it('another organisation sees nothing of this one', async () => {
    await call('admin', other).put('/api/settings/payroll', SETTINGS);
    const res = await call('admin', other).get(`${FILE}&approved=false`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.toString('latin1').endsWith('[Bewegungsdaten]\r\n')).toBe(true);
  });
});
