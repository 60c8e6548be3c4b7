import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Drafts and the remembered locale live in localStorage: every test starts without them.
  localStorage.clear();
});
