// Pagination as an async generator of pages (SPEC section 6): page 1 for TotalCount, then
// the remaining pages concurrently, yielded in page order, de-duplicated by ImageId.
// Every stop rule lives here; a `break` in the consumer stops further requests.
import type { DescribeImagesResponse, Image } from './types.js';

/** Even a TotalCount that lies cannot make us page forever. */
export const MAX_PAGES = 10_000;

export interface PagingProgress {
  pagesFetched: number;
  pagesTotal: number;
  images: number;
}

export interface PagingOptions {
  pageSize: number;
  /** requests in flight at once, >= 1 */
  concurrency: number;
  /** stop after this many images; only the requests needed are sent */
  limit?: number;
  /** called with a human sentence when TotalCount changes while paging */
  onWarning?: (message: string) => void;
  /** called after each page with progress figures (spinner) */
  onProgress?: (progress: PagingProgress) => void;
}

/** A limit under the page size needs one small page, not one full one. */
export function firstPageSize(pageSize: number, limit: number | undefined): number {
  return limit === undefined ? pageSize : Math.min(pageSize, Math.max(limit, 1));
}

export type FetchPage = (pageNumber: number, pageSize: number) => Promise<DescribeImagesResponse>;

export async function* describeImagesPages(fetchPage: FetchPage, options: PagingOptions): AsyncGenerator<Image[]> {
  const { limit } = options;
  const pageSize = firstPageSize(options.pageSize, limit);
  const pagesFor = (total: number): number => {
    const byTotal = Math.ceil(total / pageSize);
    const byLimit = limit === undefined ? Infinity : Math.ceil(limit / pageSize);
    return Math.min(byTotal, byLimit, MAX_PAGES);
  };
  const seen = new Set<string>();
  let emitted = 0;
  let pagesFetched = 0;

  const take = (response: DescribeImagesResponse, firstTotal: number): { fresh: Image[]; done: boolean } => {
    const images = response.Images.Image;
    // An image without an ImageId cannot be told from another, so it is always kept.
    const fresh = images.filter((image) => typeof image.ImageId !== 'string' || !seen.has(image.ImageId));
    // The client hands over strings detached from the response text (client.ts, toPlain), so
    // remembering an ImageId keeps no page alive.
    for (const image of fresh) if (typeof image.ImageId === 'string') seen.add(image.ImageId);
    const room = limit === undefined ? Infinity : limit - emitted;
    const kept = fresh.length > room ? fresh.slice(0, room) : fresh;
    emitted += kept.length;
    pagesFetched += 1;
    // A short page is the last. A page with nothing new means the server ignores PageNumber,
    // unless images were added meanwhile and pushed earlier ones onto this page.
    const ignoresPageNumber = fresh.length === 0 && response.TotalCount === firstTotal;
    const done = emitted === limit || images.length < pageSize || ignoresPageNumber;
    return { fresh: kept, done };
  };

  const first = await fetchPage(1, pageSize);
  const firstTotal = first.TotalCount;
  let lastPage = pagesFor(firstTotal);
  const page1 = take(first, firstTotal);
  options.onProgress?.({ pagesFetched, pagesTotal: lastPage, images: emitted });
  if (page1.fresh.length > 0) yield page1.fresh;
  if (page1.done || lastPage <= 1) return;

  let warned = false;
  const inFlight = new Map<number, Promise<DescribeImagesResponse>>();
  let nextPage = 2;
  const launch = (): void => {
    while (inFlight.size < options.concurrency && nextPage <= lastPage) {
      const request = fetchPage(nextPage, pageSize);
      // Pages we stop waiting for (early break, earlier failure) must not surface as unhandled.
      request.catch(() => undefined);
      inFlight.set(nextPage, request);
      nextPage += 1;
    }
  };

  for (let pageNumber = 2; pageNumber <= lastPage; pageNumber += 1) {
    launch();
    const response = await inFlight.get(pageNumber)!;
    inFlight.delete(pageNumber);
    if (response.TotalCount !== firstTotal && !warned) {
      warned = true;
      options.onWarning?.(
        `the number of images changed while paging (TotalCount ${firstTotal} -> ${response.TotalCount}); ` +
          'images added or removed meanwhile may be missing from this listing',
      );
    }
    // Images added while paging push the tail onto pages we did not plan for.
    lastPage = Math.max(lastPage, pagesFor(response.TotalCount));
    const page = take(response, firstTotal);
    options.onProgress?.({ pagesFetched, pagesTotal: lastPage, images: emitted });
    if (page.fresh.length > 0) yield page.fresh;
    if (page.done) return;
  }
}
