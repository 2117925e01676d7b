// csv output (SPEC section 4): RFC 4180 through csv-stringify, `\n` record ends.
// All or nothing like json: each page is encoded as it arrives, only the text is held
// (heldText.ts), and it reaches the sink in end() so a listing that fails part-way prints nothing.

import { createRequire } from 'node:module';
import type { stringify as Stringify } from 'csv-stringify/sync';
import { renderCell } from './columns.js';
import type { Formatter, FormatOptions, Row, Sink } from './format.js';
import { createHeldText } from './heldText.js';
import { escapeControlChars } from './text.js';

const loadCommonJs = createRequire(import.meta.url);

/** Piped, every text is carried exactly; on a terminal control characters are shown escaped (text.ts). */
export function createCsvFormatter(sink: Sink, options: Pick<FormatOptions, 'columns' | 'header' | 'tty'>): Formatter {
  // csv code is loaded only when csv is asked for (SPEC section 6).
  const { stringify } = loadCommonJs('csv-stringify/sync') as { stringify: typeof Stringify };
  const { columns } = options;
  const csvOptions = {
    record_delimiter: 'unix' as const,
    // Setting record_delimiter turns off quoting of a lone CR unless asked for; RFC 4180 wants it quoted.
    quote_record_delimiter: true,
    // With a single column an empty value would be an empty line, which CSV readers skip.
    ...(columns.length === 1 ? { quoted_match: /^$/ } : {}),
  };
  const held = createHeldText();
  if (options.header) held.add(stringify([columns], csvOptions));
  return {
    write(rows: Row[]): void {
      if (rows.length === 0) return;
      const cell = options.tty ? (value: unknown) => escapeControlChars(renderCell(value)) : renderCell;
      held.add(stringify(rows.map((row) => columns.map((column) => cell(row[column]))), csvOptions));
    },
    end(): void {
      held.writeTo(sink);
    },
    checkpoint: () => held.checkpoint(),
    discard: () => held.discard(),
  };
}
