// Which regions a walk covers: --region's ids, or `all` through DescribeRegions.
import type { Region, RpcParams } from '../api/types.js';
import { checkRegions, skippedRegionWarning } from '../commands/regionAnswer.js';
import { parseRegionList } from '../commands/regionList.js';
import type { Session } from '../commands/session.js';
import { ServiceError } from '../errors.js';

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
export async function describeUsableRegions(session: Session, regionId: string | undefined, params: RpcParams = {}): Promise<Region[]> {
  const api = await session.apiFor(regionId);
  const { regions, skipped } = checkRegions((await api.describeRegions(params)).Regions.Region);
  for (const entry of skipped) session.warn(skippedRegionWarning(entry));
  return regions;
}
