import { describe, expect, it } from 'vitest';
import { serializeJson, startEmulator, type CatalogueImage } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { call, expectedImages, listAll, type CallResult, type ExpectedFilter } from './helpers.js';

const REGION = 'cn-hangzhou';
const emulator = useEmulator();

function describeImages(params: Record<string, string>): Promise<CallResult> {
  return call(emulator.current.endpoint, 'DescribeImages', { RegionId: REGION, ...params }, { credentials: emulator.current.credentials });
}

async function expectSameAsFilter(params: Record<string, string>, filter: ExpectedFilter): Promise<string[]> {
  const expected = expectedImages(emulator.current.catalogue, REGION, filter).map((i) => i.ImageId);
  const { ids, totals } = await listAll(emulator.current.endpoint, { RegionId: REGION, ...params }, emulator.current.credentials);
  expect(ids).toEqual(expected);
  expect(new Set(totals)).toEqual(new Set([expected.length]));
  return ids;
}

function selfImage(predicate: (i: CatalogueImage) => boolean): CatalogueImage {
  const image = emulator.current.catalogue.images(REGION).find((i) => i.ImageOwnerAlias === 'self' && predicate(i));
  if (!image) throw new Error('no such image in the catalogue');
  return image;
}

describe('DescribeImages defaults', () => {
  it('answers page 1 of 10 Available system+self+others images, newest first', async () => {
    const r = await describeImages({});
    const expected = expectedImages(emulator.current.catalogue, REGION, {});
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['RequestId', 'RegionId', 'TotalCount', 'PageNumber', 'PageSize', 'Images']);
    expect(r.body).toMatchObject({ RegionId: REGION, PageNumber: 1, PageSize: 10, TotalCount: expected.length });
    expect(r.body.Images.Image).toEqual(expected.slice(0, 10).map((i) => JSON.parse(serializeJson(i))));
  });

  it('never includes marketplace images or other statuses unless asked', async () => {
    const ids = await expectSameAsFilter({}, {});
    const byId = new Map(emulator.current.catalogue.images(REGION).map((i) => [i.ImageId, i]));
    const shown = ids.map((id) => byId.get(id));
    expect(shown.some((i) => i?.ImageOwnerAlias === 'marketplace')).toBe(false);
    expect(shown.every((i) => i?.Status === 'Available')).toBe(true);
    expect(new Set(shown.map((i) => i?.ImageOwnerAlias))).toEqual(new Set(['system', 'self', 'others']));
  });
});

describe('DescribeImages parameters against an independent filter', () => {
  it.each(['system', 'self', 'others', 'marketplace'])('ImageOwnerAlias=%s', async (owner) => {
    const ids = await expectSameAsFilter({ ImageOwnerAlias: owner }, { owner });
    expect(ids.length).toBeGreaterThan(0);
  });

  it.each([
    ['Deprecated', ['Deprecated']],
    ['Creating,Waiting', ['Creating', 'Waiting']],
    ['UnAvailable,CreateFailed', ['UnAvailable', 'CreateFailed']],
    ['ALL', 'ALL'],
  ] as const)('Status=%s', async (status, statuses) => {
    const ids = await expectSameAsFilter({ Status: status }, { statuses: statuses === 'ALL' ? 'ALL' : [...statuses] });
    expect(ids.length).toBeGreaterThan(0);
  });

  it('ImageId takes a comma list and still applies the default status and owners', async () => {
    const all = emulator.current.catalogue.images(REGION);
    const available = all.filter((i) => i.Status === 'Available' && i.ImageOwnerAlias === 'system').slice(0, 2).map((i) => i.ImageId);
    const deprecated = all.find((i) => i.Status === 'Deprecated')?.ImageId ?? '';
    const marketplace = all.find((i) => i.ImageOwnerAlias === 'marketplace')?.ImageId ?? '';
    const imageIds = [...available, deprecated, marketplace];
    const ids = await expectSameAsFilter({ ImageId: imageIds.join(',') }, { imageIds });
    expect(ids.sort()).toEqual([...available].sort());
    await expectSameAsFilter({ ImageId: imageIds.join(','), Status: 'ALL', ImageOwnerAlias: 'marketplace' }, { imageIds, statuses: 'ALL', owner: 'marketplace' });
  });

  it.each(['UBUNTU_22', 'win2019', '主库', ',"frontend"'])('ImageName=%s matches case-insensitive substrings', async (name) => {
    const ids = await expectSameAsFilter({ ImageName: name }, { name });
    expect(ids.length).toBeGreaterThan(0);
  });

  it.each(['instance', 'none'])('Usage=%s', async (usage) => {
    expect((await expectSameAsFilter({ Usage: usage }, { usage })).length).toBeGreaterThan(0);
  });

  it('ImageFamily matches exactly', async () => {
    expect((await expectSameAsFilter({ ImageFamily: 'acs:ubuntu_22_04_x64' }, { family: 'acs:ubuntu_22_04_x64' })).length).toBeGreaterThan(0);
    expect(await expectSameAsFilter({ ImageFamily: 'acs:ubuntu_22' }, { family: 'acs:ubuntu_22' })).toEqual([]);
  });

  it.each(['linux', 'windows'])('OSType=%s', async (osType) => {
    expect((await expectSameAsFilter({ OSType: osType }, { osType })).length).toBeGreaterThan(0);
  });

  it.each(['i386', 'x86_64', 'arm64'])('Architecture=%s (all statuses)', async (architecture) => {
    expect((await expectSameAsFilter({ Architecture: architecture, Status: 'ALL' }, { architecture, statuses: 'ALL' })).length).toBeGreaterThan(0);
  });

  it.each([
    ['ecs.g7.large', 'x86_64'],
    ['ecs.c7.xlarge', 'x86_64'],
    ['ecs.g8y.large', 'arm64'],
    ['ecs.c8y.large', 'arm64'],
    ['ecs.t6-c1m1.large', 'x86_64'],
    ['ecs.u1-c1m2.large', 'x86_64'],
    ['ecs.g5.large', 'x86_64'],
  ])('InstanceType=%s -> %s images', async (instanceType, architecture) => {
    expect((await expectSameAsFilter({ InstanceType: instanceType }, { architecture })).length).toBeGreaterThan(0);
  });

  it('SnapshotId finds the image built from that snapshot', async () => {
    const image = selfImage((i) => i.Status === 'Available' && i.DiskDeviceMappings.DiskDeviceMapping.length > 1);
    const snapshotId = image.DiskDeviceMappings.DiskDeviceMapping[1]?.SnapshotId ?? '';
    expect(await expectSameAsFilter({ SnapshotId: snapshotId }, { snapshotId })).toEqual([image.ImageId]);
  });

  it('Filter CreationStartTime/CreationEndTime bound CreationTime, inclusive', async () => {
    const params = { 'Filter.1.Key': 'CreationStartTime', 'Filter.1.Value': '2024-03-01T00:00Z', 'Filter.2.Key': 'CreationEndTime', 'Filter.2.Value': '2024-09-30T12:30Z' };
    const ids = await expectSameAsFilter(params, { createdFrom: '2024-03-01T00:00:00Z', createdTo: '2024-09-30T12:30:00Z' });
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThan(expectedImages(emulator.current.catalogue, REGION, {}).length);
  });

  describe('tags', () => {
    it('Tag.1.Key + Value matches that pair', async () => {
      expect((await expectSameAsFilter({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }, { tags: [{ key: 'env', value: 'prod' }] })).length).toBeGreaterThan(0);
    });

    it('a key alone (or an empty value) matches any value, including empty ones', async () => {
      const keyOnly = await expectSameAsFilter({ 'Tag.1.Key': 'cost-center' }, { tags: [{ key: 'cost-center' }] });
      const emptyValue = await expectSameAsFilter({ 'Tag.1.Key': 'cost-center', 'Tag.1.Value': '' }, { tags: [{ key: 'cost-center' }] });
      expect(keyOnly.length).toBeGreaterThan(0);
      expect(emptyValue).toEqual(keyOnly);
      const envAny = await expectSameAsFilter({ 'Tag.1.Key': 'env' }, { tags: [{ key: 'env' }] });
      expect(await expectSameAsFilter({ 'Tag.1.Key': 'env', 'Tag.1.Value': '' }, { tags: [{ key: 'env' }] })).toEqual(envAny);
      const envProd = await expectSameAsFilter({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }, { tags: [{ key: 'env', value: 'prod' }] });
      expect(envAny.length).toBeGreaterThan(envProd.length);
    });

    it('every tag must match', async () => {
      const both = await expectSameAsFilter(
        { 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod', 'Tag.2.Key': 'team', 'Tag.2.Value': 'data' },
        { tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'data' }] },
      );
      expect(both).toContain(selfImage((i) => i.ImageName === '数据库镜像-主库').ImageId);
      expect(both.length).toBeLessThan((await expectSameAsFilter({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }, { tags: [{ key: 'env', value: 'prod' }] })).length);
    });

    it('takes 20 tags', async () => {
      const params: Record<string, string> = {};
      const tags = Array.from({ length: 20 }, (_, i) => {
        const n = String(i + 1).padStart(2, '0');
        params[`Tag.${i + 1}.Key`] = `k${n}`;
        params[`Tag.${i + 1}.Value`] = `v${n}`;
        return { key: `k${n}`, value: `v${n}` };
      });
      expect(await expectSameAsFilter(params, { tags })).toEqual([selfImage((i) => i.ImageName === 'many-tags-image').ImageId]);
    });
  });
});

describe('DescribeImages paging', () => {
  it('walks every page once with an odd page size', async () => {
    const expected = expectedImages(emulator.current.catalogue, REGION, { statuses: 'ALL' }).map((i) => i.ImageId);
    const { ids } = await listAll(emulator.current.endpoint, { RegionId: REGION, Status: 'ALL', PageSize: '37' }, emulator.current.credentials);
    expect(ids).toEqual(expected);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(['1', '100'])('accepts PageSize=%s', async (pageSize) => {
    const r = await describeImages({ PageSize: pageSize });
    expect(r.status).toBe(200);
    expect(r.body.PageSize).toBe(Number(pageSize));
    expect(r.body.Images.Image).toHaveLength(Number(pageSize));
  });

  it('answers a page past the end with no images and the right TotalCount', async () => {
    const total = expectedImages(emulator.current.catalogue, REGION, {}).length;
    const r = await describeImages({ PageSize: '100', PageNumber: '999' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ TotalCount: total, PageNumber: 999, PageSize: 100, Images: { Image: [] } });
  });

  it('sends the big self ImageOwnerId as an exact bare number', async () => {
    const r = await describeImages({ ImageOwnerAlias: 'self', PageSize: '1' });
    expect(r.text).toContain('"ImageOwnerId":1688123456789012345');
  });
});

describe('DescribeImages errors', () => {
  it.each([
    ['no RegionId', { RegionId: '' }, 'MissingRegionId', 400],
    ['an unknown region', { RegionId: 'cn-atlantis' }, 'InvalidRegionId.NotFound', 404],
    ['a malformed region', { RegionId: 'CN_HANGZHOU' }, 'InvalidRegionId.MalFormed', 400],
    ['ImageOwnerAlias=public', { ImageOwnerAlias: 'public' }, 'InvalidImageOwnerAlias.ValueNotSupported', 400],
    ['Usage=sometimes', { Usage: 'sometimes' }, 'InvalidUsage', 404],
    ['PageSize=0', { PageSize: '0' }, 'InvalidParameter', 400],
    ['PageSize=101', { PageSize: '101' }, 'InvalidParameter', 400],
    ['PageSize=ten', { PageSize: 'ten' }, 'InvalidParameter', 400],
    ['PageNumber=0', { PageNumber: '0' }, 'InvalidParameter', 400],
    ['Tag.21.Key', { 'Tag.21.Key': 'env' }, 'InvalidTagCount', 400],
    ['a tag value without its key', { 'Tag.1.Value': 'prod' }, 'InvalidTag.Mismatch', 400],
    ['an empty tag key', { 'Tag.1.Key': '' }, 'InvalidTagKey.Malformed', 400],
    ['an unknown instance type', { InstanceType: 'ecs.zz9.large' }, 'InvalidInstanceType.ValueNotSupported', 400],
    ['a filter date without time', { 'Filter.1.Key': 'CreationStartTime', 'Filter.1.Value': '2024-01-01' }, 'InvalidParameter', 400],
    ['a filter time with seconds', { 'Filter.1.Key': 'CreationEndTime', 'Filter.1.Value': '2024-01-01T10:00:00Z' }, 'InvalidParameter', 400],
    ['an unknown filter key', { 'Filter.1.Key': 'Colour', 'Filter.1.Value': 'blue' }, 'InvalidParameter', 400],
    ['Status=available (API spelling only)', { Status: 'available' }, 'InvalidParameter', 400],
    ['OSType=mac', { OSType: 'mac' }, 'InvalidParameter', 400],
    ['Architecture=sparc', { Architecture: 'sparc' }, 'InvalidParameter', 400],
    ['DryRun=true', { DryRun: 'true' }, 'DryRunOperation', 400],
  ] as const)('%s -> %s', async (_name, params, code, status) => {
    const r = await describeImages({ ...params });
    expect({ status: r.status, code: r.body.Code }).toEqual({ status, code });
  });

  it('names the parameter in InvalidParameter messages', async () => {
    const r = await describeImages({ PageSize: '500' });
    expect(r.body.Message).toBe('The specified parameter "PageSize" is not valid.');
  });
});

describe('DescribeRegions', () => {
  it('lists regions with Chinese names by default and English on request', async () => {
    const zh = await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials });
    const en = await call(emulator.current.endpoint, 'DescribeRegions', { AcceptLanguage: 'en-US' }, { credentials: emulator.current.credentials });
    const hz = zh.body.Regions.Region.find((r: { RegionId: string }) => r.RegionId === 'cn-hangzhou');
    expect(hz).toEqual({ RegionId: 'cn-hangzhou', LocalName: '华东1（杭州）', RegionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com', Status: 'available' });
    expect(en.body.Regions.Region.find((r: { RegionId: string }) => r.RegionId === 'cn-hangzhou').LocalName).toBe('China (Hangzhou)');
    expect(zh.body.Regions.Region.map((r: { RegionId: string }) => r.RegionId)).toEqual(emulator.current.catalogue.regions().map((r) => r.RegionId));
  });
});

describe('imagesPerRegion', () => {
  it('scales the system images a region serves', async () => {
    const big = await startEmulator({ imagesPerRegion: 2000 });
    try {
      const r = await call(big.endpoint, 'DescribeImages', { RegionId: REGION, ImageOwnerAlias: 'system', Status: 'ALL', PageSize: '1' }, { credentials: big.credentials });
      expect(r.body.TotalCount).toBe(2000);
    } finally {
      await big.close();
    }
  });
});
