// Images by id in one region, as show and wait look for them: any status, every page, and
// the marketplace too (the API leaves its images out unless asked by owner).
import type { RpcParams } from '../api/types.js';
import { EcsimgError } from '../errors.js';
import type { Row } from '../output/format.js';
import type { RegionWalk } from './walk.js';

/** Ids per request: one page of 100 each. */
const IDS_PER_REQUEST = 100;

/**
 * The pages of `region`'s images among `imageIds` (only those), first among every owner's
 * images, then among the marketplace's for the ids still missing.
 */
export async function* imagePagesById(region: RegionWalk, imageIds: readonly string[]): AsyncGenerator<Row[]> {
  const seen = new Set<unknown>();
  for (const owner of [undefined, 'marketplace']) {
    const wanted = imageIds.filter((id) => !seen.has(id));
    for (let start = 0; start < wanted.length; start += IDS_PER_REQUEST) {
      yield* batchPages(region, wanted.slice(start, start + IDS_PER_REQUEST), owner, seen);
    }
  }
}

/**
 * One request's pages. The API fails a whole request for one id it calls malformed or
 * unknown (InvalidImageId.*), so such a batch is split in halves until that id stands alone
 * and is simply not found: the others in its batch must not be called missing with it.
 */
async function* batchPages(region: RegionWalk, batch: readonly string[], owner: string | undefined, seen: Set<unknown>): AsyncGenerator<Row[]> {
  const params: RpcParams = { RegionId: region.regionId, ImageId: batch.join(','), Status: 'ALL' };
  if (owner !== undefined) params.ImageOwnerAlias = owner;
  try {
    // Every page, checked complete: an image on a page not read would be called missing.
    for await (const page of region.imagePages(params, { pageSize: 100, concurrency: 1 })) {
      const asked = page.filter((row) => batch.includes(row.ImageId as string) && !seen.has(row.ImageId));
      for (const row of asked) seen.add(row.ImageId);
      yield asked;
    }
  } catch (err) {
    if (!(err instanceof EcsimgError && err.code?.startsWith('InvalidImageId.'))) throw err;
    if (batch.length === 1) return;
    const half = Math.ceil(batch.length / 2);
    yield* batchPages(region, batch.slice(0, half), owner, seen);
    yield* batchPages(region, batch.slice(half), owner, seen);
  }
}
