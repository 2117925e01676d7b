// Config files are read only when they are regular files of at most 1 MiB: a FIFO, a link
// to /dev/zero, a directory or a 2 MB file is exit 2 at once (none may hang), the same for
// ~/.aliyun/config.json and the INI credentials file. Real files, and real processes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONFIG_FILE_BYTES, UnreadableFileError, readConfigFileFromDisk } from '../../src/config/configFile.js';
import { runCli } from '../../src/run.js';
import { captured, runBin, type RunResult } from '../support/cli.js';

let dir: string;
const path = (name: string): string => join(dir, name);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecsimg-config-file-'));
  execFileSync('mkfifo', [path('fifo')]);
  symlinkSync('/dev/zero', path('zero'));
  writeFileSync(path('big'), ' '.repeat(2_000_000));
  writeFileSync(path('at-limit'), 'x'.repeat(MAX_CONFIG_FILE_BYTES));
  writeFileSync(path('over-limit'), 'x'.repeat(MAX_CONFIG_FILE_BYTES + 1));
  writeFileSync(path('small'), '{"é": 1}');
  mkdirSync(path('directory'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('readConfigFileFromDisk', () => {
  it('reads a regular file, and undefined when there is none', () => {
    expect(readConfigFileFromDisk(path('small'))).toBe('{"é": 1}');
    expect(readConfigFileFromDisk(path('missing'))).toBeUndefined();
    expect(readConfigFileFromDisk(path('at-limit'))).toHaveLength(MAX_CONFIG_FILE_BYTES);
  });

  it.each([
    ['fifo', 'not a regular file (a named pipe)'],
    ['zero', 'not a regular file (a device)'],
    ['directory', 'not a regular file (a directory)'],
    ['big', 'larger than 1 MiB'],
    ['over-limit', 'larger than 1 MiB'],
  ])('refuses %s at once: %s', (name, reason) => {
    let thrown: unknown;
    try {
      readConfigFileFromDisk(path(name));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(UnreadableFileError);
    expect((thrown as UnreadableFileError).reason).toBe(reason);
  });
});

describe('a real process with a hostile config file', () => {
  const home = (): string => path('home');
  beforeAll(() => {
    mkdirSync(join(home(), '.aliyun'), { recursive: true });
  });

  const setConfig = (write: (file: string) => void): void => {
    const file = join(home(), '.aliyun', 'config.json');
    rmSync(file, { force: true });
    write(file);
  };

  // In-process with the real reader where a regression could not hang the test worker;
  // the FIFO and /dev/zero cases as real processes (main.ts's wiring), killed after 5 s
  // if they do not end by themselves, which fails the test.
  async function runWithRealFiles(argv: string[], env: Record<string, string> = {}): Promise<RunResult> {
    const stdout = captured();
    const stderr = captured();
    const code = await runCli(argv, {
      io: { stdout, stderr, color: false },
      env,
      homeDir: home(),
      readFile: readConfigFileFromDisk,
      signal: new AbortController().signal,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }
  const hostProcess = (argv: string[], env: Record<string, string> = {}): Promise<RunResult> =>
    runBin(argv, { HOME: home(), ...env }, undefined, 5000);

  it.each([
    ['a FIFO', (f: string) => execFileSync('mkfifo', [f]), 'not a regular file (a named pipe)', hostProcess],
    ['a symlink to /dev/zero', (f: string) => symlinkSync('/dev/zero', f), 'not a regular file (a device)', hostProcess],
    ['a 2 MB file', (f: string) => writeFileSync(f, ' '.repeat(2_000_000)), 'larger than 1 MiB', runWithRealFiles],
    ['5,000 [', (f: string) => writeFileSync(f, '['.repeat(5000)), 'nested more than 1000 levels deep', runWithRealFiles],
  ])('~/.aliyun/config.json as %s: exit 2, one line naming why', async (_name, write, why, run) => {
    setConfig(write);
    const result = await run(['list', '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^ecsimg: .*~/\\.aliyun/config\\.json.*${why.replace(/[()]/g, '\\$&')}\n  hint: `));
  }, 10_000);

  it.each([
    ['fifo', 'not a regular file (a named pipe)', hostProcess],
    ['directory', 'not a regular file (a directory)', runWithRealFiles],
    ['big', 'larger than 1 MiB', runWithRealFiles],
  ])('ALIBABA_CLOUD_CREDENTIALS_FILE naming %s: exit 2 before any request', async (name, why, run) => {
    setConfig(() => undefined);
    const result = await run(['list', '--region', 'cn-hangzhou', '--endpoint', 'http://127.0.0.1:9', '--retries', '0'], {
      ALIBABA_CLOUD_CREDENTIALS_FILE: path(name),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cannot read ${path(name)}: ${why}`);
  }, 10_000);
});
