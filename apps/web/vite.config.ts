import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The API the dev server forwards `/api` to. Read here (build tooling), never in app code.
const apiTarget = process.env.WORKDIARY_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: false,
        // Long-lived server-sent events must not be cut by a proxy timeout.
        timeout: 0,
        proxyTimeout: 0,
        configure(proxy) {
          proxy.on('proxyReq', (proxyReq, req) => {
            if (req.headers.accept?.includes('text/event-stream')) {
              // A compressed event stream is buffered by the compressor: ask for it raw.
              proxyReq.removeHeader('accept-encoding');
            }
          });
          proxy.on('proxyRes', (proxyRes, req) => {
            if (!proxyRes.headers['content-type']?.includes('text/event-stream')) return;
            proxyRes.headers['cache-control'] = 'no-cache, no-transform';
            proxyRes.headers['x-accel-buffering'] = 'no';
            req.socket.setTimeout(0);
            req.socket.setNoDelay(true);
            req.socket.setKeepAlive(true);
          });
        },
      },
    },
  },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for decoding error reports, but no bundle points to them and the API does
    // not serve them in production (README, "Running in production").
    sourcemap: 'hidden',
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry loads statically (React, the router, i18n, the API client) in one
          // file, not three plus a few 50-byte ones: fewer requests and better compression for the
          // first load (bench/first-load.ts). Pages stay chunks of their own.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // One jsdom window and one import of React, Testing Library and the other libraries per worker,
    // not per file: setting up a fresh environment per file was three quarters of the run's CPU.
    // Each file still gets fresh app modules (src/test/setup.ts), an unmounted DOM and empty
    // storage after every test; vi.mock stays local to its file.
    isolate: false,
    unstubGlobals: true,
    css: false,
    // Above Testing Library's asyncUtilTimeout (src/test/setup.ts), so a slow wait fails with its own message.
    testTimeout: 60_000,
  },
});
