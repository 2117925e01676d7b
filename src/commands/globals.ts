// Options shared by every command (SPEC section 2), validated once.
import { OUTPUT_FORMATS, type OutputFormat } from '../output/formats.js';
import { parseChoice, parseInteger, parseSeconds } from './validate.js';

export interface RawGlobalFlags {
  region?: string;
  profile?: string;
  endpoint?: string;
  output?: string;
  timeout?: string;
  retries?: string;
  debug?: boolean;
  quiet?: boolean;
}

export interface GlobalOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  output: OutputFormat;
  timeoutSeconds: number;
  retries: number;
  debug: boolean;
  quiet: boolean;
}

export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_RETRIES = 3;

/** `env`: ECSIMG_OUTPUT is the output format when -o is not given (a runbook sets it once). */
export function parseGlobalOptions(raw: RawGlobalFlags, env: Record<string, string | undefined> = {}): GlobalOptions {
  const envOutput = env.ECSIMG_OUTPUT?.trim() ? env.ECSIMG_OUTPUT : undefined;
  return {
    region: raw.region,
    profile: raw.profile,
    endpoint: raw.endpoint,
    output:
      raw.output !== undefined
        ? parseChoice('--output', raw.output, OUTPUT_FORMATS)
        : envOutput !== undefined
          ? parseChoice('ECSIMG_OUTPUT', envOutput, OUTPUT_FORMATS)
          : 'table',
    timeoutSeconds: raw.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseSeconds('--timeout', raw.timeout, 0.1, 3600),
    retries: raw.retries === undefined ? DEFAULT_RETRIES : parseInteger('--retries', raw.retries, 0, 20),
    debug: raw.debug === true,
    quiet: raw.quiet === true,
  };
}
