// `ecsimg list`: DescribeImages, every page, every region asked for, into one formatter.
import { setMaxListeners } from 'node:events';
import { createLimiter } from '../api/limiter.js';
import { describeImagesPages, firstPageSize, type PagingProgress } from '../api/paginate.js';
import { describeImagesParams, pageParams } from '../api/params.js';
import { EcsimgError, NotFoundError, UsageError } from '../errors.js';
import type { IO, Progress } from '../io.js';
import { createFormatter, type Formatter, type Row } from '../output/format.js';
import { formatError } from '../output/errorMessage.js';
import { newestRow, sortRows } from './clientSide.js';
import type { ListOptions } from './listOptions.js';
import { compileQuery, writeQueryResult } from './query.js';
import { inRegionOrder, type PageSource } from './regionPages.js';
import { parseRegionList } from './regionList.js';
import { isAllRegions, resolveRegionIds } from './regions.js';
import { regionOfEndpoint, type Session } from './session.js';

export async function listRun(options: ListOptions, session: Session, io: IO): Promise<void> {
  const { global } = options;
  const query = options.query === undefined ? undefined : await compileQuery(options.query);
  if (options.dryRun) {
    printDryRun(options, session, io);
    return;
  }
  const regionIds = await resolveRegionIds(session);
  const multiRegion = regionIds.length > 1;
  const failures: RegionFailure[] = [];
  const columns = multiRegion && !options.columns.includes('RegionId') ? ['RegionId', ...options.columns] : options.columns;
  const formatter = createFormatter(global.output, io.stdout, {
    columns,
    fields: options.fields && columns,
    header: options.header,
    tty: io.stdout.isTTY,
    color: io.color,
    width: io.stdout.columns,
    wide: options.wide,
    notice: global.quiet ? undefined : (line) => io.stderr.write(`note: ${line}\n`),
  });
  const progress = session.progress();
  // Ends the retries of pages nobody waits for once the listing is over (early --limit, a failure).
  const stop = new AbortController();
  // Every request waiting to retry listens to it: past 10, Node would warn of a leak on stderr.
  setMaxListeners(0, stop.signal);
  let count = 0;
  // A region that fails part-way takes back the rows it gave (all or nothing, per region).
  let takeBackRegion = (): boolean => true;
  let countBeforeRegion = 0;
  const stillWanted = (): number | undefined => (options.limit === undefined ? undefined : options.limit - count);
  const pages = inRegionOrder(regionSources(options, session, regionIds, progress, stop.signal, stillWanted), {
    // With --limit, regions are listed one after another so no request is sent in vain.
    eager: options.limit === undefined,
    lookahead: options.concurrency,
    onStart() {
      takeBackRegion = formatter.checkpoint();
      countBeforeRegion = count;
    },
    onError(index, error) {
      if (!multiRegion || !(error instanceof EcsimgError)) throw error;
      const regionId = regionIds[index]!;
      const takenBack = takeBackRegion();
      if (takenBack) count = countBeforeRegion;
      failures.push({ regionId, error, printedInPart: !takenBack });
      progress.clear();
      const report = formatError(error, { debug: global.debug, quiet: global.quiet, secrets: session.secrets() });
      io.stderr.write(report.replace(/^ecsimg: /, `ecsimg: ${regionId}: `));
    },
  });
  // Nothing on stdout when every region failed: there is nothing to show, not an empty list.
  const checkSomeRegionListed = (): void => {
    if (failures.length > 0 && failures.length === regionIds.length) throw regionsFailed(failures, regionIds);
  };

  const matches = (row: Row): boolean => !options.nameRegex || options.nameRegex.test(String(row.ImageName ?? ''));

  try {
    if (options.sort !== undefined || options.latest || query !== undefined) {
      let rows: Row[] = [];
      // A --query alone sees the first --limit images, so the listing stops there.
      const stopAt = selectsOnClient(options) ? undefined : options.limit;
      for await (const page of pages) {
        rows.push(...page.filter(matches));
        count = rows.length;
        if (stopAt !== undefined && count >= stopAt) break;
      }
      checkSomeRegionListed();
      const failed = new Set(failures.map((f) => f.regionId));
      if (failed.size > 0) rows = rows.filter((row) => !failed.has(String(row.RegionId)));
      if (options.sort) rows = sortRows(rows, options.sort);
      if (options.latest) {
        // Nothing found where a region could not be searched is that region's failure, not "no match".
        if (rows.length === 0 && failures.length > 0) throw regionsFailed(failures, regionIds);
        rows = [newestOrFail(rows, regionIds.filter((regionId) => !failed.has(regionId)))];
      }
      if (options.limit !== undefined) rows = rows.slice(0, options.limit);
      count = rows.length;
      progress.clear();
      if (query) writeQueryResult(query(rows), global.output, io);
      else writeAll(formatter, rows);
    } else {
      for await (const page of pages) {
        let rows = page.filter(matches);
        if (options.limit !== undefined) rows = rows.slice(0, options.limit - count);
        count += rows.length;
        if (rows.length > 0) formatter.write(rows);
        if (options.limit !== undefined && count >= options.limit) break;
      }
      checkSomeRegionListed();
      progress.clear();
      formatter.end();
    }
  } finally {
    progress.clear();
    stop.abort();
    formatter.discard();
  }

  if (failures.length > 0) throw regionsFailed(failures, regionIds);
  if (options.failEmpty && count === 0) {
    throw new NotFoundError(`no image matched in ${regionIds.join(', ')} (--fail-empty)`, { hint: 'loosen the filters, or drop --fail-empty to accept an empty listing' });
  }
  if (global.output === 'table' && !global.quiet && query === undefined) {
    const where = regionIds.length > 3 ? `${regionIds.length} regions` : regionIds.join(', ');
    if (count === 0) io.stderr.write(`no images matched in ${where}\n`);
    else if (io.stderr.isTTY) io.stderr.write(`${count} ${count === 1 ? 'image' : 'images'} in ${where}\n`);
  }
}

/** One page source per region: its pages, rows tagged with RegionId when there are several. */
function regionSources(
  options: ListOptions,
  session: Session,
  regionIds: string[],
  progress: Progress,
  signal: AbortSignal,
  /** images --limit still wants when a region starts (regions then run one after another) */
  stillWanted: () => number | undefined,
): PageSource<Row[]>[] {
  const multiRegion = regionIds.length > 1;
  const limiter = createLimiter(options.concurrency);
  const pagingByRegion = new Map<string, PagingProgress>();
  return regionIds.map((regionId, regionIndex) => async function* () {
    const api = await session.apiFor(regionId);
    const base = describeImagesParams(regionId, options.filters);
    const imagePages = describeImagesPages(
      (pageNumber, pageSize) => limiter(() => api.describeImages(pageParams(base, pageNumber, pageSize), signal), regionIndex),
      {
        pageSize: options.pageSize,
        concurrency: options.concurrency,
        limit: selectsOnClient(options) ? undefined : stillWanted(),
        allowIncomplete: options.allowIncomplete,
        onWarning: (w) => session.warn(multiRegion ? `${regionId}: ${w}` : w),
        onProgress: (p) => {
          pagingByRegion.set(regionId, p);
          progress.update(progressText(pagingByRegion));
        },
      },
    );
    for await (const page of imagePages) {
      yield multiRegion ? page.map((image): Row => ({ RegionId: regionId, ...image })) : (page as Row[]);
    }
  });
}

/**
 * --limit counts images after --name-regex, --sort and --latest; otherwise the pager itself
 * stops at it (a --query sees the first n images).
 */
function selectsOnClient(options: ListOptions): boolean {
  return options.sort !== undefined || options.latest || options.nameRegex !== undefined;
}

interface RegionFailure {
  regionId: string;
  error: EcsimgError;
  /** ndjson had already printed some of its rows */
  printedInPart: boolean;
}

function regionsFailed(failures: RegionFailure[], regionIds: string[]): EcsimgError {
  const failed = failures.map((f) => f.regionId).join(', ');
  const inPart = failures.filter((f) => f.printedInPart).map((f) => f.regionId);
  // ndjson cannot take back what it printed: say so rather than "nothing".
  const printed = inPart.length === 0 ? '' : `${inPart.join(', ')} failed after some of ${inPart.length === 1 ? 'its' : 'their'} images were printed`;
  const message =
    failures.length === regionIds.length
      ? `every region failed (${failed}); ${printed || 'nothing was listed'}`
      : `${failures.length} of ${regionIds.length} regions failed (${failed}); the other regions were listed${printed ? `, and ${printed}` : ''}`;
  return new EcsimgError(message, failures[0]!.error.exitCode);
}

function newestOrFail(rows: Row[], regionIds: string[]): Row {
  const newest = newestRow(rows);
  if (!newest) {
    const what = rows.length === 0 ? 'no image matched' : `no image with a valid CreationTime matched (${rows.length} without one)`;
    throw new NotFoundError(`${what} in ${regionIds.join(', ')}, so there is no latest one`, {
      hint: 'loosen the filters, or drop --latest to see what there is',
    });
  }
  return newest;
}

function progressText(byRegion: Map<string, PagingProgress>): string {
  let pages = 0;
  let total = 0;
  let images = 0;
  for (const p of byRegion.values()) {
    pages += p.pagesFetched;
    total += p.pagesTotal;
    images += p.images;
  }
  const regions = byRegion.size > 1 ? ` in ${byRegion.size} regions` : '';
  return `listing images: page ${pages}/${total}, ${images} images${regions}`;
}

function writeAll(formatter: Formatter, rows: Row[]): void {
  if (rows.length > 0) formatter.write(rows);
  formatter.end();
}

function printDryRun(options: ListOptions, session: Session, io: IO): void {
  const { value } = session.region();
  const pageSize = firstPageSize(options.pageSize, options.limit);
  const describeImages = (regionId: string) => ({
    Endpoint: session.endpointFor(regionId),
    Method: 'POST',
    Action: 'DescribeImages',
    Parameters: pageParams(describeImagesParams(regionId, options.filters), 1, pageSize),
  });
  // --region all would need DescribeRegions to know the regions; a dry run sends nothing,
  // so it shows that request and the DescribeImages sent for each region it returns.
  if (isAllRegions(value)) checkAllRegionsEndpoint(session.endpointFor(undefined));
  const requests = isAllRegions(value)
    ? [
        { Endpoint: session.endpointFor(undefined), Method: 'POST', Action: 'DescribeRegions', Parameters: {} },
        describeImages('{RegionId}'),
      ]
    : parseRegionList(value).map(describeImages);
  io.stdout.write(JSON.stringify(requests, null, 2) + '\n');
}

/** An endpoint that serves one region cannot serve --region all: say so, not `{RegionId}`. */
function checkAllRegionsEndpoint(endpoint: string): void {
  const served = regionOfEndpoint(endpoint);
  if (served === undefined) return;
  throw new UsageError(`--region all: the endpoint ${endpoint} serves only ${served}; its answer for any other region would be an empty list`, {
    hint: `pass --region ${served}, or leave the endpoint unset so each region uses its own`,
  });
}
