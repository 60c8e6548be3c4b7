import { WorkRulesViewSchema } from '@workdiary/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client';

/** A user's work rules in force (read-only), from the settings API: the profile and the timer's note marking read them. */
export function ownRulesQueryOptions(userId: string) {
  return queryOptions({
    queryKey: ['work-rules', userId] as const,
    queryFn: ({ signal }) => api.get(`/api/settings/work-rules/${encodeURIComponent(userId)}`, { schema: WorkRulesViewSchema, signal }),
  });
}

export function useOwnRules(userId: string) {
  return useQuery(ownRulesQueryOptions(userId));
}
