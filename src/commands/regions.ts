// `ecsimg regions` (DescribeRegions), and turning `--region all` into region ids.
import type { Region, RpcParams } from '../api/types.js';
import { ServiceError } from '../errors.js';
import type { IO } from '../io.js';
import { createFormatter, type Row } from '../output/format.js';
import { compileQuery, writeQueryResult } from './query.js';
import { checkRegions, skippedRegionWarning } from './regionAnswer.js';
import { parseRegionList } from './regionList.js';
import { REGIONS_QUERY_SUBJECT, type RegionsOptions } from './regionsOptions.js';
import type { Session } from './session.js';

/** `--region all` asks DescribeRegions; anything else is a list of ids. */
export function isAllRegions(value: string): boolean {
  return value.trim().toLowerCase() === 'all';
}

export async function resolveRegionIds(session: Session): Promise<string[]> {
  const { value } = session.region();
  if (!isAllRegions(value)) return parseRegionList(value);
  const regions = await describeUsableRegions(session, undefined);
  if (regions.length === 0) {
    throw new ServiceError('--region all: DescribeRegions returned no usable region id', {
      hint: 'try again later, or name the regions: --region cn-hangzhou,cn-beijing',
    });
  }
  return regions.map((r) => r.RegionId);
}

/** DescribeRegions, with each entry that is not a region id named on stderr and skipped. */
async function describeUsableRegions(session: Session, regionId: string | undefined, params: RpcParams = {}): Promise<Region[]> {
  const api = await session.apiFor(regionId);
  const { regions, skipped } = checkRegions((await api.describeRegions(params)).Regions.Region);
  for (const entry of skipped) session.warn(skippedRegionWarning(entry));
  return regions;
}

/** `ecsimg regions`: DescribeRegions with LocalName in the user's language, printed as `list` prints. */
export async function regionsRun(options: RegionsOptions, session: Session, io: IO): Promise<void> {
  const { global } = options;
  const configured = session.optionalRegion();
  const regionId = configured && !isAllRegions(configured.value) ? parseRegionList(configured.value)[0] : undefined;
  const query = options.query === undefined ? undefined : await compileQuery(options.query, REGIONS_QUERY_SUBJECT);
  // The same regions --region all walks: what is not a region id is not listed.
  const regions = (await describeUsableRegions(session, regionId, { AcceptLanguage: options.language })) as Row[];
  if (query) {
    writeQueryResult(query(regions), global.output, io);
    return;
  }
  const formatter = createFormatter(global.output, io.stdout, {
    columns: options.columns,
    fields: options.fields,
    header: options.header,
    tty: io.stdout.isTTY,
    color: io.color,
    width: io.stdout.columns,
  });
  if (regions.length > 0) formatter.write(regions);
  formatter.end();
}
