// `ecsimg emulator`: run the local ECS API until interrupted.
import type { Faults, RecordedCatalogue } from '../emulator/types.js';
import { UnreadableFileError } from '../config/configFile.js';
import { UsageError } from '../errors.js';
import type { Runtime } from '../runtime.js';
import { describeFaults, type EmulatorCommandOptions } from './emulatorOptions.js';

/** A recording of every region of a big account is tens of MB; the bound only stops a device or runaway file. */
const MAX_CATALOGUE_BYTES = 256 * 1024 * 1024;

export async function emulatorRun(options: EmulatorCommandOptions, runtime: Runtime): Promise<void> {
  const { startEmulator, describeEmulator } = await import('../emulator/index.js');
  const recorded = options.catalogue ? await loadCatalogue(options.catalogue, options.faults, runtime) : undefined;
  let running: Awaited<ReturnType<typeof startEmulator>>;
  try {
    running = await startEmulator({
      host: options.host,
      port: options.port,
      imagesPerRegion: options.imagesPerRegion,
      faults: options.faults,
      ...(recorded ? { recorded } : {}),
      ...(options.creating ? { creating: options.creating } : {}),
    });
  } catch (err) {
    throw listenError(err, options) ?? err;
  }
  // stdout carries the endpoint and credentials as shell lines, so `eval` can use them.
  const bannerRegion =
    recorded && options.catalogue && !recorded.has(options.catalogue.defaultRegion) ? [...recorded.keys()][0] : (options.catalogue?.defaultRegion ?? options.region);
  runtime.io.stdout.write(describeEmulator(running, bannerRegion).trimEnd() + '\n');
  if (!isLoopback(options.host)) {
    runtime.io.stderr.write(
      `warning: listening on ${options.host}, beyond this machine's loopback: anyone who can reach it can use its public test credentials\n`,
    );
  }
  if (recorded) {
    const count = [...recorded.values()].reduce((n, images) => n + images.length, 0);
    runtime.io.stderr.write(`Serving ${count} ${count === 1 ? 'image' : 'images'} in ${recorded.size} ${recorded.size === 1 ? 'region' : 'regions'} from ${options.catalogue?.path}\n`);
  }
  // Faults on stderr: someone testing a runbook must not forget they are on.
  const faults = describeFaults(options.faults);
  if (faults.length > 0) runtime.io.stderr.write(`Faults on:\n${faults.map((line) => `  ${line}\n`).join('')}`);
  if (options.creating) {
    const { count, seconds, failed = 0 } = options.creating;
    runtime.io.stderr.write(
      `Creating: ${count} ${count === 1 ? 'image' : 'images'} per region (creating-1${count > 1 ? `..creating-${count}` : ''}) become Available in ${seconds} s` +
        `${failed > 0 ? `, the last ${failed} CreateFailed` : ''}\n`,
    );
  }
  runtime.io.stderr.write('Press Ctrl-C to stop.\n');
  await new Promise<void>((resolve) => {
    if (runtime.signal.aborted) resolve();
    else runtime.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await running.close();
}

/** The --catalogue file -> the images to serve; a file that cannot be served is exit 2 naming what is wrong. */
async function loadCatalogue(
  catalogue: NonNullable<EmulatorCommandOptions['catalogue']>,
  faults: Faults,
  runtime: Runtime,
): Promise<RecordedCatalogue> {
  const { path, defaultRegion } = catalogue;
  const hint = 'the file is what `ecsimg list --region all --status all -o json` prints';
  let text: string | undefined;
  try {
    text = runtime.readFile(path, MAX_CATALOGUE_BYTES);
  } catch (err) {
    if (err instanceof UnreadableFileError) throw new UsageError(`--catalogue ${path}: cannot read the file: ${err.reason}`, { hint });
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    throw new UsageError(`--catalogue ${path}: cannot read the file${code ? ` (${code})` : ''}`, { hint, code });
  }
  if (text === undefined) throw new UsageError(`--catalogue ${path}: no such file`, { hint });
  const { parseRecordedCatalogue, RecordedCatalogueError } = await import('../emulator/recordedCatalogue.js');
  let recorded: RecordedCatalogue;
  try {
    recorded = parseRecordedCatalogue(text, defaultRegion);
  } catch (err) {
    if (err instanceof RecordedCatalogueError) throw new UsageError(`--catalogue ${path}: ${err.message}`, { hint });
    throw err;
  }
  const absent = (faults.regions ?? []).filter((regionId) => !recorded.has(regionId));
  if (absent.length > 0) {
    throw new UsageError(`--fault-regions: ${path} has no images in ${absent.map((id) => `"${id}"`).join(', ')}`, {
      hint: `its regions: ${[...recorded.keys()].join(', ')}`,
    });
  }
  return recorded;
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
