// ndjson output (SPEC section 4): one compact object per line, streamed page by page.

import type { Formatter, Row, Sink } from './format.js';
import { stringifyJson } from './json.js';

export function createNdjsonFormatter(sink: Sink): Formatter {
  return {
    write(rows: Row[]): void {
      if (rows.length === 0) return;
      sink.write(rows.map((row) => `${stringifyJson(row) ?? 'null'}\n`).join(''));
    },
    end(): void {},
  };
}
