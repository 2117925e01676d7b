// A --query result as text, the way `aws --output text` prints one: a scalar on a line, a
// list of scalars one per line, each list or object in a list as a row of its values.
import { renderCell } from '../output/columns.js';
import { createCsvFormatter } from '../output/csv.js';
import type { Sink } from '../output/format.js';
import { escapeTsvField } from '../output/tsv.js';

/** The result as rows of values; null (nothing matched) is no row. */
export function queryResultRows(result: unknown): unknown[][] {
  if (result === null || result === undefined) return [];
  if (Array.isArray(result)) return result.map(rowOf);
  return [rowOf(result)];
}

function rowOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && typeof value !== 'bigint') return Object.values(value);
  return [value];
}

/** tsv (and the table format, which off a terminal is text too) or csv; nested values as compact cells. */
export function writeQueryText(result: unknown, format: 'tsv' | 'csv', sink: Sink, tty: boolean): void {
  for (const row of queryResultRows(result)) {
    if (format === 'tsv') {
      sink.write(`${row.map((value) => escapeTsvField(renderCell(value))).join('\t')}\n`);
      continue;
    }
    const columns = row.map((_value, index) => String(index));
    const csv = createCsvFormatter(sink, { columns, header: false, tty });
    csv.write([Object.fromEntries(row.map((value, index) => [String(index), value]))]);
    csv.end();
  }
}
