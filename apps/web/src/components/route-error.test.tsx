// Issue 25, defect 7: a page's code that cannot be loaded while the server is unreachable is an
// outage ("the server cannot be reached", with retry), not "a new version is available"; only a
// server that answers with another build is a new version.
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch } from '../test/fetch-stub';
import { RouteError } from './route-error';

function renderFailedChunk() {
  const router = createMemoryRouter([
    {
      path: '/',
      errorElement: <RouteError />,
      lazy: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module: http://localhost/assets/reports-page-abc123.js')),
    },
  ]);
  render(<RouterProvider router={router} />);
}

describe('a page whose code cannot be loaded', () => {
  let entry: HTMLScriptElement;
  beforeEach(() => {
    entry = document.createElement('script');
    entry.type = 'module';
    entry.setAttribute('src', '/assets/index-old111.js');
    document.head.append(entry);
  });
  afterEach(() => entry.remove());

  it('says the server cannot be reached while it does not answer, with a retry', async () => {
    stubFetch({
      'GET /api/health': () => Promise.reject(new TypeError('Failed to fetch')),
      'GET /': () => Promise.reject(new TypeError('Failed to fetch')),
    });
    renderFailedChunk();
    expect(await screen.findByRole('heading', { name: 'The server cannot be reached' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByText('A new version of Workdiary is available')).not.toBeInTheDocument();
  });

  it('says a new version is available when the server answers with another build', async () => {
    stubFetch({
      'GET /api/health': () => jsonResponse({ status: 'ok' }),
      'GET /': () => new Response('<!doctype html><script type="module" crossorigin src="/assets/index-new222.js"></script>', { headers: { 'Content-Type': 'text/html' } }),
    });
    renderFailedChunk();
    expect(await screen.findByRole('heading', { name: 'A new version of Workdiary is available' })).toBeInTheDocument();
  });

  it('is an ordinary error when the server answers with the same build', async () => {
    stubFetch({
      'GET /api/health': () => jsonResponse({ status: 'ok' }),
      'GET /': () => new Response('<!doctype html><script type="module" crossorigin src="/assets/index-old111.js"></script>', { headers: { 'Content-Type': 'text/html' } }),
    });
    renderFailedChunk();
    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.queryByText('A new version of Workdiary is available')).not.toBeInTheDocument();
  });
});
