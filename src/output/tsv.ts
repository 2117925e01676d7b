// tsv output (SPEC section 4): one line per image. Control characters inside a value are
// escaped as text.ts writes them for a terminal (\t \n \r, \x1b, \x9b, \u202e), and a
// backslash as \\, so `cut -f` works, nothing drives a terminal, and the value can be
// recovered exactly (unescapeTsvField). All or nothing (SPEC section 5): pages are encoded
// as they arrive, only the text is held (heldText.ts), and it reaches the sink in end().

import { renderCell } from './columns.js';
import type { Formatter, FormatOptions, Row, Sink } from './format.js';
import { createHeldText } from './heldText.js';
import { controlCharEscape } from './text.js';

// The backslash, C0 controls, DEL, C1 controls and the bidi controls (as escapeControlChars).
// eslint-disable-next-line no-control-regex
const TSV_SPECIALS = /[\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

export function escapeTsvField(value: string): string {
  return value.replace(TSV_SPECIALS, (char) => (char === '\\' ? '\\\\' : controlCharEscape(char)));
}

export function unescapeTsvField(field: string): string {
  return field.replace(/\\(x[0-9a-f]{2}|u[0-9a-f]{4}|[\\tnr])/g, (_match, escape: string) =>
    escape.length > 1 ? String.fromCharCode(parseInt(escape.slice(1), 16)) : (UNESCAPES[escape] ?? escape),
  );
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
