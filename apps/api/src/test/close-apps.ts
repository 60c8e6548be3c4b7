import { afterAll } from 'vitest';
import { closeTestApps } from './helper.ts';

// A set-up file (vitest.config.ts `setupFiles`): it runs before each test file, so this hook
// belongs to every file and closes the apps and databases its setupTestApp calls opened.
afterAll(closeTestApps);
