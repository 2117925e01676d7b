import { describe, expect, it } from 'vitest';
import { describeImagesPages, firstPageSize, type FetchPage } from '../../src/api/paginate.js';
import type { DescribeImagesResponse, Image } from '../../src/api/types.js';

/** A fake DescribeImages over `ids`, recording every page asked for. */
function fakeApi(ids: string[], overrides: { totalCount?: (page: number) => number; ignorePageNumber?: boolean } = {}) {
  const requests: { pageNumber: number; pageSize: number }[] = [];
  let inFlight = 0;
  let peak = 0;
  const fetchPage: FetchPage = async (pageNumber, pageSize) => {
    requests.push({ pageNumber, pageSize });
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    // Later pages answer first, so page-order output is really tested.
    await new Promise((r) => setTimeout(r, Math.max(0, 10 - pageNumber)));
    inFlight -= 1;
    const start = overrides.ignorePageNumber ? 0 : (pageNumber - 1) * pageSize;
    const images: Image[] = ids.slice(start, start + pageSize).map((ImageId) => ({ ImageId }));
    const response: DescribeImagesResponse = {
      RequestId: `req-${pageNumber}`,
      RegionId: 'cn-hangzhou',
      TotalCount: overrides.totalCount ? overrides.totalCount(pageNumber) : ids.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Images: { Image: images },
    };
    return response;
  };
  return { fetchPage, requests, peak: () => peak };
}

const idsOf = (n: number, prefix = 'm-'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

async function collect(gen: AsyncGenerator<Image[]>): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of gen) pages.push(page.map((i) => i.ImageId));
  return pages;
}

describe('describeImagesPages', () => {
  it('yields three pages in order, each image once', async () => {
    const ids = idsOf(25);
    const api = fakeApi(ids);
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 8 }));
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(ids);
    expect(api.requests.map((r) => r.pageNumber)).toEqual([1, 2, 3]);
  });

  it('keeps every image that has no ImageId: there is nothing to de-duplicate it by', async () => {
    const pageOf = (pageNumber: number): DescribeImagesResponse => ({
      RequestId: `req-${pageNumber}`,
      RegionId: 'cn-hangzhou',
      TotalCount: 6,
      PageNumber: pageNumber,
      PageSize: 3,
      Images: { Image: [{ ImageName: `a${pageNumber}` }, { ImageName: `b${pageNumber}` }, { ImageName: `c${pageNumber}` }] as unknown as Image[] },
    });
    const names: string[] = [];
    for await (const page of describeImagesPages(async (n) => pageOf(n), { pageSize: 3, concurrency: 2 })) {
      names.push(...page.map((image) => String((image as unknown as { ImageName: string }).ImageName)));
    }
    expect(names).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
  });

  it('sends one request for an empty result', async () => {
    const api = fakeApi([]);
    expect(await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 8 }))).toEqual([]);
    expect(api.requests).toHaveLength(1);
  });

  it('stops requesting when the consumer breaks', async () => {
    const api = fakeApi(idsOf(100));
    for await (const page of describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 })) {
      expect(page).toHaveLength(10);
      if (api.requests.length === 3) break;
    }
    await new Promise((r) => setTimeout(r, 30));
    expect(api.requests.map((r) => r.pageNumber)).toEqual([1, 2, 3]);
  });

  it('keeps no more than `concurrency` requests in flight', async () => {
    const api = fakeApi(idsOf(200));
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 3 }));
    expect(pages.flat()).toHaveLength(200);
    expect(api.peak()).toBe(3);
  });

  it('ends when TotalCount lies high: a short page is the last', async () => {
    const api = fakeApi(idsOf(25), { totalCount: () => 1_000_000 });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 }));
    expect(pages.flat()).toHaveLength(25);
    expect(api.requests.map((r) => r.pageNumber)).toEqual([1, 2, 3]);
  });

  it('ends when a server ignores PageNumber (a page with nothing new)', async () => {
    const api = fakeApi(idsOf(10), { totalCount: () => 500, ignorePageNumber: true });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 }));
    expect(pages.flat()).toEqual(idsOf(10));
    expect(api.requests).toHaveLength(2);
  });

  it('keeps paging when added images push page 1 onto page 2 (nothing new, but TotalCount grew)', async () => {
    const original = idsOf(20);
    const added = idsOf(5, 'new-');
    const requests: number[] = [];
    const fetchPage: FetchPage = async (pageNumber, pageSize) => {
      requests.push(pageNumber);
      // after page 1, five newer images appear at the front of the API's order
      const ids = requests.length === 1 ? original : [...added, ...original];
      const Image = ids.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((ImageId) => ({ ImageId }));
      return { RequestId: 'r', RegionId: 'x', TotalCount: ids.length, PageNumber: pageNumber, PageSize: pageSize, Images: { Image } };
    };
    const warnings: string[] = [];
    const pages = await collect(describeImagesPages(fetchPage, { pageSize: 5, concurrency: 1, onWarning: (w) => warnings.push(w) }));
    expect(pages.flat()).toEqual(original);
    expect(requests).toEqual([1, 2, 3, 4, 5]);
    expect(warnings).toHaveLength(1);
  });

  it('removes duplicates across pages', async () => {
    // page 2 repeats the last two ids of page 1, as when an image is removed while paging
    const ids = [...idsOf(10), 'm-0008', 'm-0009', ...idsOf(5, 'x-')];
    const api = fakeApi(ids, { totalCount: () => 17 });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2 }));
    expect(pages.flat()).toEqual([...idsOf(10), ...idsOf(5, 'x-')]);
  });

  it('with --limit under the page size sends exactly one small request', async () => {
    const api = fakeApi(idsOf(300));
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8, limit: 7 }));
    expect(pages.flat()).toEqual(idsOf(7));
    expect(api.requests).toEqual([{ pageNumber: 1, pageSize: 7 }]);
  });

  it('with --limit over the page size sends only the pages it needs', async () => {
    const api = fakeApi(idsOf(1000));
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8, limit: 250 }));
    expect(pages.flat()).toEqual(idsOf(250));
    expect(api.requests.map((r) => r.pageNumber)).toEqual([1, 2, 3]);
  });

  it('warns once when TotalCount changes, and follows a grown total', async () => {
    const ids = idsOf(30);
    const api = fakeApi(ids, { totalCount: (page) => (page === 1 ? 20 : 30) });
    const warnings: string[] = [];
    const pages = await collect(
      describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1, onWarning: (w) => warnings.push(w) }),
    );
    expect(pages.flat()).toEqual(ids);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('TotalCount 20 -> 30');
  });

  it('reports progress after every page', async () => {
    const api = fakeApi(idsOf(25));
    const progress: number[] = [];
    await collect(
      describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2, onProgress: (p) => progress.push(p.images) }),
    );
    expect(progress).toEqual([10, 20, 25]);
  });

  it('propagates a failed page and leaves no unhandled rejection', async () => {
    const failing: FetchPage = async (pageNumber, pageSize) => {
      if (pageNumber >= 2) throw new Error(`page ${pageNumber} failed`);
      return { RequestId: 'r', RegionId: 'x', TotalCount: 50, PageNumber: 1, PageSize: pageSize, Images: { Image: idsOf(10).map((ImageId) => ({ ImageId })) } };
    };
    await expect(collect(describeImagesPages(failing, { pageSize: 10, concurrency: 4 }))).rejects.toThrow('page 2 failed');
  });

  it('firstPageSize shrinks only for a small limit', () => {
    expect(firstPageSize(100, undefined)).toBe(100);
    expect(firstPageSize(100, 5)).toBe(5);
    expect(firstPageSize(50, 500)).toBe(50);
  });
});
