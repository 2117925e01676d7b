// The formatter of image rows as `list` and `wait` print them: RegionId first when there
// are several regions, --columns projecting json and ndjson too, a note for a column left out.
import type { IO } from '../io.js';
import { createFormatter, type Formatter, type OutputFormat } from '../output/format.js';

export interface ImageRowsOptions {
  output: OutputFormat;
  /** the table/csv/tsv columns (the defaults when --columns is not given) */
  columns: string[];
  /** --columns as given */
  fields?: string[];
  header: boolean;
  multiRegion: boolean;
  wide?: boolean;
  quiet: boolean;
}

export function imageRowsFormatter(io: IO, options: ImageRowsOptions): Formatter {
  const columns = options.multiRegion && !options.columns.includes('RegionId') ? ['RegionId', ...options.columns] : options.columns;
  return createFormatter(options.output, io.stdout, {
    columns,
    fields: options.fields && columns,
    header: options.header,
    tty: io.stdout.isTTY,
    color: io.color,
    width: io.stdout.columns,
    wide: options.wide,
    notice: options.quiet ? undefined : (line) => io.stderr.write(`note: ${line}\n`),
  });
}
