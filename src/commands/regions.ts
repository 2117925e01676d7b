// `ecsimg regions` (DescribeRegions), and turning `--region all` into region ids.
import { UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { createFormatter, type Row } from '../output/format.js';
import type { GlobalOptions } from './globals.js';
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
  const api = await session.apiFor(undefined);
  const regions = (await api.describeRegions()).Regions.Region.map((r) => r.RegionId);
  if (regions.length === 0) throw new UsageError('--region all: DescribeRegions returned no region');
  return regions;
}

export async function regionsRun(global: GlobalOptions, session: Session, io: IO): Promise<void> {
  const configured = session.optionalRegion();
  const regionId = configured && !isAllRegions(configured.value) ? parseRegionList(configured.value)[0] : undefined;
  const api = await session.apiFor(regionId);
  const regions = (await api.describeRegions()).Regions.Region as Row[];
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
