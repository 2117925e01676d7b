// `ecsimg emulator` flags -> options for the local ECS API. Pure.
import { UsageError } from '../errors.js';
import { parseInteger } from './validate.js';

export interface RawEmulatorFlags {
  port?: string;
  host?: string;
  imagesPerRegion?: string;
}

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  imagesPerRegion?: number;
}

export const DEFAULT_EMULATOR_PORT = 8787;

export function parseEmulatorOptions(flags: RawEmulatorFlags): EmulatorCommandOptions {
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  return {
    port: flags.port === undefined ? DEFAULT_EMULATOR_PORT : parseInteger('--port', flags.port, 0, 65535),
    host,
    imagesPerRegion:
      flags.imagesPerRegion === undefined ? undefined : parseInteger('--images-per-region', flags.imagesPerRegion, 1, 200_000),
  };
}
