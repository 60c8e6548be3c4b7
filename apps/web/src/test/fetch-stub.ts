import type { Me } from '@workdiary/shared';
import { vi } from 'vitest';

export type StubRequest = { method: string; path: string; url: URL; body: unknown; init: RequestInit };
export type StubHandler = (request: StubRequest) => Response | Promise<Response>;

export function jsonResponse(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...init.headers },
  });
}

export function errorResponse(status: number, code: string, message: string, details?: unknown): Response {
  return jsonResponse({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status });
}

/**
 * Replaces global fetch with a router keyed by "METHOD /path" (query string ignored). A request
 * nothing handles answers 501 and is recorded in `unhandled`, so a test sees it rather than hangs.
 */
export function stubFetch(handlers: Record<string, StubHandler>) {
  const unhandled: string[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const key = `${method} ${url.pathname}`;
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body;
    const handler = handlers[key];
    if (!handler) {
      unhandled.push(key);
      return errorResponse(501, 'UNHANDLED_IN_TEST', `No stub for ${key}`);
    }
    return handler({ method, path: url.pathname, url, body, init });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, unhandled };
}

/** The answers every timer dialog asks for besides the timer: recent entries and the own rules. */
export function timerDialogStubs(rules: { noteRequired?: boolean } = {}): Record<string, StubHandler> {
  return {
    'GET /api/work-entries': () => jsonResponse({ items: [], totalMinutes: 0, total: 0, limit: 40, offset: 0 }),
    'GET /api/settings/work-rules/u-member': () => jsonResponse({
      noteRequired: rules.noteRequired ?? false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false, requiredMinutes: [480, 480, 480, 480, 480, 0, 0],
      userId: 'u-member', inherited: true, updatedAt: null,
    }),
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 'u-member',
    name: 'Mia Member',
    email: 'mia@acme.test',
    role: 'MEMBER',
    active: true,
    pay: { type: 'HOURLY', hourlyRate: 2500, monthlyBase: null, overtimeFactor: 1.25 },
    locale: null,
    organization: { id: 'org-1', name: 'Acme Ltd', timeZone: 'Europe/Berlin', currency: 'EUR', clientTimer: true, locale: 'en-GB' },
    ...overrides,
  };
}
