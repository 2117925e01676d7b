import { describe, expect, it } from 'vitest';
import { walkRegions, type WalkEvent, type WalkOptions } from '../../src/listing/walk.js';
import type { Row } from '../../src/output/format.js';
import { fakeEcsApi, type FakeRegion } from '../support/fakeEcsApi.js';

type Options = Partial<WalkOptions<Row[]>> & { limit?: number };

/** Walks the fake regions; events as short strings: "start a", "page a 2", "failed a", "done a". */
async function walk(regions: Record<string, FakeRegion>, options: Options = {}) {
  const fake = fakeEcsApi(regions);
  const events: string[] = [];
  const walker = walkRegions(fake.apiFor, {
    regionIds: Object.keys(regions),
    concurrency: 2,
    warn: () => undefined,
    pages: (region) => region.imagePages({ RegionId: region.regionId }, { pageSize: 2, limit: options.limit }),
    ...options,
  });
  for await (const event of walker) events.push(short(event));
  return { events, fake };
}

function short(event: WalkEvent<Row[]>): string {
  if (event.type === 'page') return `page ${event.regionId} ${event.page.map((r) => `${String(r.RegionId ?? '')}/${r.ImageId}`).join(',')}`;
  if (event.type === 'regionFailed') return `failed ${event.regionId}: ${event.error.message}`;
  return `${event.type === 'regionStart' ? 'start' : 'done'} ${event.regionId}`;
}

describe('walkRegions', () => {
  it('a region failing part-way is an event after the pages it gave; the next region still comes, in order', async () => {
    const { events } = await walk({ a: { images: 3, failAtPage: 2 }, b: { images: 1 } });
    expect(events).toEqual(['start a', 'page a a/a-1,a/a-2', 'failed a: a page 2 failed', 'start b', 'page b b/b-1', 'done b']);
  });

  it('with one region its error is thrown, not reported', async () => {
    await expect(walk({ a: { images: 3, failAtPage: 2 } })).rejects.toThrow('a page 2 failed');
  });

  it('reportEveryFailure makes one region\'s failure an event too (wait polls on)', async () => {
    const { events } = await walk({ a: { images: 1, failAtPage: 1 } }, { reportEveryFailure: true });
    expect(events).toEqual(['start a', 'failed a: a page 1 failed']);
  });

  it('failures come in region order, not in the order they happened', async () => {
    const { events } = await walk({ a: { images: 9, failAtPage: 5 }, b: { images: 1, failAtPage: 1 } });
    expect(events.filter((e) => e.startsWith('failed'))).toEqual(['failed a: a page 5 failed', 'failed b: b page 1 failed']);
  });

  it('one limiter for every region: requests in flight stay within concurrency', async () => {
    const { fake } = await walk({ a: { images: 10 }, b: { images: 10 }, c: { images: 10 } }, { concurrency: 3 });
    expect(fake.requests).toHaveLength(15);
    expect(fake.peakInFlight).toBe(3);
  });

  it('one region at a time, a break sends no request to a region it did not reach (--limit)', async () => {
    const fake = fakeEcsApi({ a: { images: 3 }, b: { images: 3 } });
    const walker = walkRegions(fake.apiFor, { regionIds: ['a', 'b'], concurrency: 2, oneAtATime: true, warn: () => undefined, pages: (r) => r.imagePages({}, { pageSize: 2, limit: 3 }) });
    let rows = 0;
    for await (const event of walker) if (event.type === 'page' && (rows += event.page.length) >= 3) break;
    expect(fake.requests.map((r) => r.regionId)).toEqual(['a', 'a']);
  });
});
