// `ecsimg emulator` flags -> options for the local ECS API, fault flags included. Pure.
import type { Faults, PagingFault } from '../emulator/types.js';
import { describePagingFault } from '../emulator/pagingFaults.js';
import { REGIONS } from '../emulator/regions.js';
import { UsageError } from '../errors.js';
import { parseInteger, splitList } from './validate.js';

export interface RawEmulatorFlags {
  port?: string;
  host?: string;
  imagesPerRegion?: string;
  latency?: string;
  throttle?: string;
  fail?: string;
  htmlErrors?: string;
  hangAfter?: string;
  retryAfter?: string;
  churn?: string;
  pagingFault?: string;
  faultRegions?: string;
}

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  imagesPerRegion?: number;
  /** no key at all when no fault flag was given */
  faults: Faults;
}

export const DEFAULT_EMULATOR_PORT = 8787;

/** Longest delay a fault flag may ask for (latency, retry-after): 10 minutes. */
export const MAX_FAULT_DELAY_MS = 600_000;
const MAX_COUNT = 1_000_000_000;

/** The syntax of each fault flag, as its error messages show it. */
export const FAULT_SYNTAX = {
  latency: '<ms>: delay every answer, e.g. 200',
  throttle: "first:<n> (the first n requests) or <p>% (that share of requests, seeded), e.g. first:3 or 30%",
  fail: '<n>:<status>: JSON 500 InternalError or 503 ServiceUnavailable for the next n requests, e.g. 2:503',
  htmlErrors: '<status> (every request) or <n>:<status> (the next n): an nginx HTML page, status 502 or 503, e.g. 1:502',
  hangAfter: '<n>: answer n requests, then accept every later one and never answer, e.g. 0',
  retryAfter: '<ms>: send x-acs-retry-after: <ms> with throttled and 5xx answers, e.g. 300',
  churn: '<after>:<add>:<remove>: after that many DescribeImages requests of a region, it gains add newest images and loses remove, e.g. 1:5:3',
  pagingFault:
    'short-page:<n>, empty-page:<n>, lost-image:<n>, ignore-page-number, overlap:<n>, duplicate-in-page or total-count-lies:+<n>, e.g. short-page:3',
  faultRegions: '<id,...>: apply the faults only to requests for these regions, e.g. cn-hangzhou,cn-beijing',
} as const;

function badValue(flag: string, value: string, syntax: string): UsageError {
  return new UsageError(`invalid value "${value}" for ${flag}; expected ${syntax}`, { hint: 'see: ecsimg emulator --help' });
}

/** Whole, non-negative numbers only: `1e3`, `-1`, `0x10` and `1.5` are typing mistakes. */
function count(flag: string, value: string, syntax: string, max = MAX_COUNT): number {
  const text = value.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n > max) throw badValue(flag, value, syntax);
  return n;
}

/** `a:b:c` with exactly `parts` fields (spaces around them allowed). */
function fields(flag: string, value: string, parts: number, syntax: string): string[] {
  const items = value.split(':').map((s) => s.trim());
  if (items.length !== parts || items.some((s) => s === '')) throw badValue(flag, value, syntax);
  return items;
}

function status<T extends number>(flag: string, value: string, text: string, allowed: readonly T[], syntax: string): T {
  const found = allowed.find((s) => String(s) === text);
  if (found === undefined) {
    throw new UsageError(`invalid status "${text}" in ${flag} "${value}"; the emulator sends ${allowed.join(' or ')} here`, {
      hint: `${flag} takes ${syntax}`,
    });
  }
  return found;
}

export function parseThrottle(value: string): NonNullable<Faults['throttle']> {
  const syntax = FAULT_SYNTAX.throttle;
  const text = value.trim();
  const first = /^first\s*:\s*(.*)$/i.exec(text);
  if (first) return { firstN: count('--throttle', first[1]!, syntax) };
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const p = Number(percent[1]);
    if (!(p >= 0 && p <= 100)) throw badValue('--throttle', value, syntax);
    return { rate: p / 100 };
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    // A bare number could mean "the first n" or "a share": make the user say which.
    const n = Number(text);
    const asCount = Number.isInteger(n) ? `first:${n} (the first ${n === 1 ? 'request' : `${n} requests`})` : undefined;
    const asShare = n <= 1 ? `${Number((n * 100).toPrecision(12))}% (that share of requests)` : `${text}% (that share of requests)`;
    throw new UsageError(`ambiguous value "${value}" for --throttle; write ${[asCount, asShare].filter(Boolean).join(' or ')}`, {
      hint: `--throttle takes ${syntax}`,
    });
  }
  throw badValue('--throttle', value, syntax);
}

export function parseFail(value: string): NonNullable<Faults['fail']> {
  const syntax = FAULT_SYNTAX.fail;
  const [n, s] = fields('--fail', value, 2, syntax);
  return { count: count('--fail', n!, syntax), status: status('--fail', value, s!, [500, 503] as const, syntax) };
}

export function parseHtmlErrors(value: string): NonNullable<Faults['htmlErrors']> {
  const syntax = FAULT_SYNTAX.htmlErrors;
  if (!value.includes(':')) return { status: status('--html-errors', value, value.trim(), [502, 503] as const, syntax) };
  const [n, s] = fields('--html-errors', value, 2, syntax);
  return { count: count('--html-errors', n!, syntax), status: status('--html-errors', value, s!, [502, 503] as const, syntax) };
}

export function parseChurn(value: string): NonNullable<Faults['churn']> {
  const syntax = FAULT_SYNTAX.churn;
  const [after, add, remove] = fields('--churn', value, 3, syntax).map((v) => count('--churn', v, syntax));
  return { afterRequests: after!, add: add!, remove: remove! };
}

export function parsePagingFault(value: string): PagingFault {
  const syntax = FAULT_SYNTAX.pagingFault;
  const [kind, ...rest] = value.split(':').map((s) => s.trim());
  const arg = rest.join(':');
  const positive = (text: string): number => {
    const n = count('--paging-fault', text, syntax);
    if (n < 1) throw badValue('--paging-fault', value, syntax);
    return n;
  };
  const none = rest.length === 0;
  switch (kind) {
    case 'short-page':
    case 'empty-page':
    case 'lost-image':
      if (none) break;
      return { kind, page: positive(arg) };
    case 'overlap':
      if (none) break;
      return { kind, images: positive(arg) };
    case 'total-count-lies':
      if (!arg.startsWith('+')) break;
      return { kind, extra: positive(arg.slice(1)) };
    case 'ignore-page-number':
    case 'duplicate-in-page':
      if (!none) break;
      return { kind };
  }
  throw badValue('--paging-fault', value, syntax);
}

export function parseFaultRegions(value: string): string[] {
  const ids = [...new Set(splitList('--fault-regions', [value]))];
  const known = REGIONS.map((r) => r.RegionId);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`--fault-regions: the emulator does not serve ${unknown.map((id) => `"${id}"`).join(', ')}`, {
      hint: `its regions: ${known.join(', ')}`,
    });
  }
  return ids;
}

/** The fault flags alone -> the emulator's Faults. */
export function parseFaults(flags: RawEmulatorFlags): Faults {
  const faults: Faults = {};
  if (flags.latency !== undefined) faults.latencyMs = count('--latency', flags.latency, FAULT_SYNTAX.latency, MAX_FAULT_DELAY_MS);
  if (flags.throttle !== undefined) faults.throttle = parseThrottle(flags.throttle);
  if (flags.fail !== undefined) faults.fail = parseFail(flags.fail);
  if (flags.htmlErrors !== undefined) faults.htmlErrors = parseHtmlErrors(flags.htmlErrors);
  if (flags.hangAfter !== undefined) faults.hangAfter = count('--hang-after', flags.hangAfter, FAULT_SYNTAX.hangAfter);
  if (flags.retryAfter !== undefined) {
    faults.retryAfterMs = count('--retry-after', flags.retryAfter, FAULT_SYNTAX.retryAfter, MAX_FAULT_DELAY_MS);
  }
  if (flags.churn !== undefined) faults.churn = parseChurn(flags.churn);
  if (flags.pagingFault !== undefined) faults.paging = parsePagingFault(flags.pagingFault);
  if (flags.faultRegions !== undefined) {
    // Alone it would silently do nothing: most likely a fault flag was forgotten.
    if (Object.keys(faults).length === 0) {
      throw new UsageError('--fault-regions limits the other fault flags, but none was given', {
        hint: 'add one, e.g. --throttle first:3 or --fail 2:503 (see: ecsimg emulator --help)',
      });
    }
    faults.regions = parseFaultRegions(flags.faultRegions);
  }
  return faults;
}

export function parseEmulatorOptions(flags: RawEmulatorFlags): EmulatorCommandOptions {
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  return {
    port: flags.port === undefined ? DEFAULT_EMULATOR_PORT : parseInteger('--port', flags.port, 0, 65535),
    host,
    imagesPerRegion:
      flags.imagesPerRegion === undefined ? undefined : parseInteger('--images-per-region', flags.imagesPerRegion, 1, 200_000),
    faults: parseFaults(flags),
  };
}

/** One line per active fault, for the banner on stderr; none when there are no faults. */
export function describeFaults(faults: Faults): string[] {
  const lines: string[] = [];
  const requests = (n: number): string => (n === 1 ? '1 request' : `${n} requests`);
  if (faults.latencyMs !== undefined) lines.push(`latency: every answer delayed by ${faults.latencyMs} ms`);
  if (faults.throttle) {
    lines.push(
      'firstN' in faults.throttle
        ? `throttle: Throttling.User (HTTP 400) for the first ${requests(faults.throttle.firstN)}`
        : `throttle: Throttling.User (HTTP 400) for ${Number((faults.throttle.rate * 100).toPrecision(12))}% of requests (seeded)`,
    );
  }
  if (faults.fail) {
    const code = faults.fail.status === 503 ? 'ServiceUnavailable' : 'InternalError';
    lines.push(`fail: ${code} (HTTP ${faults.fail.status}) for the next ${requests(faults.fail.count)}`);
  }
  if (faults.htmlErrors) {
    const which = faults.htmlErrors.count === undefined ? 'every request' : `the next ${requests(faults.htmlErrors.count)}`;
    lines.push(`html-errors: an HTML ${faults.htmlErrors.status} page for ${which}`);
  }
  if (faults.hangAfter !== undefined) {
    lines.push(
      faults.hangAfter === 0
        ? 'hang-after: no request is answered'
        : `hang-after: the first ${requests(faults.hangAfter)} answered, then none`,
    );
  }
  if (faults.retryAfterMs !== undefined) lines.push(`retry-after: x-acs-retry-after: ${faults.retryAfterMs} on throttled and 5xx answers`);
  if (faults.churn) {
    const { afterRequests, add, remove } = faults.churn;
    lines.push(`churn: after ${requests(afterRequests)} to DescribeImages, a region gains ${add} and loses ${remove} images`);
  }
  if (faults.paging) lines.push(describePagingFault(faults.paging));
  if (lines.length > 0 && faults.regions) lines.push(`fault-regions: only requests for ${faults.regions.join(', ')}`);
  return lines;
}
