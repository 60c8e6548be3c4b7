import { beforeAll, describe, expect, it } from 'vitest';
import { engineName, login, setupTestApp, type TestContext } from '../../test/helper.ts';
import { createAdmin, parseCreateAdminArgs, type Prompt } from './create-admin.ts';

describe(`create-admin command (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  const noTerminal: Prompt = async () => '';

  it('parses its options and refuses unknown ones', () => {
    expect(parseCreateAdminArgs(['--org', 'Acme', '--tz', 'Europe/Berlin', '--currency', 'EUR', '--name', 'Jane', '--email', 'jane@x.example', '--password', 'pw'])).toEqual({
      org: 'Acme', tz: 'Europe/Berlin', currency: 'EUR', name: 'Jane', email: 'jane@x.example', password: 'pw', help: false,
    });
    expect(parseCreateAdminArgs(['-h']).help).toBe(true);
    expect(() => parseCreateAdminArgs(['--orgg', 'x'])).toThrow();
  });

  it('names the invalid options and creates nothing', async () => {
    const args = parseCreateAdminArgs(['--org', 'Acme', '--tz', 'Nowhere/Town', '--currency', 'EUR', '--name', 'Jane', '--email', 'not-an-email']);
    await expect(createAdmin({ prisma: ctx.db.prisma, args, prompt: noTerminal })).rejects.toThrow(/--tz.*\n.*--email.*\n.*--password/s);
    expect(await ctx.db.prisma.organization.count()).toBe(0);
  });

  it('asks for what is missing, creates organisation and admin, then refuses a second run', async () => {
    const asked: string[] = [];
    const prompt: Prompt = async (question, options) => {
      asked.push(`${question}${options?.secret ? ' (secret)' : ''}`);
      return question.startsWith('Admin password') ? 'jane-password-1' : options?.default ?? ''; // Enter takes the default
    };
    const args = parseCreateAdminArgs(['--org', 'Acme', '--tz', 'Europe/Berlin', '--name', 'Jane', '--email', 'Jane@X.Example']);
    const result = await createAdmin({ prisma: ctx.db.prisma, args, prompt });
    expect(asked).toEqual(['Currency (ISO 4217)', 'Admin password (at least 8 characters) (secret)']);
    expect(result.organization).toMatchObject({ name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR' });
    expect(result.admin.email).toBe('jane@x.example');
    expect((await ctx.db.prisma.user.findUnique({ where: { email: 'jane@x.example' } }))?.role).toBe('ADMIN');
    expect(typeof (await login(ctx.app, 'jane@x.example', 'jane-password-1'))).toBe('string');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });

    await expect(createAdmin({ prisma: ctx.db.prisma, args: { ...args, password: 'other-password' }, prompt: noTerminal })).rejects.toMatchObject({ code: 'SETUP_ALREADY_DONE' });
    expect(await ctx.db.prisma.organization.count()).toBe(1);
  });
});
