import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // Property tests run hundreds of command sequences; the default 5 s is too tight on 2 cores.
    testTimeout: 60_000,
  },
});
