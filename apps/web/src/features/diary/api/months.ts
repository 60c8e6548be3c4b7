import {
  MonthApproveResultSchema,
  MonthStatesSchema,
  type MonthApproveBody,
  type MonthApproveResult,
  type MonthStates,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { diaryKeys } from './diary-keys';

/** `GET /api/months?month=&userId=`: each user's month state and the audit events. */
export function getMonthStates(month: string, userId?: string, signal?: AbortSignal): Promise<MonthStates> {
  return api.get('/api/months', { query: userId ? { month, userId } : { month }, schema: MonthStatesSchema, signal });
}

export function monthStatesQueryOptions(month: string, userId?: string) {
  return queryOptions({ queryKey: diaryKeys.months(month, userId), queryFn: ({ signal }) => getMonthStates(month, userId, signal) });
}

export function useMonthStates(month: string, userId?: string) {
  return useQuery(monthStatesQueryOptions(month, userId));
}

/** Every month-state change refreshes the whole diary (states, figures, exports' inputs). */
function useDiaryMutation<TArgs, TResult>(fn: (args: TArgs) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => queryClient.invalidateQueries({ queryKey: diaryKeys.all }) });
}

export function useSubmitMonth() {
  return useDiaryMutation((month: string) => api.post(`/api/months/${month}/submit`, { schema: MonthStatesSchema }));
}

export function useApproveMonth() {
  return useDiaryMutation(({ month, body }: { month: string; body: MonthApproveBody }): Promise<MonthApproveResult> =>
    api.post(`/api/months/${month}/approve`, { body, schema: MonthApproveResultSchema }));
}

export function useRejectMonth() {
  return useDiaryMutation(({ month, userId, comment }: { month: string; userId: string; comment: string }) =>
    api.post(`/api/months/${month}/reject`, { body: { userId, comment }, schema: MonthStatesSchema }));
}

export function useReopenMonth() {
  return useDiaryMutation(({ month, userId, reason }: { month: string; userId: string; reason: string }) =>
    api.post(`/api/months/${month}/reopen`, { body: { userId, reason }, schema: MonthStatesSchema }));
}
