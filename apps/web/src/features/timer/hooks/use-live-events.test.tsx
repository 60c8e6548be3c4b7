import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { makeMe } from '../../../test/fetch-stub';
import { FakeEventSource, renderSignedIn } from '../test-utils';
import { invalidateForEvent, useLiveEvents } from './use-live-events';

function spyClient() {
  const queryClient = new QueryClient();
  const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
  const keys = () => invalidate.mock.calls.map(([filters]) => (filters as { queryKey?: unknown }).queryKey ?? 'predicate');
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

  it('a (re)connect refetches what may have been missed', () => {
    const { queryClient, keys } = spyClient();
    invalidateForEvent(queryClient, { type: 'ready' }, 'me');
    expect(keys()).toEqual([['timer'], ['at-work'], ['users'], 'predicate']);
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

