// The spinner through a real pseudo-terminal (util-linux `script`): shown on a terminal
// with a width, gone before the data, never on a terminal that reports 0 columns (ora
// loops forever there), and never with --quiet.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const hasScript = existsSync('/usr/bin/script');
const emulator = useEmulator({ faults: { latencyMs: 60 } });
const work = mkdtempSync(join(tmpdir(), 'ecsimg-pty-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `ecsimg list ...` with stderr on a pseudo-terminal, stdout to a file. */
function listOnTerminal(args: string[], columns: number): Promise<{ code: number | null; terminal: string; stdout: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
  const typescript = join(work, 'typescript');
  const size = columns > 0 ? `stty cols ${columns} rows 30; ` : '';
  const command = `${size}"${process.execPath}" "${BIN}" list ${args.join(' ')} > "${out}"`;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TERM: 'xterm', ...emulator.env() };
  return new Promise((resolve) => {
    execFile('script', ['-qefc', command, typescript], { env, timeout: 15_000 }, (error) => {
      resolve({
        code: error ? ((error as { code?: number }).code ?? null) : 0,
        terminal: readFileSync(typescript, 'utf8'),
        stdout: existsSync(out) ? readFileSync(out, 'utf8') : '',
      });
    });
  });
}

const selfCount = () => emulator.current.catalogue.images('cn-hangzhou').filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available').length;

describe.skipIf(!hasScript)('the spinner on a terminal', () => {
  it('shows pages and images while listing, then clears itself; stdout holds only the data', async () => {
    const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '--concurrency', '1', '-o', 'json'], 100);
    expect(result.code).toBe(0);
    expect(result.terminal).toMatch(/listing images: page \d\/4, \d+ images/);
    // cleared: the last frame is erased and the cursor shown again
    expect(result.terminal).toContain('\x1b[?25h');
    expect(JSON.parse(result.stdout)).toHaveLength(selfCount());
  });

  it('a terminal reporting 0 columns gets no spinner, and the listing completes', async () => {
    const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '--concurrency', '1', '-o', 'json'], 0);
    expect(result.code).toBe(0);
    expect(result.terminal).not.toContain('listing images');
    expect(JSON.parse(result.stdout)).toHaveLength(selfCount());
  });

  it('a wait of more than a second before a retry shows in the spinner and as a warning', async () => {
    emulator.current.setFaults({ latencyMs: 60, fail: { count: 1, status: 503 }, retryAfterMs: 1100 });
    try {
      const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '--concurrency', '1', '-o', 'json'], 100);
      expect(result.code).toBe(0);
      const wait = /DescribeImages to 127\.0\.0\.1:\d+ failed with ServiceUnavailable; waiting 1\.1 s as the server asked \(retry 1 of 3\)/;
      expect(result.terminal).toMatch(new RegExp(`warning: ${wait.source}`));
      // the spinner's frame: a spinner glyph, then the same words
      expect(result.terminal).toMatch(new RegExp(`[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] ${wait.source}`));
      expect(JSON.parse(result.stdout)).toHaveLength(selfCount());
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it('--quiet shows no spinner', async () => {
    const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '-q', '-o', 'json'], 100);
    expect(result.code).toBe(0);
    expect(result.terminal).not.toContain('listing images');
  });
});
