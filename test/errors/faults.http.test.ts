// Faults injected by the emulator, seen through the real CLI in-process: retries that
// recover, failures that exhaust them, all-or-nothing output, timeouts, HTML pages, refused
// connections, x-acs-retry-after and a catalogue that changes while paging.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { parseReport, until } from './support.js';

const emulator = useEmulator();
const REGION = 'cn-hangzhou';

afterEach(() => {
  emulator.current.setFaults({});
});

/** What `ecsimg list` prints without --owner and --status: available system, self and others images. */
function listedByDefault(): string[] {
  return emulator.current.catalogue
    .images(REGION)
    .filter((i) => i.Status === 'Available' && i.ImageOwnerAlias !== 'marketplace')
    .map((i) => i.ImageId);
}

/**
 * Requests this run sent: each test gives its run its own --page-size, because an earlier
 * in-process run that failed may still have retries of other pages on their way.
 */
const sentWithPageSize = (pageSize: number): number => emulator.current.stats.requests.filter((r) => r.params.PageSize === String(pageSize)).length;

const retryLines = (stderr: string): string[] => stderr.split('\n').filter((line) => line.startsWith('debug: retry '));

/**
 * Runs `list --page-size <pageSize> ...args` while page 1 is answered normally and every
 * later request fails with 503. Page 1 is held back by latency until the 503s are switched
 * on (fault counters start again at setFaults, so `fail` alone would hit page 1 first).
 * Each caller uses its own page size: an earlier in-process run may still have retries
 * in flight, and they must not be taken for this run's requests.
 */
async function failAfterFirstPage(pageSize: number, args: string[]): Promise<RunResult> {
  const emu = emulator.current;
  const ours = (page: string) => (r: { params: Record<string, string> }) => r.params.PageNumber === page && r.params.PageSize === String(pageSize);
  emu.resetStats();
  emu.setFaults({ latencyMs: 150 });
  const running = runInProcess(['list', '--page-size', String(pageSize), ...args], { env: emulator.env() });
  await until(() => emu.stats.requests.some(ours('1')));
  emu.setFaults({ fail: { count: 1_000_000, status: 503 } });
  const result = await running;
  // the failure really was part-way: page 1 was answered, a later page was tried
  expect(emu.stats.requests.some(ours('2'))).toBe(true);
  return result;
}

describe('retries that recover', () => {
  it('throttled twice, then served: exit 0, every image, two retry lines with --debug', async () => {
    emulator.current.setFaults({ throttle: { firstN: 2 } });
    emulator.current.resetStats();
    const result = await runInProcess(['list', '-o', 'json', '--debug', '--page-size', '99'], { env: emulator.env() });
    expect(result.code).toBe(0);
    const images = JSON.parse(result.stdout) as Image[];
    const expected = listedByDefault();
    expect(expected.length).toBeGreaterThan(200);
    expect(images.map((i) => i.ImageId).sort()).toEqual([...expected].sort());
    expect(retryLines(result.stderr)).toEqual([
      expect.stringMatching(/^debug: retry 1 of 3 for DescribeImages in \d+ ms after Throttling\.User$/),
      expect.stringMatching(/^debug: retry 2 of 3 for DescribeImages in \d+ ms after Throttling\.User$/),
    ]);
    expect(result.stderr).not.toMatch(/^ecsimg:/m);
    // the pages, plus the two throttled attempts at page 1
    expect(sentWithPageSize(99)).toBe(Math.ceil(expected.length / 99) + 2);
  });

  it('every region backing off at once: all listed, and no listener-leak warning from Node', async () => {
    // The first request of each of the 16 regions fails, all at the same time, then each retry is served.
    const regions = emulator.current.catalogue.regions().map((r) => r.RegionId);
    expect(regions.length).toBeGreaterThan(10);
    emulator.current.setFaults({ fail: { count: regions.length, status: 503 }, retryAfterMs: 100 });
    const warnings: string[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const args = ['list', '--owner', 'self', '-o', 'json', '--region', regions.join(','), '--concurrency', String(regions.length)];
      const result = await runInProcess(args, { env: emulator.env() });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const listed = new Set((JSON.parse(result.stdout) as { RegionId: string }[]).map((i) => i.RegionId));
      expect(listed).toEqual(new Set(regions));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('x-acs-retry-after is honoured: the retry waits at least that long', async () => {
    emulator.current.setFaults({ fail: { count: 1, status: 503 }, retryAfterMs: 300 });
    const started = Date.now();
    const result = await runInProcess(['list', '--limit', '1', '-o', 'json', '--debug'], { env: emulator.env() });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(1);
    // without the header the first backoff is under 200 ms
    expect(retryLines(result.stderr)).toEqual(['debug: retry 1 of 3 for DescribeImages in 300 ms after ServiceUnavailable']);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a catalogue that changes while paging: a TotalCount warning, exit 0, no ImageId twice', async () => {
    const before = emulator.current.catalogue.images(REGION).map((i) => i.ImageId);
    emulator.current.setFaults({ churn: { afterRequests: 1, add: 5, remove: 3 } });
    const result = await runInProcess(['list', '-o', 'json', '--page-size', '50'], { env: emulator.env() });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: the number of images changed while paging \(TotalCount (\d+) -> (?!\1\))\d+\); /);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    const ids = (JSON.parse(result.stdout) as Image[]).map((i) => i.ImageId);
    expect(new Set(ids).size).toBe(ids.length);
    // the catalogue did change, and everything printed existed in it before or after
    const after = emulator.current.catalogue.images(REGION).map((i) => i.ImageId);
    expect(after).not.toEqual(before);
    const known = new Set([...before, ...after]);
    expect(ids.filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('failures after retries: exit 4', () => {
  it.each([
    ['json', 50],
    ['csv', 40],
  ])('-o %s: a persistent 503 on a later page prints nothing on stdout', async (format, pageSize) => {
    const result = await failAfterFirstPage(pageSize, ['-o', format, '--retries', '1']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.code).toBe('ServiceUnavailable');
    expect(report.message).toMatch(/temporarily unavailable/);
  });

  it('-o ndjson: page 1 is already out when a later page fails, then exit 4', async () => {
    const result = await failAfterFirstPage(30, ['-o', 'ndjson', '--retries', '1']);
    expect(result.code).toBe(4);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as Image).ImageId)).toEqual(listedByDefault().slice(0, 30));
    expect(parseReport(result.stderr).code).toBe('ServiceUnavailable');
  });

  it('an HTML 502 page: a readable "not JSON" message with the status, no HTML anywhere, retried', async () => {
    emulator.current.setFaults({ htmlErrors: { status: 502 } });
    for (const debug of [false, true]) {
      emulator.current.resetStats();
      const pageSize = debug ? 98 : 97;
      const result = await runInProcess(['list', '-o', 'json', '--retries', '1', '--page-size', String(pageSize), ...(debug ? ['--debug'] : [])], {
        env: emulator.env(),
      });
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/<html|<head|<title|<center|<body|<\/|nginx/i);
      expect(sentWithPageSize(pageSize)).toBe(2);
      if (!debug) {
        const report = parseReport(result.stderr);
        expect(report.message).toMatch(/^the service at 127\.0\.0\.1:\d+ answered with something that is not JSON \(HTTP 502 Bad Gateway\)$/);
        expect(report.hint).toMatch(/proxy or load balancer/);
      }
    }
  });

  it('a hanging service: exit 4 once --timeout has passed on every attempt, naming the timeout', async () => {
    emulator.current.setFaults({ hangAfter: 0 });
    emulator.current.resetStats();
    const started = Date.now();
    const result = await runInProcess(['list', '--timeout', '0.3', '--retries', '1', '--page-size', '96'], { env: emulator.env() });
    const elapsed = Date.now() - started;
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toMatch(/^no answer from 127\.0\.0\.1:\d+ within 0\.3 s \(timed out\)$/);
    expect(report.hint).toMatch(/raise --timeout \(seconds; now 0\.3\)/);
    expect(sentWithPageSize(96)).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a refused connection: exit 4 at once, naming the endpoint', async () => {
    // a port that was free a moment ago and has nobody listening now
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => resolve(free));
      });
    });
    const started = Date.now();
    const result = await runInProcess(['list'], { env: emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: `http://127.0.0.1:${port}` }) });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toBe(`could not connect to 127.0.0.1:${port}: connection refused`);
    expect(report.hint).toMatch(/--endpoint or ALIBABA_CLOUD_ECS_ENDPOINT/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('faults limited to one region fail that region only', async () => {
    emulator.current.setFaults({ fail: { count: 100, status: 500 }, regions: ['cn-beijing'] });
    const ok = await runInProcess(['list', '--limit', '1', '-o', 'json', '--retries', '0'], { env: emulator.env() });
    expect(ok.code).toBe(0);
    const failed = await runInProcess(['list', '--limit', '1', '-o', 'json', '--retries', '0', '--region', 'cn-beijing'], { env: emulator.env() });
    expect(failed.code).toBe(4);
    expect(parseReport(failed.stderr).code).toBe('InternalError');
  });
});
