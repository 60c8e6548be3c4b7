import {
  AbsenceKindListSchema,
  AbsenceListSchema,
  AbsenceSchema,
  type AbsenceRequestBody,
} from '@workdiary/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

const PeopleSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })) });

/** The people a manager may file an absence for (active ones, by name). */
export function usePeople(enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'absence-people'],
    queryFn: ({ signal }) => api.get('/api/users', { schema: PeopleSchema, signal })
      .then((list) => list.items.filter((u) => u.active).sort((a, b) => a.name.localeCompare(b.name))),
    enabled,
  });
}

const keys = { all: ['absences'] as const, kinds: ['absences', 'kinds'] as const, list: (from: string, to: string) => ['absences', 'list', from, to] as const };

export function useAbsenceKinds() {
  return useQuery(queryOptions({ queryKey: keys.kinds, queryFn: ({ signal }) => api.get('/api/settings/absence-kinds', { schema: AbsenceKindListSchema, signal }) }));
}

/** Absences touching [from, to]; members get their own only. */
export function useAbsences(from: string, to: string) {
  return useQuery(queryOptions({
    queryKey: keys.list(from, to),
    queryFn: ({ signal }) => api.get('/api/absences', { query: { from, to }, schema: AbsenceListSchema, signal }),
  }));
}

/** Absences change the diary's figures too: refresh both. */
function useAbsenceMutation<TArgs>(fn: (args: TArgs) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.all });
      await queryClient.invalidateQueries({ queryKey: ['diary'] });
    },
  });
}

export function useRequestAbsence() {
  return useAbsenceMutation((body: AbsenceRequestBody) => api.post('/api/absences', { body, schema: AbsenceSchema }));
}

export function useDecideAbsence() {
  return useAbsenceMutation(({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
    api.post(`/api/absences/${encodeURIComponent(id)}/${decision}`, { schema: AbsenceSchema }));
}

export function useWithdrawAbsence() {
  return useAbsenceMutation((id: string) => api.delete(`/api/absences/${encodeURIComponent(id)}`));
}
