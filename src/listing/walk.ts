// The one walk over regions × pages that list, list --count, show and wait share: every
// request through one limiter (the API client retries each), regions yielded in --region
// order, and one failure rule: with several regions a failed region is an event and the
// walk goes on; with one, its error is thrown.
import { setMaxListeners } from 'node:events';
import { createLimiter } from '../api/limiter.js';
import { describeImagesPages, type PagingOptions } from '../api/paginate.js';
import { pageParams } from '../api/params.js';
import type { DescribeImagesResponse, EcsApi, RpcParams } from '../api/types.js';
import { EcsimgError } from '../errors.js';
import type { Progress } from '../io.js';
import type { Row } from '../output/format.js';
import { pagingProgress } from './pagingProgress.js';
import { inRegionOrder } from './regionOrder.js';

export type WalkEvent<T> =
  | { type: 'regionStart'; regionId: string }
  | { type: 'page'; regionId: string; page: T }
  | { type: 'regionDone'; regionId: string }
  | { type: 'regionFailed'; regionId: string; error: EcsimgError };

/** One region of the walk: its requests go through the walk's limiter. */
export interface RegionWalk {
  regionId: string;
  /** any API call of this region, through the walk's limiter, ended with the walk */
  request<R>(send: (api: EcsApi, signal: AbortSignal) => Promise<R>): Promise<R>;
  describeImages(params: RpcParams): Promise<DescribeImagesResponse>;
  /** every DescribeImages page of `params`; rows carry RegionId first when the walk has several regions, or `regionIdOnRows` */
  imagePages(params: RpcParams, paging: ImagePaging): AsyncGenerator<Row[]>;
}

/** Paging as `describeImagesPages` takes it; concurrency defaults to the walk's. */
export type ImagePaging = Omit<PagingOptions, 'onWarning' | 'onProgress' | 'concurrency'> & { concurrency?: number };

export interface WalkOptions<T> {
  regionIds: string[];
  /** requests in flight at once over every region, and the pages a region waiting its turn may hold */
  concurrency: number;
  /** what one region yields, from its requests */
  pages: (region: RegionWalk) => AsyncIterable<T>;
  /** regions one after another instead of all at once (--limit: no request is sent in vain) */
  oneAtATime?: boolean;
  /** rows carry RegionId even with one region (--columns names it: the column is filled, not empty) */
  regionIdOnRows?: boolean;
  /** a failed region is an event even when it is the only one (wait polls on) */
  reportEveryFailure?: boolean;
  signal?: AbortSignal;
  /** a paging warning; prefixed with the region when there are several */
  warn: (line: string) => void;
  progress?: Progress;
}

export async function* walkRegions<T>(apiFor: (regionId: string) => Promise<EcsApi>, o: WalkOptions<T>): AsyncGenerator<WalkEvent<T>> {
  const { regionIds } = o;
  const several = regionIds.length > 1;
  const tagRows = several || o.regionIdOnRows === true;
  const limiter = createLimiter(o.concurrency);
  // Ends the retries of requests nobody waits for once the walk is over (an early break, a failure).
  const stop = new AbortController();
  // Every request waiting to retry listens to it: past 10, Node would warn of a leak on stderr.
  setMaxListeners(0, stop.signal);
  const abort = (): void => stop.abort();
  o.signal?.addEventListener('abort', abort, { once: true });
  const showProgress = o.progress && pagingProgress(o.progress);

  const regionWalk = (regionId: string, index: number): RegionWalk => {
    const region: RegionWalk = {
      regionId,
      async request(send) {
        const api = await apiFor(regionId);
        return limiter(() => send(api, stop.signal), index);
      },
      describeImages: (params) => region.request((api, signal) => api.describeImages(params, signal)),
      async *imagePages(params, paging) {
        const pages = describeImagesPages((pageNumber, pageSize) => region.describeImages(pageParams(params, pageNumber, pageSize)), {
          concurrency: o.concurrency,
          ...paging,
          onWarning: (w) => o.warn(several ? `${regionId}: ${w}` : w),
          onProgress: showProgress && ((figures) => showProgress(regionId, figures)),
        });
        for await (const page of pages) yield tagRows ? page.map((image): Row => ({ RegionId: regionId, ...image })) : (page as Row[]);
      },
    };
    return region;
  };

  // The region order calls back before it yields: its news wait here for the next event.
  const news: WalkEvent<T>[] = [];
  let current = 0;
  const pages = inRegionOrder(
    regionIds.map((regionId, index) => () => iterate(o.pages(regionWalk(regionId, index)))),
    {
      eager: !o.oneAtATime,
      lookahead: o.concurrency,
      onStart(index) {
        current = index;
        news.push({ type: 'regionStart', regionId: regionIds[index]! });
      },
      onDone(index) {
        news.push({ type: 'regionDone', regionId: regionIds[index]! });
      },
      onError(index, error) {
        if (!(error instanceof EcsimgError) || (!several && !o.reportEveryFailure)) throw error;
        news.push({ type: 'regionFailed', regionId: regionIds[index]!, error });
      },
    },
  );
  try {
    for await (const page of pages) {
      yield* news.splice(0);
      yield { type: 'page', regionId: regionIds[current]!, page };
    }
    yield* news.splice(0);
  } finally {
    o.signal?.removeEventListener('abort', abort);
    stop.abort();
  }
}

async function* iterate<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  yield* items;
}
