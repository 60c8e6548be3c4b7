import { DiaryOverviewSchema, type DiaryOverview } from '@workdiary/shared';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { diaryKeys } from './diary-keys';

/** `GET /api/diary?month=`: users × month (finished sessions), with totals. */
export function getDiaryOverview(month: string, signal?: AbortSignal): Promise<DiaryOverview> {
  return api.get('/api/diary', { query: { month }, schema: DiaryOverviewSchema, signal });
}

export function diaryOverviewQueryOptions(month: string) {
  return queryOptions({
    queryKey: diaryKeys.overview(month),
    queryFn: ({ signal }) => getDiaryOverview(month, signal),
    // Stepping through months keeps the last table on screen until the next one arrives.
    placeholderData: keepPreviousData,
  });
}

export function useDiaryOverview(month: string) {
  return useQuery(diaryOverviewQueryOptions(month));
}
