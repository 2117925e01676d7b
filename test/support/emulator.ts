// One emulator per test file, and the env that points ecsimg at it.
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export function useEmulator(options: EmulatorOptions = {}): { readonly current: RunningEmulator; env(extra?: Record<string, string>): Record<string, string> } {
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ port: 0, ...options });
  });
  afterAll(async () => {
    await running?.close();
  });
  const handle = {
    get current(): RunningEmulator {
      if (!running) throw new Error('emulator not started');
      return running;
    },
    env(extra: Record<string, string> = {}): Record<string, string> {
      const { current } = handle;
      return {
        ALIBABA_CLOUD_ACCESS_KEY_ID: current.credentials.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: current.credentials.accessKeySecret,
        ALIBABA_CLOUD_ECS_ENDPOINT: current.endpoint,
        ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
        // never the real instance metadata service, whatever a test spawns with this env
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
        ...extra,
      };
    },
  };
  return handle;
}
