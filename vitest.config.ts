import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 20_000,
    // No test, and no process a test starts with process.env, may reach a real instance
    // metadata service; test/support/cli.ts and test/config/fakeContext.ts add the same.
    env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
    hookTimeout: 20_000,
    // vitest's default on two cores is one worker, but most tests wait on sockets and child
    // processes rather than the CPU: three files at once take the suite from about 165 s to
    // about 105 s here (measured side by side under the same load).
    maxWorkers: 3,
  },
});
