import { DiaryUserMonthSchema, type DiaryUserMonth } from '@workdiary/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { diaryKeys } from './diary-keys';

/** `GET /api/diary/:userId?month=`: every day of the month; a running session counts to now. */
export function getDiaryUserMonth(userId: string, month: string, signal?: AbortSignal): Promise<DiaryUserMonth> {
  return api.get(`/api/diary/${encodeURIComponent(userId)}`, { query: { month }, schema: DiaryUserMonthSchema, signal });
}

export function diaryUserMonthQueryOptions(userId: string, month: string) {
  return queryOptions({
    queryKey: diaryKeys.month(userId, month),
    queryFn: ({ signal }) => getDiaryUserMonth(userId, month, signal),
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === userId ? keepPreviousData(previous) : undefined),
    // While a timer runs today, bring the day's figures up to date now and then.
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.running) ? 60_000 : false),
  });
}

export function useDiaryUserMonth(userId: string, month: string) {
  return useQuery(diaryUserMonthQueryOptions(userId, month));
}
