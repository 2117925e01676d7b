// The built commander program (dist/), silent, for the scripts that generate files from it.
import { buildProgram } from '../dist/cli.js';

const silent = { write: () => undefined, isTTY: false };

export const program = buildProgram({
  io: { stdout: silent, stderr: silent, color: false },
  env: {},
  homeDir: '/nonexistent',
  readFile: () => undefined,
  signal: new globalThis.AbortController().signal,
});
