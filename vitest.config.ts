import { defineConfig } from 'vitest/config';

const ALL = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
/**
 * Suites that share nothing between files but the modules they import (the engine, the grammar,
 * the store, the CLI commands run in-process, the screens): they run in reused workers without a
 * fresh module graph per file, which saves starting a process and importing the engine, ink and
 * sql.js again for each of them (about a second a file on the 2-core machine). Checked to pass
 * that way; the rest (the daemon's and the debug sessions' processes, tmux) keep one isolated
 * process per file.
 */
const SHARED_WORKERS = [
  'test/interp/**/*.test.ts',
  'test/grammar/**/*.test.ts',
  'test/commands/**/*.test.ts',
  'test/crm/**/*.test.ts',
  'test/store/**/*.test.ts',
  'test/tracing/**/*.test.ts',
  'test/macros/**/*.test.ts',
  'test/triggers/**/*.test.ts',
  'test/tasks/**/*.test.ts',
  'test/run/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/screens/**/*.test.{ts,tsx}',
  'test/tui/**/*.test.{ts,tsx}',
];

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build.ts'],
    setupFiles: ['test/setup/natives.ts'],
    // failure bounds, not measurements: tests wait for events, and under a busy machine (two
    // files at a time beside another CPU-heavy job) a long end-to-end test needs the room
    testTimeout: 60000,
    hookTimeout: 60000,
    pool: 'forks',
    // Two files at a time on the 2-core machine: most files wait on child processes, worker
    // threads, sockets and the database for much of their time (the default is one less than the
    // cores: one file at a time).
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'shared', include: SHARED_WORKERS, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ALL, exclude: SHARED_WORKERS } },
    ],
  },
});
