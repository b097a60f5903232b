import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { chromiumLaunchOptions } from './e2e/support/chromium-launch.js';

const apiPort = Number(process.env.PORT ?? 3000);

/**
 * `vite --mode mock` (`npm run dev:mock`): the whole app on the mock API, with no server behind it.
 * Every page the SPA routes (any GET for HTML) gets mock.html, so that a reload anywhere stays in
 * mock mode instead of loading the real entry and waiting on a missing API; /api is not proxied.
 */
function mockMode(): Plugin {
  return {
    name: 'ringpost-mock-mode',
    apply: (_config, { command, mode }) => command === 'serve' && mode === 'mock',
    config(config) {
      if (config.server) delete config.server.proxy;
    },
    configureServer(server) {
      server.middlewares.use((request, _response, next) => {
        const accept = request.headers.accept ?? '';
        const path = request.url?.split('?')[0] ?? '';
        const isPage =
          request.method === 'GET' &&
          accept.includes('text/html') &&
          !path.startsWith('/@') &&
          !path.startsWith('/api/') &&
          !/\.[a-z0-9]+$/i.test(path);
        if (isPage) request.url = `/mock.html${request.url?.slice(path.length) ?? ''}`;
        next();
      });
    },
  };
}

// One config for the SPA build, the dev server (which proxies /api to `npm run dev`'s API process) and
// vitest. The server has a bundle of its own (scripts/build-server.mjs, docs/decisions/0019).
export default defineConfig({
  plugins: [react(), tailwindcss(), mockMode()],
  resolve: { tsconfigPaths: true },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // The contract's modules only declare schemas and constants. Building a schema is a call, which
      // the bundler must otherwise keep in case it matters: a page that imports a constant, or a schema
      // only in development (api-client.ts), would then carry zod. docs/decisions/0016-first-load-budget.md
      treeshake: { moduleSideEffects: [{ test: /\/src\/contract\//, sideEffects: false }] },
      output: {
        codeSplitting: {
          groups: [
            // The primitives that lists and detail pages share, in one file with what they import (React,
            // the router, the icon base): left to itself the bundler gives each its own chunk, shared
            // differently by each page, and a first visit pays a request, a gzip header and the imports of
            // ten 0.3 KiB files. Form controls and the Radix-based ones stay with the pages that use them.
            // docs/decisions/0016-first-load-budget.md
            {
              name: 'ui',
              test: /src[\\/]client[\\/]components[\\/]ui[\\/](alert|badge|breadcrumb|button|copy-button|empty-state|link-classes|live-indicator|query-error|skeleton|table|tabs)\.tsx?$/,
            },
            // Icons that three or more pages use, likewise in one file; the rest stay with their page.
            {
              name: 'icons',
              test: /lucide-react[\\/]dist[\\/]esm[\\/]icons[\\/]/,
              minShareCount: 3,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      // changeOrigin stays false: the API compares Origin with Host, and both must name the dev server.
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'contract',
          environment: 'node',
          include: ['src/contract/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['src/server/**/*.test.ts'],
          setupFiles: ['src/server/testing/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      // The same server suite once more against a real PostgreSQL, each test file in a database of its own.
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'server-postgres',
                environment: 'node' as const,
                include: ['src/server/**/*.test.ts'],
                // The process test is about the embedded database's directory and lock.
                exclude: ['src/server/main.test.ts'],
                setupFiles: ['src/server/testing/setup-env.ts'],
                env: { RINGPOST_TEST_DB: 'postgres' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
      // The mock API (MSW over the in-memory mock db) in Node: the API behaviour suite's mock side and
      // the checks on the mock's own answers.
      {
        extends: true,
        test: {
          name: 'mock-api',
          environment: 'node',
          include: ['src/testing/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'client',
          environment: 'jsdom',
          include: ['src/client/**/*.test.{ts,tsx}'],
          setupFiles: ['src/testing/setup-client-tests.ts'],
        },
      },
      // Every story rendered in a real Chromium, its play function run and axe checked
      // (docs/decisions/0015-storybook-and-story-tests.md); `npm run test:stories`.
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        // Pre-bundled up front: discovered mid-run, Vite reloads the page and the run fails.
        optimizeDeps: {
          include: [
            '@hookform/resolvers/zod',
            '@radix-ui/react-checkbox',
            '@radix-ui/react-dialog',
            '@radix-ui/react-select',
            '@tanstack/react-query',
            '@tanstack/react-virtual',
            '@testing-library/react',
            '@testing-library/user-event',
            'lucide-react',
            'msw',
            'msw-storybook-addon/csf3',
            'msw/browser',
            'react-hook-form',
            'zod',
          ],
        },
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
