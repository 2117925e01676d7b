// Test set for `npm run mutate` (stryker.config.mjs): the in-process tests that exercise the
// mutated modules. Tests that spawn bin/ecsimg.cjs run dist/, which Stryker does not mutate,
// so they could kill nothing and only cost time; without them dist/ need not be built.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

export default defineConfig({
  test: {
    ...base.test,
    include: ['test/api/**/*.test.ts', 'test/output/**/*.test.ts', 'test/config/**/*.test.ts', 'test/commands/**/*.test.ts', 'test/errors/**/*.test.ts', 'test/listing/**/*.test.ts'],
    exclude: ['test/config/configFile.test.ts', 'test/commands/emulatorCatalogue.http.test.ts', 'test/errors/process.test.ts'],
    globalSetup: [],
  },
});
