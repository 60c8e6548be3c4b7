import type { App } from '../../lib/types.ts';

// Filled by the settings issue.
export default async function categoriesRoutes(_app: App) {}
