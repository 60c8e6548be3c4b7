import { MemoryRouter } from 'react-router';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { Me, WorkEntry } from '@workdiary/shared';
import type { ReactNode } from 'react';
import { CurrentUserContext } from '../../lib/current-user';
import { makeMe } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { useLiveEvents } from './hooks/use-live-events';

export const ACME = { id: 'cust-acme', name: 'Acme Ltd' };
export const GLOBEX = { id: 'cust-globex', name: 'Globex GmbH' };
export const REGULAR = { id: 'cat-regular', name: 'Regular Hours', archived: false };
export const SUPPORT = { id: 'cat-support', name: 'Support', archived: false };

export function makeEntry(overrides: Partial<WorkEntry> = {}): WorkEntry {
  return {
    id: 'entry-1',
    userId: 'u-member',
    customerId: ACME.id,
    categoryId: REGULAR.id,
    startedAt: '2026-03-02T08:00:00.000Z',
    stoppedAt: null,
    note: '',
    source: 'TIMER',
    flagged: false,
    user: { id: 'u-member', name: 'Mia Member' },
    customer: ACME,
    category: REGULAR,
    ...overrides,
  };
}

export const customer = (c: { id: string; name: string }, archived = false) => ({ ...c, email: null, phone: null, address: null, archived, hourlyRate: null });

/** Renders inside the signed-in app's providers (query client, current user). */
/** Holds the live-event connection, as the signed-in layout does. */
function LiveEvents({ children }: { children: ReactNode }) {
  useLiveEvents();
  return children;
}

export function renderSignedIn(ui: ReactNode, { me = makeMe(), queryClient = createTestQueryClient() }: { me?: Me; queryClient?: QueryClient } = {}) {
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <CurrentUserContext value={me}><LiveEvents>{ui}</LiveEvents></CurrentUserContext>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, me };
}

type Listener = (event: MessageEvent<string>) => void;

/** A stand-in for the browser's EventSource (jsdom has none): tests push events into it. */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readonly withCredentials: boolean;
  readyState = FakeEventSource.OPEN;
  private listeners = new Map<string, Set<Listener>>();

  constructor(url: string, init?: { withCredentials?: boolean }) {
    this.url = url;
    this.withCredentials = Boolean(init?.withCredentials);
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: Listener) {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: Listener) {
    this.listeners.get(type)?.delete(listener);
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** Delivers `event: <type>` with `data: <JSON of data>`. */
  emit(type: string, data: unknown) {
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data) });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  static get open(): FakeEventSource[] {
    return FakeEventSource.instances.filter((s) => s.readyState !== FakeEventSource.CLOSED);
  }
}
