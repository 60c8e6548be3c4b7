import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { addMonths, localDateOf, monthBounds, monthOf } from '@workdiary/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { readEnv } from '../../config/env.ts';
import { newId } from '../../db/ids.ts';
import { as, createOrg, login, setupTestApp, TEST_PASSWORD, type TestContext } from '../../test/helper.ts';
import { freshDatabase } from '../../test/database.ts';
import { monthReminderScheduler } from './reminders.ts';

const PUBLIC_URL = 'https://time.example.test';
const inbox: ParsedMail[] = [];
let smtp: SMTPServer;
let ctx: TestContext;

/** A real SMTP server on a free port; every mail it accepts is parsed into `inbox`. */
async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        inbox.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return (smtp.server.address() as AddressInfo).port;
}

const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address ?? '';
const mailsTo = (address: string) => inbox.filter((m) => to(m) === address);
async function waitForMail(address: string, count = 1): Promise<ParsedMail> {
  await vi.waitFor(() => expect(mailsTo(address)).toHaveLength(count), { timeout: 10_000, interval: 25 });
  return mailsTo(address)[count - 1]!;
}
const tokenIn = (mail: ParsedMail, page: string) => {
  const match = new RegExp(`${page}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text ?? '');
  if (!match?.[1]) throw new Error(`no ${page} link in: ${mail.text}`);
  return decodeURIComponent(match[1]);
};
const requestReset = (email: string) => ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
const confirmReset = (token: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password } });

beforeAll(async () => {
  const port = await startSmtp();
  ctx = await setupTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL } });
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('forgot password (mail over SMTP)', () => {
  it('mails a one-time link that sets a new password once and ends every old session', async () => {
    const org = await createOrg(ctx);
    const alice = org.users.alice;
    const otherDevice = await login(ctx.app, alice.email);
    expect((await as(ctx.app, alice.token).get('/api/me')).statusCode).toBe(200);

    const res = await requestReset(alice.email.toUpperCase());
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ mailEnabled: true });

    const mail = await waitForMail(alice.email);
    expect(mail.subject).toBe('Workdiary: reset your password');
    expect(mail.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(mail.html).toContain(`href="${PUBLIC_URL}/reset-password?token=`);
    const token = tokenIn(mail, 'reset-password');
    // Only a digest is stored.
    const stored = await ctx.db.prisma.passwordReset.findMany({ where: { userId: alice.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);

    const done = await confirmReset(token, 'a brand new secret');
    expect(done.statusCode).toBe(200);
    expect(done.json().user.id).toBe(alice.id);
    // The sessions from before the reset are over; the answer's fresh one works.
    expect((await as(ctx.app, alice.token).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, otherDevice).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, done.json().token).get('/api/me')).statusCode).toBe(200);
    await expect(login(ctx.app, alice.email)).rejects.toThrow(/401/);
    await login(ctx.app, alice.email, 'a brand new secret');

    const again = await confirmReset(token, 'yet another secret');
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('RESET_LINK_USED');
    await login(ctx.app, alice.email, 'a brand new secret');

    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId, entityType: 'PasswordReset' }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['CREATE', alice.id], ['UPDATE', alice.id]]);
  });

  it('answers an unknown or deactivated address the same, and mails nothing', async () => {
    const org = await createOrg(ctx);
    await ctx.db.prisma.user.update({ where: { id: org.users.bob.id }, data: { active: false } });
    const unknown = `nobody-${newId().slice(0, 8)}@test.example`;
    for (const email of [unknown, org.users.bob.email]) {
      const res = await requestReset(email);
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ mailEnabled: true });
    }
    // A known address asked after them: once its mail is in, theirs would have been too.
    await requestReset(org.users.manager.email);
    await waitForMail(org.users.manager.email);
    expect(mailsTo(unknown)).toEqual([]);
    expect(mailsTo(org.users.bob.email)).toEqual([]);
    expect(await ctx.db.prisma.passwordReset.count({ where: { userId: org.users.bob.id } })).toBe(0);
  });

  it('refuses a link after its hour, an unknown token, and a link replaced by a newer one', async () => {
    const org = await createOrg(ctx);
    const bob = org.users.bob;
    const start = new Date();
    ctx.clock.now = start;
    try {
      await requestReset(bob.email);
      const first = tokenIn(await waitForMail(bob.email), 'reset-password');
      await requestReset(bob.email);
      const second = tokenIn(await waitForMail(bob.email, 2), 'reset-password');

      const replaced = await confirmReset(first, 'new password 1');
      expect(replaced.statusCode).toBe(404);
      expect(replaced.json().error.code).toBe('RESET_LINK_INVALID');
      const unknown = await confirmReset('x'.repeat(43), 'new password 1');
      expect(unknown.json().error.code).toBe('RESET_LINK_INVALID');

      ctx.clock.now = new Date(start.getTime() + 60 * 60 * 1000 + 1000);
      const expired = await confirmReset(second, 'new password 1');
      expect(expired.statusCode).toBe(410);
      expect(expired.json().error.code).toBe('RESET_LINK_EXPIRED');
      await login(ctx.app, bob.email, TEST_PASSWORD);
    } finally {
      ctx.clock.now = null;
    }
  });

  it('writes in the recipient\'s language and escapes their name in the HTML', async () => {
    const org = await createOrg(ctx);
    const bob = org.users.bob;
    await ctx.db.prisma.user.update({ where: { id: bob.id }, data: { locale: 'de-DE', name: 'Bob <b>&</b> "Bobby"' } });
    await requestReset(bob.email);
    const mail = await waitForMail(bob.email);
    expect(mail.subject).toBe('Workdiary: Passwort zurücksetzen');
    expect(mail.text).toContain('Hallo Bob <b>&</b> "Bobby",');
    expect(mail.html).toContain('Hallo Bob &lt;b&gt;&amp;&lt;/b&gt; &quot;Bobby&quot;,');
    expect(mail.html).not.toContain('<b>&</b>');
  });
});

describe('invitations by mail', () => {
  it('mails the set-password link when an admin creates a user with an invitation, and says so', async () => {
    const org = await createOrg(ctx);
    const email = `newbie-${newId().slice(0, 8)}@test.example`;
    const res = await as(ctx.app, org.users.admin.token).post('/api/users', {
      name: 'New Person', email, role: 'MEMBER', pay: { type: 'HOURLY', hourlyRate: 1500, overtimeFactor: 1.25 }, sendInvite: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().mailed).toBe(true);
    expect(res.json().setPasswordUrl).toMatch(/\/set-password\?token=/);
    const mail = await waitForMail(email);
    expect(mail.subject).toMatch(/^You are invited to Workdiary/);
    const token = tokenIn(mail, 'set-password');
    expect(mail.text).toContain(`${PUBLIC_URL}/set-password?token=`);
    const set = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'my first password' } });
    expect(set.statusCode).toBe(200);
    await login(ctx.app, email, 'my first password');
  });

  it('mails a new set-password link an admin issues, in the user\'s language', async () => {
    const org = await createOrg(ctx);
    await ctx.db.prisma.user.update({ where: { id: org.users.bob.id }, data: { locale: 'de-DE' } });
    const res = await as(ctx.app, org.users.admin.token).post(`/api/users/${org.users.bob.id}/set-password-link`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mailed).toBe(true);
    const mail = await waitForMail(org.users.bob.email);
    expect(mail.subject).toMatch(/^Einladung zu Workdiary/);
    expect(tokenIn(mail, 'set-password')).toBe(decodeURIComponent(/token=([^&]+)/.exec(res.json().setPasswordUrl)![1]!));
  });
});

describe('monthly reminder to submit last month', () => {
  it('reminds each person once per month however many schedulers run, not when opted out or submitted', async () => {
    const org = await createOrg(ctx);
    const { admin, manager, alice, bob } = org.users;
    // Opt out on the profile.
    const off = await as(ctx.app, manager.token).patch('/api/me', { monthReminder: false });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ monthReminder: false, mailEnabled: true });
    // Three days into the month after the one the people were created in.
    const month = monthOf(localDateOf(new Date(), 'Europe/Berlin'));
    const nextStart = new Date(monthBounds(addMonths(month, 1), 'Europe/Berlin').start.getTime() + 2.5 * 24 * 60 * 60 * 1000);
    await ctx.db.prisma.monthClose.create({ data: { id: newId(), organizationId: org.orgId, userId: bob.id, month, status: 'SUBMITTED' } });
    await ctx.db.prisma.user.update({ where: { id: alice.id }, data: { locale: 'de-DE' } });
    ctx.clock.now = nextStart;
    try {
      const one = monthReminderScheduler(ctx.app);
      const two = monthReminderScheduler(ctx.app);
      await Promise.all([one.runOnce(), two.runOnce(), one.runOnce(), two.runOnce()]);
      await waitForMail(admin.email);
      await waitForMail(alice.email);
      expect((await ctx.db.prisma.monthReminder.findMany({ where: { organizationId: org.orgId } })).map((r) => r.userId).sort())
        .toEqual([admin.id, alice.id].sort());
      await Promise.all([one.runOnce(), two.runOnce()]);
      expect(mailsTo(admin.email)).toHaveLength(1);
      expect(mailsTo(alice.email)).toHaveLength(1);
      expect(mailsTo(manager.email)).toHaveLength(0);
      expect(mailsTo(bob.email)).toHaveLength(0);
      const german = mailsTo(alice.email)[0]!;
      expect(german.subject).toMatch(/ einreichen$/);
      expect(german.text).toContain(`${PUBLIC_URL}/diary/${alice.id}?month=${month}`);
    } finally {
      ctx.clock.now = null;
    }
  });
});

describe('the reminder scheduler in the API process', () => {
  it('starts with the app, reminds once per person, and stops when the app closes', async () => {
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const db = await freshDatabase(env.TEST_DATABASE_URL);
    const clock: { now: Date | null } = { now: null };
    const app = await buildApp({
      database: db,
      env: { ...env, LOGIN_RATE_LIMIT: 1000, SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, PUBLIC_URL, MAIL_REMINDER_CHECK_MS: 50 },
      jwtSecret: 'test-secret-test-secret-test-secret',
      now: () => clock.now ?? new Date(),
    });
    let closed = false;
    try {
      await app.ready();
      const org = await createOrg({ app, db, clock });
      const month = monthOf(localDateOf(new Date(), 'Europe/Berlin'));
      clock.now = new Date(monthBounds(addMonths(month, 1), 'Europe/Berlin').start.getTime() + 60 * 60 * 1000);
      for (const person of Object.values(org.users)) await waitForMail(person.email);
      await app.close();
      closed = true;
      for (const person of Object.values(org.users)) expect(mailsTo(person.email)).toHaveLength(1);
      expect(await db.prisma.monthReminder.count({ where: { organizationId: org.orgId, month } })).toBe(4);
    } finally {
      if (!closed) await app.close();
      await db.close();
    }
  });
});

describe('without SMTP_URL', () => {
  it('writes the mail to the log with its link, and the answers say no mail is sent', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const env = readEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const db = await freshDatabase(env.TEST_DATABASE_URL);
    const app = await buildApp({ database: db, env: { ...env, LOGIN_RATE_LIMIT: 1000 }, jwtSecret: 'test-secret-test-secret-test-secret', logger: { level: 'info', stream } });
    try {
      await app.ready();
      const org = await createOrg({ app, db, clock: { now: null } });
      const res = await app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: org.users.alice.email } });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ mailEnabled: false });
      await vi.waitFor(() => expect(lines.some((l) => l.includes('mail not sent (no SMTP_URL)'))).toBe(true), { timeout: 10_000, interval: 25 });
      const entry = JSON.parse(lines.find((l) => l.includes('mail not sent (no SMTP_URL)'))!) as { mail: { kind: string; to: string; link: string } };
      expect(entry.mail).toMatchObject({ kind: 'password-reset', to: org.users.alice.email });
      expect(entry.mail.link).toMatch(/^http:\/\/localhost(:\d+)?\/reset-password\?token=/);
      const me = await as(app, org.users.alice.token).get('/api/me');
      expect(me.json().mailEnabled).toBe(false);
      const invite = await as(app, org.users.admin.token).post('/api/users', {
        name: 'No Mail', email: `nomail-${newId().slice(0, 8)}@test.example`, role: 'MEMBER', pay: { type: 'HOURLY', hourlyRate: 1500, overtimeFactor: 1.25 }, sendInvite: true,
      });
      expect(invite.statusCode).toBe(201);
      expect(invite.json().mailed).toBe(false);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
