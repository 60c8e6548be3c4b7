// Working-time law (issue 26): GET /api/compliance, member limits, acknowledgements (audited),
// the organisation's switch and choice of rules, the diary's `violations` and overview count, the
// warnings of a timer stop and a manual entry, holidays of one German state but not another.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { dayBounds, type ComplianceList, type DiaryOverview, type DiaryUserMonth, type Organization } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

const TZ = 'Europe/Berlin';
/** The ISO instant of local `date` at `hh:mm` in Berlin (no DST change on these days). */
const at = (date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(dayBounds(date, TZ).start.getTime() + (h * 60 + m) * 60_000).toISOString();
};

describe(`compliance (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx, { timeZone: TZ });
    const { alice, bob } = org.users;
    await insertEntries(ctx.db.prisma, org, [
      // Mon 2 Mar: 6:30 without a break → BREAK_MISSING + STRETCH_TOO_LONG.
      { userId: alice.id, start: at('2026-03-02', '08:00'), stop: at('2026-03-02', '14:30') },
      // Tue 3 Mar: 6:00 exactly → nothing; but it starts 10 h after… nothing before it on Mon evening.
      { userId: alice.id, start: at('2026-03-03', '08:00'), stop: at('2026-03-03', '14:00') },
      // Sun 8 Mar: Sunday work.
      { userId: alice.id, start: at('2026-03-08', '10:00'), stop: at('2026-03-08', '11:00') },
      // Bob: Wed 4 Mar until 22:00, Thu 5 Mar from 07:00 → REST_SHORT (9 h) on Thu.
      { userId: bob.id, start: at('2026-03-04', '16:00'), stop: at('2026-03-04', '22:00') },
      { userId: bob.id, start: at('2026-03-05', '07:00'), stop: at('2026-03-05', '09:00') },
    ]);
  });

  it('lists everyone\'s findings of the month for a manager, with the figure each rule judged', async () => {
    const res = await as(ctx.app, org.users.manager.token).get('/api/compliance?month=2026-03');
    expect(res.statusCode).toBe(200);
    const body = res.json<ComplianceList>();
    expect(body.month).toBe('2026-03');
    expect(body.enabled).toBe(true);
    expect(body.items.map(({ userId, date, rule, minutes }) => ({ userId, date, rule, minutes }))).toEqual([
      { userId: org.users.alice.id, date: '2026-03-02', rule: 'BREAK_MISSING', minutes: 0 },
      { userId: org.users.alice.id, date: '2026-03-02', rule: 'STRETCH_TOO_LONG', minutes: 390 },
      { userId: org.users.bob.id, date: '2026-03-05', rule: 'REST_SHORT', minutes: 540 },
      { userId: org.users.alice.id, date: '2026-03-08', rule: 'SUNDAY_WORK', minutes: 60 },
    ]);
    expect(body.items.every((i) => i.acknowledged === null)).toBe(true);
    const one = (await as(ctx.app, org.users.manager.token).get(`/api/compliance?month=2026-03&userId=${org.users.bob.id}`)).json<ComplianceList>();
    expect(one.items.map((i) => i.rule)).toEqual(['REST_SHORT']);
  });

  it('judges a session that started days before the month and runs into it (a forgotten timer)', async () => {
    const other = await createOrg(ctx, { name: 'Long sessions', timeZone: TZ });
    const { alice } = other.users;
    // Thu 28 May 20:00 until Mon 1 June 10:00: 86 hours, the last 10 of them on 1 June.
    await insertEntries(ctx.db.prisma, other, [{ userId: alice.id, start: at('2026-05-28', '20:00'), stop: at('2026-06-01', '10:00') }]);
    const list = (await as(ctx.app, other.users.manager.token).get('/api/compliance?month=2026-06')).json<ComplianceList>();
    expect(list.items.map(({ userId, date, rule, minutes }) => ({ userId, date, rule, minutes })))
      .toContainEqual({ userId: alice.id, date: '2026-06-01', rule: 'STRETCH_TOO_LONG', minutes: 600 });
    const overview = (await as(ctx.app, other.users.manager.token).get('/api/diary?month=2026-06')).json<DiaryOverview>();
    expect(overview.items.find((i) => i.userId === alice.id)?.violations).toBeGreaterThan(0);
  });

  it('gives a member only their own findings, whatever they ask for', async () => {
    const own = await as(ctx.app, org.users.bob.token).get(`/api/compliance?month=2026-03&userId=${org.users.alice.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json<ComplianceList>().items.map((i) => [i.userId, i.rule])).toEqual([[org.users.bob.id, 'REST_SHORT']]);
    const all = (await as(ctx.app, org.users.alice.token).get('/api/compliance?month=2026-03')).json<ComplianceList>();
    expect(new Set(all.items.map((i) => i.userId))).toEqual(new Set([org.users.alice.id]));
  });

  it('answers 400 for bad input and 404 for an unknown user', async () => {
    const manager = as(ctx.app, org.users.manager.token);
    expect((await manager.get('/api/compliance?month=2026-13')).statusCode).toBe(400);
    expect((await manager.get('/api/compliance?month=march')).statusCode).toBe(400);
    expect((await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-02', note: '   ' })).statusCode).toBe(400);
    expect((await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-02-30', note: 'x' })).statusCode).toBe(400);
    const unknown = await manager.get('/api/compliance?month=2026-03&userId=nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('lets a manager acknowledge a day with a note: the findings stay, acknowledged, and the audit has it', async () => {
    const manager = as(ctx.app, org.users.manager.token);
    expect((await as(ctx.app, org.users.alice.token).post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-02', note: 'Mine' })).statusCode).toBe(403);
    expect((await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-03', note: 'No findings' })).statusCode).toBe(404);
    const res = await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-02', note: '  Customer deadline, agreed  ' });
    expect(res.statusCode).toBe(201);
    const ack = res.json<{ id: string; note: string; by: { id: string }; date: string }>();
    expect(ack).toMatchObject({ note: 'Customer deadline, agreed', by: { id: org.users.manager.id }, date: '2026-03-02', userId: org.users.alice.id });
    const list = (await manager.get(`/api/compliance?month=2026-03&userId=${org.users.alice.id}`)).json<ComplianceList>();
    const day = list.items.filter((i) => i.date === '2026-03-02');
    expect(day).toHaveLength(2);
    for (const item of day) expect(item.acknowledged).toMatchObject({ note: 'Customer deadline, agreed', by: { id: org.users.manager.id } });
    expect(list.items.find((i) => i.date === '2026-03-08')?.acknowledged).toBeNull();
    // A second acknowledgement replaces the note; both are audited.
    expect((await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-02', note: 'Deadline' })).statusCode).toBe(201);
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId, entityType: 'ComplianceAcknowledgement' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'UPDATE']);
    expect(audit[1]?.after).toMatchObject({ note: 'Deadline', rules: ['BREAK_MISSING', 'STRETCH_TOO_LONG'] });
    expect(audit[1]?.before).toMatchObject({ note: 'Customer deadline, agreed' });
  });

  it('puts the day\'s rules on the user\'s month and a count per person on the overview', async () => {
    const month = (await as(ctx.app, org.users.alice.token).get(`/api/diary/${org.users.alice.id}?month=2026-03`)).json<DiaryUserMonth>();
    const byDate = new Map(month.items.map((d) => [d.date, d.violations]));
    expect(byDate.get('2026-03-02')).toEqual(['BREAK_MISSING', 'STRETCH_TOO_LONG']);
    expect(byDate.get('2026-03-03')).toEqual([]);
    expect(byDate.get('2026-03-08')).toEqual(['SUNDAY_WORK']);
    // §3: 6:30 + 6:00 + 1:00 over Oct–Mar's workdays.
    expect(month.sixMonthAverage?.from).toBe('2025-10-01');
    expect(month.sixMonthAverage?.to).toBe('2026-03-31');
    expect(month.sixMonthAverage?.averageMinutes).toBe(Math.floor(810 / 155));
    const overview = (await as(ctx.app, org.users.manager.token).get('/api/diary?month=2026-03')).json<DiaryOverview>();
    const count = new Map(overview.items.map((r) => [r.userId, r.violations]));
    expect(count.get(org.users.alice.id)).toBe(3);
    expect(count.get(org.users.bob.id)).toBe(1);
    expect(count.get(org.users.manager.id)).toBe(0);
  });

  it('follows the organisation\'s choice of rules and its switch', async () => {
    const admin = as(ctx.app, org.users.admin.token);
    const current = (await admin.get('/api/organization')).json<Organization>();
    expect(current.compliance).toEqual({ enabled: true, rules: ['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'SUNDAY_WORK', 'HOLIDAY_WORK'] });
    const base = { name: current.name, timeZone: current.timeZone, currency: current.currency };
    expect((await admin.put('/api/organization', { ...base, compliance: { enabled: true, rules: ['REST_SHORT', 'NOPE'] } })).statusCode).toBe(400);
    expect((await as(ctx.app, org.users.manager.token).put('/api/organization', { ...base, compliance: { enabled: false, rules: [] } })).statusCode).toBe(403);

    const some = await admin.put('/api/organization', { ...base, compliance: { enabled: true, rules: ['SUNDAY_WORK', 'REST_SHORT'] } });
    expect(some.statusCode).toBe(200);
    expect(some.json<Organization>().compliance).toEqual({ enabled: true, rules: ['REST_SHORT', 'SUNDAY_WORK'] });
    const list = (await as(ctx.app, org.users.manager.token).get('/api/compliance?month=2026-03')).json<ComplianceList>();
    expect(list.rules).toEqual(['REST_SHORT', 'SUNDAY_WORK']);
    expect(list.items.map((i) => i.rule)).toEqual(['REST_SHORT', 'SUNDAY_WORK']);

    const off = await admin.put('/api/organization', { ...base, compliance: { enabled: false, rules: ['REST_SHORT', 'SUNDAY_WORK'] } });
    expect(off.json<Organization>().compliance?.enabled).toBe(false);
    const none = (await as(ctx.app, org.users.manager.token).get('/api/compliance?month=2026-03')).json<ComplianceList>();
    expect(none).toMatchObject({ enabled: false, items: [] });
    const month = (await as(ctx.app, org.users.alice.token).get(`/api/diary/${org.users.alice.id}?month=2026-03`)).json<DiaryUserMonth>();
    expect(month.items.every((d) => d.violations?.length === 0)).toBe(true);
    expect(month.sixMonthAverage).toBeUndefined();
    // Left out: unchanged; then back to the defaults.
    expect((await admin.put('/api/organization', base)).json<Organization>().compliance?.enabled).toBe(false);
    const back = await admin.put('/api/organization', { ...base, compliance: { enabled: true, rules: ['HOLIDAY_WORK', 'SUNDAY_WORK', 'REST_SHORT', 'DAILY_MAX', 'STRETCH_TOO_LONG', 'BREAK_MISSING'] } });
    expect(back.json<Organization>().compliance).toEqual(current.compliance);
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId, entityType: 'Organization' }, orderBy: { at: 'asc' } });
    expect(audit.at(-1)?.after).toMatchObject({ compliance: current.compliance });
  });

  it('warns (never refuses) when a manual entry or a timer stop creates a finding', async () => {
    const alice = as(ctx.app, org.users.alice.token);
    const ok = await alice.post('/api/work-entries', {
      customerId: org.customers.acme, categoryId: org.categories.regular, date: '2026-03-10', startTime: '08:00', stopTime: '12:00',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<{ warnings?: unknown }>().warnings).toBeUndefined();
    const long = await alice.post('/api/work-entries', {
      customerId: org.customers.acme, categoryId: org.categories.regular, date: '2026-03-11', startTime: '08:00', stopTime: '14:30',
    });
    expect(long.statusCode).toBe(201);
    expect(long.json<{ warnings?: unknown }>().warnings).toEqual([
      { date: '2026-03-11', rule: 'BREAK_MISSING' }, { date: '2026-03-11', rule: 'STRETCH_TOO_LONG' },
    ]);

    ctx.clock.now = new Date(at('2026-03-12', '08:00'));
    const bob = as(ctx.app, org.users.bob.token);
    expect((await bob.post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date(at('2026-03-12', '14:30'));
    const stop = await bob.post('/api/timer/stop', { note: '' });
    expect(stop.statusCode).toBe(200);
    expect(stop.json<{ warnings?: unknown; stoppedAt: string }>()).toMatchObject({
      stoppedAt: at('2026-03-12', '14:30'),
      warnings: [{ date: '2026-03-12', rule: 'BREAK_MISSING' }, { date: '2026-03-12', rule: 'STRETCH_TOO_LONG' }],
    });
    ctx.clock.now = null;
  });

  it('judges work on a public holiday of the organisation\'s state only', async () => {
    // Epiphany (6 Jan 2026) is a public holiday in Bavaria, not in Berlin.
    for (const [region, expected] of [['BY', ['HOLIDAY_WORK']], ['BE', []]] as const) {
      const other = await createOrg(ctx, { timeZone: TZ });
      const admin = as(ctx.app, other.users.admin.token);
      expect((await admin.put('/api/settings/holidays', { country: 'DE', region, sharePercent: 0 })).statusCode).toBe(200);
      await insertEntries(ctx.db.prisma, other, [{ userId: other.users.alice.id, start: at('2026-01-06', '09:00'), stop: at('2026-01-06', '12:00') }]);
      const list = (await admin.get('/api/compliance?month=2026-01')).json<ComplianceList>();
      expect(list.items.map((i) => i.rule)).toEqual(expected);
    }
  });
});

describe(`compliance export (${engineName})`, () => {
  it('writes the month\'s findings with their acknowledgement, in the reader\'s language; managers only', async () => {
    const ctx = await setupTestApp();
    const org = await createOrg(ctx, { timeZone: TZ });
    await insertEntries(ctx.db.prisma, org, [{ userId: org.users.alice.id, start: at('2026-03-02', '08:00'), stop: at('2026-03-02', '14:30') }]);
    const manager = as(ctx.app, org.users.manager.token);
    expect((await manager.post('/api/compliance/acknowledgements', { userId: org.users.alice.id, date: '2026-03-02', note: 'Deadline' })).statusCode).toBe(201);
    expect((await as(ctx.app, org.users.alice.token).get('/api/compliance.xlsx?month=2026-03')).statusCode).toBe(403);
    expect((await manager.get('/api/compliance.xlsx?month=2026-3')).statusCode).toBe(400);
    await ctx.db.prisma.user.update({ where: { id: org.users.manager.id }, data: { locale: 'de-DE' } });
    const res = await manager.get('/api/compliance.xlsx?month=2026-03');
    expect(res.statusCode).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer', cellNF: true });
    const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: false });
    expect(rows[0]).toEqual(['Datum', 'Benutzer', 'Regel', 'Code', 'Geprüfter Wert', 'Zur Kenntnis genommen von', 'Zur Kenntnis genommen am', 'Notiz']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[3], r[4], r[7]])).toEqual([
      ['02.03.2026', 'Pause zu kurz (§ 4)', 'BREAK_MISSING', '0:00', 'Deadline'],
      ['02.03.2026', 'Über 6 Std. ohne Pause (§ 4)', 'STRETCH_TOO_LONG', '6:30', 'Deadline'],
    ]);
    // A date cell (a number with a date format), in the German reader's style.
    expect(ws.A2?.t).toBe('n');
    expect(ws.A2?.z).toMatch(/^dd\\?\.mm\\?\.yyyy$/);
  });
});
