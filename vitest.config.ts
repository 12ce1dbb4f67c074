import { defineConfig } from 'vitest/config';

// Two projects:
// - main: unit and integration tests under plain Node, real SQLite files in temporary folders;
// - renderer: the renderer's pure modules (src-renderer/src/**), tests mirroring its folders
//   under tests/renderer/. Pure modules need no DOM, so no jsdom.
// The browser tests live in tests/e2e and run under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/renderer/**', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          include: ['tests/renderer/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
