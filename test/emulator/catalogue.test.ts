import { describe, expect, it } from 'vitest';
import { ImageCatalogue } from '../../src/emulator/catalogue.js';
import { SELF_OWNER_ID, type CatalogueImage } from '../../src/emulator/index.js';

const FIELDS = [
  'ImageId', 'ImageName', 'ImageVersion', 'ImageFamily', 'Description', 'Size', 'ImageOwnerAlias', 'IsSupportIoOptimized',
  'IsSupportCloudinit', 'OSName', 'OSNameEn', 'OSType', 'Platform', 'Architecture', 'Status', 'Progress', 'Usage', 'CreationTime',
  'ProductCode', 'IsCopied', 'IsSubscribed', 'IsSelfShared', 'BootMode', 'Tags', 'DiskDeviceMappings',
];

describe('catalogue', () => {
  const catalogue = new ImageCatalogue();
  const hangzhou = catalogue.images('cn-hangzhou');
  const owned = (alias: string): CatalogueImage[] => hangzhou.filter((i) => i.ImageOwnerAlias === alias);

  it('is the same on every run', () => {
    const again = new ImageCatalogue().images('cn-hangzhou');
    expect(again).toEqual(hangzhou);
    expect(new ImageCatalogue().images('cn-beijing')).not.toEqual(hangzhou);
  });

  it('lists the real regions with their Chinese names', () => {
    const regions = catalogue.regions();
    for (const id of ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'us-west-1', 'eu-central-1']) {
      expect(regions.map((r) => r.RegionId)).toContain(id);
    }
    expect(regions.find((r) => r.RegionId === 'cn-hangzhou')).toMatchObject({ LocalName: '华东1（杭州）', RegionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com', Status: 'available' });
    expect(() => catalogue.images('xx-nowhere-1')).toThrow();
  });

  it('has a few hundred system images named as real ones, ImageId equal to the name', () => {
    const system = owned('system');
    expect(system.length).toBeGreaterThanOrEqual(300);
    for (const image of system) {
      expect(image.ImageId).toBe(image.ImageName);
      expect(image.ImageId).toMatch(/^[A-Za-z0-9_-]+_(20|40)G_(rhck_)?alibase_20\d{6}\.vhd$/);
    }
    const names = system.map((i) => i.ImageName);
    for (const prefix of ['ubuntu_22_04_x64_20G_alibase_', 'ubuntu_24_04_arm64_20G_alibase_2025', 'aliyun_3_x64_20G_alibase_', 'centos_7_9_x64_20G_alibase_', 'debian_12_', 'win2022_21H2_x64_dtc_en-us_40G_alibase_', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_', 'rockylinux_', 'almalinux_', 'anolisos_', 'opensuse_']) {
      expect(names.filter((n) => n.startsWith(prefix)).length, prefix).toBeGreaterThan(1);
    }
    expect(new Set(hangzhou.map((i) => i.ImageId)).size).toBe(hangzhou.length);
  });

  it('has custom, shared and marketplace images with tags, big owner ids and awkward text', () => {
    const self = owned('self');
    expect(self.length).toBeGreaterThanOrEqual(30);
    for (const image of self) {
      expect(image.ImageId).toMatch(/^m-[a-z0-9]{20}$/);
      expect(image.ImageOwnerId).toBe(SELF_OWNER_ID);
    }
    expect(SELF_OWNER_ID > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(owned('others').length).toBeGreaterThan(5);
    expect(owned('marketplace').length).toBeGreaterThan(5);
    expect(self.some((i) => i.ImageName === 'web,"frontend"\n第二行')).toBe(true);
    expect(self.some((i) => i.ImageName.includes('\t'))).toBe(true);
    expect(self.some((i) => /\n/.test(i.Description) && /"/.test(i.Description))).toBe(true);
    // eslint-disable-next-line no-control-regex
    expect(self.some((i) => /\x1b/.test(i.Description) && /\x07/.test(i.Description) && /\x00/.test(i.Description) && /\x9b/.test(i.Description))).toBe(true);
    expect(self.some((i) => i.Tags.Tag.some((t) => /[;=]/.test(t.TagKey) && /[\\:]/.test(t.TagValue)))).toBe(true);
    const tagKeys = new Set(self.flatMap((i) => i.Tags.Tag.map((t) => `${t.TagKey}=${t.TagValue}`)));
    for (const t of ['env=prod', 'env=staging', 'env=dev', 'cost-center=']) expect(tagKeys).toContain(t);
    expect(self.some((i) => i.DiskDeviceMappings.DiskDeviceMapping.some((d) => d.SnapshotId.startsWith('s-') && typeof d.Size === 'string'))).toBe(true);
  });

  it('covers every status, usage, OS type and architecture, with the full field set', () => {
    const statuses = new Set(hangzhou.map((i) => i.Status));
    for (const s of ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated']) expect(statuses).toContain(s);
    expect(new Set(hangzhou.map((i) => i.Usage))).toEqual(new Set(['instance', 'none']));
    expect(new Set(hangzhou.map((i) => i.OSType))).toEqual(new Set(['linux', 'windows']));
    expect(new Set(hangzhou.map((i) => i.Architecture))).toEqual(new Set(['i386', 'x86_64', 'arm64']));
    for (const image of hangzhou) {
      expect(Object.keys(image)).toEqual(expect.arrayContaining(FIELDS));
      expect(image.CreationTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(typeof image.Size).toBe('number');
    }
  });

  it('is in API order: newest first, ties by ImageId', () => {
    const times = hangzhou.map((i) => i.CreationTime);
    expect(new Set(times).size, 'some images share a CreationTime').toBeLessThan(times.length);
    for (let i = 1; i < hangzhou.length; i++) {
      const a = hangzhou[i - 1] as CatalogueImage;
      const b = hangzhou[i] as CatalogueImage;
      expect(a.CreationTime > b.CreationTime || (a.CreationTime === b.CreationTime && a.ImageId < b.ImageId)).toBe(true);
    }
  });

  it('scales to 50,000 system images in one region quickly', () => {
    const started = performance.now();
    const big = new ImageCatalogue(50_000).images('cn-hangzhou');
    const elapsed = performance.now() - started;
    expect(big.filter((i) => i.ImageOwnerAlias === 'system')).toHaveLength(50_000);
    expect(new Set(big.map((i) => i.ImageId)).size).toBe(big.length);
    expect(elapsed).toBeLessThan(3000);
  });

  it('churns and resets back to the original', () => {
    const c = new ImageCatalogue();
    const before = c.images('cn-shanghai');
    c.churn('cn-shanghai', 3, 2);
    const after = c.images('cn-shanghai');
    expect(after.length).toBe(before.length + 1);
    expect(after.slice(0, 3).every((i) => i.ImageName.startsWith('churn-new-'))).toBe(true);
    c.resetChurn();
    expect(c.images('cn-shanghai')).toEqual(before);
  });
});
