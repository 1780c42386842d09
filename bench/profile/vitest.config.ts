import { defineConfig } from 'vitest/config';

// Only for `npx vitest run -c bench/profile/vitest.config.ts`: a profiling script that needs the
// TypeScript model code, kept out of `npm test`.
export default defineConfig({
  root: new URL('../..', import.meta.url).pathname,
  test: {
    include: ['bench/profile/*.profile.ts'],
    environment: 'node',
    testTimeout: 600_000,
    reporters: ['default'],
  },
});
