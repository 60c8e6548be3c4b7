import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { makeMe } from '../../../test/fetch-stub';
import { FakeEventSource, renderSignedIn } from '../test-utils';
import { invalidateForEvent, useLiveEvents } from './use-live-events';

function spyClient() {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  const keys = () => invalidate.mock.calls.map(([filters]) => (filters === undefined ? 'everything' : ((filters as { queryKey?: unknown }).queryKey ?? 'predicate')));
  return { queryClient, keys };
}

describe('invalidateForEvent', () => {
  it("a timer event refreshes one's own timer, the customer's At Work badge, entry lists, diary, the at-work page and the users list", () => {
    const { queryClient, keys } = spyClient();
    invalidateForEvent(queryClient, { type: 'timer.started', userId: 'me', customerId: 'c1' }, 'me');
    expect(keys()).toEqual([['timer'], ['customers', 'c1', 'at-work'], ['at-work'], ['users'], ['work-entries'], ['diary']]);
  });

  it("someone else's timer leaves one's own timer alone", () => {
    const { queryClient, keys } = spyClient();
    invalidateForEvent(queryClient, { type: 'timer.stopped', userId: 'bob', customerId: 'c1' }, 'me');
    expect(keys()).not.toContainEqual(['timer']);
    expect(keys()).toContainEqual(['customers', 'c1', 'at-work']);
  });

  it('the module switch refreshes /api/me (the header timer shows or hides); categories refresh the pickers', () => {
    const { queryClient, keys } = spyClient();
    invalidateForEvent(queryClient, { type: 'settings.changed', what: 'modules' }, 'me');
    invalidateForEvent(queryClient, { type: 'settings.changed', what: 'categories' }, 'me');
    expect(keys()).toEqual([['me'], ['categories']]);
  });

  it('a (re)connect, and a resync (the server may have missed events), refetch everything', () => {
    const { queryClient, keys } = spyClient();
    invalidateForEvent(queryClient, { type: 'ready' }, 'me');
    invalidateForEvent(queryClient, { type: 'resync' }, 'me');
    expect(keys()).toEqual(['everything', 'everything']);
  });
});

describe('useLiveEvents', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one connection between all its users and closes it with the last', () => {
    function Two() {
      useLiveEvents();
      useLiveEvents();
      return null;
    }
    const { unmount } = renderSignedIn(<Two />);
    expect(FakeEventSource.instances).toHaveLength(1);
    unmount();
    expect(FakeEventSource.open).toHaveLength(0);
  });

  it('on a resync event refetches every query on the page, not only those live events touch', async () => {
    const fetches = { timer: 0, diary: 0, report: 0 };
    function Page() {
      useQuery({ queryKey: ['timer'], queryFn: () => ++fetches.timer });
      useQuery({ queryKey: ['diary', 'u-member', '2026-03'], queryFn: () => ++fetches.diary });
      useQuery({ queryKey: ['some-report'], queryFn: () => ++fetches.report });
      return null;
    }
    renderSignedIn(<Page />);
    await waitFor(() => expect(fetches).toEqual({ timer: 1, diary: 1, report: 1 }));
    const source = FakeEventSource.instances[0]!;
    // The page was just loaded: the stream's first `ready` changes nothing.
    act(() => source.emit('ready', { serverTime: '2026-03-02T10:00:00.000Z' }));
    act(() => source.emit('resync', { type: 'resync' }));
    await waitFor(() => expect(fetches).toEqual({ timer: 2, diary: 2, report: 2 }));
  });

  it('reconnects later when the server refused the stream (e.g. a restart)', () => {
    vi.useFakeTimers();
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <CurrentUserContext value={makeMe()}>{children}</CurrentUserContext>
      </QueryClientProvider>
    );
    const { unmount } = renderHook(() => useLiveEvents(), { wrapper });
    const first = FakeEventSource.instances[0]!;
    first.readyState = FakeEventSource.CLOSED;
    act(() => first.emit('error', {}));
    expect(FakeEventSource.instances).toHaveLength(1);
    act(() => vi.advanceTimersByTime(5_000));
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(FakeEventSource.open).toHaveLength(1);
    unmount();
    expect(FakeEventSource.open).toHaveLength(0);
  });
});

