// The emulator as ecsimg meets it: through the real @alicloud/pop-core.
import RPCClient from '@alicloud/pop-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { expectedImages, rejection } from './helpers.js';

// pop-core parses with json-bigint: null-prototype objects, BigNumber for huge integers
interface PopImage {
  ImageId: string;
  ImageOwnerAlias: string;
  ImageOwnerId?: { toString(): string } | number;
}
interface PopImages {
  TotalCount: number;
  PageSize: number;
  Images: { Image: PopImage[] };
}

const emulator = useEmulator();

beforeEach(() => {
  emulator.current.setFaults({});
});

function client(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = emulator.current.credentials): RPCClient {
  return new RPCClient({ endpoint: emulator.current.endpoint, apiVersion: '2014-05-26', ...credentials });
}

describe('with @alicloud/pop-core', () => {
  it('lists images by POST, as ecsimg sends them', async () => {
    const r = await client().request<PopImages>('DescribeImages', { RegionId: 'cn-hangzhou' }, { method: 'POST', timeout: 5000 });
    const expected = expectedImages(emulator.current.catalogue, 'cn-hangzhou', {});
    expect(r.TotalCount).toBe(expected.length);
    expect(r.PageSize).toBe(10);
    expect(r.Images.Image.map((i) => i.ImageId)).toEqual(expected.slice(0, 10).map((i) => i.ImageId));
  });

  it('lists images by GET too', async () => {
    const r = await client().request<PopImages>('DescribeImages', { RegionId: 'cn-shanghai', ImageOwnerAlias: 'marketplace' }, { timeout: 5000 });
    expect(r.TotalCount).toBe(expectedImages(emulator.current.catalogue, 'cn-shanghai', { owner: 'marketplace' }).length);
  });

  it('round-trips the 19-digit ImageOwnerId exactly', async () => {
    const r = await client().request<PopImages>('DescribeImages', { RegionId: 'cn-hangzhou', ImageOwnerAlias: 'self' }, { method: 'POST', timeout: 5000 });
    const owner = r.Images.Image[0]?.ImageOwnerId;
    expect(typeof owner).toBe('object');
    expect(String(owner)).toBe('1688123456789012345');
  });

  it('flattens tag lists into Tag.N.Key/Value the emulator understands', async () => {
    const r = await client().request<PopImages>(
      'DescribeImages',
      { RegionId: 'cn-hangzhou', Tag: [{ Key: 'env', Value: 'prod' }, { Key: 'team' }], PageSize: 100 },
      { method: 'POST', timeout: 5000 },
    );
    const expected = expectedImages(emulator.current.catalogue, 'cn-hangzhou', { tags: [{ key: 'env', value: 'prod' }, { key: 'team' }] });
    expect(r.TotalCount).toBe(expected.length);
    expect(r.TotalCount).toBeGreaterThan(0);
  });

  it('works with the STS triple', async () => {
    const r = await client(emulator.current.stsCredentials).request<{ Regions: { Region: { RegionId: string }[] } }>('DescribeRegions', {}, { method: 'POST', timeout: 5000 });
    expect(r.Regions.Region.map((x) => x.RegionId)).toContain('cn-hangzhou');
  });

  it('surfaces error codes and statuses through pop-core', async () => {
    const bad = await rejection(client({ ...emulator.current.credentials, accessKeySecret: 'wrong' }).request('DescribeRegions', {}, { method: 'POST', timeout: 5000 }));
    expect(bad.code).toBe('SignatureDoesNotMatch');
    expect(bad.entry.response.statusCode).toBe(400);
    expect(bad.data.Message).toContain('server string to sign is:');

    const forbidden = await rejection(client(emulator.current.forbiddenCredentials).request('DescribeRegions', {}, { method: 'POST', timeout: 5000 }));
    expect([forbidden.code, forbidden.entry.response.statusCode]).toEqual(['Forbidden.RAM', 403]);
  });

  it('surfaces throttling with its retry-after header, and HTML pages as parse failures', async () => {
    emulator.current.setFaults({ throttle: { firstN: 1 }, retryAfterMs: 800 });
    const throttled = await rejection(client().request('DescribeImages', { RegionId: 'cn-hangzhou' }, { method: 'POST', timeout: 5000 }));
    expect(throttled.code).toBe('Throttling.User');
    expect(throttled.entry.response.headers['x-acs-retry-after']).toBe('800');

    emulator.current.setFaults({ htmlErrors: { count: 1, status: 502 } });
    const html = await rejection(client().request('DescribeImages', { RegionId: 'cn-hangzhou' }, { method: 'POST', timeout: 5000 }));
    // json-bigint throws a plain object, not an Error: { name: 'SyntaxError', message, at, text }
    expect(html).toMatchObject({ name: 'SyntaxError' });
    expect(String((html as unknown as { text: string }).text)).toContain('502 Bad Gateway');
  });
});
