import { describe, expect, it } from 'vitest';
import { ImageCatalogue } from '../../src/emulator/catalogue.js';
import { parseRecordedCatalogue } from '../../src/emulator/recordedCatalogue.js';

const row = (id: string, regionId?: string): string =>
  JSON.stringify({ ...(regionId ? { RegionId: regionId } : {}), ImageId: id, ImageOwnerAlias: 'self', Status: 'Available', CreationTime: '2025-01-01T00:00:00Z' });

describe('a recorded catalogue', () => {
  const recorded = parseRecordedCatalogue(`[${row('m-b', 'me-east-1')},${row('m-a')},${row('m-c', 'me-east-1')}]`, 'cn-beijing');

  it('groups rows by RegionId, keeps the file order, and does not serve RegionId back', () => {
    expect([...recorded.keys()]).toEqual(['me-east-1', 'cn-beijing']);
    expect(recorded.get('me-east-1')?.map((i) => i.ImageId)).toEqual(['m-b', 'm-c']);
    expect(Object.keys(recorded.get('me-east-1')?.[0] ?? {})).toEqual(['ImageId', 'ImageOwnerAlias', 'Status', 'CreationTime']);
  });

  it('answers for the file regions only, with names for the ones the emulator knows', () => {
    const catalogue = new ImageCatalogue(undefined, recorded);
    expect(catalogue.regions().map((r) => [r.RegionId, r.LocalNameEn])).toEqual([['me-east-1', 'me-east-1'], ['cn-beijing', 'China (Beijing)']]);
    expect(catalogue.hasRegion('cn-hangzhou')).toBe(false);
  });

  it('churns and resets back to the file', () => {
    const catalogue = new ImageCatalogue(undefined, recorded);
    catalogue.churn('me-east-1', 2, 1);
    expect(catalogue.images('me-east-1').map((i) => i.ImageId)).toHaveLength(3);
    expect(catalogue.images('me-east-1').map((i) => i.ImageId)).not.toContain('m-b');
    catalogue.resetChurn();
    expect(catalogue.images('me-east-1').map((i) => i.ImageId)).toEqual(['m-b', 'm-c']);
  });

  it('serves an empty file as the default region without images', () => {
    expect([...parseRecordedCatalogue('[]', 'cn-beijing')]).toEqual([['cn-beijing', []]]);
  });
});
