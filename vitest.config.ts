import { defineConfig } from 'vitest/config';

// Unit and integration tests: plain Node, real SQLite files in temporary folders.
// The browser tests live in tests/e2e and run under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
