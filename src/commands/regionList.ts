// A --region value: one id, a comma-separated list, or 'all'.
import { UsageError } from '../errors.js';
import { splitList } from './validate.js';

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** Shaped like a region id (cn-hangzhou): safe in a request and in the host ecs.<id>.aliyuncs.com. */
export function isRegionId(value: unknown): value is string {
  return typeof value === 'string' && REGION_ID.test(value);
}

export function parseRegionList(value: string): string[] {
  const ids = [...new Set(splitList('--region', [value]))];
  if (ids.length > 1 && ids.some((id) => id.toLowerCase() === 'all')) {
    throw new UsageError(`--region "${value}": 'all' means every region and stands alone; give it or a list of ids, not both`);
  }
  for (const id of ids) {
    if (!isRegionId(id)) {
      throw new UsageError(`invalid region "${id}"; expected an id like cn-hangzhou`, {
        hint: 'list valid regions with: ecsimg regions',
      });
    }
  }
  return ids;
}
