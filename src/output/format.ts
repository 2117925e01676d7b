// One entry point for every output format of SPEC section 4. A Formatter is fed one page
// of rows at a time and finished with end() only when the whole listing succeeded, so
// all-or-nothing formats (every one but ndjson) never print a partial result.

import { UsageError } from '../errors.js';
import { createCsvFormatter } from './csv.js';
import { OUTPUT_FORMATS, type OutputFormat } from './formats.js';
import { createJsonFormatter } from './json.js';
import { createNdjsonFormatter } from './ndjson.js';
import { createTableFormatter } from './table.js';
import { createTsvFormatter } from './tsv.js';

// The names live in formats.ts so option parsing can import them without the formatters.
export { OUTPUT_FORMATS, type OutputFormat } from './formats.js';

/** An Image exactly as the API returned it (possibly a null-prototype object), maybe with RegionId added. */
export type Row = Record<string, unknown>;

export interface Sink {
  /** text, or UTF-8 bytes (held output, see heldText.ts) */
  write(chunk: string | Uint8Array): void;
  /** the terminal may show only ASCII (TERM=dumb) */
  readonly asciiOnly?: boolean;
}

export interface Formatter {
  /** called once per page, in page order */
  write(rows: Row[]): void;
  /** called once after the last page, only when the listing succeeded */
  end(): void;
  /**
   * A point to come back to: the function it returns forgets every row written since, so a
   * region that fails part-way leaves nothing. It returns false when some of those rows
   * were already printed (ndjson streams) and cannot be taken back.
   */
  checkpoint(): () => boolean;
  /** lets go of what is held, when end() will not be called */
  discard(): void;
}

export interface FormatOptions {
  /** fields shown by table, csv and tsv, already validated (parseColumns) */
  columns: string[];
  /** --columns given: json and ndjson keep only these fields, as the API named them */
  fields?: string[];
  /** false with --no-header */
  header: boolean;
  /** stdout is a terminal: every format shows control characters escaped (SPEC section 4) */
  tty: boolean;
  /** colour allowed */
  color: boolean;
  /** --wide: at a terminal, no column cut or left out */
  wide?: boolean;
  /** a line for stderr (a column left out to fit the terminal) */
  notice?: (line: string) => void;
  /** terminal columns, when tty */
  width?: number;
}

export function createFormatter(format: OutputFormat, sink: Sink, options: FormatOptions): Formatter {
  const formatter = createFormatterOf(format, sink, options);
  const { fields } = options;
  if (fields === undefined || (format !== 'json' && format !== 'ndjson')) return formatter;
  return { ...formatter, write: (rows) => formatter.write(rows.map((row) => projectRow(row, fields))) };
}

/** The row with only these fields, in this order; a field the image lacks stays absent. */
export function projectRow(row: Row, fields: string[]): Row {
  const projected: Row = {};
  for (const field of fields) if (Object.hasOwn(row, field)) projected[field] = row[field];
  return projected;
}

function createFormatterOf(format: OutputFormat, sink: Sink, options: FormatOptions): Formatter {
  switch (format) {
    case 'json':
      return createJsonFormatter(sink, options);
    case 'ndjson':
      return createNdjsonFormatter(sink, options);
    case 'csv':
      return createCsvFormatter(sink, options);
    case 'tsv':
      return createTsvFormatter(sink, options);
    case 'table':
      return createTableFormatter(sink, options);
    default:
      throw new UsageError(`unknown output format "${String(format)}"; valid formats: ${OUTPUT_FORMATS.join(', ')}`);
  }
}
