import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useQuery } from '@tanstack/react-query';
import { resetConnection, setApiReachable } from '../lib/connection';
import { jsonResponse, stubFetch } from '../test/fetch-stub';
import { createTestQueryClient } from '../test/query-client';
import { OfflineBanner } from './offline-banner';

function renderBanner(children?: ReactNode) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <OfflineBanner />
      {children}
    </QueryClientProvider>,
  );
}

describe('OfflineBanner', () => {
  beforeEach(() => resetConnection());
  afterEach(() => vi.useRealTimers());

  it('shows while the browser is offline and hides when it is back', () => {
    renderBanner();
    expect(screen.queryByText('Connection lost — retrying…')).not.toBeInTheDocument();
    act(() => {
      vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
      window.dispatchEvent(new Event('offline'));
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Connection lost — retrying…');
    act(() => {
      vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(true);
      window.dispatchEvent(new Event('online'));
    });
    expect(screen.queryByText('Connection lost — retrying…')).not.toBeInTheDocument();
  });

  it('pings the API while it is unreachable and hides once it answers', async () => {
    vi.useFakeTimers();
    const { fetchMock } = stubFetch({ 'GET /api/health': () => jsonResponse({ ok: true }) });
    renderBanner();
    act(() => setApiReachable(false));
    expect(screen.getByText('Connection lost — retrying…')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await act(() => vi.advanceTimersByTimeAsync(2100));
    expect(fetchMock).toHaveBeenCalledWith('/api/health', expect.objectContaining({ method: 'GET' }));
    expect(screen.queryByText('Connection lost — retrying…')).not.toBeInTheDocument();
  });

  it('when the server is back, the page fetches what it shows again (it may have changed meanwhile)', async () => {
    let served = 0;
    stubFetch({
      'GET /api/health': () => jsonResponse({ ok: true }),
      'GET /api/thing': () => jsonResponse({ n: ++served }),
    });
    function Thing() {
      const q = useQuery({ queryKey: ['thing'], queryFn: () => fetch('/api/thing').then((r) => r.json() as Promise<{ n: number }>), staleTime: Infinity });
      return <p>{q.data ? `thing ${q.data.n}` : 'loading'}</p>;
    }
    renderBanner(<Thing />);
    expect(await screen.findByText('thing 1')).toBeInTheDocument();
    act(() => setApiReachable(false));
    expect(screen.getByText('thing 1')).toBeInTheDocument();
    act(() => setApiReachable(true));
    expect(await screen.findByText('thing 2')).toBeInTheDocument();
  });
});
