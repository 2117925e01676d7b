// `ecsimg emulator`: run the local ECS API until interrupted.
import type { Runtime } from '../runtime.js';
import type { EmulatorCommandOptions } from './emulatorOptions.js';

export async function emulatorRun(options: EmulatorCommandOptions, runtime: Runtime): Promise<void> {
  const { startEmulator, describeEmulator } = await import('../emulator/index.js');
  const running = await startEmulator({
    host: options.host,
    port: options.port,
    imagesPerRegion: options.imagesPerRegion,
  });
  // stdout carries the endpoint and credentials as shell lines, so `eval` can use them.
  runtime.io.stdout.write(describeEmulator(running).trimEnd() + '\n');
  runtime.io.stderr.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => runtime.signal.addEventListener('abort', () => resolve(), { once: true }));
  await running.close();
}
