// `ecsimg regions` (DescribeRegions).
import type { IO } from '../io.js';
import { describeUsableRegions, isAllRegions } from '../listing/regions.js';
import { createFormatter, type Row } from '../output/format.js';
import type { GlobalOptions } from './globals.js';
import { parseRegionList } from './regionList.js';
import type { Session } from './session.js';

export const REGION_COLUMNS = ['RegionId', 'LocalName', 'RegionEndpoint', 'Status'];

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
