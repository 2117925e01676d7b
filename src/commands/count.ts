// `list --count`: only the number of matching images. Without a client-side filter each
// region costs one request (PageSize 1: its TotalCount); with one, its pages are read and
// the matches counted. A region that fails fails the count: a partial sum is no count.
import { createLimiter } from '../api/limiter.js';
import { describeImagesPages } from '../api/paginate.js';
import { describeImagesParams, pageParams } from '../api/params.js';
import { EcsimgError, NotFoundError, UsageError } from '../errors.js';
import type { IO } from '../io.js';
import type { ListOptions } from './listOptions.js';
import { resolveRegionIds } from './regions.js';
import type { Session } from './session.js';

export function checkCountOptions(options: ListOptions): void {
  const clash = [options.latest && '--latest', options.query !== undefined && '--query', options.limit !== undefined && '--limit'].filter(Boolean);
  if (clash.length > 0) throw new UsageError(`--count prints only the number of matching images; it does not combine with ${clash.join(', ')}`);
}

export async function countRun(options: ListOptions, session: Session, io: IO, signal: AbortSignal): Promise<void> {
  const regionIds = await resolveRegionIds(session);
  const limiter = createLimiter(options.concurrency);
  const matches = options.nameRegex;
  const counts = await Promise.all(
    regionIds.map(async (regionId, index) => {
      try {
        const api = await session.apiFor(regionId);
        const base = describeImagesParams(regionId, options.filters);
        if (!matches) return (await limiter(() => api.describeImages(pageParams(base, 1, 1), signal), index)).TotalCount;
        let n = 0;
        const pages = describeImagesPages((p, size) => limiter(() => api.describeImages(pageParams(base, p, size), signal), index), {
          pageSize: options.pageSize,
          concurrency: options.concurrency,
          allowIncomplete: options.allowIncomplete,
          onWarning: (w) => session.warn(regionIds.length > 1 ? `${regionId}: ${w}` : w),
        });
        for await (const page of pages) n += page.filter((image) => matches.test(String(image.ImageName ?? ''))).length;
        return n;
      } catch (err) {
        if (regionIds.length > 1 && err instanceof EcsimgError) throw new EcsimgError(`${regionId}: ${err.message}; no count is printed`, err.exitCode, err);
        throw err;
      }
    }),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  io.stdout.write(`${total}\n`);
  if (options.failEmpty && total === 0) throw new NotFoundError(`no image matched in ${regionIds.join(', ')} (--fail-empty)`);
}
