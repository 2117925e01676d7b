// --latest: the newest image of each region (Terraform's most_recent, per region).
import { newestRows } from '../commands/clientSide.js';
import { NotFoundError } from '../errors.js';
import type { Row } from '../output/format.js';

export interface Latest {
  /** one row per region that has a newest image, in region order */
  rows: Row[];
  /** the regions without one, named in one error, to be thrown once the others are printed */
  missing?: NotFoundError;
  /** a warning line for each region whose newest CreationTime several images share */
  ties: string[];
}

/** How many ids a tie warning names before it says how many more there are. */
const TIED_IDS_SHOWN = 3;

const HINT = 'loosen the filters, or drop --latest to see what there is';

/**
 * Rows carry RegionId when there are several regions; none newest anywhere is thrown at once.
 * A tie is kept as the API ordered it (Terraform does the same) but named: the pick may be the
 * wrong architecture or variant, and exit 0 would not say so.
 */
export function latestPerRegion(rows: Row[], regionIds: string[]): Latest {
  const noneNewest = (): NotFoundError => new NotFoundError(`${noneMatched(rows)} in ${regionIds.join(', ')}, so there is no latest one`, { hint: HINT });
  // One region left of several (the others failed): its rows carry RegionId, and its warning names it.
  if (regionIds.length <= 1) {
    const tied = newestRows(rows);
    if (tied.length === 0) throw noneNewest();
    return { rows: [tied[0]!], ties: tieWarning(tied, rows[0]?.RegionId === undefined ? undefined : regionIds[0]) };
  }
  const byRegion = new Map<string, Row[]>(regionIds.map((regionId) => [regionId, []]));
  for (const row of rows) byRegion.get(String(row.RegionId))?.push(row);
  const newest: Row[] = [];
  const without: string[] = [];
  const ties: string[] = [];
  for (const [regionId, regionRows] of byRegion) {
    // newestRow's pick is the first of them, the API's order breaking a tie.
    const tied = newestRows(regionRows);
    if (tied.length > 0) newest.push(tied[0]!);
    else without.push(`${regionId}: ${noneMatched(regionRows)}`);
    ties.push(...tieWarning(tied, regionId));
  }
  if (newest.length === 0) throw noneNewest();
  if (without.length === 0) return { rows: newest, ties };
  const missing = new NotFoundError(`${without.join('; ')}, so there is no latest one`, { hint: `the newest of the other regions was printed; ${HINT}` });
  return { rows: newest, missing, ties };
}

/** One line when several images share the newest CreationTime (`tied`, as newestRows gives them): how many, the first few ids, how to narrow. */
function tieWarning(tied: Row[], regionId?: string): string[] {
  if (tied.length < 2) return [];
  const ids = tied.slice(0, TIED_IDS_SHOWN).map((row) => String(row.ImageId)).join(', ');
  const more = tied.length > TIED_IDS_SHOWN ? ` and ${tied.length - TIED_IDS_SHOWN} more` : '';
  const where = regionId === undefined ? '' : `${regionId}: `;
  return [
    `${where}--latest picked the first of ${tied.length} images with the newest CreationTime ${String(tied[0]!.CreationTime)}, ` +
      `in the API's order: ${ids}${more}; narrow with e.g. --arch or --name-exact`,
  ];
}

function noneMatched(rows: Row[]): string {
  return rows.length === 0 ? 'no image matched' : `no image with a valid CreationTime matched (${rows.length} without one)`;
}
