// ndjson output (SPEC section 4): one compact object per line, streamed page by page.

import type { Formatter, FormatOptions, Row, Sink } from './format.js';
import { stringifyJson } from './json.js';
import { escapeJsonForTerminal } from './text.js';

/** On a terminal the control characters JSON leaves raw are \u escapes. */
export function createNdjsonFormatter(sink: Sink, options: Pick<FormatOptions, 'tty'> = { tty: false }): Formatter {
  let printed = 0;
  return {
    write(rows: Row[]): void {
      if (rows.length === 0) return;
      const text = rows.map((row) => `${stringifyJson(row) ?? 'null'}\n`).join('');
      sink.write(options.tty ? escapeJsonForTerminal(text) : text);
      printed += rows.length;
    },
    end(): void {},
    // What is printed stays printed: only a checkpoint with no row since can be come back to.
    checkpoint() {
      const mark = printed;
      return () => printed === mark;
    },
    discard(): void {},
  };
}
