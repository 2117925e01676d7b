// What the process boundary (main.ts) hands to the CLI: streams, environment, files, and
// the Ctrl-C signal. Tests build their own.
import type { ConfigContext } from './config/context.js';
import type { IO } from './io.js';

export interface Runtime extends ConfigContext {
  io: IO;
  /** aborted on SIGINT */
  signal: AbortSignal;
  /** credential values resolved while running (from any source), for error reports to blank out */
  secrets?: string[];
}
