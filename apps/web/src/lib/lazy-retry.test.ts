import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubFetch } from '../test/fetch-stub';
import { importWithRetry } from './lazy-retry';

describe('importWithRetry', () => {
  it('retries a failed chunk and returns it once it loads', async () => {
    const load = vi.fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce({ Page: 'ok' });
    await expect(importWithRetry(load, [0, 0])).resolves.toEqual({ Page: 'ok' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('gives up after the retries while the server is down, without reloading', async () => {
    stubFetch({});
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    const load = vi.fn().mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    await expect(importWithRetry(load, [0, 0])).rejects.toThrow(/dynamically imported/);
    expect(load).toHaveBeenCalledTimes(3);
    expect(reload).not.toHaveBeenCalled();
  });

  it('reloads once when the server is up but the chunk is gone (a new deployment)', async () => {
    stubFetch({ 'GET /api/health': () => jsonResponse({ ok: true }) });
    const reload = vi.fn();
    vi.stubGlobal('location', { ...window.location, reload });
    const load = vi.fn().mockRejectedValue(new TypeError('Failed to fetch dynamically imported module'));
    await expect(importWithRetry(load, [])).rejects.toThrow();
    await expect(importWithRetry(load, [])).rejects.toThrow();
    expect(reload).toHaveBeenCalledTimes(1);
    sessionStorage.clear();
  });
});
