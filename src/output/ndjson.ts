// ndjson output (SPEC section 4): one compact object per line, streamed page by page.

import type { Formatter, Row, Sink } from './format.js';
import { stringifyJson } from './json.js';

export function createNdjsonFormatter(sink: Sink): Formatter {
  let printed = 0;
  return {
    write(rows: Row[]): void {
      if (rows.length === 0) return;
      sink.write(rows.map((row) => `${stringifyJson(row) ?? 'null'}\n`).join(''));
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
