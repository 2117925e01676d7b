// Pure validators for flag values. Each failure is a UsageError (exit 2) that names the
// flag and what it accepts, raised before any request is sent.
import type { TagFilter } from '../api/params.js';
import { UsageError } from '../errors.js';

/** Case-insensitive choice; returns the canonical spelling from `allowed`. */
export function parseChoice<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
  if (found === undefined) {
    throw new UsageError(`invalid value "${value}" for ${flag}; allowed: ${allowed.join(', ')}`);
  }
  return found;
}

export function parseInteger(flag: string, value: string, min: number, max: number): number {
  const text = value.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError(`invalid value "${value}" for ${flag}; expected ${range}`);
  }
  return n;
}

export function parseSeconds(flag: string, value: string, min: number, max: number): number {
  const text = value.trim();
  const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`invalid value "${value}" for ${flag}; expected seconds from ${min} to ${max}`);
  }
  return n;
}

/** `a,b` and repeated flags both give lists; empty items are an error, not silently dropped. */
export function splitList(flag: string, values: readonly string[]): string[] {
  const items = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  if (items.length === 0 || items.some((v) => v === '')) {
    throw new UsageError(`empty item in ${flag} "${values.join(',')}"; expected a comma-separated list`);
  }
  return items;
}

/**
 * Image ids as show, wait and list --image-id take them: separate arguments and/or
 * comma-separated, each once. An id has no blank inside: "m-a m-b" is a quoting slip.
 */
export function parseImageIds(label: string, values: readonly string[]): string[] {
  const ids = splitList(label, values);
  const blank = ids.find((id) => /\s/.test(id));
  if (blank !== undefined) {
    throw new UsageError(`invalid image id "${blank}": an id has no spaces`, {
      hint: 'give each id as its own argument or separate them with commas: m-a m-b, or m-a,m-b',
    });
  }
  return [...new Set(ids)];
}

export function parseTag(value: string): TagFilter {
  const eq = value.indexOf('=');
  const key = (eq === -1 ? value : value.slice(0, eq)).trim();
  const tagValue = eq === -1 ? '' : value.slice(eq + 1);
  if (key === '') {
    throw new UsageError(`invalid --tag "${value}": the key is empty; expected key=value, key= or key`);
  }
  return tagValue === '' ? { key } : { key, value: tagValue };
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO 8601 date or date-time; no zone means UTC, like the API's own CreationTime. */
export function parseIsoDate(flag: string, value: string): Date {
  const m = ISO_DATE.exec(value.trim());
  const fail = (): never => {
    throw new UsageError(
      `invalid date "${value}" for ${flag}; expected an ISO date like 2024-09-26 or 2024-09-26T08:00Z`,
    );
  };
  if (!m) return fail();
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  utc.setUTCFullYear(Number(y), month - 1, day);
  utc.setUTCHours(Number(h), Number(mi), Number(s));
  // Date.UTC rolls 2024-02-30 over to March: reject instead of guessing.
  if (utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return fail();
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const [offsetHours, offsetMins] = [Number(digits.slice(0, 2)), Number(digits.slice(2))];
    // Real zones lie within -12:00..+14:00.
    if (offsetHours > 14 || offsetMins > 59) return fail();
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  const date = new Date(utc.getTime() - offsetMinutes * 60_000);
  // The API takes yyyy-MM-ddTHH:mmZ: a year the zone shift moved out of 0001-9999 would be
  // sent as "-000001-12-31T19Z" or "+010000-...".
  const year = date.getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new UsageError(`date "${value}" for ${flag} is in the year ${year} in UTC; expected a year from 0001 to 9999`);
  }
  return date;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600 };

/** A duration in seconds: plain seconds or with s, m or h (`90`, `90s`, `5m`, `1h`, `0.5s`). */
export function parseDuration(flag: string, value: string, minSeconds: number, maxSeconds: number): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|)$/i.exec(value.trim());
  const seconds = m ? Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]! : NaN;
  const range = `from ${minSeconds} s to ${maxSeconds / 3600} h`;
  if (!Number.isFinite(seconds)) {
    throw new UsageError(`invalid duration "${value}" for ${flag}; expected seconds or a number with s, m or h, e.g. 90s, 5m or 1h`, { hint: range });
  }
  // A well-formed value out of range says so, not that its format is wrong.
  if (seconds > maxSeconds) throw new UsageError(`${flag} ${value.trim()} is more than the ${formatSeconds(maxSeconds)} allowed`, { hint: range });
  if (seconds < minSeconds) throw new UsageError(`${flag} ${value.trim()} is less than the ${formatSeconds(minSeconds)} allowed`, { hint: range });
  return seconds;
}

/** 86400 -> "24 h", 90 -> "90 s", 0.05 -> "0.05 s": a limit in the unit it reads best in. */
function formatSeconds(seconds: number): string {
  return seconds >= 3600 && seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/**
 * --no-header and --wide shape text output only. With a format they cannot touch they are
 * refused, not ignored: a runbook that asked for them is told at once.
 */
export function refuseIdleFormatFlags(output: string, flags: { header: boolean; wide?: boolean }): void {
  const idle = [!flags.header && (output === 'json' || output === 'ndjson') && '--no-header', flags.wide === true && output !== 'table' && '--wide'].filter(
    (flag): flag is string => typeof flag === 'string',
  );
  if (idle.length === 0) return;
  throw new UsageError(`${idle.join(' and ')} ${idle.length === 1 ? 'has' : 'have'} no effect with output ${output}`, {
    hint: '--no-header applies to table, csv and tsv; --wide to the table. Drop the flag, or pick that output with -o (ECSIMG_OUTPUT sets it too)',
  });
}
