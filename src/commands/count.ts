// `list --count`: only the number of matching images. Without a client-side filter each
// region costs one request (PageSize 1: its TotalCount); with one, its pages are read and
// the matches counted. A region that fails fails the count: a partial sum is no count.
import { describeImagesParams, pageParams } from '../api/params.js';
import { NotFoundError, UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { regionsFailed, type RegionFailure } from '../listing/regionFailures.js';
import { resolveRegionIds } from '../listing/regions.js';
import { walkRegions } from '../listing/walk.js';
import { FAIL_EMPTY_HINT, type ListOptions } from './listOptions.js';
import type { Session } from './session.js';

/** --count prints one number: a flag that shapes rows or pages would be ignored, so it is refused. */
export function checkCountOptions(options: ListOptions, pageSizeGiven: boolean): void {
  const clash = [
    options.latest && '--latest',
    options.query !== undefined && '--query',
    options.limit !== undefined && '--limit',
    options.sort !== undefined && '--sort',
    options.fields !== undefined && '--columns',
    !options.header && '--no-header',
    options.wide && '--wide',
    // Without a client-side filter a region costs one request of one image: no pages to size.
    pageSizeGiven && options.nameRegex === undefined && '--page-size',
  ].filter(Boolean);
  if (clash.length === 0) return;
  const pageSizeOnly = clash.length === 1 && clash[0] === '--page-size';
  const hint = pageSizeOnly
    ? 'without --name-regex, --name-exact or --name-glob a count reads one image per region; with one of them it pages, and --page-size applies'
    : undefined;
  throw new UsageError(`--count prints only the number of matching images; it does not combine with ${clash.join(', ')}`, { hint });
}

export async function countRun(options: ListOptions, session: Session, io: IO, signal: AbortSignal): Promise<void> {
  const { regionIds, total, failures } = await session.withProgress(() => countRegions(options, session, signal));
  if (failures.length > 0) {
    // Every failed region is named, as list names them, once the spinner is gone; then the one error.
    for (const { regionId, error } of failures) session.reportRegionFailure(regionId, error);
    throw regionsFailed(failures, regionIds, 'no count is printed');
  }
  io.stdout.write(`${total}\n`);
  if (options.failEmpty && total === 0) throw new NotFoundError(`no image matched in ${regionIds.join(', ')} (--fail-empty)`, { hint: FAIL_EMPTY_HINT });
}

async function countRegions(options: ListOptions, session: Session, signal: AbortSignal): Promise<{ regionIds: string[]; total: number; failures: RegionFailure[] }> {
  const regionIds = await resolveRegionIds(session);
  const matches = options.nameRegex;
  const walk = walkRegions((regionId) => session.apiFor(regionId), {
    regionIds,
    concurrency: options.concurrency,
    signal,
    warn: (line) => session.warn(line),
    async *pages(region) {
      const base = describeImagesParams(region.regionId, options.filters);
      if (!matches) {
        yield (await region.describeImages(pageParams(base, 1, 1))).TotalCount;
        return;
      }
      const pages = region.imagePages(base, { pageSize: options.pageSize, allowIncomplete: options.allowIncomplete });
      for await (const page of pages) yield page.filter((image) => matches.test(String(image.ImageName ?? ''))).length;
    },
  });
  let total = 0;
  const failures: RegionFailure[] = [];
  for await (const event of walk) {
    if (event.type === 'page') total += event.page;
    else if (event.type === 'regionFailed') failures.push({ regionId: event.regionId, error: event.error, printedInPart: false });
  }
  return { regionIds, total, failures };
}
