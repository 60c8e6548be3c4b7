import { QueryClient } from '@tanstack/react-query';

/** Like the app's client, minus retries and garbage collection timers that slow tests down. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, gcTime: Infinity, staleTime: 30_000 },
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
