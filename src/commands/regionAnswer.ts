// The regions of a DescribeRegions answer, checked before an id reaches a request or an
// endpoint host (https://ecs.<id>.aliyuncs.com): a RegionId that is a number, null, missing
// or not shaped like a region id ("evil.example.com#" would move the host) is skipped and
// named; an id listed twice counts once.
import type { Region } from '../api/types.js';
import { isRecord } from '../guards.js';
import { escapeControlChars } from '../output/text.js';
import { isRegionId } from './regionList.js';

export interface CheckedRegions {
  /** the usable entries, first occurrence of each id, in the order served */
  regions: Region[];
  /** each skipped entry as a warning names it: `RegionId "evil.example.com#"`, `RegionId null`, ... */
  skipped: string[];
}

const SHOWN_CHARS = 64;

export function checkRegions(entries: readonly unknown[]): CheckedRegions {
  const regions: Region[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = isRecord(entry) ? entry.RegionId : undefined;
    if (!isRegionId(id)) skipped.push(describeEntry(entry));
    else if (!seen.has(id)) {
      seen.add(id);
      regions.push(entry as Region);
    }
  }
  return { regions, skipped };
}

/** The warning for one skipped entry. */
export function skippedRegionWarning(entry: string): string {
  return `skipped ${entry} in the DescribeRegions answer: not a region id`;
}

function describeEntry(entry: unknown): string {
  if (!isRecord(entry)) return `an entry that is not an object (${describeValue(entry)})`;
  if (!('RegionId' in entry) || entry.RegionId === undefined) return 'an entry without a RegionId';
  return `RegionId ${describeValue(entry.RegionId)}`;
}

// A server's text: cut short and with control characters escaped, so it cannot flood or
// drive the terminal.
function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    const cut = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}...` : value;
    return `"${escapeControlChars(cut)}"`;
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}
