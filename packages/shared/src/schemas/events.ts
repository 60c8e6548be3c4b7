/**
 * What GET /api/events sends: `event: <type>` with `data: <the event as JSON>`. Ids only (no names,
 * notes or times): every signed-in person of the organisation receives them. The server publishes
 * these; the web app listens for LIVE_EVENT_TYPES and re-fetches what each one touches.
 */
export type LiveEvent =
  | { type: 'timer.started'; userId: string; entryId: string; customerId: string }
  /** `discarded`: the running session was thrown away (DELETE /api/timer), no entry was kept. */
  | { type: 'timer.stopped'; userId: string; entryId: string; customerId: string; discarded?: boolean }
  | { type: 'entry.changed'; userId: string; entryId: string; customerId: string; action: 'created' | 'updated' | 'deleted' }
  | { type: 'settings.changed'; what: 'modules' | 'categories' | 'rules' | 'organization' }
  /** A customer was created, edited or archived (the timer's organisation cache listens). */
  | { type: 'customer.changed'; customerId: string }
  | { type: 'user.changed'; userId: string }
  /**
   * Events may have been missed (the instance's LISTEN connection to PostgreSQL dropped and is
   * back): refetch everything, as after a reconnect of the stream itself.
   */
  | { type: 'resync' };

/** Every event name on the stream: `ready` (sent after each (re)connect) and the LiveEvent types. */
export const LIVE_EVENT_TYPES = ['ready', 'timer.started', 'timer.stopped', 'entry.changed', 'settings.changed', 'customer.changed', 'user.changed', 'resync'] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

// Compile-time check: a LiveEvent type missing from LIVE_EVENT_TYPES would never reach the browser.
const _everyTypeListed: [Exclude<LiveEvent['type'], LiveEventType>] extends [never] ? true : false = true;
void _everyTypeListed;
