// The official Node SDK in its default configuration (signature V3) against the emulator:
// endpoint and http are all it needs. A dev dependency used by this file only.

import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { expectedImages } from './helpers.js';

const emulator = useEmulator({ imagesPerRegion: 150 });

// CommonJS packages, loaded as such: exports.default is the client class.
const require = createRequire(import.meta.url);
const ecs = require('@alicloud/ecs20140526') as typeof import('@alicloud/ecs20140526');
const { Config } = (require('@alicloud/openapi-core') as typeof import('@alicloud/openapi-core')).$OpenApiUtil;
const EcsClient = ecs.default;

function client(accessKeySecret = emulator.current.credentials.accessKeySecret): InstanceType<typeof EcsClient> {
  return new EcsClient(
    new Config({
      accessKeyId: emulator.current.credentials.accessKeyId,
      accessKeySecret,
      endpoint: `127.0.0.1:${emulator.current.port}`,
      protocol: 'http',
      regionId: 'cn-hangzhou',
    }),
  );
}

describe('the official Node SDK, default configuration', () => {
  it('lists every image of a region through every page, signed V3', async () => {
    emulator.current.resetStats();
    const sdk = client();
    const ids: string[] = [];
    let total = Infinity;
    for (let page = 1; ids.length < total; page++) {
      const { body } = await sdk.describeImages(new ecs.DescribeImagesRequest({ regionId: 'cn-shanghai', pageNumber: page, pageSize: 100 }));
      total = body?.totalCount ?? 0;
      const images = body?.images?.image ?? [];
      if (images.length === 0) break;
      ids.push(...images.map((image) => image.imageId ?? ''));
    }
    const expected = expectedImages(emulator.current.catalogue, 'cn-shanghai', {}).map((image) => image.ImageId);
    expect(expected.length).toBeGreaterThan(100);
    expect(ids).toEqual(expected);
    // V3: nothing signed in the parameters, the action named in a header
    const seen = emulator.current.stats.requests;
    expect(seen.length).toBe(Math.ceil(expected.length / 100));
    expect(seen.every((r) => r.action === 'DescribeImages' && r.params.Signature === undefined && r.accessKeyId === emulator.current.credentials.accessKeyId)).toBe(true);
  });

  it('answers DescribeRegions', async () => {
    const { body } = await client().describeRegions(new ecs.DescribeRegionsRequest({ acceptLanguage: 'en-US' }));
    const regions = body?.regions?.region ?? [];
    expect(regions.map((r) => r.regionId)).toEqual(emulator.current.catalogue.regions().map((r) => r.RegionId));
    expect(regions.find((r) => r.regionId === 'cn-hangzhou')?.localName).toBe('China (Hangzhou)');
  });

  it('is refused with SignatureDoesNotMatch for a wrong secret', async () => {
    await expect(client('not-the-secret').describeRegions(new ecs.DescribeRegionsRequest({}))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
  });
});
