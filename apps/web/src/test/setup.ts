import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// The test files share a worker and its DOM (vite.config.ts, `isolate: false`). Each file imports
// the app's modules afresh (stores, caches, the live-event connection start empty); libraries
// from node_modules and the jsdom window are loaded once per worker.
vi.resetModules();

// findBy*/waitFor give up after 1 s by default. A lazily imported page on a busy two-core machine
// can take longer to appear; waiting longer costs nothing when it shows up at once, and the
// per-test timeout (vite.config.ts) stays well above this.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  // Drafts and the remembered locale live in localStorage: every test starts without them.
  localStorage.clear();
  sessionStorage.clear();
});
