import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { buildUrl } from '../../../lib/api-client';
import { atWorkQueryKey } from '../api/at-work';
import { usersQueryKey } from '../api/users';

const REFRESHING_EVENTS = ['ready', 'timer.started', 'timer.stopped', 'entry.changed', 'user.changed'] as const;

/**
 * Keeps ['at-work'] (and the users list's "At work now") live: the organisation's server-sent
 * events (GET /api/events) invalidate them. 'ready' arrives after every (re)connect, so whatever
 * happened while the stream was down is fetched again. EventSource reconnects by itself.
 */
export function useAtWorkEvents(enabled = true) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(buildUrl('/api/events'), { withCredentials: true });
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: atWorkQueryKey });
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    };
    for (const name of REFRESHING_EVENTS) source.addEventListener(name, refresh);
    return () => {
      for (const name of REFRESHING_EVENTS) source.removeEventListener(name, refresh);
      source.close();
    };
  }, [enabled, queryClient]);
}
