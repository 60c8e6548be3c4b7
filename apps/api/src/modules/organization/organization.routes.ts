import type { App } from '../../lib/types.ts';

// Filled by the users issue.
export default async function organizationRoutes(_app: App) {}
