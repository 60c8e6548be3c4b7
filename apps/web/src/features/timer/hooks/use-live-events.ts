import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { use, useEffect } from 'react';
import { LIVE_EVENT_TYPES } from '@workdiary/shared';
import { buildUrl } from '../../../lib/api-client';
import { setApiReachable } from '../../../lib/connection';
import { CurrentUserContext } from '../../../lib/current-user';
import { customerAtWorkQueryKey, timerQueryKey } from '../api/timer';

/** One event as received: the shared LiveEvent's fields, any of which a malformed payload may lack. */
export type LiveEventData = { type: string; userId?: string; entryId?: string; customerId?: string; what?: string };

const invalidate = (queryClient: QueryClient, ...keys: ReadonlyArray<readonly unknown[]>) => {
  for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
};

/** Which cached queries one live event makes stale. `meId`: the signed-in user. */
export function invalidateForEvent(queryClient: QueryClient, event: LiveEventData, meId: string | null): void {
  // Unknown user: treat every event as possibly ours.
  const mine = meId === null || event.userId === meId;
  switch (event.type) {
    case 'ready':
    case 'resync':
      // `ready`: the stream (re)connected; `resync`: the server's own link to the other instances
      // was down. Either way events may have been missed: everything is fetched again (what is
      // on screen now, everything else when next shown).
      void queryClient.invalidateQueries();
      return;
    case 'timer.started':
    case 'timer.stopped':
    case 'entry.changed':
      if (mine) invalidate(queryClient, timerQueryKey);
      if (event.customerId) invalidate(queryClient, customerAtWorkQueryKey(event.customerId));
      // ['users']: the users list's "At work now" column.
      invalidate(queryClient, ['at-work'], ['users'], ['work-entries'], ['diary']);
      return;
    case 'settings.changed':
      if (event.what === 'categories') invalidate(queryClient, ['categories']);
      else if (event.what === 'rules') invalidate(queryClient, ['work-rules']);
      // The module switch and the organisation live in /api/me (the header timer shows or hides).
      else invalidate(queryClient, ['me']);
      return;
    case 'user.changed':
      invalidate(queryClient, ['users'], ['at-work']);
      if (mine) invalidate(queryClient, ['me']);
      return;
    default:
      return;
  }
}

// One EventSource per tab however many components listen (header, customer page, …).
type Connection = { source: EventSource; users: number; retry: ReturnType<typeof setTimeout> | null };
let connection: Connection | null = null;
let currentClient: QueryClient | null = null;
let currentMe: string | null = null;
const RECONNECT_MS = 5_000;

/** `fresh`: the first connection of this page, whose data was just loaded (its first `ready` changes nothing). */
function open(fresh: boolean): EventSource {
  const source = new EventSource(buildUrl('/api/events'), { withCredentials: true });
  let skipReady = fresh;
  for (const type of LIVE_EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      if (!currentClient) return;
      if (type === 'ready' && skipReady) {
        skipReady = false;
        return;
      }
      let data: LiveEventData = { type };
      try {
        data = { ...(JSON.parse((message as MessageEvent<string>).data) as LiveEventData), type };
      } catch {
        // A malformed payload still tells us what kind of thing changed.
      }
      invalidateForEvent(currentClient, data, currentMe);
    });
  }
  // A dropped stream says the server is gone: the connection banner shows within seconds and
  // pings until it is back (then failed queries run again and the stream's `ready` refreshes).
  source.addEventListener('open', () => setApiReachable(true));
  source.addEventListener('error', () => {
    if (source.readyState !== EventSource.OPEN) setApiReachable(false);
    // EventSource retries by itself unless the server refused (e.g. 401): then try again later.
    if (source.readyState !== EventSource.CLOSED || !connection || connection.source !== source) return;
    connection.retry ??= setTimeout(() => {
      if (!connection || connection.source !== source) return;
      connection.retry = null;
      source.close();
      connection.source = open(false);
    }, RECONNECT_MS);
  });
  return source;
}

/**
 * Keeps the timer, the At Work badges and page, the users list, the entry lists and the diary
 * live: subscribes to GET /api/events and invalidates the queries each event touches. Mounted once,
 * in the signed-in layout (app/layout.tsx); further mounts would share its one connection, closed
 * when the last one unmounts.
 */
export function useLiveEvents(): void {
  const queryClient = useQueryClient();
  const meId = use(CurrentUserContext)?.id ?? null;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    currentClient = queryClient;
    currentMe = meId;
    if (connection) connection.users += 1;
    else connection = { source: open(true), users: 1, retry: null };
    return () => {
      if (!connection) return;
      connection.users -= 1;
      if (connection.users > 0) return;
      if (connection.retry) clearTimeout(connection.retry);
      connection.source.close();
      connection = null;
    };
  }, [queryClient, meId]);
}
