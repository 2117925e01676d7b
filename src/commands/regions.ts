// `ecsimg regions` (DescribeRegions).
import type { IO } from '../io.js';
import { describeUsableRegions, isAllRegions } from '../listing/regions.js';
import { createFormatter, type Row } from '../output/format.js';
import { compileQuery, writeQueryResult } from './query.js';
import { parseRegionList } from './regionList.js';
import { REGIONS_QUERY_SUBJECT, type RegionsOptions } from './regionsOptions.js';
import type { Session } from './session.js';

/** `ecsimg regions`: DescribeRegions with LocalName in the user's language, printed as `list` prints. */
export async function regionsRun(options: RegionsOptions, session: Session, io: IO): Promise<void> {
  const { global } = options;
  const configured = session.optionalRegion();
  const regionId = configured && !isAllRegions(configured.value) ? parseRegionList(configured.value)[0] : undefined;
  const query = options.query === undefined ? undefined : await compileQuery(options.query, REGIONS_QUERY_SUBJECT);
  // The same regions --region all walks: what is not a region id is not listed.
  const regions = (await session.withProgress(() => describeUsableRegions(session, regionId, { AcceptLanguage: options.language }))) as Row[];
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
    notice: global.quiet ? undefined : (line) => io.stderr.write(`note: ${line}\n`),
  });
  if (regions.length > 0) formatter.write(regions);
  formatter.end();
}
