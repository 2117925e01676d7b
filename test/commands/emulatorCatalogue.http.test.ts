// `ecsimg emulator --catalogue FILE`: record `list -o json` from one emulator, replay it from
// the file through the command, and get the same bytes back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFileFromDisk } from '../../src/config/configFile.js';
import { runCli } from '../../src/run.js';
import { captured, runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const source = useEmulator({ imagesPerRegion: 30 });
const record = (args: string[]): Promise<RunResult> => runInProcess(args, { env: source.env() });

interface Replay {
  endpoint: string;
  stderr: string;
  stop(): Promise<number>;
}

type ReadFile = (path: string, maxBytes?: number) => string | undefined;

/** `ecsimg emulator --port 0 ...` in-process, with `files` as the file system (or the disk's reader), until stop(). */
async function replay(args: string[], files: Record<string, string> | ReadFile): Promise<Replay> {
  const stdout = captured();
  const stderr = captured();
  const controller = new AbortController();
  const exit = runCli(['emulator', '--port', '0', ...args], {
    io: { stdout, stderr, color: false },
    env: {},
    homeDir: '/home/test',
    readFile: typeof files === 'function' ? files : (path) => files[path],
    signal: controller.signal,
  });
  for (let i = 0; i < 500 && !/listening on (\S+)/.test(stdout.text); i++) {
    const done = await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 10))]);
    if (typeof done === 'number') throw new Error(`emulator exited ${done}: ${stderr.text}`);
  }
  const endpoint = /listening on (\S+)/.exec(stdout.text)?.[1];
  if (!endpoint) throw new Error(`no endpoint in ${stdout.text}`);
  return {
    endpoint,
    get stderr() {
      return stderr.text;
    },
    async stop() {
      controller.abort();
      return exit;
    },
  };
}

function envFor(endpoint: string, region = 'cn-hangzhou'): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: source.current.credentials.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: source.current.credentials.accessKeySecret,
    ALIBABA_CLOUD_ECS_ENDPOINT: endpoint,
    ALIBABA_CLOUD_REGION_ID: region,
  };
}

describe('record and replay', () => {
  it.each([
    ['one region', ['--region', 'cn-beijing'], ['--region', 'cn-beijing']],
    ['several regions', ['--region', 'cn-beijing,cn-shanghai,eu-west-1'], []],
  ])('%s: list -o json replayed from the file is the same, byte for byte', async (_name, regionArgs, replayArgs) => {
    const listArgs = ['list', ...regionArgs, '--status', 'all', '-o', 'json'];
    const recorded = await record(listArgs);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(recorded.stdout).length).toBeGreaterThan(50);
    // a 19-digit account UID that a plain JSON.parse would round
    expect(recorded.stdout).toContain('1688123456789012345');

    const server = await replay(['--catalogue', 'images.json', ...replayArgs], { 'images.json': recorded.stdout });
    try {
      const replayed = await runInProcess(listArgs, { env: envFor(server.endpoint) });
      expect(replayed.stderr).toBe('');
      expect(replayed.stdout).toBe(recorded.stdout);
      if (replayArgs.length === 0) {
        // --region all asks DescribeRegions: the file's regions, in the file's order
        const all = await runInProcess(['list', '--region', 'all', '--status', 'all', '-o', 'json'], { env: envFor(server.endpoint) });
        expect(all.stdout).toBe(recorded.stdout);
      }
      // the API's own filters and paging, on the user's images as on generated ones
      const filtered = ['list', ...regionArgs, '--owner', 'self', '--tag', 'env=prod', '--page-size', '3', '-o', 'json'];
      expect((await runInProcess(filtered, { env: envFor(server.endpoint) })).stdout).toBe((await record(filtered)).stdout);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('answers DescribeRegions with the regions of the file, and its banner names one of them', async () => {
    const recorded = await record(['list', '--region', 'cn-shanghai,ap-southeast-1', '--status', 'all', '-o', 'json']);
    const server = await replay(['--catalogue', 'images.json'], { 'images.json': recorded.stdout });
    try {
      expect(server.stderr).toMatch(/^Serving \d+ images in 2 regions from images\.json$/m);
      const regions = await runInProcess(['regions', '-o', 'json'], { env: envFor(server.endpoint) });
      expect((JSON.parse(regions.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(['cn-shanghai', 'ap-southeast-1']);
      // the default listing: Available images of system, self and others, in the file's first region
      const list = await runInProcess(['list', '-o', 'json', '--region', 'cn-shanghai'], { env: envFor(server.endpoint) });
      expect(list.stdout).toBe((await record(['list', '-o', 'json', '--region', 'cn-shanghai'])).stdout);
    } finally {
      await server.stop();
    }
  });

  it('serves rows without RegionId in --region, and a region id it does not generate', async () => {
    const rows = [
      { ImageId: 'm-own1', ImageName: 'one', ImageOwnerAlias: 'self', Status: 'Available', CreationTime: '2025-01-02T00:00:00Z', Size: 40 },
      { RegionId: 'me-east-1', ImageId: 'm-dubai', ImageOwnerAlias: 'self', Status: 'Available', CreationTime: '2025-01-01T00:00:00Z', ImageOwnerId: 1688123456789012345678n },
    ];
    const text = JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? `@${v}@` : v)).replace(/"@(\d+)@"/g, '$1');
    const server = await replay(['--catalogue', 'mine.json', '--region', 'cn-wulanchabu'], { 'mine.json': text });
    try {
      const one = await runInProcess(['list', '--region', 'cn-wulanchabu', '-o', 'json'], { env: envFor(server.endpoint) });
      expect(JSON.parse(one.stdout)).toEqual([rows[0]]);
      const dubai = await runInProcess(['list', '--region', 'me-east-1', '-o', 'ndjson'], { env: envFor(server.endpoint) });
      expect(dubai.stdout).toBe('{"ImageId":"m-dubai","ImageOwnerAlias":"self","Status":"Available","CreationTime":"2025-01-01T00:00:00Z","ImageOwnerId":1688123456789012345678}\n');
    } finally {
      await server.stop();
    }
  });

  it('applies the fault flags to the replayed catalogue', async () => {
    const recorded = await record(['list', '--region', 'cn-beijing', '-o', 'json']);
    const server = await replay(['--catalogue', 'images.json', '--region', 'cn-beijing', '--fail', '1:503', '--fault-regions', 'cn-beijing'], { 'images.json': recorded.stdout });
    try {
      const failed = await runInProcess(['list', '--region', 'cn-beijing', '-o', 'json', '--retries', '0'], { env: envFor(server.endpoint) });
      expect(failed.code).toBe(4);
      const served = await runInProcess(['list', '--region', 'cn-beijing', '-o', 'json'], { env: envFor(server.endpoint) });
      expect(served.stdout).toBe(recorded.stdout);
    } finally {
      await server.stop();
    }
  });
});

describe('a catalogue on disk', () => {
  it('is read whatever its size: a recording of every region is megabytes, beyond the 1 MiB of a config file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsimg-catalogue-'));
    try {
      const rows = Array.from({ length: 2000 }, (_, i) => ({
        ImageId: `m-big${i}`,
        ImageOwnerAlias: 'self',
        Status: 'Available',
        CreationTime: '2025-01-01T00:00:00Z',
        Description: 'x'.repeat(600),
      }));
      const path = join(dir, 'images.json');
      writeFileSync(path, JSON.stringify(rows, null, 2));
      const server = await replay(['--catalogue', path], readConfigFileFromDisk);
      try {
        const count = await runInProcess(['list', '--owner', 'self', '--count'], { env: envFor(server.endpoint) });
        expect(count.stdout).toBe('2000\n');
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('that cannot be read is exit 2 saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsimg-catalogue-'));
    try {
      const stdout = captured();
      const stderr = captured();
      const code = await runCli(['emulator', '--port', '0', '--catalogue', dir], {
        io: { stdout, stderr, color: false },
        env: {},
        homeDir: '/home/test',
        readFile: readConfigFileFromDisk,
        signal: new AbortController().signal,
      });
      expect(code).toBe(2);
      expect(stderr.text).toMatch(/--catalogue .*: cannot read the file: not a regular file \(a directory\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a file that cannot be served is exit 2, naming the line or image at fault', () => {
  const image = (fields: Record<string, unknown>): string =>
    JSON.stringify({ ImageId: 'm-1', ImageOwnerAlias: 'self', Status: 'Available', CreationTime: '2025-01-01T00:00:00Z', ...fields });
  it.each([
    ['not JSON', '[\n  {"ImageId": "m-1",}\n]', /images\.json: line 2: not JSON: expected a field name in double quotes/],
    ['truncated', '[\n  {"ImageId": "m-1"', /line 2: not JSON: expected ',' or '}', found the end of the file/],
    ['not an array', '{"Images": []}', /expected a JSON array of images, as `ecsimg list -o json` prints, found an object/],
    ['an entry that is not an object', `[\n${image({})},\n"m-2"\n]`, /line 3 \(entry 2\): expected an image object, found the string "m-2"/],
    ['an entry without ImageId', `[\n${image({})},\n{"ImageName": "x"}\n]`, /line 3 \(entry 2\): no ImageId/],
    ['an ImageId twice in a region', `[\n${image({})},\n${image({})}\n]`, /line 3 \(image m-1\): ImageId m-1 is in cn-hangzhou twice \(first on line 2\)/],
    ['a RegionId that is not a region id', `[${image({ RegionId: 'Hangzhou 1' })}]`, /line 1 \(image m-1\): RegionId must be a region id such as cn-hangzhou, found the string "Hangzhou 1"/],
    ['an unknown Status', `[${image({ Status: 'Gone' })}]`, /\(image m-1\): Status must be one of Creating, .*, found the string "Gone"/],
    ['Tags of another shape', `[${image({ Tags: ['env=prod'] })}]`, /\(image m-1\): Tags must look like \{"Tag": /],
    ['a missing file', undefined, /--catalogue images\.json: no such file/],
  ])('%s', async (_name, text, message) => {
    const result = await runInProcess(['emulator', '--port', '0', '--catalogue', 'images.json'], { files: text === undefined ? {} : { 'images.json': text } });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.split('\n').filter((l) => l !== '').length).toBeLessThanOrEqual(2);
  });

  it('takes --fault-regions from the file, regions the emulator does not generate included', async () => {
    const server = await replay(['--catalogue', 'images.json', '--fail', '1:503', '--fault-regions', 'me-east-1'], { 'images.json': `[${image({ RegionId: 'me-east-1' })}]` });
    await server.stop();
    expect(server.stderr).toMatch(/fault-regions: only requests for me-east-1/);
  });

  it('keeps the same image id apart in two regions', async () => {
    const text = `[${image({ RegionId: 'cn-beijing' })},${image({ RegionId: 'cn-shanghai' })}]`;
    const server = await replay(['--catalogue', 'images.json'], { 'images.json': text });
    await server.stop();
    expect(server.stderr).toMatch(/Serving 2 images in 2 regions/);
  });

  it.each([
    [['--images-per-region', '5'], /--images-per-region sizes the generated catalogue, which --catalogue replaces/],
    [['--region', 'all'], /--region "all": with --catalogue it names the one region of the rows without RegionId/],
    [['--fail', '1:503', '--fault-regions', 'cn-beijing'], /--fault-regions: images\.json has no images in "cn-beijing"/],
  ])('%j with --catalogue is exit 2', async (args, message) => {
    const result = await runInProcess(['emulator', '--port', '0', '--catalogue', 'images.json', ...args], { files: { 'images.json': `[${image({})}]` } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
