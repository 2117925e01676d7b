// What ecsimg does to rows after the API answered: --name-regex, --sort, --latest. Pure.
import { UsageError } from '../errors.js';
import { fieldNamed, IMAGE_FIELDS } from '../output/columns.js';
import type { Row } from '../output/format.js';
import { stringifyJson } from '../output/json.js';
import { parseIsoDate } from './validate.js';

export interface SortKey {
  field: string;
  descending: boolean;
}

export function compileNameRegex(source: string): RegExp {
  try {
    return new RegExp(source, 'u');
  } catch (err) {
    const reason = (err as Error).message.replace(/^Invalid regular expression: /, '');
    throw new UsageError(`invalid --name-regex "${source}": ${reason}`, {
      hint: 'a JavaScript regular expression, e.g. ^ubuntu_22_04_x64',
    });
  }
}

export function parseSortKeys(text: string): SortKey[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '' || item === '-')) {
    throw new UsageError(`invalid --sort "${text}"; expected field names, comma-separated, - for descending`);
  }
  return items.map((item) => {
    const descending = item.startsWith('-');
    const name = descending ? item.slice(1) : item;
    const field = fieldNamed(name);
    if (field === undefined) {
      throw new UsageError(`unknown field "${name}" for --sort; valid fields: ${IMAGE_FIELDS.join(', ')}`);
    }
    return { field, descending };
  });
}

type SortValue = { kind: 0; n: number | bigint } | { kind: 1; s: string };

function sortValue(field: string, value: unknown): SortValue | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  // An image without a valid date sorts with the images without the field, never as the newest.
  if (field === 'CreationTime') {
    const t = creationTimeMs(value);
    return t === undefined ? undefined : { kind: 0, n: t };
  }
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 0, n: value };
  if (typeof value === 'boolean') return { kind: 0, n: value ? 1 : 0 };
  if (typeof value === 'string') {
    // The API sends some numbers as strings (Size in disk mappings, Progress "100%"); long
    // integers stay exact (bigint and number compare exactly).
    if (/^-?\d+$/.test(value)) {
      const n = Number(value);
      return { kind: 0, n: Number.isSafeInteger(n) ? n : BigInt(value) };
    }
    if (/^-?\d+\.\d+$/.test(value)) return { kind: 0, n: Number(value) };
    return { kind: 1, s: value };
  }
  return { kind: 1, s: stringifyJson(value) ?? '' };
}

/** The API's CreationTime is ISO 8601; Date.parse would also take "garbage 2024". */
function creationTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return parseIsoDate('CreationTime', value).getTime();
  } catch {
    return undefined;
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  if (a.kind === 0 && b.kind === 0) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const x = (a as { s: string }).s;
  const y = (b as { s: string }).s;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Stable sort; rows without the field come last whichever the direction, and so do rows
 * whose CreationTime is not an ISO 8601 date ("", "garbage").
 */
export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  // Each row's sort values once, not once per comparison.
  const decorated = rows.map((row) => ({ row, values: keys.map(({ field }) => sortValue(field, row[field])) }));
  decorated.sort((ra, rb) => {
    for (let index = 0; index < keys.length; index++) {
      const a = ra.values[index];
      const b = rb.values[index];
      if (a === undefined || b === undefined) {
        if (a !== b) return a === undefined ? 1 : -1;
        continue;
      }
      const order = compareValues(a, b);
      if (order !== 0) return keys[index]!.descending ? -order : order;
    }
    return 0;
  });
  return decorated.map(({ row }) => row);
}

/**
 * Terraform's most_recent: the newest by CreationTime; the API's order breaks ties. An image
 * without a valid CreationTime is never the newest: undefined when no row has one.
 */
export function newestRow(rows: Row[]): Row | undefined {
  const newest = sortRows(rows, [{ field: 'CreationTime', descending: true }])[0];
  return newest === undefined || sortValue('CreationTime', newest.CreationTime) === undefined ? undefined : newest;
}

/** Every row with the newest CreationTime, in the API's order: the first is newestRow's pick. */
export function newestRows(rows: Row[]): Row[] {
  const newest = newestRow(rows);
  if (newest === undefined) return [];
  const time = creationTimeMs(newest.CreationTime);
  return rows.filter((row) => creationTimeMs(row.CreationTime) === time);
}
