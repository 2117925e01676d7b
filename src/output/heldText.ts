// The text of an all-or-nothing format (json, csv, tsv), held until the listing succeeds.
// It is held as UTF-8 bytes, not strings: any CJK character makes a whole JS string two
// bytes a character, and strings live on the JS heap, which V8 lets grow to a multiple of
// what is live. Bytes are half the size and outside that heap (bench: csv of 50,000
// images peaked at 199 MiB held as strings).

import type { Sink } from './format.js';

export interface HeldText {
  add(text: string): void;
  /** writes everything held, in order, and lets it go */
  writeTo(sink: Sink): void;
}

export function createHeldText(): HeldText {
  let chunks: Buffer[] = [];
  return {
    add(text) {
      if (text !== '') chunks.push(Buffer.from(text, 'utf8'));
    },
    writeTo(sink) {
      const held = chunks;
      chunks = [];
      for (const chunk of held) sink.write(chunk);
    },
  };
}
