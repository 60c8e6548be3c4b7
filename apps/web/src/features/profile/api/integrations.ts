import {
  ApiTokenCreatedSchema, ApiTokenListSchema, CalendarFeedCreatedSchema, CalendarFeedSchema,
  type ApiTokenBody,
} from '@workdiary/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const tokensKey = ['me', 'api-tokens'] as const;

/** GET /api/me/tokens: the caller's personal API tokens (never the token itself). */
export function useMyApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api.get('/api/me/tokens', { schema: ApiTokenListSchema, signal }),
  });
}

/** POST /api/me/tokens: answers the token once; the list is read again afterwards. */
export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiTokenBody) => api.post('/api/me/tokens', { body, schema: ApiTokenCreatedSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

/** DELETE /api/me/tokens/:id: the token answers 401 from then on. */
export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/me/tokens/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

const feedKey = ['me', 'calendar-feed'] as const;

/** GET /api/me/calendar-feed: whether the caller has a feed URL. */
export function useMyCalendarFeed() {
  return useQuery({
    queryKey: feedKey,
    queryFn: ({ signal }) => api.get('/api/me/calendar-feed', { schema: CalendarFeedSchema, signal }),
  });
}

/** POST /api/me/calendar-feed: a new secret URL (the old one stops working). */
export function useRotateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/me/calendar-feed', { schema: CalendarFeedCreatedSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

/** DELETE /api/me/calendar-feed: the URL answers 404 from then on. */
export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>('/api/me/calendar-feed'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}
