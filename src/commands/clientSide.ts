// What ecsimg does to rows after the API answered: --name-regex, --sort, --latest. Pure.
import { UsageError } from '../errors.js';
import { fieldNamed, IMAGE_FIELDS } from '../output/columns.js';
import type { Row } from '../output/format.js';

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
  if (typeof value === 'number' || typeof value === 'bigint') return { kind: 0, n: value };
  if (typeof value === 'boolean') return { kind: 0, n: value ? 1 : 0 };
  if (typeof value === 'string') {
    if (field === 'CreationTime') {
      const t = Date.parse(value);
      if (!Number.isNaN(t)) return { kind: 0, n: t };
    }
    // The API sends some numbers as strings (Size in disk mappings, Progress "100%").
    if (/^-?\d+(\.\d+)?$/.test(value)) return { kind: 0, n: Number(value) };
    return { kind: 1, s: value };
  }
  return { kind: 1, s: JSON.stringify(value) ?? '' };
}

function compareValues(a: SortValue, b: SortValue): number {
  if (a.kind !== b.kind) return a.kind - b.kind;
  if (a.kind === 0 && b.kind === 0) return a.n < b.n ? -1 : a.n > b.n ? 1 : 0;
  const x = (a as { s: string }).s;
  const y = (b as { s: string }).s;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Stable sort; rows without the field come last whichever the direction. */
export function sortRows(rows: Row[], keys: SortKey[]): Row[] {
  return [...rows].sort((ra, rb) => {
    for (const { field, descending } of keys) {
      const a = sortValue(field, ra[field]);
      const b = sortValue(field, rb[field]);
      if (a === undefined || b === undefined) {
        if (a !== b) return a === undefined ? 1 : -1;
        continue;
      }
      const order = compareValues(a, b);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

/** Terraform's most_recent: the newest by CreationTime; the API's order breaks ties. */
export function newestRow(rows: Row[]): Row | undefined {
  return sortRows(rows, [{ field: 'CreationTime', descending: true }])[0];
}
