import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

describe(`organisation settings (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx, { name: 'First Org' });
    other = await createOrg(ctx, { name: 'Second Org' });
  });

  it('every signed-in user reads their own organisation', async () => {
    const res = await as(ctx.app, org.users.alice.token).get('/api/organization');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: org.orgId, name: 'First Org', timeZone: 'Europe/Berlin', currency: 'EUR', clientTimer: true, locale: 'en-GB', vacationCarryOverUntil: null, compliance: { enabled: true, rules: ['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'SUNDAY_WORK', 'HOLIDAY_WORK'] } });
  });

  it('admins change name, time zone and currency; the change shows in /api/me and is published', async () => {
    const events: unknown[] = [];
    const unsubscribe = ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
    const res = await as(ctx.app, org.users.admin.token).put('/api/organization', { name: ' Renamed Org ', timeZone: 'Asia/Tokyo', currency: 'jpy' });
    unsubscribe();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed Org', timeZone: 'Asia/Tokyo', currency: 'JPY' });
    expect((await as(ctx.app, org.users.bob.token).get('/api/me')).json().organization).toMatchObject({ timeZone: 'Asia/Tokyo', currency: 'JPY' });
    expect(events).toEqual([{ type: 'settings.changed', what: 'organization' }]);
    // The other organisation is untouched.
    expect((await as(ctx.app, other.users.admin.token).get('/api/organization')).json()).toMatchObject({ name: 'Second Org', timeZone: 'Europe/Berlin' });
  });

  it('admins set the locale; left out it stays; an unknown one is a 400 that stores nothing', async () => {
    const admin = as(ctx.app, other.users.admin.token);
    const set = await admin.put('/api/organization', { name: 'Second Org', timeZone: 'Europe/Berlin', currency: 'EUR', locale: 'de-DE' });
    expect(set.statusCode).toBe(200);
    expect(set.json().locale).toBe('de-DE');
    expect((await admin.put('/api/organization', { name: 'Second Org', timeZone: 'Europe/Berlin', currency: 'EUR' })).json().locale).toBe('de-DE');
    const bad = await admin.put('/api/organization', { name: 'Second Org', timeZone: 'Europe/Berlin', currency: 'EUR', locale: 'xx-YY' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    expect((await as(ctx.app, other.users.bob.token).get('/api/me')).json().organization.locale).toBe('de-DE');
  });

  it('refuses an unknown time zone or currency (400) and non-admins (403)', async () => {
    const admin = as(ctx.app, org.users.admin.token);
    const zone = await admin.put('/api/organization', { name: 'X', timeZone: 'Europe/Atlantis', currency: 'EUR' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.code).toBe('VALIDATION_ERROR');
    expect((await admin.put('/api/organization', { name: 'X', timeZone: 'UTC', currency: 'EU' })).statusCode).toBe(400);
    expect((await admin.put('/api/organization', { name: '', timeZone: 'UTC', currency: 'EUR' })).statusCode).toBe(400);
    const body = { name: 'Nope', timeZone: 'UTC', currency: 'EUR' };
    expect((await as(ctx.app, org.users.manager.token).put('/api/organization', body)).statusCode).toBe(403);
    expect((await as(ctx.app, org.users.alice.token).put('/api/organization', body)).statusCode).toBe(403);
    expect((await admin.get('/api/organization')).json().name).toBe('Renamed Org');
  });

  it('documents the people-and-organisation routes in the OpenAPI spec', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining([
      '/api/users', '/api/users/{id}', '/api/users/{id}/set-password-link', '/api/at-work', '/api/at-work/{userId}/stop',
      '/api/me/password', '/api/auth/set-password', '/api/setup', '/api/organization',
    ]));
  });
});
