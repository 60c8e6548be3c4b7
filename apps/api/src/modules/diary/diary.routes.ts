import type { App } from '../../lib/types.ts';

// Filled by the diary issue.
export default async function diaryRoutes(_app: App) {}
