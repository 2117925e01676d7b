import { beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { call, expectedImages, type CallResult } from './helpers.js';

const emulator = useEmulator();

beforeEach(() => {
  emulator.current.setFaults({});
  emulator.current.resetStats();
});

function images(regionId = 'cn-hangzhou', params: Record<string, string> = {}): Promise<CallResult> {
  return call(emulator.current.endpoint, 'DescribeImages', { RegionId: regionId, ...params }, { credentials: emulator.current.credentials });
}

async function statuses(n: number, regionId?: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await images(regionId)).status);
  return out;
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('faults', () => {
  it('latencyMs delays each answer', async () => {
    emulator.current.setFaults({ latencyMs: 150 });
    const started = Date.now();
    const r = await images();
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('counts peak concurrent requests', async () => {
    emulator.current.setFaults({ latencyMs: 100 });
    const results = await Promise.all(Array.from({ length: 8 }, () => images()));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(emulator.current.stats.peakInFlight).toBe(8);
    expect(emulator.current.stats.inFlight).toBe(0);
    expect(emulator.current.stats.total).toBe(8);
    expect(emulator.current.stats.byAction.DescribeImages).toBe(8);

    emulator.current.resetStats();
    for (let i = 0; i < 3; i++) await images();
    expect(emulator.current.stats.peakInFlight).toBe(1);
  });

  it('throttle.firstN answers Throttling.User (400) n times', async () => {
    emulator.current.setFaults({ throttle: { firstN: 2 } });
    const first = await images();
    expect({ status: first.status, code: first.body.Code, message: first.body.Message }).toEqual({ status: 400, code: 'Throttling.User', message: 'Request was denied due to user flow control.' });
    expect(await statuses(2)).toEqual([400, 200]);
  });

  it('throttle.rate throttles a seeded, repeatable share of requests', async () => {
    emulator.current.setFaults({ throttle: { rate: 0.5 } });
    const first = await statuses(30);
    emulator.current.setFaults({ throttle: { rate: 0.5 } });
    const second = await statuses(30);
    expect(second).toEqual(first);
    const throttled = first.filter((s) => s === 400).length;
    expect(throttled).toBeGreaterThan(5);
    expect(throttled).toBeLessThan(25);
    emulator.current.setFaults({ throttle: { rate: 1 } });
    expect(await statuses(3)).toEqual([400, 400, 400]);
  });

  it.each([
    [500, 'InternalError'],
    [503, 'ServiceUnavailable'],
  ] as const)('fail with %s answers JSON %s count times', async (status, code) => {
    emulator.current.setFaults({ fail: { count: 2, status } });
    const r = await images();
    expect({ status: r.status, code: r.body.Code }).toEqual({ status, code });
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await statuses(2)).toEqual([status, 200]);
  });

  it('htmlErrors answers an nginx page', async () => {
    emulator.current.setFaults({ htmlErrors: { count: 1, status: 502 } });
    const r = await images();
    expect(r.status).toBe(502);
    expect(r.headers.get('content-type')).toBe('text/html');
    expect(r.text).toContain('<center><h1>502 Bad Gateway</h1></center>');
    expect(r.body).toBeUndefined();
    expect((await images()).status).toBe(200);

    emulator.current.setFaults({ htmlErrors: { status: 503 } });
    expect(await statuses(3)).toEqual([503, 503, 503]);
  });

  it('retryAfterMs adds x-acs-retry-after to throttled and 5xx answers only', async () => {
    emulator.current.setFaults({ throttle: { firstN: 1 }, retryAfterMs: 1500 });
    const throttled = await images();
    const ok = await images();
    expect(throttled.headers.get('x-acs-retry-after')).toBe('1500');
    expect(ok.headers.get('x-acs-retry-after')).toBeNull();
    const invalid = await images('cn-hangzhou', { PageSize: '0' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-acs-retry-after')).toBeNull();

    emulator.current.setFaults({ fail: { count: 1, status: 503 }, retryAfterMs: 250 });
    expect((await images()).headers.get('x-acs-retry-after')).toBe('250');
    emulator.current.setFaults({ htmlErrors: { count: 1, status: 502 }, retryAfterMs: 250 });
    expect((await images()).headers.get('x-acs-retry-after')).toBe('250');
  });

  it('hangAfter answers n requests, then accepts and never answers', async () => {
    emulator.current.setFaults({ hangAfter: 1 });
    expect((await images()).status).toBe(200);
    await expect(
      fetch(`${emulator.current.endpoint}/?Action=DescribeRegions`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await until(() => emulator.current.stats.inFlight === 0);
    expect(emulator.current.stats.total).toBe(2);
  });

  it('close() ends hung requests promptly', async () => {
    const other = await startEmulator({ faults: { hangAfter: 0 } });
    const pending = fetch(`${other.endpoint}/?Action=DescribeRegions`).then(
      () => 'answered',
      () => 'failed',
    );
    await until(() => other.stats.inFlight === 1);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });

  it('regions limits faults to the listed regions', async () => {
    emulator.current.setFaults({ regions: ['cn-shanghai'], fail: { count: 5, status: 500 }, latencyMs: 50 });
    expect((await images('cn-hangzhou')).status).toBe(200);
    expect((await images('cn-shanghai')).status).toBe(500);
    const regions = await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials });
    expect(regions.status).toBe(200);
  });

  it('setFaults restarts the counts', async () => {
    emulator.current.setFaults({ fail: { count: 1, status: 500 } });
    expect(await statuses(2)).toEqual([500, 200]);
    emulator.current.setFaults({ fail: { count: 1, status: 500 } });
    expect(await statuses(2)).toEqual([500, 200]);
  });

  it('churn changes TotalCount while a client pages, and setFaults undoes it', async () => {
    const total = expectedImages(emulator.current.catalogue, 'cn-hangzhou', {}).length;
    emulator.current.setFaults({ churn: { afterRequests: 1, add: 3, remove: 2 } });
    const page1 = await images('cn-hangzhou', { PageSize: '50' });
    const page2 = await images('cn-hangzhou', { PageSize: '50', PageNumber: '2' });
    expect(page1.body.TotalCount).toBe(total);
    expect(page2.body.TotalCount).toBe(total + 1);
    expect(expectedImages(emulator.current.catalogue, 'cn-hangzhou', {})).toHaveLength(total + 1);
    const again = await images('cn-hangzhou', { PageSize: '3' });
    expect(again.body.Images.Image.map((i: { ImageName: string }) => i.ImageName)).toEqual(['churn-new-1-1', 'churn-new-1-2', 'churn-new-1-3']);
    // other regions are untouched
    expect((await images('cn-beijing')).body.TotalCount).toBe(expectedImages(emulator.current.catalogue, 'cn-beijing', {}).length);

    emulator.current.setFaults({});
    expect((await images('cn-hangzhou')).body.TotalCount).toBe(total);
  });

  it('paging faults serve pages that do not add up, each as documented, and setFaults starts them again', async () => {
    const all = expectedImages(emulator.current.catalogue, 'cn-hangzhou', {}).map((i) => i.ImageId);
    const page = async (n: number, size = 10, regionId = 'cn-hangzhou') => {
      const r = await images(regionId, { PageSize: String(size), PageNumber: String(n) });
      return { total: r.body.TotalCount as number, ids: (r.body.Images.Image as { ImageId: string }[]).map((i) => i.ImageId) };
    };
    const slice = (from: number, size = 10) => all.slice(from, from + size);

    emulator.current.setFaults({ paging: { kind: 'short-page', page: 2 } });
    expect((await page(2)).ids).toEqual(slice(10, 9));
    expect((await page(2)).ids).toEqual(slice(10));
    // counted per page size: page 2 of 20 is asked for the first time
    expect((await page(2, 20)).ids).toEqual(slice(20, 19));
    emulator.current.setFaults({ paging: { kind: 'short-page', page: 2 } });
    expect((await page(2)).ids).toEqual(slice(10, 9));

    emulator.current.setFaults({ paging: { kind: 'empty-page', page: 1 } });
    expect(await page(1)).toEqual({ total: all.length, ids: [] });
    expect((await page(1)).ids).toEqual(slice(0));

    emulator.current.setFaults({ paging: { kind: 'lost-image', page: 3 } });
    expect((await page(3)).ids).toEqual(slice(20, 9));
    expect((await page(3)).ids).toEqual(slice(20, 9));
    expect((await page(4)).ids).toEqual(slice(30));

    emulator.current.setFaults({ paging: { kind: 'ignore-page-number' } });
    expect((await page(5)).ids).toEqual(slice(0));

    emulator.current.setFaults({ paging: { kind: 'overlap', images: 4 } });
    expect((await page(3)).ids).toEqual(slice(12));

    emulator.current.setFaults({ paging: { kind: 'duplicate-in-page' } });
    expect((await page(2)).ids).toEqual([...slice(10), all[10]]);

    emulator.current.setFaults({ paging: { kind: 'total-count-lies', extra: 7 } });
    expect(await page(1)).toEqual({ total: all.length + 7, ids: slice(0) });

    // --fault-regions leaves the other regions honest
    emulator.current.setFaults({ paging: { kind: 'ignore-page-number' }, regions: ['cn-beijing'] });
    expect((await page(2)).ids).toEqual(slice(10));
  });

  it('rejects impossible fault settings', () => {
    expect(() => emulator.current.setFaults({ paging: { kind: 'short-page', page: 0 } })).toThrow(/paging.page/);
    expect(() => emulator.current.setFaults({ paging: { kind: 'overlap', images: 1.5 } })).toThrow(/paging.images/);
    expect(() => emulator.current.setFaults({ throttle: { rate: 2 } })).toThrow(/rate/);
    expect(() => emulator.current.setFaults({ fail: { count: -1, status: 500 } })).toThrow(/count/);
    expect(() => emulator.current.setFaults({ rejectImageIds: 'm-x' as unknown as string[] })).toThrow(/rejectImageIds/);
    expect(() => emulator.current.setFaults({ rejectImageIds: [''] })).toThrow(/rejectImageIds/);
  });
});
