import { RoleSchema } from '@workdiary/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

/** Only what the "Rules for" select needs from GET /api/users. */
const RulesUserSchema = z.object({ id: z.string(), name: z.string(), role: RoleSchema, active: z.boolean() });
const RulesUserListSchema = z.object({ items: z.array(RulesUserSchema) });

export function rulesUsersQueryOptions() {
  return queryOptions({
    queryKey: ['users', 'for-rules'] as const,
    queryFn: ({ signal }) => api.get('/api/users', { schema: RulesUserListSchema, signal }).then((list) => list.items),
  });
}

export function useRulesUsers(enabled = true) {
  return useQuery({ ...rulesUsersQueryOptions(), enabled });
}
