import { MutationObserver, onlineManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from './query-client';

describe('the app’s query client', () => {
  afterEach(() => onlineManager.setOnline(true));

  it('tries a write at once while the browser is offline, and fails it instead of holding it back', async () => {
    onlineManager.setOnline(false);
    const client = createQueryClient();
    const observer = new MutationObserver(client, { mutationFn: () => Promise.reject(new Error('Failed to fetch')) });
    await expect(observer.mutate()).rejects.toThrow('Failed to fetch');
    expect(observer.getCurrentResult()).toMatchObject({ status: 'error', isPaused: false });
  });
});
