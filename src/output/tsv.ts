// tsv output (SPEC section 4): one line per image, written page by page. Tab, newline,
// CR and backslash inside a value are escaped as \t \n \r \\, so `cut -f` works and the
// value can be recovered exactly (unescapeTsvField).

import { renderCell } from './columns.js';
import type { Formatter, FormatOptions, Row, Sink } from './format.js';

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
  let headerPending = options.header;
  const line = (cells: string[]): string => `${cells.map(escapeTsvField).join('\t')}\n`;
  const takeHeader = (): string => {
    if (!headerPending) return '';
    headerPending = false;
    return line(columns);
  };
  return {
    write(rows: Row[]): void {
      const text = takeHeader() + rows.map((row) => line(columns.map((column) => renderCell(row[column])))).join('');
      if (text !== '') sink.write(text);
    },
    end(): void {
      const text = takeHeader();
      if (text !== '') sink.write(text);
    },
  };
}
