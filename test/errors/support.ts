// Shared by the error tests: what one well-formed error report on stderr looks like.
import { expect } from 'vitest';

export interface ErrorReport {
  message: string;
  hint?: string;
  code?: string;
  requestId?: string;
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/**
 * Parses stderr holding exactly one report: `ecsimg: <message>`, then optionally
 * `  hint: ...` and `  code: X  request-id: Y`. Anything else (a stack trace, a second
 * message, an HTML page, a raw pop-core message) fails the test.
 */
export function parseReport(stderr: string): ErrorReport {
  const match = /^ecsimg: ([^\n]+)\n(?: {2}hint: ([^\n]+)\n)?(?: {2}((?:code|request-id): [^\n]+)\n)?$/.exec(stderr);
  expect(match, `stderr is not one error report:\n${stderr}`).not.toBeNull();
  const [, message, hint, ids] = match!;
  const report: ErrorReport = { message: message! };
  if (hint !== undefined) report.hint = hint;
  if (ids !== undefined) {
    const code = /(?:^|\s)code: (\S+)/.exec(ids)?.[1];
    const requestId = /request-id: (\S+)/.exec(ids)?.[1];
    if (code !== undefined) report.code = code;
    if (requestId !== undefined) {
      expect(requestId).toMatch(UUID);
      report.requestId = requestId;
    }
  }
  return report;
}

/** Resolves when `condition` holds, polling; fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
