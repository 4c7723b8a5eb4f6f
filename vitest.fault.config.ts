// `npm run fault`: the multi-minute fault tests (test/fault), kept out of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/fault/**/*.fault.ts'],
    globalSetup: ['test/setup/build.ts'],
    testTimeout: 600_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
