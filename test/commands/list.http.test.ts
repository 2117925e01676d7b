// ecsimg list in-process, through the real pop-core, over HTTP to the emulator on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const REGION = 'cn-hangzhou';

function catalogue(region = REGION): Image[] {
  return emulator.current.catalogue.images(region) as unknown as Image[];
}
const ids = (images: { ImageId: string }[]): string[] => images.map((i) => i.ImageId).sort();
const available = (i: Image): boolean => i.Status === 'Available';

async function listJson(args: string[], env: Record<string, string> = {}): Promise<Image[]> {
  const result = await runInProcess(['list', '-o', 'json', ...args], { env: emulator.env(env) });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Image[];
}

describe('ecsimg list against the emulator', () => {
  it('--owner system prints every available system image of the region, every page', async () => {
    emulator.current.resetStats();
    const images = await listJson(['--owner', 'system']);
    const expected = catalogue().filter((i) => i.ImageOwnerAlias === 'system' && available(i));
    expect(expected.length).toBeGreaterThan(200);
    expect(ids(images)).toEqual(ids(expected));
    expect(new Set(images.map((i) => i.ImageId)).size).toBe(images.length);
    // more than one page was needed, and each was fetched once
    const pages = Math.ceil(expected.length / 100);
    expect(emulator.current.stats.total).toBe(pages);
  });

  it('keeps the API order (newest first) and the objects untouched', async () => {
    const images = await listJson(['--owner', 'self']);
    const times = images.map((i) => i.CreationTime!);
    expect([...times].sort().reverse()).toEqual(times);
    const byId = new Map(catalogue().map((i) => [i.ImageId, i]));
    for (const image of images) expect(image).toEqual(JSON.parse(JSON.stringify(byId.get(image.ImageId), (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))));
  });

  it('without --owner lists system, self and others but never marketplace', async () => {
    const images = await listJson([]);
    const owners = new Set(images.map((i) => i.ImageOwnerAlias));
    expect(owners).toEqual(new Set(['system', 'self', 'others']));
    expect(ids(images)).toEqual(ids(catalogue().filter((i) => i.ImageOwnerAlias !== 'marketplace' && available(i))));
  });

  it.each(['self', 'others', 'marketplace'])('--owner %s', async (owner) => {
    const images = await listJson(['--owner', owner]);
    expect(images.length).toBeGreaterThan(0);
    expect(ids(images)).toEqual(ids(catalogue().filter((i) => i.ImageOwnerAlias === owner && available(i))));
  });

  it('--image-id takes commas and repeats', async () => {
    const [a, b, c] = catalogue().filter(available);
    const images = await listJson(['--image-id', `${a!.ImageId},${b!.ImageId}`, '--image-id', c!.ImageId]);
    expect(ids(images)).toEqual(ids([a!, b!, c!]));
  });

  it('--name is the API fuzzy match', async () => {
    const images = await listJson(['--name', 'UBUNTU_22']);
    expect(images.length).toBeGreaterThan(0);
    expect(ids(images)).toEqual(
      ids(catalogue().filter((i) => available(i) && i.ImageOwnerAlias !== 'marketplace' && (i.ImageName ?? '').toLowerCase().includes('ubuntu_22'))),
    );
  });

  it('--status takes any case and all', async () => {
    const deprecated = await listJson(['--status', 'deprecated,unavailable']);
    expect(deprecated.length).toBeGreaterThan(0);
    expect(new Set(deprecated.map((i) => i.Status))).toEqual(new Set(['Deprecated', 'UnAvailable']));
    const all = await listJson(['--status', 'all', '--owner', 'self']);
    expect(ids(all)).toEqual(ids(catalogue().filter((i) => i.ImageOwnerAlias === 'self')));
  });

  it('--tag key=value and key-only', async () => {
    const prod = await listJson(['--tag', 'env=prod']);
    expect(prod.length).toBeGreaterThan(0);
    const tagsOf = (i: Image) => i.Tags?.Tag ?? [];
    expect(ids(prod)).toEqual(
      ids(catalogue().filter((i) => available(i) && i.ImageOwnerAlias !== 'marketplace' && tagsOf(i).some((t) => t.TagKey === 'env' && t.TagValue === 'prod'))),
    );
    const anyEnv = await listJson(['--tag', 'env']);
    expect(anyEnv.length).toBeGreaterThan(prod.length);
    expect(anyEnv.every((i) => tagsOf(i).some((t) => t.TagKey === 'env'))).toBe(true);
  });

  it('--os-type, --arch and --usage', async () => {
    const images = await listJson(['--owner', 'system', '--os-type', 'windows', '--arch', 'x86_64']);
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((i) => i.OSType === 'windows' && i.Architecture === 'x86_64')).toBe(true);
    const inUse = await listJson(['--usage', 'instance']);
    expect(inUse.length).toBeGreaterThan(0);
    expect(inUse.every((i) => i.Usage === 'instance')).toBe(true);
  });

  it('--instance-type keeps images usable with that type', async () => {
    const arm = await listJson(['--owner', 'system', '--instance-type', 'ecs.g8y.large']);
    expect(arm.length).toBeGreaterThan(0);
    expect(arm.every((i) => i.Architecture === 'arm64')).toBe(true);
  });

  it('--family and --snapshot-id', async () => {
    const withFamily = catalogue().find((i) => available(i) && i.ImageOwnerAlias !== 'marketplace' && typeof i.ImageFamily === 'string' && i.ImageFamily !== '');
    expect(withFamily).toBeDefined();
    const family = await listJson(['--family', withFamily!.ImageFamily as string]);
    expect(family.map((i) => i.ImageId)).toContain(withFamily!.ImageId);
    expect(family.every((i) => i.ImageFamily === withFamily!.ImageFamily)).toBe(true);

    const withSnapshot = catalogue().find(
      (i) => available(i) && i.ImageOwnerAlias === 'self' && (i.DiskDeviceMappings?.DiskDeviceMapping ?? []).some((d) => d.SnapshotId),
    );
    const snapshotId = withSnapshot!.DiskDeviceMappings!.DiskDeviceMapping.find((d) => d.SnapshotId)!.SnapshotId!;
    const bySnapshot = await listJson(['--snapshot-id', snapshotId]);
    expect(bySnapshot.map((i) => i.ImageId)).toEqual([withSnapshot!.ImageId]);
  });

  it('--created-after and --created-before bound CreationTime', async () => {
    const images = await listJson(['--owner', 'system', '--created-after', '2024-01-01', '--created-before', '2024-06-30T23:59Z']);
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) {
      expect(i.CreationTime! >= '2024-01-01T00:00').toBe(true);
      expect(i.CreationTime! <= '2024-06-30T23:59:59Z').toBe(true);
    }
    const expected = catalogue().filter(
      (i) => available(i) && i.ImageOwnerAlias === 'system' && i.CreationTime! >= '2024-01-01T00:00:00Z' && i.CreationTime! < '2024-07-01T00:00:00Z',
    );
    expect(ids(images)).toEqual(ids(expected));
  });

  it('a small --page-size gives the same images in more requests', async () => {
    const reference = await listJson(['--owner', 'self']);
    emulator.current.resetStats();
    const small = await listJson(['--owner', 'self', '--page-size', '3']);
    expect(small.map((i) => i.ImageId)).toEqual(reference.map((i) => i.ImageId));
    expect(emulator.current.stats.total).toBe(Math.ceil(reference.length / 3));
  });

  it('--limit under the page size sends exactly one request', async () => {
    emulator.current.resetStats();
    const images = await listJson(['--owner', 'system', '--limit', '5']);
    expect(images).toHaveLength(5);
    expect(emulator.current.stats.total).toBe(1);
    expect(emulator.current.stats.requests.at(-1)?.params.PageSize).toBe('5');
  });

  it('--limit over a page sends only the pages it needs', async () => {
    emulator.current.resetStats();
    const images = await listJson(['--owner', 'system', '--limit', '150']);
    expect(images).toHaveLength(150);
    expect(emulator.current.stats.total).toBe(2);
  });

  it('sends no parameter the user did not give, and POSTs', async () => {
    emulator.current.resetStats();
    await listJson(['--owner', 'system', '--limit', '1']);
    const [request] = emulator.current.stats.requests;
    expect(request!.method).toBe('POST');
    const own = Object.keys(request!.params).filter(
      (k) => !['Action', 'Version', 'Format', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'].includes(k),
    );
    expect(own.sort()).toEqual(['ImageOwnerAlias', 'PageNumber', 'PageSize', 'RegionId']);
    expect(Object.values(request!.params)).not.toContain('undefined');
  });

  it('ndjson prints one image per line', async () => {
    const result = await runInProcess(['list', '--owner', 'self', '-o', 'ndjson'], { env: emulator.env() });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    const expected = catalogue().filter((i) => i.ImageOwnerAlias === 'self' && available(i));
    expect(lines).toHaveLength(expected.length);
    expect(ids(lines.map((l) => JSON.parse(l) as Image))).toEqual(ids(expected));
  });

  it('the default table has the default columns and no escape codes off a TTY', async () => {
    const result = await runInProcess(['list', '--owner', 'system', '--limit', '3'], { env: emulator.env() });
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header!.split(/\s+/)).toEqual(['ImageId', 'ImageName', 'OSName', 'Architecture', 'Size', 'Status', 'ImageOwnerAlias', 'CreationTime']);
    expect(rows).toHaveLength(3);
    expect(result.stdout).not.toContain('\x1b');
  });

  it.each([
    ['csv', (out: string) => out.trimEnd().split('\n').slice(1).map((line) => line.split(',').slice(0, 2))],
    ['tsv', (out: string) => out.trimEnd().split('\n').slice(1).map((line) => line.split('\t').slice(0, 2))],
    ['table', (out: string) => out.trimEnd().split('\n').slice(1).map((line) => line.split(/\s+/).slice(0, 2))],
    ['json', (out: string) => (JSON.parse(out) as Record<string, unknown>[]).map((row) => [row.RegionId, row.ImageId])],
    ['ndjson', (out: string) => out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).map((row) => [row.RegionId, row.ImageId])],
  ])('--columns RegionId with one region fills the column (%s)', async (format, cells) => {
    const result = await runInProcess(['list', '--owner', 'self', '--region', 'cn-beijing', '--columns', 'RegionId,ImageId', '-o', format], { env: emulator.env() });
    expect(result.code).toBe(0);
    const expected = catalogue('cn-beijing').filter((i) => i.ImageOwnerAlias === 'self' && available(i));
    expect(expected.length).toBeGreaterThan(0);
    expect(cells(result.stdout)).toEqual(expected.map((i) => ['cn-beijing', i.ImageId]));
    if (format === 'json') expect(Object.keys((JSON.parse(result.stdout) as object[])[0]!)).toEqual(['RegionId', 'ImageId']);
  });

  it('without RegionId in --columns one region keeps rows without it', async () => {
    const rows = await listJson(['--owner', 'self', '--limit', '2']);
    expect(rows.map((row) => Object.hasOwn(row, 'RegionId'))).toEqual([false, false]);
  });

  it('an empty result is [] and exit 0', async () => {
    const images = await listJson(['--name', 'no-such-image-anywhere']);
    expect(images).toEqual([]);
  });

  it('a big ImageOwnerId survives exactly', async () => {
    const result = await runInProcess(['list', '-o', 'json', '--owner', 'self', '--status', 'all'], { env: emulator.env() });
    expect(result.stdout).toMatch(/"ImageOwnerId": \d{17,}/);
    const big = catalogue().find((i) => typeof i.ImageOwnerId === 'bigint');
    expect(big).toBeDefined();
    expect(result.stdout).toContain(`"ImageOwnerId": ${String(big!.ImageOwnerId)}`);
  });
});

describe('ecsimg list: bad input and credentials', () => {
  it.each([
    [['--owner', 'me'], '--owner'],
    [['--status', 'gone'], '--status'],
    [['--page-size', '101'], '--page-size'],
    [['--page-size', '0'], '--page-size'],
    [['--limit', 'ten'], '--limit'],
    [['--tag', '=prod'], '--tag'],
    [['--created-after', 'yesterday'], '--created-after'],
    [['--arch', 'sparc'], '--arch'],
    [['--concurrency', '0'], '--concurrency'],
    [['--region', 'Not A Region'], 'region'],
    [['-o', 'yaml'], '--output'],
  ])('%j is exit 2 naming the flag, with nothing sent', async (args, flag) => {
    emulator.current.resetStats();
    const result = await runInProcess(['list', ...args], { env: emulator.env() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(flag);
    expect(result.stderr.trim().split('\n')[0]).toMatch(/^ecsimg: /);
    expect(emulator.current.stats.total).toBe(0);
  });

  it('more than 20 tags is exit 2 before any request', async () => {
    const tags = Array.from({ length: 21 }, (_, i) => ['--tag', `k${i}=v`]).flat();
    const result = await runInProcess(['list', ...tags], { env: emulator.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at most 20');
  });

  it('no region is exit 2 with the fix', async () => {
    const env = emulator.env();
    delete env.ALIBABA_CLOUD_REGION_ID;
    const result = await runInProcess(['list'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no region: pass --region or set ALIBABA_CLOUD_REGION_ID');
  });

  it('no credentials is exit 3 naming the variables', async () => {
    const { ALIBABA_CLOUD_ECS_ENDPOINT, ALIBABA_CLOUD_REGION_ID } = emulator.env();
    const result = await runInProcess(['list'], { env: { ALIBABA_CLOUD_ECS_ENDPOINT, ALIBABA_CLOUD_REGION_ID } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(result.stderr).toContain('ALIBABA_CLOUD_ACCESS_KEY_SECRET');
  });

  it('a wrong secret is SignatureDoesNotMatch: exit 3, and the string to sign is not shown', async () => {
    const result = await runInProcess(['list', '--retries', '0'], {
      env: emulator.env({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret' }),
    });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('SignatureDoesNotMatch');
    expect(result.stderr.toLowerCase()).not.toContain('string to sign');
    expect(result.stderr).not.toContain(emulator.current.credentials.accessKeyId);
  });

  it('--dry-run with --region all sends nothing, not even DescribeRegions', async () => {
    emulator.current.resetStats();
    const result = await runInProcess(['list', '--region', 'all', '--dry-run'], { env: emulator.env() });
    expect(result.code).toBe(0);
    expect(emulator.current.stats.total).toBe(0);
    const requests = JSON.parse(result.stdout) as { Action: string; Parameters: Record<string, string> }[];
    expect(requests.map((r) => r.Action)).toEqual(['DescribeRegions', 'DescribeImages']);
    expect(requests[1]!.Parameters.RegionId).toBe('{RegionId}');
  });

  it('--dry-run prints the request and sends nothing', async () => {
    emulator.current.resetStats();
    const result = await runInProcess(['list', '--owner', 'self', '--tag', 'env=prod', '--dry-run'], { env: emulator.env() });
    expect(result.code).toBe(0);
    expect(emulator.current.stats.total).toBe(0);
    const [request] = JSON.parse(result.stdout) as { Endpoint: string; Action: string; Parameters: Record<string, string> }[];
    expect(request).toEqual({
      Endpoint: emulator.current.endpoint,
      Method: 'POST',
      Action: 'DescribeImages',
      Parameters: { RegionId: REGION, ImageOwnerAlias: 'self', 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', PageNumber: '1', PageSize: '100' },
    });
    expect(result.stdout).not.toContain(emulator.current.credentials.accessKeySecret);
  });
});

describe('--debug', () => {
  it('logs each request, and each answer with its first 400 characters', async () => {
    const result = await runInProcess(['list', '--owner', 'system', '-o', 'json', '--page-size', '50', '--debug'], { env: emulator.env() });
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    const requests = lines.filter((line) => line.startsWith('debug: request DescribeImages '));
    const answers = lines.filter((line) => line.startsWith('debug: response DescribeImages HTTP 200 '));
    expect(requests.length).toBeGreaterThan(1);
    expect(answers).toHaveLength(requests.length);
    for (const answer of answers) {
      const body = /in \d+ ms (.*)$/.exec(answer)?.[1] ?? '';
      expect(body).toMatch(/^\{"RequestId":"[^"]+","RegionId":"cn-hangzhou","TotalCount":\d+,/);
      expect(body).toMatch(/… \(\d+ characters\)$/);
      expect(body.length).toBeLessThan(440);
    }
  });

  it('says once where the region came from, though show asks for it again to word its not-found hint', async () => {
    for (const args of [['list', '--owner', 'system', '--limit', '1'], ['show', 'm-bp1nosuchimage']]) {
      const result = await runInProcess([...args, '--debug'], { env: emulator.env() });
      expect(result.stderr.match(/^debug: region: /gm), args[0]).toHaveLength(1);
    }
  });
});
