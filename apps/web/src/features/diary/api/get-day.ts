import { DiaryDayHistorySchema, DiaryDaySessionsSchema, type AuditEvent, type DiaryDaySessions } from '@workdiary/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { diaryKeys } from './diary-keys';

const dayPath = (userId: string, date: string) => `/api/diary/${encodeURIComponent(userId)}/${encodeURIComponent(date)}`;

/** `GET /api/diary/:userId/:date`: the sessions touching that local day. */
export function getDiaryDay(userId: string, date: string, signal?: AbortSignal): Promise<DiaryDaySessions> {
  return api.get(dayPath(userId, date), { schema: DiaryDaySessionsSchema, signal });
}

export function diaryDayQueryOptions(userId: string, date: string) {
  return queryOptions({
    queryKey: diaryKeys.day(userId, date),
    queryFn: ({ signal }) => getDiaryDay(userId, date, signal),
    refetchInterval: (query) => (query.state.data?.running ? 60_000 : false),
  });
}

export function useDiaryDay(userId: string, date: string) {
  return useQuery(diaryDayQueryOptions(userId, date));
}

/** `GET /api/diary/:userId/:date/history`: who created, changed or deleted that day's sessions. */
export function getDiaryDayHistory(userId: string, date: string, signal?: AbortSignal): Promise<AuditEvent[]> {
  return api.get(`${dayPath(userId, date)}/history`, { schema: DiaryDayHistorySchema, signal }).then((h) => h.items);
}

export function useDiaryDayHistory(userId: string, date: string, enabled: boolean) {
  return useQuery({
    queryKey: diaryKeys.dayHistory(userId, date),
    queryFn: ({ signal }) => getDiaryDayHistory(userId, date, signal),
    enabled,
  });
}
