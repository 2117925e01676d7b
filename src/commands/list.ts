// `ecsimg list`: DescribeImages, every page, every region asked for, into one formatter.
import { describeImagesParams } from '../api/params.js';
import { NotFoundError } from '../errors.js';
import type { IO } from '../io.js';
import { latestPerRegion } from '../listing/latest.js';
import { regionsFailed, throwWalkOutcome, type RegionFailure } from '../listing/regionFailures.js';
import { resolveRegionIds } from '../listing/regions.js';
import { walkRegions } from '../listing/walk.js';
import type { Row } from '../output/format.js';
import { newestRow, sortRows } from './clientSide.js';
import { imageRowsFormatter } from './imageRows.js';
import { printDryRun } from './listDryRun.js';
import { FAIL_EMPTY_HINT, type ListOptions } from './listOptions.js';
import { compileQuery, writeQueryResult } from './query.js';
import type { Session } from './session.js';

export async function listRun(options: ListOptions, session: Session, io: IO): Promise<void> {
  const { global } = options;
  const query = options.query === undefined ? undefined : await compileQuery(options.query);
  if (options.dryRun) {
    printDryRun(options, session, io);
    return;
  }
  // From the first request on, DescribeRegions for --region all included.
  const progress = session.progress();
  const regionIds = await resolveRegionIds(session).catch((err: unknown) => {
    progress.clear();
    throw err;
  });
  const multiRegion = regionIds.length > 1;
  const formatter = imageRowsFormatter(io, {
    output: global.output,
    columns: options.columns,
    fields: options.fields,
    header: options.header,
    multiRegion,
    wide: options.wide,
    quiet: global.quiet,
  });
  // --sort, --latest and --query see every row before any is printed.
  const collect = options.sort !== undefined || options.latest || query !== undefined;
  // --limit counts images after client-side selection; otherwise the pager itself stops at it.
  const pagerLimit = !selectsOnClient(options);
  const kept: Row[] = [];
  const failures: RegionFailure[] = [];
  let count = 0;
  // A region that fails part-way takes back the rows it gave (all or nothing, per region).
  let takeBackRegion = (): boolean => true;
  let countBeforeRegion = 0;
  const walk = walkRegions((regionId) => session.apiFor(regionId), {
    regionIds,
    concurrency: options.concurrency,
    // With --limit, regions are listed one after another so no request is sent in vain.
    oneAtATime: options.limit !== undefined,
    // --columns RegionId with one region: a filled column (json keeps it), not an empty one.
    regionIdOnRows: options.fields?.includes('RegionId'),
    warn: (line) => session.warn(line),
    progress,
    pages: (region) =>
      region.imagePages(describeImagesParams(region.regionId, options.filters), {
        pageSize: options.pageSize,
        allowIncomplete: options.allowIncomplete,
        limit: pagerLimit && options.limit !== undefined ? options.limit - count : undefined,
      }),
  });
  let missing: NotFoundError | undefined;
  /** images that matched when --query then selected nothing from them */
  let queryMatched: number | undefined;
  try {
    for await (const event of walk) {
      if (event.type === 'regionStart') {
        takeBackRegion = formatter.checkpoint();
        countBeforeRegion = count;
      } else if (event.type === 'regionFailed') {
        const takenBack = takeBackRegion();
        if (takenBack) count = countBeforeRegion;
        kept.splice(count);
        failures.push({ regionId: event.regionId, error: event.error, printedInPart: !takenBack });
        progress.clear();
        session.reportRegionFailure(event.regionId, event.error);
      } else if (event.type === 'page') {
        let rows = options.nameRegex ? event.page.filter((row) => options.nameRegex!.test(String(row.ImageName ?? ''))) : event.page;
        if (!collect && options.limit !== undefined) rows = rows.slice(0, options.limit - count);
        count += rows.length;
        if (collect) kept.push(...rows);
        else if (rows.length > 0) formatter.write(rows);
        // A --query alone sees the first --limit images, so the listing stops there.
        if (options.limit !== undefined && count >= options.limit && (pagerLimit || !collect)) break;
      }
    }
    // Nothing on stdout when every region failed: there is nothing to show, not an empty list.
    if (failures.length === regionIds.length) throw regionsFailed(failures, regionIds);
    let rows = kept;
    if (options.sort) rows = sortRows(rows, options.sort);
    if (options.latest) {
      // No newest image found where a region could not be searched is that region's failure, not
      // "no match": the failed region may hold it (no rows at all, or only undated ones).
      if (failures.length > 0 && newestRow(rows) === undefined) throw regionsFailed(failures, regionIds);
      const failed = new Set(failures.map((f) => f.regionId));
      const latest = latestPerRegion(rows, regionIds.filter((regionId) => !failed.has(regionId)));
      ({ rows, missing } = latest);
      // A tie is picked by the API's order, but never silently: the pick may be another architecture.
      progress.clear();
      for (const line of latest.ties) session.warn(line);
      if (options.sort && multiRegion) rows = sortRows(rows, options.sort);
    }
    if (collect && options.limit !== undefined) rows = rows.slice(0, options.limit);
    if (collect) count = rows.length;
    progress.clear();
    if (query) {
      const result = query(rows);
      // --fail-empty asks for something to use: a query that selects nothing is no match either.
      if (result === null || (Array.isArray(result) && result.length === 0)) {
        queryMatched = count;
        count = 0;
      }
      writeQueryResult(result, global.output, io);
    } else {
      if (rows.length > 0) formatter.write(rows);
      formatter.end();
    }
  } finally {
    progress.clear();
    formatter.discard();
  }

  throwWalkOutcome(failures, regionIds, missing, session.report);
  if (options.failEmpty && count === 0) {
    const where = regionIds.join(', ');
    if (queryMatched) {
      throw new NotFoundError(`--query selected nothing from the ${queryMatched} ${queryMatched === 1 ? 'image' : 'images'} that matched in ${where} (--fail-empty)`, {
        hint: 'check the --query expression, or drop --fail-empty to accept an empty result',
      });
    }
    throw new NotFoundError(`no image matched in ${where} (--fail-empty)`, { hint: FAIL_EMPTY_HINT });
  }
  if (global.output === 'table' && !global.quiet && query === undefined) {
    const where = regionIds.length > 3 ? `${regionIds.length} regions` : regionIds.join(', ');
    if (count === 0) io.stderr.write(`no images matched in ${where}\n`);
    else if (io.stderr.isTTY) io.stderr.write(`${count} ${count === 1 ? 'image' : 'images'} in ${where}\n`);
  }
}

/**
 * --limit counts images after --name-regex, --sort and --latest; otherwise the pager itself
 * stops at it (a --query sees the first n images).
 */
function selectsOnClient(options: ListOptions): boolean {
  return options.sort !== undefined || options.latest || options.nameRegex !== undefined;
}
