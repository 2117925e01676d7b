// tsv output (SPEC section 4): one line per image. Tab, newline, CR and backslash inside a
// value are escaped as \t \n \r \\, so `cut -f` works and the value can be recovered
// exactly (unescapeTsvField). All or nothing (SPEC section 5): pages are encoded as they
// arrive, only the text is held (heldText.ts), and it reaches the sink in end().

import { renderCell } from './columns.js';
import type { Formatter, FormatOptions, Row, Sink } from './format.js';
import { createHeldText } from './heldText.js';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

export function escapeTsvField(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (char) => ESCAPES[char] ?? char);
}

export function unescapeTsvField(field: string): string {
  return field.replace(/\\([\\tnr])/g, (_match, char: string) => UNESCAPES[char] ?? char);
}

export function createTsvFormatter(sink: Sink, options: Pick<FormatOptions, 'columns' | 'header'>): Formatter {
  const { columns } = options;
  const line = (cells: string[]): string => `${cells.map(escapeTsvField).join('\t')}\n`;
  const held = createHeldText();
  if (options.header) held.add(line(columns));
  return {
    write(rows: Row[]): void {
      held.add(rows.map((row) => line(columns.map((column) => renderCell(row[column])))).join(''));
    },
    end(): void {
      held.writeTo(sink);
    },
    checkpoint: () => held.checkpoint(),
    discard: () => held.discard(),
  };
}
