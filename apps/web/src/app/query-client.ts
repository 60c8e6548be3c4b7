import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../lib/api-client';

/** 4xx answers will not change by asking again; network errors and 5xx get a few retries. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 3;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      // A write is tried at once, also while the browser says it is offline, and fails with a clear
      // message (the form keeps its draft). Never held back and sent later by itself: a Stop sent
      // an hour after the click would record the wrong time.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
