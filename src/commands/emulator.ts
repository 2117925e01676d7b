// `ecsimg emulator`: run the local ECS API until interrupted.
import { UsageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { describeFaults, type EmulatorCommandOptions } from './emulatorOptions.js';

export async function emulatorRun(options: EmulatorCommandOptions, runtime: Runtime): Promise<void> {
  const { startEmulator, describeEmulator } = await import('../emulator/index.js');
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    running = await startEmulator({
      host: options.host,
      port: options.port,
      imagesPerRegion: options.imagesPerRegion,
      faults: options.faults,
    });
  } catch (err) {
    throw listenError(err, options) ?? err;
  }
  // stdout carries the endpoint and credentials as shell lines, so `eval` can use them.
  runtime.io.stdout.write(describeEmulator(running).trimEnd() + '\n');
  if (!isLoopback(options.host)) {
    runtime.io.stderr.write(
      `warning: listening on ${options.host}, beyond this machine's loopback: anyone who can reach it can use its public test credentials\n`,
    );
  }
  // Faults on stderr: someone testing a runbook must not forget they are on.
  const faults = describeFaults(options.faults);
  if (faults.length > 0) runtime.io.stderr.write(`Faults on:\n${faults.map((line) => `  ${line}\n`).join('')}`);
  runtime.io.stderr.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    if (runtime.signal.aborted) resolve();
    else runtime.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
}

/** Why the server could not listen, in words, when it is the --port or --host given. */
function listenError(err: unknown, options: EmulatorCommandOptions): UsageError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = `${options.host}:${options.port}`;
  const anotherPort = 'pick another with --port, or --port 0 for a free one';
  switch (code) {
    case 'EADDRINUSE':
      return new UsageError(`cannot listen on ${where}: the port is already in use`, { hint: anotherPort, code });
    case 'EACCES':
      return new UsageError(`cannot listen on ${where}: permission denied (ports below 1024 need privileges)`, { hint: anotherPort, code });
    case 'EADDRNOTAVAIL':
      return new UsageError(`cannot listen on ${where}: ${options.host} is not an address of this computer`, {
        hint: '--host takes a local address such as 127.0.0.1 (the default) or ::1',
        code,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new UsageError(`cannot listen on ${where}: the host name ${options.host} does not resolve`, {
        hint: '--host takes a local address such as 127.0.0.1 (the default) or ::1',
        code,
      });
    default:
      return undefined;
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
