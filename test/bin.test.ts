// The real process: bin/ecsimg.cjs spawned with a controlled env; exit codes, and stdout
// holding nothing but data.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, runBin } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

const emulator = useEmulator();
const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('bin/ecsimg.cjs', () => {
  it('--version prints the package version', async () => {
    const result = await runBin(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('--help lists the commands and exits 0', async () => {
    const result = await runBin(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['list', 'show', 'regions', 'completion', 'emulator']) expect(result.stdout).toContain(command);
  });

  it('no command: one usage message naming the commands, exit 2', async () => {
    const result = await runBin([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('ecsimg: no command given\n  hint: commands: list, show, wait, regions, completion, emulator, help; see: ecsimg --help\n');
  });

  it('ecsimg help prints the help on stdout, exit 0', async () => {
    const result = await runBin(['help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: ecsimg');
  });

  it('list -o json: stdout is exactly the JSON array, stderr empty', async () => {
    const result = await runBin(['list', '--owner', 'system', '-o', 'json'], emulator.env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const images = JSON.parse(result.stdout) as unknown[];
    const expected = emulator.current.catalogue.images('cn-hangzhou').filter((i) => i.ImageOwnerAlias === 'system' && i.Status === 'Available');
    expect(images).toHaveLength(expected.length);
    expect(result.stdout.endsWith(']\n')).toBe(true);
  });

  it('global options are accepted after the command too', async () => {
    const before = await runBin(['-o', 'json', 'list', '--owner', 'self', '--limit', '2'], emulator.env());
    const after = await runBin(['list', '--owner', 'self', '--limit', '2', '-o', 'json'], emulator.env());
    expect(before.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
  });

  it.each([
    [['list', '--owner', 'nobody'], 2],
    [['list', '--no-such-flag'], 2],
    [['lst'], 2],
    [['show'], 2],
  ])('%j exits %i with one message on stderr and nothing on stdout', async (args, code) => {
    const result = await runBin(args, emulator.env());
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ecsimg: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('-q: an error report without its hint line, before or after the command', async () => {
    for (const argv of [['-q', 'list', '--region', 'xx-nowhere-1'], ['list', '--region', 'xx-nowhere-1', '--quiet']]) {
      const result = await runBin(argv, emulator.env());
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^ecsimg: region 'xx-nowhere-1' does not exist for ECS\n {2}code: InvalidRegionId\.NotFound {2}request-id: \S+\n$/);
    }
  });

  it('no credentials: exit 3', async () => {
    const result = await runBin(['list'], { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou', ALIBABA_CLOUD_ECS_ENDPOINT: emulator.current.endpoint });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
  });

  it('a refused connection: exit 4 naming the endpoint', async () => {
    const result = await runBin(['list', '--retries', '0'], emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: 'http://127.0.0.1:9' }));
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('127.0.0.1:9');
  });

  it('| head -1 ends quietly: one line out, nothing on stderr', async () => {
    // stderr goes into the pipe after stdout, so any EPIPE noise would show up as extra lines
    const script = `"${process.execPath}" "${BIN}" list -o ndjson --status all 2>&1 >&3 | cat >&2; } 3>&1 | head -1`;
    const output = await new Promise<{ out: string; err: string }>((resolve) => {
      const child = spawn('bash', ['--norc', '--noprofile', '-c', `{ ${script}`], { env: { PATH: process.env.PATH ?? '', ...emulator.env() } });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
      child.on('close', () => resolve({ out, err }));
    });
    const lines = output.out.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toHaveProperty('ImageId');
    expect(output.err).toBe('');
  });

  /** bin/ecsimg.cjs with stdout on /dev/full, where every write fails with ENOSPC */
  const toFullDisk = async (argv: string[]): Promise<{ code: number | null; stderr: string }> => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '', ...emulator.env() }, stdio: ['ignore', full, 'pipe'] });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      return { code, stderr };
    } finally {
      closeSync(full);
    }
  };
  const ENOSPC_LINE = 'ecsimg: could not write the output: ENOSPC: no space left on device, write\n';

  it.runIf(existsSync('/dev/full')).each([['list', '-o', 'json'], ['list', '-o', 'ndjson'], ['--version']])('%j to a full disk: exit 1 and one line saying so, no stack trace', async (...argv) => {
    expect(await toFullDisk(argv)).toEqual({ code: 1, stderr: ENOSPC_LINE });
  });

  it.runIf(existsSync('/dev/full'))('a stderr that cannot be written to does not fail a listing that worked', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const child = spawn(process.execPath, [BIN, 'list', '--limit', '1', '-o', 'json', '--debug'], { env: { PATH: process.env.PATH ?? '', ...emulator.env() }, stdio: ['ignore', 'pipe', full] });
      let stdout = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toHaveLength(1);
    } finally {
      closeSync(full);
    }
  });

  it.runIf(existsSync('/dev/full')).each([
    [['list', '--owner', 'bogus'], 2],
    [['list', '--name', 'no-such-image', '--latest'], 5],
  ])('%j with nothing to write keeps its exit code %i on a full disk', async (argv, code) => {
    const result = await toFullDisk(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).not.toContain('could not write');
  });

  it('Ctrl-C while a request hangs exits 130 promptly', async () => {
    emulator.current.setFaults({ hangAfter: 0 });
    try {
      const child = spawn(process.execPath, [BIN, 'list', '--timeout', '60'], { env: { PATH: process.env.PATH ?? '', ...emulator.env() } });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      // wait until the request is in flight at the emulator
      for (let i = 0; i < 100 && emulator.current.stats.inFlight === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
      expect(emulator.current.stats.inFlight).toBeGreaterThan(0);
      const started = Date.now();
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(130);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(stdout).toBe('');
      expect(stderr).toContain('interrupted');
      // off a terminal there is no spinner line to wipe: no blank line before the message
      expect(stderr).not.toMatch(/(^|\n)\n/);
    } finally {
      emulator.current.setFaults({});
    }
  });
});
