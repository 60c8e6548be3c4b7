// Issue 25, defect 3: every page rendered in German with realistic answers holds no English
// message of the catalog (a key whose German differs) and no English weekday or month name, in
// its text, aria-label, title or placeholder.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stubFetch } from '../test/fetch-stub';
import { createTestQueryClient } from '../test/query-client';
import { de } from '../lib/i18n/messages/de';
import { prepareI18n } from '../lib/i18n/i18n';
import { useLocaleStore } from '../lib/i18n/locale-store';
import { AppProviders } from './providers';
import { routes } from './router';
import { DEMO, germanPageStubs } from './german-pages.fixtures';

// April, August, September and November are German words too, and so not listed.
const ENGLISH_DATES = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun|January|February|March|May|June|July|October|December)\b/;

/** "12 hours", "5 minutes": a count in English words. */
const ENGLISH_UNITS = /\b\d+ (hours?|minutes?|days?)\b/;

/** Every English catalog message (or English date word) the page shows, with where it was seen. */
function englishIn(root: HTMLElement): string[] {
  const found: string[] = [];
  const check = (text: string | null, where: string) => {
    const s = text?.replace(/\s+/g, ' ').trim();
    if (!s) return;
    if (s in de && de[s] !== s) found.push(`${where}: "${s}"`);
    else if (ENGLISH_DATES.test(s)) found.push(`${where} (English date word): "${s}"`);
    else if (ENGLISH_UNITS.test(s)) found.push(`${where} (English unit): "${s}"`);
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement;
      if (parent && parent.closest('script,style')) continue;
      check(node.textContent, `text in <${parent?.tagName.toLowerCase() ?? '?'}>`);
    } else {
      const el = node as Element;
      for (const attr of ['aria-label', 'title', 'placeholder']) check(el.getAttribute(attr), `${attr} of <${el.tagName.toLowerCase()}>`);
      // An element's whole text too: a message split by markup ("<strong>Max</strong> changed the session").
      if (el.children.length > 0 && el.children.length < 6) check(el.textContent, `text of <${el.tagName.toLowerCase()}>`);
    }
  }
  return found;
}

type Page = { path: string; ready: () => Promise<unknown> };
const heading = (name: RegExp | string) => () => screen.findByRole('heading', { level: 1, name });

const PAGES: Page[] = [
  { path: '/login', ready: heading('Anmelden') },
  { path: '/forgot-password', ready: heading(/Passwort/) },
  { path: '/reset-password?token=tok_abc', ready: () => screen.findAllByText(/Passwort/) },
  { path: '/set-password?token=tok_abc', ready: () => screen.findAllByText(/Passwort/) },
  { path: '/setup', ready: () => screen.findAllByText(/Workdiary/) },
  { path: `/shared/reports/${DEMO.shareToken}`, ready: () => screen.findAllByText('Acme Ltd') },
  { path: '/customers', ready: () => screen.findAllByText('Acme Ltd') },
  { path: `/customers/${DEMO.acme}`, ready: () => screen.findAllByText('Friedrichstraße 12, 10117 Berlin') },
  { path: '/settings', ready: () => screen.findAllByText(/Arbeitsregeln/) },
  { path: '/profile', ready: () => screen.findAllByText('admin@example.com') },
  { path: '/absences?from=2026-12-01&to=2026-12-31', ready: () => screen.findAllByText('Krankheit') },
  { path: '/reports?from=2026-12-01&to=2026-12-31&groupBy=customer', ready: () => screen.findAllByText('Acme Ltd') },
  { path: '/diary', ready: () => screen.findAllByText('Bob Example') },
  { path: '/at-work', ready: () => screen.findAllByText(/Niemand|Bob Example/) },
  { path: `/diary/${DEMO.bob}?month=2026-12`, ready: () => screen.findAllByText('1. Weihnachtstag') },
  { path: '/users', ready: () => screen.findAllByText('Bob Example') },
  { path: '/settings/organization', ready: () => screen.findAllByDisplayValue('Demo Company') },
  { path: '/settings/webhooks', ready: () => screen.findAllByText(/Webhook/) },
  { path: '/settings/imports', ready: () => screen.findAllByText(/Import/) },
  { path: '/no-such-page', ready: heading(/nicht gefunden/) },
];

describe('every page in German (issue 25)', () => {
  beforeAll(async () => {
    useLocaleStore.setState({ locale: 'de-DE' });
    await prepareI18n();
  });
  afterAll(() => {
    useLocaleStore.setState({ locale: 'en-GB' });
  });

  it("the day modal's history (who changed what) and the day's holiday speak German", async () => {
    const { unhandled } = stubFetch(germanPageStubs({ signedIn: true }));
    const router = createMemoryRouter(routes, { initialEntries: [`/diary/${DEMO.bob}?month=2026-12`] });
    render(<AppProviders queryClient={createTestQueryClient()}><RouterProvider router={router} /></AppProviders>);
    const user = userEvent.setup();
    await screen.findAllByText('1. Weihnachtstag');
    await user.click(screen.getByRole('button', { name: /Dienstag, 1\. Dezember 2026/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('tab', { name: 'Verlauf' }));
    await within(dialog).findByText(/hat die Sitzung geändert/);
    expect(within(dialog).getByText('Beginn')).toBeInTheDocument();
    expect(unhandled).toEqual([]);
    expect(englishIn(document.body)).toEqual([]);
  });

  it.each(PAGES)('$path shows no English', async ({ path, ready }) => {
    const signedOut = ['/login', '/forgot-password', '/setup', '/set-password', '/reset-password', '/shared'].some((p) => path.startsWith(p));
    const { unhandled } = stubFetch(germanPageStubs({ signedIn: !signedOut }));
    const router = createMemoryRouter(routes, { initialEntries: [path] });
    render(<AppProviders queryClient={createTestQueryClient()}><RouterProvider router={router} /></AppProviders>);
    await ready();
    // Let every request of the page answer and render.
    await act(async () => { await new Promise((r) => setTimeout(r, 300)); });
    await waitFor(() => expect(document.querySelector('.spinner, [aria-busy="true"]')).toBeNull());
    expect(unhandled, 'every request the page makes has a realistic answer').toEqual([]);
    expect(englishIn(document.body)).toEqual([]);
  });
});
