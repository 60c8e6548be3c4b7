/**
 * The live event bus behind GET /api/events. In-process today; a Redis or Postgres LISTEN/NOTIFY
 * implementation can replace it behind this interface to fan out across API instances.
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

export type EventBus = {
  publish(orgId: string, event: LiveEvent): void;
  subscribe(orgId: string, listener: EventListener): () => void;
};

export function createMemoryEventBus(): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    publish(orgId, event) {
      for (const listener of listeners.get(orgId) ?? []) {
        try {
          listener(event);
        } catch {
          // one broken subscriber must not stop the others
        }
      }
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
