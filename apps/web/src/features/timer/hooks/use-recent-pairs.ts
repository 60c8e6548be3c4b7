import { useQuery } from '@tanstack/react-query';
import { workEntriesQueryOptions } from '../../../components/entries/entries-api';
import { useCurrentUser } from '../../../lib/current-user';

export type RecentPair = { customer: { id: string; name: string }; category: { id: string; name: string } };

/**
 * The user's last customer × category pairs, newest first, from their latest entries (so it
 * follows them across devices). The first one pre-fills the start dialog.
 */
export function useRecentPairs(max = 5): { pairs: RecentPair[]; loading: boolean } {
  const me = useCurrentUser();
  const entries = useQuery(workEntriesQueryOptions({ userId: me.id, limit: 40 }));
  const seen = new Set<string>();
  const pairs: RecentPair[] = [];
  for (const e of entries.data?.items ?? []) {
    if (e.category.archived) continue;
    const key = `${e.customer.id}|${e.category.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push({ customer: e.customer, category: { id: e.category.id, name: e.category.name } });
    if (pairs.length === max) break;
  }
  return { pairs, loading: entries.isPending };
}
