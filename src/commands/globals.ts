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

export function parseGlobalOptions(raw: RawGlobalFlags): GlobalOptions {
  return {
    region: raw.region,
    profile: raw.profile,
    endpoint: raw.endpoint,
    output: raw.output === undefined ? 'table' : parseChoice('--output', raw.output, OUTPUT_FORMATS),
    timeoutSeconds: raw.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : parseSeconds('--timeout', raw.timeout, 0.1, 3600),
    retries: raw.retries === undefined ? DEFAULT_RETRIES : parseInteger('--retries', raw.retries, 0, 20),
    debug: raw.debug === true,
    quiet: raw.quiet === true,
  };
}
