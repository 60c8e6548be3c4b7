// Absences (kinds, requests, decisions, roles) and public holidays (settings, two German states),
// and how both show in the diary.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Absence, AbsenceKind, DiaryDaySessions, DiaryUserMonth, HolidaySettings } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

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

describe(`absence kinds (${engineName})`, () => {
  it('admins add, rename and delete kinds; everyone lists them; names are unique ignoring case', async () => {
    const created = await call('admin').post('/api/settings/absence-kinds', { name: ' Vacation ', creditPercent: 100 });
    expect(created.statusCode).toBe(201);
    expect(created.json<AbsenceKind>()).toMatchObject({ name: 'Vacation', creditPercent: 100, archived: false });
    expect((await call('admin').post('/api/settings/absence-kinds', { name: 'vacation', creditPercent: 50 })).json().error.code).toBe('CONFLICT');
    expect((await call('admin').post('/api/settings/absence-kinds', { name: 'Half', creditPercent: 101 })).statusCode).toBe(400);
    expect((await call('manager').post('/api/settings/absence-kinds', { name: 'Sick', creditPercent: 100 })).statusCode).toBe(403);
    const sick = (await call('admin').post('/api/settings/absence-kinds', { name: 'Sick lave', creditPercent: 100 })).json<AbsenceKind>();
    expect((await call('admin').put(`/api/settings/absence-kinds/${sick.id}`, { name: 'Sick leave', creditPercent: 100 })).json()).toMatchObject({ name: 'Sick leave' });
    const unused = (await call('admin').post('/api/settings/absence-kinds', { name: 'Unused', creditPercent: 0 })).json<AbsenceKind>();
    expect((await call('admin').delete(`/api/settings/absence-kinds/${unused.id}`)).json()).toEqual({ id: unused.id, archived: false, deleted: true });
    const list = (await call('alice').get('/api/settings/absence-kinds')).json<{ items: AbsenceKind[] }>();
    expect(list.items.map((k) => k.name)).toEqual(['Sick leave', 'Vacation']);
    expect((await call('alice', other).get('/api/settings/absence-kinds')).json().items).toEqual([]);
  });
});

describe(`absence requests (${engineName})`, () => {
  let vacation: AbsenceKind;
  let half: AbsenceKind;
  beforeAll(async () => {
    const kinds = (await call('alice').get('/api/settings/absence-kinds')).json<{ items: AbsenceKind[] }>().items;
    vacation = kinds.find((k) => k.name === 'Vacation') as AbsenceKind;
    half = (await call('admin').post('/api/settings/absence-kinds', { name: 'Training', creditPercent: 50 })).json<AbsenceKind>();
  });

  it('a member requests for themselves only; bad ranges and overlaps are refused', async () => {
    const res = await call('alice').post('/api/absences', { kindId: vacation.id, startDate: '2026-12-14', endDate: '2026-12-16', note: 'Ski' });
    expect(res.statusCode).toBe(201);
    expect(res.json<Absence>()).toMatchObject({ status: 'REQUESTED', startDate: '2026-12-14', endDate: '2026-12-16', kind: { name: 'Vacation' }, decidedBy: null });
    expect((await call('alice').post('/api/absences', { userId: org.users.bob.id, kindId: vacation.id, startDate: '2026-12-14', endDate: '2026-12-14' })).statusCode).toBe(403);
    expect((await call('alice').post('/api/absences', { kindId: vacation.id, startDate: '2026-12-16', endDate: '2026-12-14' })).statusCode).toBe(400);
    const overlap = await call('alice').post('/api/absences', { kindId: half.id, startDate: '2026-12-16', endDate: '2026-12-18' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('ABSENCE_OVERLAP');
    expect((await call('alice').post('/api/absences', { kindId: 'nope', startDate: '2026-12-20', endDate: '2026-12-20' })).statusCode).toBe(404);
    // Members list their own only.
    expect((await call('bob').get('/api/absences')).json().items).toEqual([]);
    expect((await call('bob').get(`/api/absences?userId=${org.users.alice.id}`)).statusCode).toBe(403);
  });

  it('only managers and admins decide, once; an approved absence fulfils required hours in the diary, a requested one does not', async () => {
    const [pending] = (await call('manager').get(`/api/absences?userId=${org.users.alice.id}&status=REQUESTED`)).json<{ items: Absence[] }>().items as [Absence];
    const monthBefore = (await call('manager').get(`/api/diary/${org.users.alice.id}?month=2026-12`)).json<DiaryUserMonth>();
    expect(monthBefore.totals.absenceMinutes).toBe(0);
    expect((await call('alice').post(`/api/absences/${pending.id}/approve`)).statusCode).toBe(403);
    const approved = await call('manager').post(`/api/absences/${pending.id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json<Absence>()).toMatchObject({ status: 'APPROVED', decidedBy: { id: org.users.manager.id } });
    expect((await call('admin').post(`/api/absences/${pending.id}/reject`)).json().error.code).toBe('ABSENCE_DECIDED');
    const month = (await call('manager').get(`/api/diary/${org.users.alice.id}?month=2026-12`)).json<DiaryUserMonth>();
    // Mon 14 – Wed 16 December: 3 × 480 credited.
    expect(month.totals.absenceMinutes).toBe(1440);
    expect(month.items.find((d) => d.date === '2026-12-15')).toMatchObject({ absence: { kind: 'Vacation', creditPercent: 100 }, absenceMinutes: 480, requiredMinutes: 480 });
    const overview = (await call('manager').get('/api/diary?month=2026-12')).json<{ items: Array<{ userId: string; absenceMinutes: number }> }>();
    expect(overview.items.find((i) => i.userId === org.users.alice.id)?.absenceMinutes).toBe(1440);
  });

  it('work on a vacation day is extra; the credit never is', async () => {
    await insertEntries(ctx.db.prisma, org, [{ userId: org.users.alice.id, start: '2026-12-15T08:00:00Z', stop: '2026-12-15T09:30:00Z' }]);
    const day = (await call('alice').get(`/api/diary/${org.users.alice.id}/2026-12-15`)).json<DiaryDaySessions>();
    expect(day).toMatchObject({ totalMinutes: 90, extraMinutes: 90, requiredMinutes: 480, absenceMinutes: 480, absence: { kind: 'Vacation' } });
  });

  it('a rejected request counts nothing; a member withdraws a pending request, not a decided one', async () => {
    const req = (await call('bob').post('/api/absences', { kindId: half.id, startDate: '2026-12-03', endDate: '2026-12-03' })).json<Absence>();
    expect((await call('admin').post(`/api/absences/${req.id}/reject`)).json<Absence>().status).toBe('REJECTED');
    expect((await call('manager').get(`/api/diary/${org.users.bob.id}/2026-12-03`)).json<DiaryDaySessions>()).toMatchObject({ absence: null, absenceMinutes: 0 });
    expect((await call('bob').delete(`/api/absences/${req.id}`)).statusCode).toBe(403);
    const again = (await call('bob').post('/api/absences', { kindId: half.id, startDate: '2026-12-03', endDate: '2026-12-03' })).json<Absence>();
    expect((await call('bob').delete(`/api/absences/${again.id}`)).statusCode).toBe(204);
    expect((await call('manager', other).get('/api/absences')).json().items).toEqual([]);
  });
});

describe(`public holidays (${engineName})`, () => {
  it('admins set country and region; unknown ones are refused; members read them', async () => {
    expect((await call('alice').get('/api/settings/holidays')).json<HolidaySettings>()).toEqual({ country: null, region: null, sharePercent: 0 });
    expect((await call('manager').put('/api/settings/holidays', { country: 'DE', region: 'BY', sharePercent: 0 })).statusCode).toBe(403);
    const unknown = await call('admin').put('/api/settings/holidays', { country: 'DE', region: 'XX', sharePercent: 0 });
    expect(unknown.statusCode).toBe(400);
    expect((await call('admin').put('/api/settings/holidays', { country: 'DE', region: 'BY', sharePercent: 101 })).statusCode).toBe(400);
    const res = await call('admin').put('/api/settings/holidays', { country: 'de', region: 'by', sharePercent: 0 });
    expect(res.json<HolidaySettings>()).toEqual({ country: 'DE', region: 'BY', sharePercent: 0 });
    const regions = (await call('admin').get('/api/settings/holidays/regions?country=DE')).json<{ items: Array<{ code: string; name: string }> }>().items;
    expect(regions).toEqual(expect.arrayContaining([{ code: 'BY', name: expect.any(String) }, { code: 'BE', name: 'Berlin' }]));
    expect((await call('admin').get('/api/settings/holidays/countries')).json().items).toEqual(expect.arrayContaining([{ code: 'DE', name: 'Germany' }]));
  });

  it('6 January is a holiday in Bayern but not in Berlin', async () => {
    const holidays2027 = async () => (await call('alice').get('/api/holidays?year=2027')).json<{ items: Array<{ date: string; name: string }> }>().items;
    expect(await holidays2027()).toEqual(expect.arrayContaining([{ date: '2027-01-06', name: 'Epiphany' }, { date: '2027-01-01', name: "New Year's Day" }]));
    const bayernJan = (await call('manager').get(`/api/diary/${org.users.bob.id}?month=2027-01`)).json<DiaryUserMonth>();
    expect(bayernJan.items.find((d) => d.date === '2027-01-06')).toMatchObject({ holiday: 'Epiphany', requiredMinutes: 0 });

    await call('admin').put('/api/settings/holidays', { country: 'DE', region: 'BE', sharePercent: 0 });
    expect((await holidays2027()).map((h) => h.date)).not.toContain('2027-01-06');
    const berlinJan = (await call('manager').get(`/api/diary/${org.users.bob.id}?month=2027-01`)).json<DiaryUserMonth>();
    expect(berlinJan.items.find((d) => d.date === '2027-01-06')).toMatchObject({ holiday: null, requiredMinutes: 480 });
    expect(berlinJan.totals.requiredMinutes).toBe(bayernJan.totals.requiredMinutes + 480);
  });

  it("Christmas Day shows in the user's month and day, and a share keeps part of the day required", async () => {
    const dec = (await call('alice').get(`/api/diary/${org.users.alice.id}?month=2026-12`)).json<DiaryUserMonth>();
    expect(dec.items.find((d) => d.date === '2026-12-25')).toMatchObject({ holiday: 'Christmas Day', requiredMinutes: 0 });
    await call('admin').put('/api/settings/holidays', { country: 'DE', region: 'BE', sharePercent: 50 });
    const day = (await call('alice').get(`/api/diary/${org.users.alice.id}/2026-12-25`)).json<DiaryDaySessions>();
    expect(day).toMatchObject({ holiday: 'Christmas Day', requiredMinutes: 240 });
    await call('admin').put('/api/settings/holidays', { country: null, region: null, sharePercent: 0 });
    expect((await call('alice').get(`/api/diary/${org.users.alice.id}/2026-12-25`)).json<DiaryDaySessions>()).toMatchObject({ holiday: null, requiredMinutes: 480 });
  });
});
