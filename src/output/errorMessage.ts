// The stderr text of a failure: one readable message, a hint, the API's Code and RequestId;
// with --debug the stack traces too. Everything printed goes through scrubText, and a
// pop-core error's message (which can hold the request URL and the server's string to
// sign) is never printed, not even in a stack trace.

import type { EcsimgError } from '../errors.js';
import { scrubText } from '../api/redact.js';
import { escapeControlChars } from './text.js';
import { isObjectLike } from '../guards.js';

export interface FormatErrorOptions {
  debug: boolean;
  /** --quiet: no hint line (SPEC section 2) */
  quiet?: boolean;
  color?: boolean;
  /** credential values to blank out wherever they appear (AccessKeyId, secret, STS token) */
  secrets?: readonly string[];
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };
const MAX_CAUSES = 5;

function paint(text: string, style: string, color: boolean | undefined): string {
  return color ? `${style}${text}${ANSI.reset}` : text;
}

// pop-core's API errors (err.data/err.url/err.entry) carry "<server Message>, URL: <url>" as
// their message, and its HTTP library's errors "... POST <url> failed."; only their name and
// code are safe to print (a URL may carry the signed query string).
function isPopCoreError(value: Record<string, unknown>): boolean {
  return 'url' in value || 'entry' in value || isObjectLike(value.data) || (typeof value.message === 'string' && value.message.includes('://'));
}

/** A stack trace (or, for a non-Error, its name) with the message part replaced when unsafe. */
function describeThrown(value: unknown): string {
  if (!isObjectLike(value)) return typeof value === 'string' ? value : String(value);
  const name = typeof value.name === 'string' ? value.name : 'Error';
  const message = typeof value.message === 'string' ? value.message : '';
  const stack = typeof value.stack === 'string' ? value.stack : '';
  const code = typeof value.code === 'string' ? value.code : undefined;

  let header: string;
  if (isPopCoreError(value)) header = code ? `${name} (code ${code})` : name;
  // json-bigint's plain-object SyntaxError holds the whole answer as `text`: not printed.
  else header = message ? `${name}: ${message}` : name;

  if (!stack) return header;
  // The stack starts with "<name>: <message>"; the frames follow on lines starting with "at".
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at\s/.test(line))
    .join('\n');
  return frames ? `${header}\n${frames}` : header;
}

export function formatError(err: EcsimgError, options: FormatErrorOptions): string {
  const secrets = options.secrets ?? [];
  // Messages echo what the user typed and what a server sent: control characters and bidi
  // overrides are shown escaped, so a newline cannot break the one-line report and an
  // escape sequence cannot drive the terminal.
  const scrub = (text: string): string => escapeControlChars(scrubText(text, secrets));
  // stack traces keep their line breaks
  const scrubLines = (text: string): string => scrubText(text, secrets).split('\n').map(escapeControlChars).join('\n');
  const { color } = options;

  const lines = [`${paint('ecsimg:', ANSI.bold + ANSI.red, color)} ${scrub(err.message)}`];
  if (err.hint && !options.quiet) lines.push(`  ${paint('hint:', ANSI.yellow, color)} ${scrub(err.hint)}`);

  const ids: string[] = [];
  if (err.code) ids.push(`code: ${scrub(err.code)}`);
  if (err.requestId) ids.push(`request-id: ${scrub(err.requestId)}`);
  if (options.debug && err.status !== undefined) ids.push(`http-status: ${err.status}`);
  if (ids.length > 0) lines.push(paint(`  ${ids.join('  ')}`, ANSI.dim, color));

  if (options.debug) {
    lines.push(scrubLines(describeThrown(err)));
    let cause: unknown = err.cause;
    for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
      lines.push(`caused by: ${scrubLines(describeThrown(cause))}`);
      cause = isObjectLike(cause) ? cause.cause : undefined;
    }
  }
  return `${lines.join('\n')}\n`;
}
