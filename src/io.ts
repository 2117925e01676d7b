// The streams a command writes to, and what it knows about the terminal.
// Only main.ts builds the real one; tests build fakes with captured text.

export interface OutStream {
  /** text, or UTF-8 bytes */
  write(chunk: string | Uint8Array): void;
  readonly isTTY: boolean;
  /** terminal width when isTTY */
  readonly columns?: number;
  /** the real stream behind it, for the spinner (absent in tests) */
  readonly raw?: NodeJS.WriteStream;
  /** a terminal that may show only ASCII (TERM=dumb): tables get +, - and | borders */
  readonly asciiOnly?: boolean;
  /** a spinner may redraw its line here (see canAnimate) */
  readonly animates?: boolean;
}

export interface IO {
  /** data only */
  stdout: OutStream;
  /** everything for humans: warnings, hints, spinner, summary */
  stderr: OutStream;
  /** colour allowed on stdout (TTY, no NO_COLOR, no --no-color, TERM not dumb) */
  color: boolean;
}

export function shouldUseColor(env: Record<string, string | undefined>, isTTY: boolean, noColorFlag: boolean): boolean {
  // Off a terminal output stays byte-stable (SPEC section 4), whatever FORCE_COLOR says.
  if (!isTTY || noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // FORCE_COLOR as supports-color reads it: 0 or false means no colour.
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return env.TERM !== 'dumb';
}

/** TERM=dumb names a terminal without line-drawing characters (Emacs shell, serial consoles). */
export function isAsciiOnlyTerminal(env: Record<string, string | undefined>): boolean {
  return env.TERM === 'dumb';
}

/**
 * A spinner redraws its line with cursor moves: only on a terminal of known width (ora loops
 * forever at 0 columns), not TERM=dumb (no cursor moves), and not under CI, whose logs keep
 * every frame (ora itself would print its text once there, as a stray line).
 */
export function canAnimate(env: Record<string, string | undefined>, isTTY: boolean, columns: number | undefined): boolean {
  return isTTY && (columns ?? 0) > 0 && env.TERM !== 'dumb' && env.CI === undefined;
}

/** The spinner's face: text on stderr while waiting, gone before data is printed. */
export interface Progress {
  update(text: string): void;
  clear(): void;
}

export const noProgress: Progress = { update: () => undefined, clear: () => undefined };
