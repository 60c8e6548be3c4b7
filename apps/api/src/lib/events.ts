/**
 * The live event bus behind GET /api/events and any in-process subscriber (e.g. a cache that
 * drops an organisation's entries on change). Two implementations behind one interface: the
 * in-process bus below (PGlite: one process) and PostgreSQL LISTEN/NOTIFY (lib/pg-events.ts), which
 * delivers every event, whichever instance published it, to the subscribers of every instance.
 */
import type { LiveEvent } from '@workdiary/shared';

// The event's shape is shared with the web app, which listens for it.
export type { LiveEvent };

export type EventListener = (event: LiveEvent) => void;
export type AnyOrgListener = (orgId: string, event: LiveEvent) => void;

export type EventBus = {
  /** Delivers to this process's subscribers at once (synchronously) and to other instances' soon after. */
  publish(orgId: string, event: LiveEvent): void;
  /** The events of one organisation; returns the unsubscribe function. */
  subscribe(orgId: string, listener: EventListener): () => void;
  /** The events of every organisation (caches keyed by organisation); returns the unsubscribe function. */
  subscribeAll(listener: AnyOrgListener): () => void;
  /**
   * Called when events may have been missed (the cross-instance connection dropped and is back):
   * whatever was derived from events (a cache) should be dropped. Every organisation's subscribers
   * (the SSE streams, so the browsers) get a `{ type: 'resync' }` event at the same moment. The
   * in-process bus never misses any.
   */
  onResync(listener: () => void): () => void;
  close(): Promise<void>;
};

/**
 * The in-process bus; the PostgreSQL bus uses it for delivery inside each process, and its
 * `resync()` when events may have been missed: the onResync listeners are called and every
 * organisation's subscribers get `{ type: 'resync' }` (not the every-organisation listeners,
 * which are caches and have onResync).
 */
export function createMemoryEventBus(): EventBus & { resync(): void } {
  const listeners = new Map<string, Set<EventListener>>();
  const everyOrg = new Set<AnyOrgListener>();
  const resync = new Set<() => void>();
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // one broken subscriber must not stop the others
    }
  };
  return {
    publish(orgId, event) {
      for (const listener of everyOrg) safely(() => listener(orgId, event));
      for (const listener of listeners.get(orgId) ?? []) safely(() => listener(event));
    },
    subscribeAll(listener) {
      everyOrg.add(listener);
      return () => {
        everyOrg.delete(listener);
      };
    },
    onResync(listener) {
      resync.add(listener);
      return () => {
        resync.delete(listener);
      };
    },
    resync() {
      for (const listener of resync) safely(listener);
      const event: LiveEvent = { type: 'resync' };
      for (const set of [...listeners.values()]) for (const listener of [...set]) safely(() => listener(event));
    },
    async close() {
      listeners.clear();
      everyOrg.clear();
      resync.clear();
    },
    subscribe(orgId, listener) {
      const set = listeners.get(orgId) ?? new Set();
      set.add(listener);
      listeners.set(orgId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(orgId);
      };
    },
  };
}
