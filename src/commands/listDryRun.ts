// `list --dry-run`: the requests a listing would send, as JSON; nothing is sent.
import { firstPageSize } from '../api/paginate.js';
import { describeImagesParams, pageParams } from '../api/params.js';
import { UsageError } from '../errors.js';
import type { IO } from '../io.js';
import { isAllRegions } from '../listing/regions.js';
import type { ListOptions } from './listOptions.js';
import { parseRegionList } from './regionList.js';
import { regionOfEndpoint, type Session } from './session.js';

export function printDryRun(options: ListOptions, session: Session, io: IO): void {
  const { value } = session.region();
  // --count without a client-side filter asks each region for one image: its TotalCount.
  const pageSize = options.count && options.nameRegex === undefined ? 1 : firstPageSize(options.pageSize, options.limit);
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
