// The one place config files are read from disk (main.ts hands it to the config layer as
// ConfigContext.readFile): a regular file of at most MAX_CONFIG_FILE_BYTES. A FIFO or a
// link to /dev/zero would otherwise block or fill memory forever.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** 1 MiB: a config.json with a hundred profiles is a few tens of KB. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
/** What a config file must be, as messages say it. */
export const CONFIG_FILE_RULE = 'a regular file of at most 1 MiB';

/** A file that exists but is not one the config layer reads; `reason` is for the message. */
export class UnreadableFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableFileError';
  }
}

/** The file's text; undefined when it does not exist. Other failures throw. */
export function readConfigFileFromDisk(path: string, maxBytes = MAX_CONFIG_FILE_BYTES): string | undefined {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    // Checked on the open descriptor, so the file cannot be swapped between check and read.
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UnreadableFileError(`not a regular file (${kindOf(stats)})`);
    if (stats.size > maxBytes) throw new UnreadableFileError(tooLarge(maxBytes));
    // The size is checked again while reading: the file may have grown since fstat.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxBytes) throw new UnreadableFileError(tooLarge(maxBytes));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function tooLarge(maxBytes: number): string {
  return `larger than ${maxBytes === MAX_CONFIG_FILE_BYTES ? '1 MiB' : `${maxBytes} bytes`}`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}
