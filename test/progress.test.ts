// The spinner through a real pseudo-terminal (util-linux `script`): shown on a terminal
// with a width, gone before the data, never on a terminal that reports 0 columns (ora
// loops forever there), and never with --quiet; from the first request on, with each retry.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, runBin } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const hasScript = existsSync('/usr/bin/script');
/** a frame of ora's dots spinner */
const SPINNER = '[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]';
const emulator = useEmulator({ faults: { latencyMs: 60 } });
const work = mkdtempSync(join(tmpdir(), 'ecsimg-pty-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `ecsimg list ...` (or another command) with stderr on a pseudo-terminal, stdout to a file. */
function listOnTerminal(args: string[], columns: number, command = 'list', extraEnv: Record<string, string> = {}): Promise<{ code: number | null; terminal: string; stdout: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
  const typescript = join(work, 'typescript');
  const size = columns > 0 ? `stty cols ${columns} rows 30; ` : '';
  const shell = `${size}"${process.execPath}" "${BIN}" ${command} ${args.join(' ')} > "${out}"`;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', TERM: 'xterm', ...emulator.env(), ...extraEnv };
  return new Promise((resolve) => {
    execFile('script', ['-qefc', shell, typescript], { env, timeout: 15_000 }, (error) => {
      resolve({
        code: error ? ((error as { code?: number }).code ?? null) : 0,
        terminal: readFileSync(typescript, 'utf8'),
        stdout: existsSync(out) ? readFileSync(out, 'utf8') : '',
      });
    });
  });
}

const firstImage = () => emulator.current.catalogue.images('cn-hangzhou')[0]!;
/** an image of a family whose newest Available one show --family finds */
const familyImage = () => emulator.current.catalogue.images('cn-hangzhou').find((i) => i.ImageFamily && i.Status === 'Available' && i.ImageOwnerAlias !== 'marketplace')!;
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

  it('starts with the first request: a hung endpoint shows the spinner, then each retry after a timeout', async () => {
    emulator.current.setFaults({ hangAfter: 0 });
    try {
      const result = await listOnTerminal(['--owner', 'self', '--timeout', '0.3', '--retries', '2', '-o', 'json'], 100);
      expect(result.code).toBe(4);
      const host = /127\.0\.0\.1:\d+/.source;
      expect(result.terminal).toMatch(new RegExp(`${SPINNER} waiting for ${host}…`));
      for (const n of [1, 2]) expect(result.terminal).toMatch(new RegExp(`${SPINNER} DescribeImages to ${host}: retrying after a timeout \\(${n} of 2\\)…`));
      // the retries are the spinner's, not warnings
      expect(result.terminal).not.toContain('warning:');
      expect(result.stdout).toBe('');
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it.each([['list'], ['wait']])('%s --region all: the spinner starts with DescribeRegions, and the error ends on a line of its own', async (command) => {
    emulator.current.setFaults({ hangAfter: 0 });
    try {
      const args = command === 'list' ? ['--owner', 'self'] : ['m-anything', '--max-wait', '5s'];
      const result = await listOnTerminal([...args, '--region', 'all', '--timeout', '0.3', '--retries', '1'], 100, command);
      expect(result.code).toBe(4);
      const host = /127\.0\.0\.1:\d+/.source;
      expect(result.terminal).toMatch(new RegExp(`${SPINNER} waiting for ${host}…`));
      // the spinner's line is wiped before the report: on the screen, the report starts a line
      const screen = result.terminal
        .split(/\r?\n/)
        // eslint-disable-next-line no-control-regex
        .map((line) => (line.split(/\x1b\[1G|\r/).pop() ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''));
      expect(screen.some((line) => new RegExp(`^ecsimg: no answer from ${host} within 0\\.3 s`).test(line)), screen.join('\n')).toBe(true);
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it.each([
    ['show <id>', 'show', () => [firstImage().ImageId, '-o', 'json'], (out: string) => expect((JSON.parse(out) as { ImageId: string }).ImageId).toBe(firstImage().ImageId)],
    ['show --family', 'show', () => ['--family', String(familyImage().ImageFamily), '-o', 'json'], (out: string) => expect(JSON.parse(out)).toHaveProperty('ImageFamily', familyImage().ImageFamily)],
    ['list --count', 'list', () => ['--owner', 'self', '--count'], (out: string) => expect(out).toBe(`${selfCount()}\n`)],
    ['regions', 'regions', () => ['-o', 'json'], (out: string) => expect((JSON.parse(out) as unknown[]).length).toBeGreaterThan(1)],
  ])('%s: the spinner while it waits for the answer, gone before the data', async (_name, command, args, check) => {
    emulator.current.setFaults({ latencyMs: 250 });
    try {
      const result = await listOnTerminal(args(), 100, command);
      expect(result.code).toBe(0);
      expect(result.terminal).toMatch(new RegExp(`${SPINNER} waiting for 127\\.0\\.0\\.1:\\d+…`));
      // cleared: the frame erased and the cursor shown again
      expect(result.terminal).toContain('\x1b[?25h');
      check(result.stdout);
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it('shows before the first page answers, and the pages after', async () => {
    emulator.current.setFaults({ latencyMs: 250 });
    try {
      const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '--concurrency', '1', '-o', 'json'], 100);
      expect(result.code).toBe(0);
      const waiting = result.terminal.indexOf('waiting for 127.0.0.1');
      expect(waiting).toBeGreaterThan(-1);
      expect(result.terminal.indexOf('listing images: page ')).toBeGreaterThan(waiting);
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it('off a terminal a hung endpoint leaves stderr to the error report alone', async () => {
    emulator.current.setFaults({ hangAfter: 0 });
    try {
      const result = await runBin(['list', '--owner', 'self', '--timeout', '0.3', '--retries', '1'], emulator.env());
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(/^ecsimg: no answer from 127\.0\.0\.1:\d+ within 0\.3 s \(timed out\)\n {2}hint: [^\n]+\n$/);
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it('wait shows each image\'s status and Progress in the spinner, then prints it Available', async () => {
    // the emulator's lifecycle (as --creating): Progress rises from 0% to 100% over 2 s
    const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, {
      method: 'POST',
      body: JSON.stringify({ RegionId: 'cn-hangzhou', ImageName: 'pty-wait', CreatingSeconds: 2 }),
    });
    const id = ((await res.json()) as { Image: { ImageId: string } }).Image.ImageId;
    const result = await listOnTerminal([id, '--interval', '0.2s', '--max-wait', '10s', '-o', 'json'], 100, 'wait');
    expect(result.code).toBe(0);
    expect(result.terminal).toMatch(new RegExp(`${SPINNER} waiting for Available: image ${id} Creating \\d+%`));
    expect((JSON.parse(result.stdout) as { Status: string }[]).map((i) => i.Status)).toEqual(['Available']);
  });

  it.each([
    ['CI=true', { CI: 'true' }],
    ['TERM=dumb', { TERM: 'dumb' }],
  ])('%s: no spinner and no stray "- waiting" line, even on a slow endpoint', async (_name, extraEnv) => {
    emulator.current.setFaults({ latencyMs: 250 });
    try {
      const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '--concurrency', '1', '-o', 'json'], 100, 'list', extraEnv);
      expect(result.code).toBe(0);
      expect(result.terminal).not.toContain('waiting for');
      expect(result.terminal).not.toContain('listing images');
      expect(JSON.parse(result.stdout)).toHaveLength(selfCount());
    } finally {
      emulator.current.setFaults({ latencyMs: 60 });
    }
  });

  it('wait under CI=true on a terminal prints a line per change of status, as off one', async () => {
    const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, {
      method: 'POST',
      body: JSON.stringify({ RegionId: 'cn-hangzhou', ImageName: 'pty-wait-ci', CreatingSeconds: 1 }),
    });
    const id = ((await res.json()) as { Image: { ImageId: string } }).Image.ImageId;
    const result = await listOnTerminal([id, '--interval', '0.2s', '--max-wait', '10s', '-o', 'json'], 100, 'wait', { CI: 'true' });
    expect(result.code).toBe(0);
    // one line per change of status (a loaded machine may first poll after it became Available)
    const lines = result.terminal.replace(/\r/g, '').split('\n').filter((line) => line.startsWith(`image ${id}: `));
    expect(lines.at(-1)).toBe(`image ${id}: Available`);
    expect(lines.slice(0, -1).every((line) => /: Creating( \d+%)?$/.test(line))).toBe(true);
    expect(result.terminal).not.toMatch(new RegExp(SPINNER));
  });

  it('--quiet shows no spinner', async () => {
    const result = await listOnTerminal(['--owner', 'self', '--page-size', '10', '-q', '-o', 'json'], 100);
    expect(result.code).toBe(0);
    expect(result.terminal).not.toContain('listing images');
  });
});
