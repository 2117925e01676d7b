// The emulator's lifecycle: --creating images and the control API, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { parseCreating } from '../../src/commands/emulatorOptions.js';
import { useEmulator } from '../support/emulator.js';
import { call } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1);
let clock = T0;
const emulator = useEmulator({ creating: { count: 2, seconds: 10, failed: 1 }, now: () => clock });

interface Served {
  ImageId: string;
  Status: string;
  Progress: string;
  CreationTime: string;
  DiskDeviceMappings: { DiskDeviceMapping: { Progress: string }[] };
}

async function imagesNamed(regionId: string, name: string): Promise<Served[]> {
  const r = await call(emulator.current.endpoint, 'DescribeImages', { RegionId: regionId, ImageName: name, Status: 'ALL', ImageOwnerAlias: 'self' }, { credentials: emulator.current.credentials });
  expect(r.status).toBe(200);
  return r.body.Images.Image;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function control(method: string, path: string, body?: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe('--creating', () => {
  it('serves n images per region in Creating with Progress rising, then Available, the last CreateFailed', async () => {
    clock = T0;
    const first = await imagesNamed('cn-beijing', 'creating-1');
    expect(first.map((i) => [i.Status, i.Progress])).toEqual([['Creating', '0%']]);
    clock += 3_500;
    expect((await imagesNamed('cn-beijing', 'creating-1')).map((i) => [i.Status, i.Progress])).toEqual([['Creating', '35%']]);
    expect((await imagesNamed('cn-beijing', 'creating-2')).map((i) => [i.Status, i.Progress])).toEqual([['Creating', '35%']]);
    // its disks are copied with it
    const disks = (await imagesNamed('cn-beijing', 'creating-1'))[0]!.DiskDeviceMappings.DiskDeviceMapping;
    expect(disks.length).toBeGreaterThan(0);
    expect(disks.map((d) => d.Progress)).toEqual(disks.map(() => '35%'));
    clock += 6_500;
    const done = await imagesNamed('cn-beijing', 'creating-1');
    expect(done.map((i) => [i.ImageId, i.Status, i.Progress])).toEqual([[first[0]!.ImageId, 'Available', '100%']]);
    expect(done[0]!.DiskDeviceMappings.DiskDeviceMapping.every((d) => d.Progress === '100%')).toBe(true);
    expect((await imagesNamed('cn-beijing', 'creating-2')).map((i) => i.Status)).toEqual(['CreateFailed']);
    // a region first asked for later started with the others: the emulator's start
    expect((await imagesNamed('cn-shanghai', 'creating-1')).map((i) => i.Status)).toEqual(['Available']);
  });

  it('parses n:seconds[:failed] and refuses what it cannot mean', () => {
    expect(parseCreating('2:0.5')).toEqual({ count: 2, seconds: 0.5 });
    expect(parseCreating('3:30:1')).toEqual({ count: 3, seconds: 30, failed: 1 });
    for (const bad of ['2', '0:5', 'x:5', '2:-1', '2:5:3', '1:2:3:4']) expect(() => parseCreating(bad), bad).toThrow(/--creating/);
  });
});

describe('the control API', () => {
  it('adds an image that appears after AfterSeconds, creates over CreatingSeconds, and is Available after', async () => {
    clock = T0 + 1_000_000;
    const added = await control('POST', 'images', { RegionId: 'cn-hangzhou', ImageName: 'golden-copy', AfterSeconds: 2, CreatingSeconds: 4 });
    expect(added.status).toBe(201);
    expect(added.body.RegionId).toBe('cn-hangzhou');
    const id: string = added.body.Image.ImageId;
    expect(id).toMatch(/^m-/);
    expect(await imagesNamed('cn-hangzhou', 'golden-copy')).toEqual([]);
    clock += 2_000;
    expect((await imagesNamed('cn-hangzhou', 'golden-copy')).map((i) => [i.ImageId, i.Status, i.Progress])).toEqual([[id, 'Creating', '0%']]);
    clock += 2_000;
    expect((await imagesNamed('cn-hangzhou', 'golden-copy'))[0]?.Progress).toBe('50%');
    clock += 2_000;
    expect((await imagesNamed('cn-hangzhou', 'golden-copy')).map((i) => [i.Status, i.Progress])).toEqual([['Available', '100%']]);
    // the newest image of the region: it was created now
    const r = await call(emulator.current.endpoint, 'DescribeImages', { RegionId: 'cn-hangzhou', PageSize: '1', ImageOwnerAlias: 'self' }, { credentials: emulator.current.credentials });
    expect(r.body.Images.Image[0].ImageId).toBe(id);
  });

  it('changes a status with PATCH (stopping its creation), reads it with GET, and names what is wrong', async () => {
    clock = T0 + 2_000_000;
    const added = await control('POST', 'images', { RegionId: 'cn-qingdao', ImageName: 'to-fail', ImageId: 'm-testfail', CreatingSeconds: 100 });
    expect(added.body.Image.Status).toBe('Creating');
    const patched = await control('PATCH', 'images/m-testfail', { Status: 'CreateFailed' });
    expect(patched.status).toBe(200);
    expect(patched.body.Image.Status).toBe('CreateFailed');
    clock += 200_000;
    expect((await imagesNamed('cn-qingdao', 'to-fail')).map((i) => i.Status)).toEqual(['CreateFailed']);
    expect((await control('GET', 'images/m-testfail?RegionId=cn-qingdao')).body.Image.Status).toBe('CreateFailed');
    expect(await control('POST', 'images', { RegionId: 'cn-qingdao', ImageName: 'x', ImageId: 'm-testfail' })).toMatchObject({ status: 409 });
    expect(await control('PATCH', 'images/m-nosuch', { Status: 'Available' })).toMatchObject({ status: 404 });
    expect(await control('PATCH', 'images/m-testfail', { Status: 'Done' })).toMatchObject({ status: 400, body: { Error: expect.stringContaining('Status must be one of') } });
    expect(await control('POST', 'images', { RegionId: 'mars-1', ImageName: 'x' })).toMatchObject({ status: 400 });
    expect(await control('POST', 'images', { RegionId: 'cn-qingdao' })).toMatchObject({ status: 400, body: { Error: 'ImageName is required' } });
    // the hand of the test is not a client's request
    expect(emulator.current.stats.requests.some((r) => r.path.startsWith('/_emulator'))).toBe(false);
  });
});
