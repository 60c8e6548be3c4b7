import { DiaryUserMonthSchema, monthOf, WorkEntryListSchema, WorkEntrySchema, WorkEntryWithWarningsSchema, type WorkEntry, type WorkEntryCreateBody } from '@workdiary/shared';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/**
 * The week's requests, all on the existing APIs: the entries (GET /api/work-entries, whole local
 * days), the required minutes per day (GET /api/diary/:userId?month=, one or two months) and the
 * cell writes (POST/PATCH/DELETE /api/work-entries, under the rules and the payroll lock).
 * Keys start with 'work-entries' and 'diary': live events and the timer refresh them.
 */
export function useWeekEntries(userId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['work-entries', 'week', userId, from, to],
    queryFn: ({ signal }) => api.get('/api/work-entries', { query: { userId, from, to, limit: 500 }, schema: WorkEntryListSchema, signal }).then((l) => l.items),
  });
}

/** Required minutes per date of `days` (holidays and absences taken off), from the user's month(s). */
export function useRequiredMinutes(userId: string, days: string[]) {
  const months = [...new Set(days.map(monthOf))];
  const results = useQueries({
    queries: months.map((month) => ({
      queryKey: ['diary', 'month', userId, month],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get(`/api/diary/${encodeURIComponent(userId)}`, { query: { month }, schema: DiaryUserMonthSchema, signal }),
    })),
  });
  const byDate = new Map<string, number>();
  for (const r of results) for (const d of r.data?.items ?? []) byDate.set(d.date, d.requiredMinutes - d.absenceMinutes);
  return { required: days.map((d) => byDate.get(d) ?? null), isPending: results.some((r) => r.isPending), isError: results.some((r) => r.isError) };
}

export type CellWrite =
  | { kind: 'create'; body: WorkEntryCreateBody }
  | { kind: 'patch'; id: string; stoppedAt: string }
  | { kind: 'delete'; id: string };

/** One cell's write; on success every entry list and month refetches. */
export function useCellWrite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (write: CellWrite): Promise<WorkEntry | null> => {
      if (write.kind === 'create') return api.post('/api/work-entries', { body: write.body, schema: WorkEntryWithWarningsSchema });
      if (write.kind === 'patch') return api.patch(`/api/work-entries/${encodeURIComponent(write.id)}`, { body: { stoppedAt: write.stoppedAt }, schema: WorkEntrySchema });
      await api.delete(`/api/work-entries/${encodeURIComponent(write.id)}`);
      return null;
    },
    onSettled: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: ['work-entries'] }),
      queryClient.invalidateQueries({ queryKey: ['diary'] }),
    ]),
  });
}
