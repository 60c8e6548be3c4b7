import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

// Issue 25 (German all the way down): the month and the day name public holidays in the reader's language.
describe(`diary holiday names in the reader's language (${engineName})`, () => {
  let ctx: TestContext;
  let fixture: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    fixture = await createOrg(ctx);
    const admin = as(ctx.app, fixture.users.admin.token);
    expect((await admin.put('/api/settings/holidays', { country: 'DE', region: 'BE', sharePercent: 0 })).statusCode).toBe(200);
  });

  const holidayOf = async (token: string, path: string) => {
    const res = await as(ctx.app, token).get(path);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('gives an English reader the English name and a German reader the German one', async () => {
    const alice = fixture.users.alice;
    const bob = fixture.users.bob;
    expect((await as(ctx.app, bob.token).patch('/api/me', { locale: 'de-DE' })).statusCode).toBe(200);

    const english = await holidayOf(alice.token, `/api/diary/${alice.id}?month=2026-12`);
    expect(english.items.find((d: { date: string }) => d.date === '2026-12-25').holiday).toBe('Christmas Day');
    const german = await holidayOf(bob.token, `/api/diary/${bob.id}?month=2026-12`);
    expect(german.items.find((d: { date: string }) => d.date === '2026-12-25').holiday).toBe('1. Weihnachtstag');
    expect(german.items.find((d: { date: string }) => d.date === '2026-12-26').holiday).toBe('2. Weihnachtstag');

    expect((await holidayOf(bob.token, `/api/diary/${bob.id}/2026-12-25`)).holiday).toBe('1. Weihnachtstag');
    expect((await holidayOf(alice.token, `/api/diary/${alice.id}/2026-12-25`)).holiday).toBe('Christmas Day');
  });
});
