import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default. A lazily imported page on a busy two-core machine
// can take longer to appear; waiting longer costs nothing when it shows up at once, and the
// per-test timeout (vite.config.ts) stays well above this.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
