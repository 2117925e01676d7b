// Pagination as an async generator of pages (SPEC section 6): page 1 for TotalCount, then
// the remaining pages concurrently, yielded in page order, de-duplicated by ImageId.
// Every stop rule lives here; a `break` in the consumer stops further requests.
//
// Complete means TotalCount distinct images. A short or empty page is not the end: every
// page TotalCount promises is asked for. A listing that ends short while TotalCount stayed
// the same asks again for the pages that came short, because offset paging over ties in
// CreationTime can shift between requests; still short, it fails (or, allowed, warns).
import { ServiceError } from '../errors.js';
import type { DescribeImagesResponse, Image } from './types.js';

/**
 * The safety cap against a server that never ends: no real account has this many images in
 * one region, so a TotalCount beyond it stops the listing (exit 4) unless --limit asks for fewer.
 */
export const MAX_IMAGES = 1_000_000;

/** Passes over the pages that came short, after the first pass. */
export const REFETCH_PASSES = 2;

/**
 * This many pages in a row that bring no new image end a pass: what a TotalCount that lies
 * high or a server that ignores PageNumber look like. The listing is then judged as usual.
 */
export const BARREN_RUN = 10;

export interface PagingProgress {
  pagesFetched: number;
  /** pages fetched plus those still planned; never below pagesFetched */
  pagesTotal: number;
  images: number;
}

export interface PagingOptions {
  pageSize: number;
  /** requests in flight at once, >= 1 */
  concurrency: number;
  /** stop after this many images; only the requests needed are sent */
  limit?: number;
  /** a listing that stays short of TotalCount is yielded with a warning instead of failing */
  allowIncomplete?: boolean;
  /** the safety cap; MAX_IMAGES unless a test needs a small one */
  maxImages?: number;
  /** called with a human sentence: TotalCount changed while paging, or an allowed incomplete listing */
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
  const maxImages = options.maxImages ?? MAX_IMAGES;
  const pagesIn = (images: number): number => Math.ceil(Math.max(0, images) / pageSize);
  const seen = new Set<string>();
  let withoutId = 0;
  let emitted = 0;
  let pagesFetched = 0;
  /** new images each page number brought, over every pass */
  const brought = new Map<number, number>();
  let firstTotal = 0;
  let total = 0;
  let totalChanged = false;
  let lastPage = 1;
  const found = (): number => seen.size + withoutId;
  const limitReached = (): boolean => limit !== undefined && emitted >= limit;
  const stillWanted = (): number => (limit === undefined ? Infinity : limit - emitted);

  const take = (pageNumber: number, response: DescribeImagesResponse): { kept: Image[]; fresh: number } => {
    pagesFetched += 1;
    if (pagesFetched === 1) firstTotal = response.TotalCount;
    total = response.TotalCount;
    if (total !== firstTotal) totalChanged = true;
    if (total > maxImages && !(limit !== undefined && limit <= maxImages)) {
      throw new ServiceError(
        `the listing was stopped: TotalCount ${total} is beyond the safety cap of ${maxImages} images in one region, which no real account reaches`,
        { hint: 'the service keeps promising more images; --limit n lists the first n' },
      );
    }
    // Images added while paging push the tail onto pages we did not plan for. Pages past the
    // cap are never planned, also when --limit lets a larger TotalCount through.
    lastPage = Math.min(Math.max(lastPage, pagesIn(total)), pagesIn(maxImages));
    const fresh: Image[] = [];
    for (const image of response.Images.Image) {
      // An image without an ImageId cannot be told from another, so it is always kept.
      if (typeof image.ImageId !== 'string') withoutId += 1;
      else if (seen.has(image.ImageId)) continue;
      // The client hands over strings detached from the response text (client.ts, toPlain),
      // so remembering an ImageId keeps no page alive.
      else seen.add(image.ImageId);
      fresh.push(image);
    }
    brought.set(pageNumber, (brought.get(pageNumber) ?? 0) + fresh.length);
    const room = stillWanted();
    const kept = fresh.length > room ? fresh.slice(0, room) : fresh;
    emitted += kept.length;
    return { kept, fresh: fresh.length };
  };

  const report = (stillPlanned: number): void => {
    const planned = Math.max(0, Math.min(stillPlanned, pagesIn(stillWanted())));
    options.onProgress?.({ pagesFetched, pagesTotal: pagesFetched + planned, images: emitted });
  };

  /**
   * Fetches the pages `next` gives, in its order, `concurrency` at a time, and no more than
   * the limit can still use. Ends when `next` has none, at the limit, or after BARREN_RUN
   * pages in a row that brought nothing new.
   */
  async function* pass(next: () => number | undefined, stillPlanned: () => number): AsyncGenerator<Image[]> {
    const inFlight: { pageNumber: number; response: Promise<DescribeImagesResponse> }[] = [];
    let barren = 0;
    for (;;) {
      while (inFlight.length < options.concurrency && inFlight.length * pageSize < stillWanted()) {
        const pageNumber = next();
        if (pageNumber === undefined) break;
        const response = fetchPage(pageNumber, pageSize);
        // Pages we stop waiting for (early end, earlier failure) must not surface as unhandled.
        response.catch(() => undefined);
        inFlight.push({ pageNumber, response });
      }
      const head = inFlight.shift();
      if (head === undefined) return;
      const page = take(head.pageNumber, await head.response);
      barren = page.fresh > 0 ? 0 : barren + 1;
      const ended = limitReached() || barren >= BARREN_RUN;
      report(ended ? 0 : stillPlanned() + inFlight.length);
      if (page.kept.length > 0) yield page.kept;
      if (ended) return;
    }
  }

  const page1 = take(1, await fetchPage(1, pageSize));
  report(lastPage - 1);
  if (page1.kept.length > 0) yield page1.kept;
  if (limitReached()) return;

  let nextPage = 1;
  yield* pass(
    () => (nextPage < lastPage ? (nextPage += 1) : undefined),
    () => lastPage - nextPage,
  );
  let passes = 1;
  const cameShort = (pageNumber: number): boolean =>
    (brought.get(pageNumber) ?? 0) < Math.min(pageSize, total - (pageNumber - 1) * pageSize);
  while (!limitReached() && !totalChanged && found() < total && passes <= REFETCH_PASSES) {
    passes += 1;
    let cursor = 0;
    let planned = 0;
    for (let n = 1; n <= lastPage; n += 1) if (cameShort(n)) planned += 1;
    yield* pass(
      () => {
        while (cursor < lastPage) {
          cursor += 1;
          if (cameShort(cursor)) {
            planned -= 1;
            return cursor;
          }
        }
        return undefined;
      },
      () => planned,
    );
  }
  if (limitReached()) return;

  if (totalChanged) {
    options.onWarning?.(
      `the number of images changed while paging (TotalCount ${firstTotal} -> ${total}); ${found()} images listed, ` +
        'and images added or removed meanwhile may be missing from this listing',
    );
  } else if (found() < total) {
    const shortBy = `the listing is incomplete: ${found()} of ${total} images (TotalCount) after ${passes} ${passes === 1 ? 'pass' : 'passes'}`;
    if (options.allowIncomplete) {
      options.onWarning?.(`${shortBy}; printed as found (--allow-incomplete)`);
      return;
    }
    throw new ServiceError(shortBy, {
      hint: 'the pages that came short were asked for again and still did not add up; try again later, or add --allow-incomplete to print what was found',
    });
  }
}
