// Where process behaviour matters: `ecsimg emulator` with fault flags as a real process,
// a hung service that must not keep `ecsimg list` alive, a clock far off, and a port in use.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMULATOR_CREDENTIALS } from '../../src/emulator/index.js';
import { BIN, runBin, runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { parseReport } from './support.js';

const emulator = useEmulator();

afterEach(() => {
  emulator.current.setFaults({});
  vi.useRealTimers();
});

interface SpawnedEmulator {
  endpoint: string;
  stdout: string;
  stderr: string;
  /** SIGINT, then the exit code */
  stop(): Promise<number | null>;
}

/** `ecsimg emulator --port 0 ...args` as a real process, once it says it is ready. */
function spawnEmulator(args: string[]): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '' } });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the emulator did not start:\n${stdout}\n${stderr}`));
    }, 10_000);
    const check = (): void => {
      const endpoint = /^export ALIBABA_CLOUD_ECS_ENDPOINT=(\S+)$/m.exec(stdout)?.[1];
      if (endpoint === undefined || !stderr.includes('Press Ctrl-C to stop.')) return;
      clearTimeout(timer);
      resolve({
        endpoint,
        get stdout() {
          return stdout;
        },
        get stderr() {
          return stderr;
        },
        stop() {
          child.kill('SIGINT');
          return exited;
        },
      });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => ((stdout += d), check()));
    child.stderr.setEncoding('utf8').on('data', (d: string) => ((stderr += d), check()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

const envFor = (endpoint: string): Record<string, string> => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_CREDENTIALS.accessKeySecret,
  ALIBABA_CLOUD_ECS_ENDPOINT: endpoint,
  ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
});

describe('ecsimg emulator with fault flags (a real process)', () => {
  it('announces the faults on stderr and applies them, to the regions asked for only', async () => {
    const emu = await spawnEmulator(['--fail', '1:503', '--retry-after', '250', '--fault-regions', 'cn-hangzhou']);
    try {
      expect(emu.stderr).toBe(
        [
          'Faults on:',
          '  fail: ServiceUnavailable (HTTP 503) for the next 1 request',
          '  retry-after: x-acs-retry-after: 250 on throttled and 5xx answers',
          '  fault-regions: only requests for cn-hangzhou',
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      expect(emu.stdout).not.toContain('Faults');

      const beijing = await runInProcess(['list', '--limit', '1', '-o', 'json', '--debug', '--region', 'cn-beijing'], { env: envFor(emu.endpoint) });
      expect(beijing.code).toBe(0);
      expect(beijing.stderr).not.toContain('retry');

      const hangzhou = await runInProcess(['list', '--limit', '1', '-o', 'json', '--debug'], { env: envFor(emu.endpoint) });
      expect(hangzhou.code).toBe(0);
      expect(JSON.parse(hangzhou.stdout)).toHaveLength(1);
      expect(hangzhou.stderr).toContain('debug: retry 1 of 3 for DescribeImages in 250 ms after ServiceUnavailable\n');
    } finally {
      expect(await emu.stop()).toBe(130);
    }
  });

  it('the credential-service flags reach STS, the metadata service and the credentials URI', async () => {
    const emu = await spawnEmulator(['--imds-v2-only', '--expired-credentials', '--down', 'sts:close']);
    try {
      expect(emu.stderr).toContain('  imds-v2-only: the metadata service refuses requests without a session token (HTTP 403)\n');
      expect(emu.stdout).toContain(`export ECSIMG_METADATA_ENDPOINT=${emu.endpoint}\n`);
      expect((await fetch(`${emu.endpoint}/latest/meta-data/ram/security-credentials/`)).status).toBe(403);
      const uri = (await (await fetch(`${emu.endpoint}/credentials`)).json()) as { Expiration: string };
      expect(Date.parse(uri.Expiration)).toBeLessThan(Date.now());
      await expect(fetch(`${emu.endpoint}/?Action=AssumeRoleWithOIDC&Version=2015-04-01`)).rejects.toThrow();
    } finally {
      expect(await emu.stop()).toBe(130);
    }
  });

  it('a clock 20 minutes off: InvalidTimeStamp.Expired is exit 3 and says so', async () => {
    // The emulator runs in its own process with the real clock; only ours is moved.
    const emu = await spawnEmulator([]);
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 20 * 60 * 1000);
      const result = await runInProcess(['list', '--limit', '1'], { env: envFor(emu.endpoint) });
      vi.useRealTimers();
      expect(result.stdout).toBe('');
      const report = parseReport(result.stderr);
      expect(report.code).toBe('InvalidTimeStamp.Expired');
      expect(report.message).toMatch(/clock is probably off by more than 15 minutes/);
      expect(report.hint).toMatch(/NTP/);
      expect(result.code).toBe(3);
    } finally {
      vi.useRealTimers();
      await emu.stop();
    }
  });

  it('a bad fault flag: exit 2 naming the flag and its syntax, no server started', async () => {
    const result = await runBin(['emulator', '--port', '0', '--throttle', '3']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toBe('ambiguous value "3" for --throttle; write first:3 (the first 3 requests) or 3% (that share of requests)');
    expect(report.hint).toMatch(/^--throttle takes first:<n>/);
  });

  it('a port already in use: exit 2 with a way out, not an internal error', async () => {
    const result = await runInProcess(['emulator', '--port', String(emulator.current.port)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toBe(`cannot listen on 127.0.0.1:${emulator.current.port}: the port is already in use`);
    expect(report.hint).toContain('--port 0');
  });
});

describe('ecsimg list against a hung service (a real process)', () => {
  it('--timeout 1 --retries 1: exit 4 within seconds, naming the timeout; the hung socket does not keep it alive', async () => {
    emulator.current.setFaults({ hangAfter: 0 });
    const started = Date.now();
    const result = await runBin(['list', '--timeout', '1', '--retries', '1', '-o', 'json'], emulator.env());
    const elapsed = Date.now() - started;
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 1 s \(timed out\)$/);
    expect(report.hint).toContain('--timeout');
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(8000);
  });
});
