// A --region value: one id, a comma-separated list, or 'all'.
import { UsageError } from '../errors.js';
import { shellWord } from '../output/shellWord.js';
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
        hint: blankSeparated(id) ? `separate regions with commas: --region ${commaSeparated(value)}` : 'list valid regions with: ecsimg regions',
      });
    }
  }
  return ids;
}

/** "cn-hangzhou cn-beijing": region ids with blanks between them, meant as a list. */
function blankSeparated(id: string): boolean {
  const words = id.split(/\s+/);
  return words.length > 1 && words.every(isRegionId);
}

/** The value as a comma list for the command line: region ids need no quotes (nor does a comma), anything else gets them. */
function commaSeparated(value: string): string {
  const words = value.trim().split(/[\s,]+/);
  const list = words.join(',');
  return words.every((word) => isRegionId(word)) ? list : shellWord(list);
}
