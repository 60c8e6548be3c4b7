/**
 * Issue #11 defect 6: the OpenAPI document must describe failures too, not only successes. It is
 * validated with a maintained OpenAPI validator, and every operation is checked for its errors.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineName, setupTestApp, type TestContext } from './test/helper.ts';

type Operation = { responses: Record<string, { description: string; content?: Record<string, { schema: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } } }> }>; description?: string; security?: unknown[]; parameters?: unknown[]; requestBody?: unknown };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

describe(`OpenAPI document (${engineName})`, () => {
  let ctx: TestContext;
  let doc: Document;
  let raw: string;
  beforeAll(async () => {
    ctx = await setupTestApp();
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    raw = res.body;
    doc = res.json();
  });
  const operations = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
  const codesOf = (op: Operation, status: string) => op.responses[status]?.content?.['application/json']?.schema.properties?.error?.properties?.code?.enum ?? [];

  it('is a valid OpenAPI document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(raw) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents the failures of every operation in the shared error shape', () => {
    expect(operations().length).toBeGreaterThan(40);
    for (const { path, method, op } of operations()) {
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400 && Number(s) < 500);
      // Only a public operation without any input (health, setup status) cannot fail with a 4xx.
      const canFail = op.security?.length !== 0 || op.parameters !== undefined || op.requestBody !== undefined;
      if (canFail) expect(errors.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const status of errors) expect(codesOf(op, status).length, `${method} ${path} ${status}`).toBeGreaterThan(0);
      if (op.security?.length !== 0) expect(codesOf(op, '401'), `${method} ${path}`).toEqual(['UNAUTHENTICATED']);
      if (['post', 'put', 'patch', 'delete'].includes(method)) expect(codesOf(op, '403'), `${method} ${path}`).toContain('CSRF_REJECTED');
    }
  });

  it('names the conflicts and rule refusals of the write paths', () => {
    const op = (path: string, method: string) => doc.paths[path]?.[method] as Operation;
    expect(codesOf(op('/api/users', 'post'), '409')).toEqual(['EMAIL_TAKEN']);
    expect(codesOf(op('/api/users/{id}', 'patch'), '422')).toEqual(['LAST_ADMIN']);
    expect(codesOf(op('/api/work-entries', 'post'), '422')).toEqual(expect.arrayContaining(['SESSION_TOO_SHORT', 'NOTE_REQUIRED', 'ENTRY_IN_FUTURE']));
    expect(codesOf(op('/api/timer/start', 'post'), '409')).toEqual(expect.arrayContaining(['TIMER_ALREADY_RUNNING']));
    expect(codesOf(op('/api/auth/login', 'post'), '429')).toEqual(['RATE_LIMITED']);
    expect(codesOf(op('/api/auth/login', 'post'), '401')).toEqual(['INVALID_CREDENTIALS']);
    expect(op('/api/auth/login', 'post').security).toEqual([]);
  });

  it('says what the schema cannot: hourly pay needs a rate, a password or a set-password link', () => {
    const description = doc.paths['/api/users']?.post?.description ?? '';
    expect(description).toMatch(/hourlyRate.*HOURLY/);
    expect(description).toMatch(/password.*sendInvite/);
  });

  it('documents 204 answers without a body', () => {
    for (const [path, method] of [['/api/work-entries/{id}', 'delete'], ['/api/timer', 'delete'], ['/api/me/sessions/{id}', 'delete']] as const) {
      const noContent = doc.paths[path]?.[method]?.responses['204'];
      expect(noContent, `${method} ${path}`).toBeDefined();
      expect(noContent?.content, `${method} ${path}`).toBeUndefined();
    }
  });

  it('shows the accepted date range and the text rule in the parameter schemas', () => {
    const month = JSON.stringify(doc.paths['/api/diary']?.get);
    expect(month).toContain('19[7-9]');
    expect(JSON.stringify(doc.paths['/api/customers']?.get)).toContain('\\\\u0000');
  });
});
