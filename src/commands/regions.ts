// `ecsimg regions` (DescribeRegions), and turning `--region all` into region ids.
import type { Region } from '../api/types.js';
import { ServiceError } from '../errors.js';
import type { IO } from '../io.js';
import { createFormatter, type Row } from '../output/format.js';
import type { GlobalOptions } from './globals.js';
import { checkRegions, skippedRegionWarning } from './regionAnswer.js';
import { parseRegionList } from './regionList.js';
import type { Session } from './session.js';

export const REGION_COLUMNS = ['RegionId', 'LocalName', 'RegionEndpoint', 'Status'];

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
async function describeUsableRegions(session: Session, regionId: string | undefined): Promise<Region[]> {
  const api = await session.apiFor(regionId);
  const { regions, skipped } = checkRegions((await api.describeRegions()).Regions.Region);
  for (const entry of skipped) session.warn(skippedRegionWarning(entry));
  return regions;
}

export async function regionsRun(global: GlobalOptions, session: Session, io: IO): Promise<void> {
  const configured = session.optionalRegion();
  const regionId = configured && !isAllRegions(configured.value) ? parseRegionList(configured.value)[0] : undefined;
  // The same regions --region all walks: what is not a region id is not listed.
  const regions = (await describeUsableRegions(session, regionId)) as Row[];
  const formatter = createFormatter(global.output, io.stdout, {
    columns: REGION_COLUMNS,
    header: true,
    tty: io.stdout.isTTY,
    color: io.color,
    width: io.stdout.columns,
  });
  if (regions.length > 0) formatter.write(regions);
  formatter.end();
}
