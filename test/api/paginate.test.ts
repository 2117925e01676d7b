import { describe, expect, it } from 'vitest';
import { BARREN_RUN, describeImagesPages, firstPageSize, MAX_IMAGES, type FetchPage, type PagingProgress } from '../../src/api/paginate.js';
import { ServiceError } from '../../src/errors.js';
import type { DescribeImagesResponse, Image } from '../../src/api/types.js';

/** A fake DescribeImages over `ids`, recording every page asked for. */
function fakeApi(
  ids: string[],
  overrides: {
    totalCount?: (page: number) => number;
    ignorePageNumber?: boolean;
    /** the ids page `pageNumber` holds the `asked`-th time it is asked for (1 = first) */
    pageIds?: (pageNumber: number, pageSize: number, asked: number) => string[];
    /** no timers: for listings of thousands of pages */
    instant?: boolean;
  } = {},
) {
  const requests: { pageNumber: number; pageSize: number }[] = [];
  const asked = new Map<number, number>();
  let inFlight = 0;
  let peak = 0;
  const fetchPage: FetchPage = async (pageNumber, pageSize) => {
    requests.push({ pageNumber, pageSize });
    asked.set(pageNumber, (asked.get(pageNumber) ?? 0) + 1);
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    // Later pages answer first, so page-order output is really tested.
    if (!overrides.instant) await new Promise((r) => setTimeout(r, Math.max(0, 10 - pageNumber)));
    inFlight -= 1;
    const start = overrides.ignorePageNumber ? 0 : (pageNumber - 1) * pageSize;
    const pageIds = overrides.pageIds
      ? overrides.pageIds(pageNumber, pageSize, asked.get(pageNumber)!)
      : ids.slice(start, start + pageSize);
    const response: DescribeImagesResponse = {
      RequestId: `req-${pageNumber}`,
      RegionId: 'cn-hangzhou',
      TotalCount: overrides.totalCount ? overrides.totalCount(pageNumber) : ids.length,
      PageNumber: pageNumber,
      PageSize: pageSize,
      Images: { Image: pageIds.map((ImageId) => ({ ImageId })) },
    };
    return response;
  };
  return { fetchPage, requests, pages: () => requests.map((r) => r.pageNumber), peak: () => peak };
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

  it('fails when TotalCount lies high, after a bounded number of requests', async () => {
    const api = fakeApi(idsOf(25), { totalCount: () => 1_000_000, instant: true });
    await expect(collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 }))).rejects.toThrow(
      'the listing is incomplete: 25 of 1000000 images (TotalCount) after 3 passes',
    );
    // pass 1: pages 1-3, then BARREN_RUN empty pages; each later pass: page 3 and BARREN_RUN - 1 more
    expect(api.requests.length).toBe(3 + BARREN_RUN + 2 * BARREN_RUN);
  });

  it('fails when a server ignores PageNumber, with both counts and an exit 4 error', async () => {
    const api = fakeApi(idsOf(10), { totalCount: () => 500, ignorePageNumber: true });
    const error = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 4 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect((error as ServiceError).message).toBe('the listing is incomplete: 10 of 500 images (TotalCount) after 3 passes');
    // each pass ends after BARREN_RUN pages that bring nothing new (plus the requests already in flight)
    expect(api.requests.length).toBeLessThanOrEqual(1 + 3 * (BARREN_RUN + 4));
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
    const api = fakeApi(ids, { totalCount: (page) => (page === 1 ? 17 : 15) });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2 }));
    expect(pages.flat()).toEqual([...idsOf(10), ...idsOf(5, 'x-')]);
  });

  it('removes duplicates within one page', async () => {
    const ids = idsOf(25);
    const api = fakeApi(ids, { pageIds: (n, size) => { const page = ids.slice((n - 1) * size, n * size); return [page[0]!, ...page, page[0]!]; } });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2 }));
    expect(pages.flat()).toEqual(ids);
    expect(api.pages()).toEqual([1, 2, 3]);
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

describe('describeImagesPages: complete means TotalCount distinct images', () => {
  /** `ids` in pages of `size`, except that page `short` misses its last image the first `times` times it is asked for. */
  const missingOnce = (ids: string[], short: number, times = 1) => (n: number, size: number, asked: number): string[] => {
    const page = ids.slice((n - 1) * size, n * size);
    return n === short && asked <= times ? page.slice(0, -1) : page;
  };

  it('a short page before TotalCount is not the end; the page is asked for again and completes the listing', async () => {
    const ids = idsOf(1000);
    const api = fakeApi(ids, { pageIds: missingOnce(ids, 3) });
    const warnings: string[] = [];
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8, onWarning: (w) => warnings.push(w) }));
    expect(pages.flat()).toHaveLength(1000);
    expect(new Set(pages.flat()).size).toBe(1000);
    // the image page 3 missed comes last, from the second pass
    expect(pages.flat().at(-1)).toBe('m-0299');
    expect(api.pages()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 3]);
    expect(warnings).toEqual([]);
  });

  it('an empty page in the middle is not the end either', async () => {
    const ids = idsOf(50);
    const api = fakeApi(ids, { pageIds: (n, size, asked) => (n === 2 && asked === 1 ? [] : ids.slice((n - 1) * size, n * size)) });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 }));
    expect([...pages.flat()].sort()).toEqual(ids);
    expect(api.pages()).toEqual([1, 2, 3, 4, 5, 2]);
  });

  it('a complete first pass sends no request more', async () => {
    const api = fakeApi(idsOf(95));
    await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 3 }));
    expect(api.pages()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('still short after the passes: exit 4 with both counts; only the short pages were asked for again', async () => {
    const ids = idsOf(500);
    const api = fakeApi(ids, { pageIds: missingOnce(ids, 2, Infinity) });
    const error = await collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toBe('the listing is incomplete: 499 of 500 images (TotalCount) after 3 passes');
    expect((error as ServiceError).hint).toContain('--allow-incomplete');
    expect(api.pages()).toEqual([1, 2, 3, 4, 5, 2, 2]);
  });

  it('allowIncomplete: what was found, and a warning with both counts', async () => {
    const ids = idsOf(500);
    const api = fakeApi(ids, { pageIds: missingOnce(ids, 2, Infinity) });
    const warnings: string[] = [];
    const pages = await collect(
      describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8, allowIncomplete: true, onWarning: (w) => warnings.push(w) }),
    );
    expect(pages.flat()).toHaveLength(499);
    expect(warnings).toEqual(['the listing is incomplete: 499 of 500 images (TotalCount) after 3 passes; printed as found (--allow-incomplete)']);
  });

  it('pages that overlap: exit 4, not a silent 300 of 500', async () => {
    const ids = idsOf(500);
    // each page starts half a page early: pages step by 50
    const api = fakeApi(ids, { pageIds: (n, size) => ids.slice((n - 1) * (size / 2), (n - 1) * (size / 2) + size) });
    await expect(collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8 }))).rejects.toThrow(
      'the listing is incomplete: 300 of 500 images (TotalCount) after 3 passes',
    );
  });

  it('a TotalCount that changed while paging: no pass again, what was found, a warning with the counts', async () => {
    const ids = idsOf(30);
    // one image deleted after page 1: page 2 starts one later, so m-0010 is on no page
    const api = fakeApi(ids, { totalCount: (n) => (n === 1 ? 30 : 29), pageIds: (n, size) => (n === 1 ? ids.slice(0, size) : ids.slice((n - 1) * size + 1, n * size + 1)) });
    const warnings: string[] = [];
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2, onWarning: (w) => warnings.push(w) }));
    expect(pages.flat()).toHaveLength(29);
    expect(api.pages()).toEqual([1, 2, 3]);
    expect(warnings).toEqual([
      'the number of images changed while paging (TotalCount 30 -> 29); 29 images listed, and images added or removed meanwhile may be missing from this listing',
    ]);
  });

  it('an honest listing of more than 10,000 pages is not cut short', async () => {
    const ids = idsOf(10_005);
    const api = fakeApi(ids, { instant: true });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 1, concurrency: 64 }));
    expect(pages.flat()).toHaveLength(10_005);
    expect(api.requests).toHaveLength(10_005);
  });

  it('the safety cap: a TotalCount beyond it stops the listing with exit 4 and says so', async () => {
    expect(MAX_IMAGES).toBeGreaterThanOrEqual(1_000_000);
    const ids = idsOf(60);
    const api = fakeApi(ids);
    const error = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2, maxImages: 50 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toBe(
      'the listing was stopped: TotalCount 60 is beyond the safety cap of 50 images in one region, which no real account reaches',
    );
    // stopped at page 1: nothing was yielded, nothing more was asked for
    expect(api.pages()).toEqual([1]);
    // at the cap itself the listing is honest
    const atCap = await collect(describeImagesPages(fakeApi(idsOf(50)).fetchPage, { pageSize: 10, concurrency: 2, maxImages: 50 }));
    expect(atCap.flat()).toHaveLength(50);
  });

  it('the safety cap: a TotalCount that grows past it while paging stops the listing too', async () => {
    const ids = idsOf(200);
    const api = fakeApi(ids, { totalCount: (n) => n * 10 + 10 });
    await expect(collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1, maxImages: 100 }))).rejects.toThrow(
      'TotalCount 110 is beyond the safety cap of 100 images',
    );
  });

  it('--limit under the cap lists the first images of any TotalCount', async () => {
    const api = fakeApi(idsOf(60), { totalCount: () => 5_000_000 });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 2, limit: 25, maxImages: 50 }));
    expect(pages.flat()).toEqual(idsOf(25));
    expect(api.pages()).toEqual([1, 2, 3]);
  });

  it('--limit under the cap with a TotalCount far beyond it and few images: exit 4 after a bounded number of requests', async () => {
    const api = fakeApi(idsOf(25), { totalCount: () => 1e15, instant: true });
    await expect(collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 4, limit: 100 }))).rejects.toThrow(
      'the listing is incomplete: 25 of 1000000000000000 images',
    );
    expect(api.requests.length).toBeLessThan(50);
  });

  it('--limit: a short page asks for one page more, no other request, and no completeness check once the limit is met', async () => {
    const ids = idsOf(500);
    const api = fakeApi(ids, { pageIds: missingOnce(ids, 2, Infinity) });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 100, concurrency: 8, limit: 200 }));
    expect(pages.flat()).toHaveLength(200);
    expect(api.pages()).toEqual([1, 2, 3]);
  });

  it('--limit beyond what there is: the completeness check applies', async () => {
    const ids = idsOf(50);
    const api = fakeApi(ids, { pageIds: missingOnce(ids, 2, Infinity) });
    await expect(collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 8, limit: 80 }))).rejects.toThrow('49 of 50 images');
  });

  it('progress counters stay sane: never negative, pagesFetched <= pagesTotal, through passes again', async () => {
    const seen: PagingProgress[] = [];
    const onProgress = (p: PagingProgress): void => void seen.push({ ...p });
    const ids = idsOf(95);
    const short = fakeApi(ids, { pageIds: missingOnce(ids, 4, 2) });
    await collect(describeImagesPages(short.fetchPage, { pageSize: 10, concurrency: 3, onProgress }));
    await collect(describeImagesPages(fakeApi([]).fetchPage, { pageSize: 10, concurrency: 3, onProgress }));
    await collect(describeImagesPages(fakeApi(idsOf(10), { totalCount: () => 500, ignorePageNumber: true }).fetchPage, { pageSize: 10, concurrency: 3, onProgress, allowIncomplete: true }));
    await collect(describeImagesPages(fakeApi(idsOf(300)).fetchPage, { pageSize: 100, concurrency: 8, onProgress, limit: 150 }));
    for (const p of seen) {
      expect(p.pagesFetched).toBeGreaterThan(0);
      expect(p.pagesFetched).toBeLessThanOrEqual(p.pagesTotal);
      expect(p.images).toBeGreaterThanOrEqual(0);
    }
    // the short listing: 10 pages, then page 4 twice more; the empty one: page 1 of 1
    expect(seen.slice(0, 12).map((p) => `${p.pagesFetched}/${p.pagesTotal}`)).toEqual([
      '1/10', '2/10', '3/10', '4/10', '5/10', '6/10', '7/10', '8/10', '9/10', '10/10', '11/11', '12/12',
    ]);
    expect(seen[12]).toEqual({ pagesFetched: 1, pagesTotal: 1, images: 0 });
    expect(seen.at(-1)).toEqual({ pagesFetched: 2, pagesTotal: 2, images: 150 });
  });
});

describe('describeImagesPages: what the consumer and the user are told', () => {
  it('a short first page with a TotalCount that lies high: page 1, one barren run per pass, then exit 4', async () => {
    // the obsolete rule stopped after page 1; now every promised page is asked for, and each
    // pass ends after BARREN_RUN pages that bring nothing new
    const api = fakeApi(idsOf(5), { totalCount: () => 1_000, instant: true });
    const error = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1 })).catch((e: unknown) => e);
    expect((error as ServiceError).message).toBe('the listing is incomplete: 5 of 1000 images (TotalCount) after 3 passes');
    const run = (from: number) => Array.from({ length: BARREN_RUN }, (_, i) => from + i);
    expect(api.pages()).toEqual([1, ...run(2), ...run(1), ...run(1)]);
  });

  it('hands over no empty page: not an empty one in the middle, not one of duplicates only, not page 1', async () => {
    const ids = idsOf(30);
    const pagesAsked = (n: number, size: number): string[] => (n === 2 ? [] : n === 3 ? ids.slice(0, size) : ids.slice((n - 1) * size, n * size));
    const api = fakeApi(ids, { pageIds: pagesAsked });
    const pages = await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1, allowIncomplete: true }));
    expect(pages).toEqual([ids.slice(0, 10)]);
    expect(api.pages()).toEqual([1, 2, 3, 2, 3, 2, 3]);
    const holes = fakeApi(ids, { pageIds: (n, size, asked) => (n !== 3 && asked === 1 ? [] : ids.slice((n - 1) * size, n * size)) });
    const found = await collect(describeImagesPages(holes.fetchPage, { pageSize: 10, concurrency: 2 }));
    expect(found.every((page) => page.length > 0)).toBe(true);
    expect(found.flat().sort()).toEqual(ids);
  });

  it('the TotalCount-changed warning, in full', async () => {
    const api = fakeApi(idsOf(30), { totalCount: (page) => (page === 1 ? 20 : 30) });
    const warnings: string[] = [];
    await collect(describeImagesPages(api.fetchPage, { pageSize: 10, concurrency: 1, onWarning: (w) => warnings.push(w) }));
    expect(warnings).toEqual([
      'the number of images changed while paging (TotalCount 20 -> 30); 30 images listed, and images added or removed meanwhile may be missing from this listing',
    ]);
  });

  it('progress counts pages fetched, pages in all and images handed over, page by page', async () => {
    const seen: string[] = [];
    const onProgress = (p: PagingProgress): void => void seen.push(`${p.pagesFetched}/${p.pagesTotal} ${p.images}`);
    await collect(describeImagesPages(fakeApi(idsOf(25)).fetchPage, { pageSize: 10, concurrency: 2, onProgress }));
    expect(seen).toEqual(['1/3 10', '2/3 20', '3/3 25']);
    seen.length = 0;
    // a limit plans only the pages it can use
    await collect(describeImagesPages(fakeApi(idsOf(100)).fetchPage, { pageSize: 10, concurrency: 1, onProgress, limit: 25 }));
    expect(seen).toEqual(['1/3 10', '2/3 20', '3/3 25']);
  });
});
