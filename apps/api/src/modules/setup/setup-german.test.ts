import { beforeAll, describe, expect, it } from 'vitest';
import { as, engineName, setupTestApp, type TestContext } from '../../test/helper.ts';

// Issue 25 (German all the way down): a German organisation starts with German absence kinds.
describe(`first-run setup of a German organisation (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  it('names the starting absence kinds in German', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        organization: { name: 'Muster GmbH', timeZone: 'Europe/Berlin', currency: 'EUR', locale: 'de-DE' },
        admin: { name: 'Erika Admin', email: 'erika@muster.example', password: 'erika-password-1' },
      },
    });
    expect(res.statusCode).toBe(201);
    const kinds = (await as(ctx.app, res.json().token).get('/api/settings/absence-kinds')).json();
    const names = (kinds.items ?? kinds).map((k: { name: string }) => k.name).sort();
    expect(names).toEqual(['Krankheit', 'Unbezahlter Urlaub', 'Urlaub']);
  });
});
