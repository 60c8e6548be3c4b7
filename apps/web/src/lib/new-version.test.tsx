import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetConnection, setApiReachable } from './connection';
import { newVersionDeployed, useReloadOnNewVersion } from './new-version';

const html = (entry: string) => `<!doctype html><html><head><script type="module" crossorigin src="${entry}"></script></head><body></body></html>`;

function serve(entry: string | null) {
  const fetchMock = vi.fn(async () => (entry === null ? Promise.reject(new TypeError('Failed to fetch')) : new Response(html(entry), { headers: { 'Content-Type': 'text/html' } })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  resetConnection();
  const script = document.createElement('script');
  script.type = 'module';
  script.setAttribute('src', '/assets/index-OLD.js');
  document.head.append(script);
});
afterEach(() => {
  document.head.querySelectorAll('script[type="module"]').forEach((s) => s.remove());
  resetConnection();
});

describe('a new deployment', () => {
  it('is told by the entry script the server’s index.html names now', async () => {
    serve('/assets/index-NEW.js');
    await expect(newVersionDeployed()).resolves.toBe(true);
    serve('/assets/index-OLD.js');
    await expect(newVersionDeployed()).resolves.toBe(false);
    serve(null);
    await expect(newVersionDeployed()).resolves.toBe(false);
  });

  it('is loaded at the next navigation after the server came back with it, not before', async () => {
    const fetchMock = serve('/assets/index-NEW.js');
    const reload = vi.fn();
    function Shell() {
      useReloadOnNewVersion(reload);
      return <nav><Link to="/a">A</Link> <Link to="/b">B</Link></nav>;
    }
    render(
      <MemoryRouter initialEntries={['/a']}>
        <Routes><Route path="*" element={<Shell />} /></Routes>
      </MemoryRouter>,
    );
    const user = userEvent.setup();
    // Nothing checked while all is well: navigating stays in the page.
    await user.click(screen.getByRole('link', { name: 'B' }));
    expect(reload).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();

    act(() => setApiReachable(false));
    act(() => setApiReachable(true));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    // Let the check read the answer.
    await act(async () => {
      await fetchMock.mock.results[0]?.value;
      await new Promise((resolve) => setTimeout(resolve, 0));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(reload).not.toHaveBeenCalled();
    await user.click(screen.getByRole('link', { name: 'A' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
