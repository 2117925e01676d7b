// DescribeImageFromFamily: the newest Available image of a family, from the same catalogue
// DescribeImages serves, checked against an independent filter over that catalogue.
import { describe, expect, it } from 'vitest';
import { serializeJson, type CatalogueImage, type RecordedImage } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { call, type CallResult } from './helpers.js';

const REGION = 'cn-hangzhou';
const T0 = Date.UTC(2026, 0, 1);
let clock = T0;
const emulator = useEmulator({ now: () => clock });

const recordedImage = (ImageId: string, CreationTime: string, Status = 'Available', ImageOwnerAlias = 'self'): RecordedImage =>
  ({ ImageId, CreationTime, Status, ImageOwnerAlias, ImageFamily: 'recorded-family' }) as RecordedImage;
// the file's order, not newest first: the newest Available one DescribeImages shows by default is the second
const recorded = useEmulator({
  recorded: new Map([[REGION, [
    recordedImage('m-old', '2024-01-01T00:00:00Z'),
    recordedImage('m-newest', '2024-06-01T00:00:00Z'),
    recordedImage('m-newer-but-creating', '2024-07-01T00:00:00Z', 'Creating'),
    recordedImage('m-newer-but-marketplace', '2024-08-01T00:00:00Z', 'Available', 'marketplace'),
  ]]]),
});

function fromFamily(params: Record<string, string>, endpoint = emulator.current.endpoint): Promise<CallResult> {
  return call(endpoint, 'DescribeImageFromFamily', params, { credentials: emulator.current.credentials });
}

/** Independent of the emulator's query code: newest Available system/self/others image of the family. */
function expectedNewest(regionId: string, family: string): CatalogueImage | undefined {
  return emulator.current.catalogue
    .images(regionId)
    .filter((i) => i.ImageFamily === family && i.Status === 'Available' && i.ImageOwnerAlias !== 'marketplace')
    .sort((a, b) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : 0))[0];
}

async function addImage(body: object): Promise<{ ImageId: string }> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Image: { ImageId: string } }).Image;
}

describe('DescribeImageFromFamily', () => {
  it.each(['acs:ubuntu_22_04_x64', 'web-family', 'db-family'])('answers { RequestId, Image } with the newest Available image of %s', async (family) => {
    const expected = expectedNewest(REGION, family);
    expect(expected).toBeDefined();
    const r = await fromFamily({ RegionId: REGION, ImageFamily: family });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['RequestId', 'Image']);
    expect(r.body.Image).toEqual(JSON.parse(serializeJson(expected)));
  });

  it('skips newer images of the family that are not Available (the catalogue has Deprecated ones)', async () => {
    const family = 'acs:centos_7_9_x64';
    const all = emulator.current.catalogue.images(REGION).filter((i) => i.ImageFamily === family);
    expect(all.some((i) => i.Status !== 'Available')).toBe(true);
    const r = await fromFamily({ RegionId: REGION, ImageFamily: family });
    expect(r.body.Image.Status).toBe('Available');
    expect(r.body.Image.ImageId).toBe(expectedNewest(REGION, family)!.ImageId);
  });

  it('an image added through the control API wins once it is Available, not while Creating', async () => {
    const family = 'web-family';
    const before = (await fromFamily({ RegionId: 'cn-beijing', ImageFamily: family })).body.Image.ImageId as string;
    const creating = await addImage({ RegionId: 'cn-beijing', ImageName: 'web-next', ImageFamily: family, CreatingSeconds: 10 });
    expect((await fromFamily({ RegionId: 'cn-beijing', ImageFamily: family })).body.Image.ImageId).toBe(before);
    clock += 10_000;
    expect((await fromFamily({ RegionId: 'cn-beijing', ImageFamily: family })).body.Image.ImageId).toBe(creating.ImageId);
  });

  it('a family with no Available image (or none at all) is an empty Image, as the API reference says', async () => {
    const r = await fromFamily({ RegionId: REGION, ImageFamily: 'no-such-family' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ RequestId: expect.any(String), Image: {} });
  });

  it('a family whose only image is CreateFailed is an empty Image too', async () => {
    await addImage({ RegionId: 'cn-shanghai', ImageName: 'm', ImageFamily: 'only-failed', Status: 'CreateFailed' });
    expect((await fromFamily({ RegionId: 'cn-shanghai', ImageFamily: 'only-failed' })).body.Image).toEqual({});
  });

  it.each([
    [{ ImageFamily: 'web-family' }, 'MissingRegionId'],
    [{ RegionId: REGION }, 'MissingImageFamily'],
    [{ RegionId: 'xx-nowhere-1', ImageFamily: 'web-family' }, 'InvalidRegionId.NotFound'],
    [{ RegionId: 'CN_HANGZHOU', ImageFamily: 'web-family' }, 'InvalidRegionId.MalFormed'],
  ])('%j is %s', async (params, code) => {
    const r = await fromFamily(params);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.Code).toBe(code);
  });

  it('a recorded catalogue (--catalogue) in file order: the newest Available by CreationTime, no marketplace image', async () => {
    const r = await fromFamily({ RegionId: REGION, ImageFamily: 'recorded-family' }, recorded.current.endpoint);
    expect(r.body.Image.ImageId).toBe('m-newest');
  });
});
