import type { CalendarFeedCreated } from '@workdiary/shared';
import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

const day = (date: string) => new Date(`${date}T00:00:00.000Z`);
/** An all-day DTSTART/DTEND as node-ical reads it (a Date at local midnight, marked dateOnly) → 'YYYY-MM-DD'. */
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe(`calendar feed (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx, { name: 'Feed GmbH' });
    expect((await as(ctx.app, org.users.admin.token).put('/api/settings/holidays', { country: 'DE', region: 'BY' })).statusCode).toBe(200);
    const prisma = ctx.db.prisma;
    const vacation = newId();
    const sick = newId();
    await prisma.absenceKind.createMany({ data: [
      { id: vacation, organizationId: org.orgId, name: 'Vacation', payrollType: 'VACATION' },
      { id: sick, organizationId: org.orgId, name: 'Sick leave' },
    ] });
    const absence = (id: string, userId: string, kindId: string, start: string, end: string, status: 'APPROVED' | 'REQUESTED' | 'REJECTED', note = '') => ({
      id, organizationId: org.orgId, userId, kindId, startDate: day(start), endDate: day(end), status, note,
    });
    await prisma.absence.createMany({ data: [
      absence('abs-alice-vac', org.users.alice.id, vacation, '2026-08-03', '2026-08-07', 'APPROVED', 'Mallorca'),
      absence('abs-alice-req', org.users.alice.id, vacation, '2026-09-14', '2026-09-15', 'REQUESTED'),
      absence('abs-bob-sick', org.users.bob.id, sick, '2026-11-10', '2026-11-10', 'APPROVED', 'flu'),
      absence('abs-bob-rej', org.users.bob.id, vacation, '2026-10-05', '2026-10-05', 'REJECTED'),
      absence('abs-bob-old', org.users.bob.id, vacation, '2020-06-01', '2020-06-02', 'APPROVED'),
    ] });
  });

  const makeFeed = async (who: keyof OrgFixture['users']) => {
    const res = await as(ctx.app, org.users[who].token).post('/api/me/calendar-feed');
    expect(res.statusCode, res.body).toBe(201);
    return res.json<CalendarFeedCreated>();
  };
  const pathOf = (url: string) => new URL(url).pathname;
  const read = async (url: string) => ctx.app.inject({ method: 'GET', url: pathOf(url) });
  const eventsOf = (body: string) => Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');

  it('a member\'s feed: the organisation\'s public holidays and their own approved absences, parsed back with node-ical', async () => {
    try {
      ctx.clock.now = new Date('2026-12-07T09:00:00.000Z');
      const { url } = await makeFeed('alice');
      expect(url).toMatch(/^http:\/\/[^/]+\/api\/calendar\/wdc_[A-Za-z0-9_-]{43}\.ics$/);
      const res = await read(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(String(res.headers['cache-control'])).toMatch(/no-store/);
      expect(String(res.headers['cache-control'])).toMatch(/private/);
      const events = eventsOf(res.body);
      const byUid = new Map(events.map((e) => [e.uid, e]));

      // Public holidays of Bavaria, last year to next year.
      const christmas = events.find((e) => e.uid.startsWith('holiday-2026-12-25'));
      expect(christmas?.summary).toBe('Christmas Day');
      expect(ymd(christmas!.start)).toBe('2026-12-25');
      expect(ymd(christmas!.end!)).toBe('2026-12-26');
      expect(christmas?.datetype).toBe('date');
      expect(events.some((e) => e.uid.startsWith('holiday-2025-01-06'))).toBe(true); // Epiphany (BY), last year
      expect(events.some((e) => e.uid.startsWith('holiday-2027-11-01'))).toBe(true); // All Saints' Day (BY), next year
      expect(events.some((e) => e.uid.startsWith('holiday-2024-'))).toBe(false);
      expect(events.some((e) => e.uid.startsWith('holiday-2028-'))).toBe(false);

      // Her approved absence as one all-day event (end exclusive); not the requested one, not Bob's, no note.
      const vac = byUid.get('absence-abs-alice-vac@workdiary');
      expect(vac?.summary).toBe('Vacation');
      expect(ymd(vac!.start)).toBe('2026-08-03');
      expect(ymd(vac!.end!)).toBe('2026-08-08');
      expect(byUid.has('absence-abs-alice-req@workdiary')).toBe(false);
      expect(byUid.has('absence-abs-bob-sick@workdiary')).toBe(false);
      expect(res.body).not.toContain('Mallorca');
    } finally {
      ctx.clock.now = null;
    }
  });

  it('a manager\'s feed holds everyone\'s approved absences in the window, named', async () => {
    try {
      ctx.clock.now = new Date('2026-12-07T09:00:00.000Z');
      const { url } = await makeFeed('manager');
      const byUid = new Map(eventsOf((await read(url)).body).map((e) => [e.uid, e]));
      expect(byUid.get('absence-abs-alice-vac@workdiary')?.summary).toMatch(/^Alice .*: Vacation$/);
      expect(byUid.get('absence-abs-bob-sick@workdiary')?.summary).toMatch(/^Bob .*: Sick leave$/);
      expect(byUid.has('absence-abs-bob-rej@workdiary')).toBe(false);
      expect(byUid.has('absence-abs-bob-old@workdiary')).toBe(false); // 2020: outside the window
    } finally {
      ctx.clock.now = null;
    }
  });

  it('is stored hashed; rotating ends the old URL, revoking answers 404', async () => {
    const first = await makeFeed('bob');
    const token = pathOf(first.url).replace('/api/calendar/', '').replace('.ics', '');
    const row = await ctx.db.prisma.calendarFeed.findFirstOrThrow({ where: { userId: org.users.bob.id } });
    expect(row.tokenHash).not.toContain(token);
    expect((await as(ctx.app, org.users.bob.token).get('/api/me/calendar-feed')).json()).toMatchObject({ active: true });

    const second = await makeFeed('bob');
    expect(second.url).not.toBe(first.url);
    expect((await read(first.url)).statusCode).toBe(404);
    expect((await read(second.url)).statusCode).toBe(200);

    expect((await as(ctx.app, org.users.bob.token).delete('/api/me/calendar-feed')).statusCode).toBe(204);
    const gone = await read(second.url);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('NOT_FOUND');
    expect((await as(ctx.app, org.users.bob.token).get('/api/me/calendar-feed')).json()).toEqual({ active: false, createdAt: null });
    expect((await as(ctx.app, org.users.bob.token).delete('/api/me/calendar-feed')).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/calendar/wdc_nothing.ics' })).statusCode).toBe(404);
  });

  it('answers 404 once its owner is deactivated', async () => {
    const other = await createOrg(ctx);
    const res = await as(ctx.app, other.users.alice.token).post('/api/me/calendar-feed');
    const { url } = res.json<CalendarFeedCreated>();
    expect((await read(url)).statusCode).toBe(200);
    expect((await as(ctx.app, other.users.admin.token).patch(`/api/users/${other.users.alice.id}`, { active: false })).statusCode).toBe(200);
    expect((await read(url)).statusCode).toBe(404);
  });
});
