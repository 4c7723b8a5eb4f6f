import { defineConfig } from 'vitest/config';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
/**
 * Suites that share nothing between files but the modules they import (the engine, the grammar,
 * the CLI commands run in-process): they run in reused workers without a fresh module graph per
 * file, which saves starting a process and importing the engine again for each of them (about a
 * second a file on the 2-core machine). Checked to pass that way; the rest keep one isolated
 * process per file.
 */
const SHARED_WORKERS = ['test/interp/**/*.test.ts', 'test/grammar/**/*.test.ts', 'test/commands/**/*.test.ts'];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build.ts'],
    testTimeout: 30000,
    hookTimeout: 30000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'shared', include: SHARED_WORKERS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ALL, exclude: SHARED_WORKERS } },
    ],
  },
});
