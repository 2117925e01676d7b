// `ecsimg emulator` flags -> options for the local ECS API, fault flags included. Pure.
import type { CreatingSpec } from '../emulator/lifecycle.js';
import type { Faults, PagingFault } from '../emulator/types.js';
import { describePagingFault } from '../emulator/pagingFaults.js';
import { EMULATOR_DEFAULT_REGION } from '../emulator/banner.js';
import { isRegionId, REGIONS } from '../emulator/regions.js';
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
  badRegions?: boolean;
  pagingFault?: string;
  faultRegions?: string;
  expiredCredentials?: boolean;
  credentialsTtl?: string;
  assumeRoleDenied?: boolean;
  imdsV2Only?: boolean;
  down?: string;
  catalogue?: string;
  creating?: string;
}

export interface EmulatorCommandOptions {
  port: number;
  host: string;
  imagesPerRegion?: number;
  /** no key at all when no fault flag was given */
  faults: Faults;
  /** --catalogue: the recorded file, and the region of its rows without RegionId */
  catalogue?: { path: string; defaultRegion: string };
  /** --creating: images per region that are still being created */
  creating?: CreatingSpec;
  /** --region without --catalogue: the region the banner's environment lines name */
  region?: string;
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
  credentialsTtl: '<s>: STS, the metadata service and the credentials URI hand out credentials that expire in s seconds, e.g. 5',
  down: '<service>[:503|close],...: services among sts, metadata, credentials-uri that answer 503 (the default) or close the connection, e.g. metadata:close',
} as const;

/** The services `--down` takes, by their names in Faults['down']. */
const DOWN_SERVICES = { sts: 'sts', metadata: 'metadata', 'credentials-uri': 'credentialsUri' } as const;
/** Longest credential lifetime STS hands out: 12 hours. */
const MAX_CREDENTIALS_TTL_S = 43_200;

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

/** `known`: the regions served; null when a --catalogue file decides them (checked once it is read). */
export function parseFaultRegions(value: string, known: readonly string[] | null = REGIONS.map((r) => r.RegionId)): string[] {
  const ids = [...new Set(splitList('--fault-regions', [value]))];
  if (known === null) return ids;
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw new UsageError(`--fault-regions: the emulator does not serve ${unknown.map((id) => `"${id}"`).join(', ')}`, {
      hint: `its regions: ${known.join(', ')}`,
    });
  }
  return ids;
}

export function parseDown(value: string): NonNullable<Faults['down']> {
  const syntax = FAULT_SYNTAX.down;
  const down: NonNullable<Faults['down']> = {};
  for (const item of splitList('--down', [value])) {
    const [name, how, ...rest] = item.split(':').map((s) => s.trim());
    const service = Object.hasOwn(DOWN_SERVICES, name!) ? DOWN_SERVICES[name as keyof typeof DOWN_SERVICES] : undefined;
    if (service === undefined || rest.length > 0) {
      throw new UsageError(`invalid service "${item}" in --down; the emulator's services are ${Object.keys(DOWN_SERVICES).join(', ')}`, {
        hint: `--down takes ${syntax}`,
      });
    }
    if (how === undefined || how === '503') down[service] = 503;
    else if (how.toLowerCase() === 'close') down[service] = 'close';
    else throw new UsageError(`invalid outage "${how}" in --down "${item}"; the emulator answers 503 or closes the connection (close)`, { hint: `--down takes ${syntax}` });
  }
  return down;
}

/** The faults of the services around the ECS API: STS, the metadata service, the credentials URI. */
function parseServiceFaults(flags: RawEmulatorFlags, faults: Faults): void {
  if (flags.expiredCredentials) faults.expiredCredentials = true;
  if (flags.credentialsTtl !== undefined) {
    const ttl = count('--credentials-ttl', flags.credentialsTtl, FAULT_SYNTAX.credentialsTtl, MAX_CREDENTIALS_TTL_S);
    if (ttl === 0) throw badValue('--credentials-ttl', flags.credentialsTtl, FAULT_SYNTAX.credentialsTtl);
    faults.credentialsTtlS = ttl;
  }
  if (flags.assumeRoleDenied) faults.assumeRoleDenied = true;
  if (flags.imdsV2Only) faults.imdsV2Only = true;
  if (flags.down !== undefined) faults.down = parseDown(flags.down);
}

/** The fault flags alone -> the emulator's Faults. */
export function parseFaults(flags: RawEmulatorFlags, knownRegions?: readonly string[] | null): Faults {
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
  if (flags.badRegions === true) faults.badRegions = true;
  if (flags.pagingFault !== undefined) faults.paging = parsePagingFault(flags.pagingFault);
  if (flags.faultRegions !== undefined) {
    // Alone it would silently do nothing: most likely a fault flag was forgotten.
    if (Object.keys(faults).length === 0) {
      throw new UsageError('--fault-regions limits the other fault flags, but none was given', {
        hint: 'add one, e.g. --throttle first:3 or --fail 2:503 (see: ecsimg emulator --help)',
      });
    }
    faults.regions = parseFaultRegions(flags.faultRegions, knownRegions);
  }
  parseServiceFaults(flags, faults);
  return faults;
}

export const CREATING_SYNTAX = '<n>:<seconds>[:<failed>]: n images per region in Creating, Available after that many seconds, the last <failed> of them CreateFailed, e.g. 2:30 or 3:0.5:1';

/** --creating <n>:<seconds>[:<failed>]; seconds may have a fraction (tests wait 0.5 s, not 30). */
export function parseCreating(value: string): CreatingSpec {
  const items = value.split(':').map((s) => s.trim());
  if (items.length < 2 || items.length > 3) throw badValue('--creating', value, CREATING_SYNTAX);
  const n = count('--creating', items[0]!, CREATING_SYNTAX, 1000);
  const seconds = /^\d+(\.\d+)?$/.test(items[1]!) ? Number(items[1]) : NaN;
  if (n < 1 || !(seconds >= 0 && seconds <= 86_400)) throw badValue('--creating', value, CREATING_SYNTAX);
  const failed = items[2] === undefined ? 0 : count('--creating', items[2], CREATING_SYNTAX, 1000);
  if (failed > n) throw new UsageError(`--creating "${value}": ${failed} of ${n} images cannot fail`, { hint: `--creating takes ${CREATING_SYNTAX}` });
  return { count: n, seconds, ...(failed > 0 ? { failed } : {}) };
}

/** `region`: the global --region, which with --catalogue places rows without RegionId. */
export function parseEmulatorOptions(flags: RawEmulatorFlags, region?: string): EmulatorCommandOptions {
  const host = flags.host ?? '127.0.0.1';
  if (host.trim() === '') throw new UsageError('--host needs an address, e.g. 127.0.0.1');
  const catalogue = flags.catalogue === undefined ? undefined : parseCatalogue(flags, region);
  const bannerRegion = catalogue || region === undefined ? undefined : parseBannerRegion(region);
  return {
    port: flags.port === undefined ? DEFAULT_EMULATOR_PORT : parseInteger('--port', flags.port, 0, 65535),
    host,
    imagesPerRegion:
      flags.imagesPerRegion === undefined ? undefined : parseInteger('--images-per-region', flags.imagesPerRegion, 1, 200_000),
    faults: parseFaults(flags, catalogue ? null : undefined),
    ...(catalogue ? { catalogue } : {}),
    ...(flags.creating === undefined ? {} : { creating: parseCreating(flags.creating) }),
    ...(bannerRegion ? { region: bannerRegion } : {}),
  };
}

function parseBannerRegion(region: string): string {
  const id = region.trim();
  const known = REGIONS.map((r) => r.RegionId);
  if (!known.includes(id)) {
    throw new UsageError(`--region: the emulator does not serve "${region}"`, { hint: `its regions: ${known.join(', ')}` });
  }
  return id;
}

function parseCatalogue(flags: RawEmulatorFlags, region: string | undefined): { path: string; defaultRegion: string } {
  const path = flags.catalogue ?? '';
  if (path.trim() === '') throw new UsageError('--catalogue needs a file, e.g. --catalogue images.json');
  if (flags.imagesPerRegion !== undefined) {
    throw new UsageError('--images-per-region sizes the generated catalogue, which --catalogue replaces: give one of them');
  }
  // where rows without RegionId go: the region the banner's environment lines name
  const defaultRegion = region?.trim() || EMULATOR_DEFAULT_REGION;
  if (!isRegionId(defaultRegion)) {
    throw new UsageError(`--region "${region}": with --catalogue it names the one region of the rows without RegionId`, {
      hint: 'e.g. --region cn-beijing (rows with RegionId go to their own region)',
    });
  }
  return { path, defaultRegion };
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
  if (faults.badRegions) lines.push('bad-regions: DescribeRegions also lists entries that are not region ids, and a region twice');
  if (faults.paging) lines.push(describePagingFault(faults.paging));
  if (lines.length > 0 && faults.regions) lines.push(`fault-regions: only requests for ${faults.regions.join(', ')}`);
  if (faults.expiredCredentials) lines.push('expired-credentials: STS, metadata and credentials URI hand out credentials already expired (the ECS API refuses their token)');
  if (faults.credentialsTtlS !== undefined) {
    lines.push(`credentials-ttl: STS, metadata and credentials URI hand out credentials that expire in ${faults.credentialsTtlS} s`);
  }
  if (faults.assumeRoleDenied) lines.push('assume-role-denied: AssumeRole refused with NoPermission (HTTP 403), AssumeRoleWithOIDC with AuthenticationFail.NoPermission');
  if (faults.imdsV2Only) lines.push('imds-v2-only: the metadata service refuses requests without a session token (HTTP 403)');
  const names: Record<keyof NonNullable<Faults['down']>, string> = { sts: 'STS', metadata: 'metadata service', credentialsUri: 'credentials URI' };
  for (const [service, how] of Object.entries(faults.down ?? {})) {
    lines.push(`down: ${names[service as keyof typeof names]} ${how === 'close' ? 'closes every connection without an answer' : 'answers HTTP 503'}`);
  }
  return lines;
}
