import type { App } from '../../lib/types.ts';

// Filled by the timer issue.
export default async function eventsRoutes(_app: App) {}
