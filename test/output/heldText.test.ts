import { describe, expect, it } from 'vitest';
import { createHeldText } from '../../src/output/heldText.js';
import { captureSink } from './helpers.js';

describe('held text', () => {
  it('writes nothing until writeTo, then every text in order as UTF-8 bytes', () => {
    const sink = { chunks: [] as (string | Uint8Array)[], write: (chunk: string | Uint8Array) => void sink.chunks.push(chunk) };
    const held = createHeldText();
    const texts = ['ImageId,OSName\n', 'm-1,CentOS  7.9 64位\n', '', 'm-2,"emoji 🚀, quote "" and\nnewline"\n'];
    for (const text of texts) held.add(text);
    expect(sink.chunks).toEqual([]);
    held.writeTo(sink);
    expect(sink.chunks.every((chunk) => chunk instanceof Uint8Array)).toBe(true);
    expect(Buffer.concat(sink.chunks as Uint8Array[]).toString('utf8')).toBe(texts.join(''));
    // an empty text is not a write
    expect(sink.chunks).toHaveLength(3);
  });

  it('lets go of what it wrote: a second writeTo writes only what was added since', () => {
    const sink = captureSink();
    const held = createHeldText();
    held.add('first\n');
    held.writeTo(sink);
    held.add('second\n');
    held.writeTo(sink);
    expect(sink.writes).toEqual(['first\n', 'second\n']);
  });
});
