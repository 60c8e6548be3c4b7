import { describe, expect, it } from 'vitest';
import { checkServerEnv, parseTrustProxy, readEnv } from './env.ts';

// Every variable this test reasons about, unset: the defaults are what is under test.
const clean = { SEED_DEMO: undefined, COOKIE_SECURE: undefined, JWT_SECRET: undefined, TRUST_PROXY: undefined };

describe('environment defaults', () => {
  it('development keeps the easy defaults: demo data, plain-HTTP cookies, a generated secret, no trusted proxy', () => {
    const env = readEnv({ ...clean, NODE_ENV: 'development' });
    expect(env.SEED_DEMO).toBe(true);
    expect(env.COOKIE_SECURE).toBe(false);
    expect(env.TRUST_PROXY).toBe(false);
    expect(() => checkServerEnv(env)).not.toThrow();
  });

  it('production seeds no demo data unless SEED_DEMO=true is given', () => {
    expect(readEnv({ ...clean, NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(readEnv({ ...clean, NODE_ENV: 'production', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('production sends the session cookie only over HTTPS unless COOKIE_SECURE=false', () => {
    expect(readEnv({ ...clean, NODE_ENV: 'production' }).COOKIE_SECURE).toBe(true);
    expect(readEnv({ ...clean, NODE_ENV: 'production', COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });

  it('production refuses to start without JWT_SECRET, saying what to set', () => {
    const env = readEnv({ ...clean, NODE_ENV: 'production' });
    expect(() => checkServerEnv(env)).toThrow(/JWT_SECRET is required when NODE_ENV=production/);
    expect(() => checkServerEnv(readEnv({ ...clean, NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-value' }))).not.toThrow();
  });

  it('trusts no proxy by default in production either', () => {
    expect(readEnv({ ...clean, NODE_ENV: 'production' }).TRUST_PROXY).toBe(false);
  });

  it('drains for 5 s on shutdown in production (at most half the grace period), not at all in development and tests', () => {
    const drain = { SHUTDOWN_DRAIN_MS: undefined, SHUTDOWN_GRACE_MS: undefined };
    expect(readEnv({ ...clean, ...drain, NODE_ENV: 'production' }).SHUTDOWN_DRAIN_MS).toBe(5_000);
    expect(readEnv({ ...clean, ...drain, NODE_ENV: 'production', SHUTDOWN_GRACE_MS: '4000' }).SHUTDOWN_DRAIN_MS).toBe(2_000);
    expect(readEnv({ ...clean, ...drain, NODE_ENV: 'development' }).SHUTDOWN_DRAIN_MS).toBe(0);
    expect(readEnv({ ...clean, ...drain, NODE_ENV: 'test' }).SHUTDOWN_DRAIN_MS).toBe(0);
    expect(readEnv({ ...clean, ...drain, NODE_ENV: 'development', SHUTDOWN_DRAIN_MS: '1500' }).SHUTDOWN_DRAIN_MS).toBe(1_500);
    // The grace period counts from the signal: a drain as long would always end in exit 1.
    expect(() => readEnv({ ...clean, ...drain, SHUTDOWN_DRAIN_MS: '10000' })).toThrow(/SHUTDOWN_DRAIN_MS: must be less than SHUTDOWN_GRACE_MS \(10000\)/);
  });
});

describe('TRUST_PROXY', () => {
  it('accepts true/false, a hop count, and a list of addresses, CIDR ranges and named ranges', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,::1, fd00::/8,loopback')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it('rejects anything else with a clear start-up error', () => {
    expect(parseTrustProxy('10.0.0.0/33')).toMatch(/"10.0.0.0\/33" is not/);
    expect(parseTrustProxy('proxy.example')).toMatch(/is not true, false, a hop count/);
    expect(() => readEnv({ TRUST_PROXY: 'yes' })).toThrow(/Invalid environment: TRUST_PROXY: "yes" is not/);
  });
});

describe('DATABASE_POOL_SIZE', () => {
  it('is unset by default (the engine then uses DEFAULT_POOL_SIZE), a whole number when given, refused when out of range', () => {
    expect(readEnv({ DATABASE_POOL_SIZE: undefined }).DATABASE_POOL_SIZE).toBeUndefined();
    expect(readEnv({ DATABASE_POOL_SIZE: '25' }).DATABASE_POOL_SIZE).toBe(25);
    expect(() => readEnv({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(() => readEnv({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
  });
});

describe('mail (SMTP_URL, PUBLIC_URL, MAIL_REMINDER_CHECK_MS)', () => {
  const none = { ...clean, SMTP_URL: undefined, PUBLIC_URL: undefined, MAIL_REMINDER_CHECK_MS: undefined };
  it('is off unless SMTP_URL is an smtp:// or smtps:// URL; PUBLIC_URL loses a trailing slash', () => {
    expect(readEnv(none).SMTP_URL).toBeUndefined();
    expect(readEnv({ ...none, SMTP_URL: 'smtps://u:p@mail.example.com:465' }).SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
    expect(() => readEnv({ ...none, SMTP_URL: 'mail.example.com' })).toThrow(/SMTP_URL: An smtp:\/\/ or smtps:\/\/ URL/);
    expect(readEnv({ ...none, PUBLIC_URL: 'https://time.example.com/' }).PUBLIC_URL).toBe('https://time.example.com');
    expect(() => readEnv({ ...none, PUBLIC_URL: 'time.example.com' })).toThrow(/PUBLIC_URL/);
  });

  it('production with SMTP_URL needs PUBLIC_URL, so links never follow a Host header', () => {
    const prod = { ...none, NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-value', SMTP_URL: 'smtp://mail.example.com:587' };
    expect(() => checkServerEnv(readEnv(prod))).toThrow(/PUBLIC_URL is required with SMTP_URL/);
    expect(() => checkServerEnv(readEnv({ ...prod, PUBLIC_URL: 'https://time.example.com' }))).not.toThrow();
  });

  it('looks for reminders hourly by default, never in tests unless asked', () => {
    expect(readEnv({ ...none, NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-secret-value' }).MAIL_REMINDER_CHECK_MS).toBe(3_600_000);
    expect(readEnv({ ...none, NODE_ENV: 'test' }).MAIL_REMINDER_CHECK_MS).toBe(0);
    expect(readEnv({ ...none, NODE_ENV: 'test', MAIL_REMINDER_CHECK_MS: '50' }).MAIL_REMINDER_CHECK_MS).toBe(50);
  });
});
