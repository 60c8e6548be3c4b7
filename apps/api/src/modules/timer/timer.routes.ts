import type { App } from '../../lib/types.ts';

// Filled by the timer issue.
export default async function timerRoutes(_app: App) {}
