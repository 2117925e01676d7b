// The text of an all-or-nothing format (json, csv, tsv), held until the listing succeeds.
// It is held as UTF-8 bytes, not strings: any CJK character makes a whole JS string two
// bytes a character, and strings live on the JS heap, which V8 lets grow to a multiple of
// what is live. Past a few MiB the bytes go to a temporary file instead, so a listing of any
// size holds a bounded amount of memory (bench: csv of 50,000 images peaked at 199 MiB held
// as strings). The file is unlinked as soon as it is open: nothing is left behind, even
// after a crash. If no temporary file can be used, the bytes stay in memory.

import { randomUUID } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sink } from './format.js';

export interface HeldText {
  add(text: string): void;
  /** writes everything held, in order, and lets it go */
  writeTo(sink: Sink): void;
  /** a point to come back to: the function it returns forgets every text added since */
  checkpoint(): () => true;
  /** lets go of everything held */
  discard(): void;
}

export interface HeldTextOptions {
  /** bytes held in memory before the rest goes to a file */
  spillAfterBytes?: number;
  /** where the file goes (os.tmpdir()) */
  directory?: string;
}

const SPILL_AFTER_BYTES = 4 * 1024 * 1024;
const READ_BLOCK_BYTES = 1024 * 1024;

export function createHeldText(options: HeldTextOptions = {}): HeldText {
  const spillAfter = options.spillAfterBytes ?? SPILL_AFTER_BYTES;
  // held text = the file's bytes (if any), then these chunks
  let file: { fd: number; size: number } | undefined;
  let canSpill = true;
  let chunks: Buffer[] = [];
  let inMemory = 0;

  const spill = (): void => {
    try {
      file ??= openUnlinked(options.directory ?? tmpdir());
      while (chunks.length > 0) {
        const chunk = chunks[0]!;
        writeAllSync(file.fd, chunk, file.size);
        file.size += chunk.length;
        inMemory -= chunk.length;
        chunks.shift();
      }
    } catch {
      // No temporary file (read-only, full): what was not written stays in memory.
      canSpill = false;
    }
  };

  const discard = (): void => {
    if (file) closeSync(file.fd);
    file = undefined;
    chunks = [];
    inMemory = 0;
  };

  return {
    add(text) {
      if (text === '') return;
      const bytes = Buffer.from(text, 'utf8');
      chunks.push(bytes);
      inMemory += bytes.length;
      if (canSpill && inMemory > spillAfter) spill();
    },
    checkpoint() {
      const mark = (file?.size ?? 0) + inMemory;
      return () => {
        if (file && mark < file.size) {
          ftruncateSync(file.fd, mark);
          file.size = mark;
          chunks = [];
          inMemory = 0;
        }
        // A mark falls between two texts, and a spill moves whole texts: whole chunks go.
        while ((file?.size ?? 0) + inMemory > mark) inMemory -= chunks.pop()!.length;
        return true;
      };
    },
    discard,
    writeTo(sink) {
      if (file) {
        for (let position = 0; position < file.size; ) {
          // a new buffer each time: the sink may hold on to what it is given
          const block = Buffer.allocUnsafe(Math.min(READ_BLOCK_BYTES, file.size - position));
          const read = readSync(file.fd, block, 0, block.length, position);
          if (read === 0) break;
          sink.write(read === block.length ? block : block.subarray(0, read));
          position += read;
        }
      }
      for (const chunk of chunks) sink.write(chunk);
      discard();
    },
  };
}

function openUnlinked(directory: string): { fd: number; size: number } {
  const path = join(directory, `ecsimg-${randomUUID()}.tmp`);
  // wx+: a new file only, readable and writable; 0600: the listing is nobody else's business
  const fd = openSync(path, 'wx+', 0o600);
  try {
    unlinkSync(path);
  } catch (err) {
    // Not used, then: closed, and removed if it can be now.
    closeSync(fd);
    try {
      unlinkSync(path);
    } catch {
      // nothing more to do
    }
    throw err;
  }
  return { fd, size: 0 };
}

function writeAllSync(fd: number, bytes: Buffer, position: number): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}
