// --latest: the newest image of each region (Terraform's most_recent, per region).
import { newestRow } from '../commands/clientSide.js';
import { NotFoundError } from '../errors.js';
import type { Row } from '../output/format.js';

export interface Latest {
  /** one row per region that has a newest image, in region order */
  rows: Row[];
  /** the regions without one, named in one error, to be thrown once the others are printed */
  missing?: NotFoundError;
}

const HINT = 'loosen the filters, or drop --latest to see what there is';

/** Rows carry RegionId when there are several regions; none newest anywhere is thrown at once. */
export function latestPerRegion(rows: Row[], regionIds: string[]): Latest {
  const newestOverall = (): Row => {
    const newest = newestRow(rows);
    if (!newest) throw new NotFoundError(`${noneMatched(rows)} in ${regionIds.join(', ')}, so there is no latest one`, { hint: HINT });
    return newest;
  };
  if (regionIds.length <= 1) return { rows: [newestOverall()] };
  const byRegion = new Map<string, Row[]>(regionIds.map((regionId) => [regionId, []]));
  for (const row of rows) byRegion.get(String(row.RegionId))?.push(row);
  const newest: Row[] = [];
  const without: string[] = [];
  for (const [regionId, regionRows] of byRegion) {
    const row = newestRow(regionRows);
    if (row) newest.push(row);
    else without.push(`${regionId}: ${noneMatched(regionRows)}`);
  }
  if (newest.length === 0) newestOverall();
  if (without.length === 0) return { rows: newest };
  const missing = new NotFoundError(`${without.join('; ')}, so there is no latest one`, { hint: `the newest of the other regions was printed; ${HINT}` });
  return { rows: newest, missing };
}

function noneMatched(rows: Row[]): string {
  return rows.length === 0 ? 'no image matched' : `no image with a valid CreationTime matched (${rows.length} without one)`;
}
