import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // Stryker's sandboxes (copies of the project, tests included), raw reports and the build are not ours to run.
    exclude: ['node_modules/**', '.stryker-tmp/**', 'reports/**', 'dist/**', 'dist.*/**'],
    // Property tests run hundreds of command sequences; the default 5 s is too tight on 2 cores.
    testTimeout: 60_000,
    // Under CI the runner's own counts are also written as JSON, for .ci/run's summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/out/vitest.json' }]] : ['default'],
  },
});
