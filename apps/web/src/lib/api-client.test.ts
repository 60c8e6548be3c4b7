import { OkSchema } from '@workdiary/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { errorResponse, jsonResponse, stubFetch } from '../test/fetch-stub';
import {
  ApiError,
  api,
  buildUrl,
  download,
  fileNameFromContentDisposition,
  NETWORK_ERROR_MESSAGE,
  setUnauthorizedHandler,
} from './api-client';
import { resetConnection, useConnection } from './connection';
import { resetServerClock, serverNow } from './server-clock';

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

describe('api client', () => {
  const onUnauthorized = vi.fn();
  let restoreHandler: () => void;

  beforeEach(() => {
    onUnauthorized.mockReset();
    restoreHandler = setUnauthorizedHandler(onUnauthorized);
    window.history.replaceState(null, '', '/diary/u-1?month=2026-02');
    resetConnection();
    resetServerClock();
  });
  afterEach(() => restoreHandler());

  it('sends JSON with the session cookie and builds the query string', async () => {
    const { fetchMock } = stubFetch({ 'POST /api/customers': () => jsonResponse({ id: 'c1' }, { status: 201 }) });
    const result = await api.post('/api/customers', { body: { name: 'Acme' }, query: { q: 'ac', empty: '', none: undefined, n: 2 } });
    expect(result).toEqual({ id: 'c1' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/customers?q=ac&n=2');
    expect(init).toMatchObject({ method: 'POST', credentials: 'include', body: '{"name":"Acme"}' });
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
  });

  it('marks every request with X-Requested-With, also a body-less POST (the server\'s CSRF defence needs it)', async () => {
    const { fetchMock } = stubFetch({ 'POST /api/auth/logout': () => jsonResponse({ ok: true }) });
    await api.post('/api/auth/logout');
    const [, init] = fetchMock.mock.calls[0]!;
    expect(init?.body).toBeUndefined();
    expect(new Headers(init?.headers).get('X-Requested-With')).toBe('fetch');
  });

  it('parses the shared error body into an ApiError', async () => {
    stubFetch({
      'POST /api/timer/start': () =>
        errorResponse(409, 'TIMER_ALREADY_RUNNING', 'A timer is already running.', { entryId: 'e1' }),
    });
    const error = await caught(api.post('/api/timer/start', { body: { customerId: 'c', categoryId: 'k' } }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(409);
    expect(error.code).toBe('TIMER_ALREADY_RUNNING');
    expect(error.message).toBe('A timer is already running.');
    expect(error.details).toEqual({ entryId: 'e1' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('turns a network failure into a NETWORK error and marks the API unreachable', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await caught(api.get('/api/customers'));
    expect(error.code).toBe('NETWORK');
    expect(error.status).toBe(0);
    expect(error.message).toBe(NETWORK_ERROR_MESSAGE);
    expect(error.message).toBe('Cannot reach the server. Check your connection.');
    expect(useConnection.getState().apiReachable).toBe(false);

    stubFetch({ 'GET /api/customers': () => jsonResponse({ items: [] }) });
    await api.get('/api/customers');
    expect(useConnection.getState().apiReachable).toBe(true);
  });

  it('treats a bare 5xx from a proxy as a lost connection', async () => {
    stubFetch({ 'GET /api/me': () => new Response('Bad Gateway', { status: 502 }) });
    const error = await caught(api.get('/api/me'));
    expect(error.code).toBe('NETWORK');
    expect(useConnection.getState().apiReachable).toBe(false);
  });

  it('falls back to a code and message from the status when the body is not ours', async () => {
    stubFetch({ 'GET /api/customers/x': () => new Response('nope', { status: 404 }) });
    const error = await caught(api.get('/api/customers/x'));
    expect(error).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Not found.' });
  });

  it('lets aborts through untouched', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new DOMException('The operation was aborted.', 'AbortError')));
    await expect(api.get('/api/customers')).rejects.toMatchObject({ name: 'AbortError' });
    expect(useConnection.getState().apiReachable).toBe(true);
  });

  it('redirects to login on 401 from an ordinary endpoint, remembering the page', async () => {
    stubFetch({ 'GET /api/customers': () => errorResponse(401, 'UNAUTHENTICATED', 'Please sign in.') });
    const error = await caught(api.get('/api/customers'));
    expect(error.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(onUnauthorized).toHaveBeenCalledWith('/diary/u-1?month=2026-02');
  });

  it('does not redirect on 401 from login or /api/me', async () => {
    stubFetch({
      'POST /api/auth/login': () => errorResponse(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.'),
      'GET /api/me': () => errorResponse(401, 'UNAUTHENTICATED', 'Please sign in.'),
    });
    const loginError = await caught(api.post('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } }));
    expect(loginError).toMatchObject({ status: 401, code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.' });
    await caught(api.get('/api/me'));
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('parses the response with a schema and rejects one that does not match', async () => {
    stubFetch({
      'GET /api/ok': () => jsonResponse({ ok: true }),
      'GET /api/bad': () => jsonResponse({ ok: 'yes' }),
      'GET /api/transform': () => jsonResponse({ n: '41' }),
    });
    await expect(api.get('/api/ok', { schema: OkSchema })).resolves.toEqual({ ok: true });
    const n = await api.get('/api/transform', { schema: z.object({ n: z.coerce.number() }) });
    expect(n.n + 1).toBe(42);
    const error = await caught(api.get('/api/bad', { schema: OkSchema }));
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('answers undefined for 204', async () => {
    stubFetch({ 'DELETE /api/work-entries/e1': () => new Response(null, { status: 204 }) });
    await expect(api.delete('/api/work-entries/e1')).resolves.toBeUndefined();
  });

  it('estimates the server clock from X-Server-Time', async () => {
    stubFetch({ 'GET /api/timer': () => jsonResponse({ running: null }, { headers: { 'X-Server-Time': '5100' } }) });
    vi.spyOn(Date, 'now').mockReturnValueOnce(1000).mockReturnValueOnce(1200).mockReturnValue(2000);
    await api.get('/api/timer');
    // offset = 5100 − (1000 + 1200) / 2 = 4000
    expect(serverNow()).toBe(6000);
  });
});

describe('buildUrl', () => {
  it('repeats array values and appends to an existing query', () => {
    expect(buildUrl('/api/x?a=1', { ids: ['p', 'q'], skip: null })).toBe('/api/x?a=1&ids=p&ids=q');
  });
});

describe('download', () => {
  it('saves the file under the Content-Disposition name', async () => {
    stubFetch({
      'GET /api/exports/customers/c1.xlsx': () =>
        new Response('PK-xlsx-bytes', {
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            'Content-Disposition': `attachment; filename="acme.xlsx"; filename*=UTF-8''acme-ltd_2026-02-01_2026-02-28.xlsx`,
          },
        }),
    });
    const createObjectURL = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('acme-ltd_2026-02-01_2026-02-28.xlsx');
      expect(this.href).toBe('blob:x');
    });
    const name = await download('/api/exports/customers/c1.xlsx', 'customer.xlsx', { query: { from: '2026-02-01' } });
    expect(name).toBe('acme-ltd_2026-02-01_2026-02-28.xlsx');
    expect(click).toHaveBeenCalledOnce();
    expect(createObjectURL).toHaveBeenCalledOnce();
  });

  it('raises the API error instead of saving an error page', async () => {
    stubFetch({ 'GET /api/exports/diary.xlsx': () => errorResponse(403, 'FORBIDDEN', 'You do not have permission to do this.') });
    const error = await caught(download('/api/exports/diary.xlsx', 'diary.xlsx'));
    expect(error.status).toBe(403);
  });
});

describe('fileNameFromContentDisposition', () => {
  it.each([
    ['attachment; filename="report 2026.xlsx"', 'report 2026.xlsx'],
    ['attachment; filename=plain.xlsx', 'plain.xlsx'],
    [`attachment; filename*=UTF-8''M%C3%BCller%20GmbH.xlsx`, 'Müller GmbH.xlsx'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(fileNameFromContentDisposition(header)).toBe(expected);
  });
});
