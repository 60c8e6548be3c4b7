/**
 * The live event bus behind GET /api/events and any in-process subscriber (e.g. a cache that
 * drops an organisation's entries on change). Two implementations behind one interface: the
 * in-process bus below (PGlite: one process) and PostgreSQL LISTEN/NOTIFY (lib/pg-events.ts), which
 * delivers every event, whichever instance published it, to the subscribers of every instance.
 */
export type LiveEvent =
  | { type: 'timer.started'; userId: string; entryId: string; customerId: string }
  /** `discarded`: the running session was thrown away (DELETE /api/timer), no entry was kept. */
  | { type: 'timer.stopped'; userId: string; entryId: string; customerId: string; discarded?: boolean }
  | { type: 'entry.changed'; userId: string; entryId: string; customerId: string; action: 'created' | 'updated' | 'deleted' }
  | { type: 'settings.changed'; what: 'modules' | 'categories' | 'rules' | 'organization' }
  /** A customer was created, edited or archived (the timer's organisation cache listens). */
  | { type: 'customer.changed'; customerId: string }
  | { type: 'user.changed'; userId: string };

export type EventListener = (event: LiveEvent) => void;
export type AnyOrgListener = (orgId: string, event: LiveEvent) => void;

export type EventBus = {
  /** Delivers to this process's subscribers at once (synchronously) and to other instances' soon after. */
  publish(orgId: string, event: LiveEvent): void;
  /** The events of one organisation; returns the unsubscribe function. */
  subscribe(orgId: string, listener: EventListener): () => void;
  /** The events of every organisation (caches keyed by organisation); returns the unsubscribe function. */
  subscribeAll(listener: AnyOrgListener): () => void;
  close(): Promise<void>;
};

/** The in-process bus; the PostgreSQL bus uses it for delivery inside each process. */
export function createMemoryEventBus(): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  const everyOrg = new Set<AnyOrgListener>();
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
    async close() {
      listeners.clear();
      everyOrg.clear();
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
