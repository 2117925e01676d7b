import { getEventListeners } from 'node:events';
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
  if (event.type === 'regionStart') return `start ${event.regionId}`;
  if (event.type === 'regionDone') return `done ${event.regionId}`;
  return `unknown event ${JSON.stringify(event)}`;
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

describe('walkRegions, what one region and several look like', () => {
  it('one region: rows as the API gave them (no RegionId), warnings without a region prefix', async () => {
    const warnings: string[] = [];
    const fake = fakeEcsApi({ a: { images: 3, totalCount: 4 } });
    const pages: Row[][] = [];
    const walker = walkRegions(fake.apiFor, {
      regionIds: ['a'],
      concurrency: 2,
      warn: (line) => warnings.push(line),
      pages: (region) => region.imagePages({}, { pageSize: 2, allowIncomplete: true }),
    });
    for await (const event of walker) if (event.type === 'page') pages.push(event.page);
    expect(pages).toEqual([[{ ImageId: 'a-1' }, { ImageId: 'a-2' }], [{ ImageId: 'a-3' }]]);
    expect(warnings).toEqual(['the listing is incomplete: 3 of 4 images (TotalCount) after 3 passes; printed as found (--allow-incomplete)']);
  });

  it('several regions: each row gets its RegionId first, each warning its region', async () => {
    const warnings: string[] = [];
    const fake = fakeEcsApi({ a: { images: 1 }, b: { images: 1, totalCount: 2 } });
    const pages: Row[][] = [];
    const walker = walkRegions(fake.apiFor, {
      regionIds: ['a', 'b'],
      concurrency: 2,
      warn: (line) => warnings.push(line),
      pages: (region) => region.imagePages({}, { pageSize: 5, allowIncomplete: true }),
    });
    for await (const event of walker) if (event.type === 'page') pages.push(event.page);
    expect(pages).toEqual([[{ RegionId: 'a', ImageId: 'a-1' }], [{ RegionId: 'b', ImageId: 'b-1' }]]);
    expect(Object.keys(pages[0]![0]!)).toEqual(['RegionId', 'ImageId']);
    expect(warnings).toEqual(['b: the listing is incomplete: 1 of 2 images (TotalCount) after 3 passes; printed as found (--allow-incomplete)']);
  });

  it('regionIdOnRows: one region\'s rows carry RegionId first too (--columns RegionId)', async () => {
    const { events } = await walk({ a: { images: 3 } }, { regionIdOnRows: true });
    expect(events).toEqual(['start a', 'page a a/a-1,a/a-2', 'page a a/a-3', 'done a']);
    expect((await walk({ a: { images: 1 } }, { regionIdOnRows: false })).events).toContain('page a /a-1');
  });

  it('every event in order, the last region done after its last page', async () => {
    const { events } = await walk({ a: { images: 3 }, b: { images: 0 }, c: { images: 1 } });
    expect(events).toEqual(['start a', 'page a a/a-1,a/a-2', 'page a a/a-3', 'done a', 'start b', 'done b', 'start c', 'page c c/c-1', 'done c']);
  });

  it('a region whose pages throw what is not an EcsimgError ends the walk, even with several regions', async () => {
    const fake = fakeEcsApi({ a: { images: 1 }, b: { images: 1 } });
    const walker = walkRegions(fake.apiFor, {
      regionIds: ['a', 'b'],
      concurrency: 2,
      warn: () => undefined,
      pages: async function* (region) {
        if (region.regionId === 'b') throw new TypeError('a bug, not a region failure');
        yield [];
      },
    });
    const events: string[] = [];
    await expect(
      (async () => {
        for await (const event of walker) events.push(`${event.type} ${event.regionId}`);
      })(),
    ).rejects.toThrow(TypeError);
    // The bug ends the walk where it surfaces: b's turn, after a's page.
    expect(events).toEqual(['regionStart a', 'page a']);
  });

  it('several regions at once by default; one after another with oneAtATime', async () => {
    const together = await walk({ a: { images: 1 }, b: { images: 1 } });
    expect(together.fake.peakInFlight).toBe(2);
    const inTurn = await walk({ a: { images: 1 }, b: { images: 1 } }, { oneAtATime: true });
    expect(inTurn.fake.peakInFlight).toBe(1);
    expect(inTurn.events).toEqual(together.events);
  });

  it('paging runs at the walk\'s concurrency unless the region asks for its own', async () => {
    const walked = await walk({ a: { images: 8 } }, { concurrency: 4 });
    expect(walked.fake.peakInFlight).toBe(3);
    const own = await walk({ a: { images: 8 } }, { concurrency: 4, pages: (region) => region.imagePages({}, { pageSize: 2, concurrency: 1 }) });
    expect(own.fake.peakInFlight).toBe(1);
  });

  it('the spinner shows the pages and images of every region so far', async () => {
    const texts: string[] = [];
    await walk({ a: { images: 3 }, b: { images: 1 } }, { concurrency: 1, oneAtATime: true, progress: { update: (text) => texts.push(text), clear: () => undefined } });
    expect(texts).toEqual(['listing images: page 1/2, 2 images', 'listing images: page 2/2, 3 images', 'listing images: page 3/3, 4 images in 2 regions']);
  });
});

describe('walkRegions, the end of a walk', () => {
  it('requests get a signal that is aborted once the walk is over, and the caller\'s signal is let go', async () => {
    const caller = new AbortController();
    const fake = fakeEcsApi({ a: { images: 4 } });
    const walker = walkRegions(fake.apiFor, { regionIds: ['a'], concurrency: 1, signal: caller.signal, warn: () => undefined, pages: (r) => r.imagePages({}, { pageSize: 2 }) });
    for await (const event of walker) {
      if (event.type !== 'page') continue;
      expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
      expect(fake.requests[0]!.signal?.aborted).toBe(false);
      break;
    }
    expect(fake.requests[0]!.signal?.aborted).toBe(true);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    expect(caller.signal.aborted).toBe(false);
  });

  it("the caller's abort reaches the requests in flight", async () => {
    const caller = new AbortController();
    const signals: AbortSignal[] = [];
    let started = (): void => undefined;
    const inFlight = new Promise<void>((resolve) => (started = resolve));
    const fake = fakeEcsApi({ a: { images: 0 } });
    const walker = walkRegions<string>(fake.apiFor, {
      regionIds: ['a'],
      concurrency: 1,
      signal: caller.signal,
      warn: () => undefined,
      pages: async function* (region) {
        yield await region.request(
          (api, signal) =>
            new Promise<string>((resolve) => {
              expect(api).toHaveProperty('describeImages');
              signals.push(signal);
              started();
              signal.addEventListener('abort', () => resolve('aborted'));
            }),
        );
      },
    });
    const pages: string[] = [];
    const done = (async () => {
      for await (const event of walker) if (event.type === 'page') pages.push(event.page);
    })();
    await inFlight;
    caller.abort();
    await done;
    expect(pages).toEqual(['aborted']);
    expect(signals).toHaveLength(1);
  });
});
