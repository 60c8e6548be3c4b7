import type { App } from '../../lib/types.ts';

// Filled by the customers issue.
export default async function workEntriesRoutes(_app: App) {}
