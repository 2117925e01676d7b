import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../src/output/format.js';
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

describe('held text past the memory limit', () => {
  const pages = Array.from({ length: 50 }, (_, i) => `page ${i}: 数据, "quoted", 🚀 ${'x'.repeat(i * 7)}\n`);
  const deletedFilesIn = (directory: string): string[] =>
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      })
      .filter((target) => target.startsWith(`${directory}/ecsimg-`) && target.endsWith(' (deleted)'));

  // Through the formatters, whose text spills past 4 MiB into os.tmpdir() (TMPDIR).
  it.runIf(existsSync('/proc/self/fd')).each(['csv', 'tsv'] as const)('-o %s: discard lets go of the held text and closes its file', (format) => {
    const directory = mkdtempSync(join(tmpdir(), 'ecsimg-held-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = directory;
    try {
      const sink = captureSink();
      const formatter = createFormatter(format, sink, { columns: ['ImageId', 'Description'], header: true, tty: false, color: false });
      const rows = Array.from({ length: 50 }, (_, i) => ({ ImageId: `m-${i}`, Description: 'd'.repeat(100_000) }));
      formatter.write(rows);
      expect(deletedFilesIn(directory)).toHaveLength(1);
      formatter.discard();
      expect(deletedFilesIn(directory)).toEqual([]);
      formatter.end();
      expect(sink.writes).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('goes to an unlinked temporary file, and comes back whole and in order', () => {
    const directory = mkdtempSync(join(tmpdir(), 'ecsimg-held-'));
    try {
      const sink = captureSink();
      const held = createHeldText({ spillAfterBytes: 100, directory });
      for (const page of pages) held.add(page);
      // nothing left in the directory, even while the file is in use
      expect(readdirSync(directory)).toEqual([]);
      if (existsSync('/proc/self/fd')) expect(deletedFilesIn(directory)).toHaveLength(1);
      held.writeTo(sink);
      expect(sink.text()).toBe(pages.join(''));
      if (existsSync('/proc/self/fd')) expect(deletedFilesIn(directory)).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('stays in memory when no temporary file can be made, and loses nothing', () => {
    const sink = captureSink();
    const held = createHeldText({ spillAfterBytes: 100, directory: '/nonexistent/ecsimg-test' });
    for (const page of pages) held.add(page);
    held.writeTo(sink);
    expect(sink.text()).toBe(pages.join(''));
  });
});

describe('held text checkpoints', () => {
  it.each([
    ['in memory', 1_000_000],
    ['across a spill to the file', 10],
  ])('forget everything added since the checkpoint (%s)', (_where, spillAfterBytes) => {
    const sink = captureSink();
    const held = createHeldText({ spillAfterBytes });
    held.add('kept 1\n');
    held.add('kept 2, 数据\n');
    const takeBack = held.checkpoint();
    held.add('dropped 1\n');
    held.add('dropped 2 🚀\n');
    expect(takeBack()).toBe(true);
    held.add('kept 3\n');
    held.writeTo(sink);
    expect(sink.text()).toBe('kept 1\nkept 2, 数据\nkept 3\n');
  });

  it('discard lets go of everything', () => {
    const sink = captureSink();
    const held = createHeldText({ spillAfterBytes: 10 });
    held.add('some text that goes to the file\n');
    held.discard();
    held.writeTo(sink);
    expect(sink.writes).toEqual([]);
  });
});
