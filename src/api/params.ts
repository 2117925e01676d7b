// ListOptions filters -> DescribeImages parameters. Pure. Only given options become
// parameters: pop-core would send an undefined value as the string "undefined".
import type { RpcParams } from './types.js';

export const OWNER_ALIASES = ['system', 'self', 'others', 'marketplace'] as const;
export const IMAGE_STATUSES = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'] as const;
export const USAGES = ['instance', 'none'] as const;
export const OS_TYPES = ['linux', 'windows'] as const;
export const ARCHITECTURES = ['i386', 'x86_64', 'arm64'] as const;
export const MAX_TAGS = 20;
export const MAX_PAGE_SIZE = 100;

export interface TagFilter {
  key: string;
  /** undefined: any value */
  value?: string;
}

export interface ImageFilters {
  owner?: (typeof OWNER_ALIASES)[number];
  imageIds?: string[];
  name?: string;
  /** API spelling; ['ALL'] for every status */
  statuses?: string[];
  snapshotId?: string;
  usage?: (typeof USAGES)[number];
  tags?: TagFilter[];
  family?: string;
  osType?: (typeof OS_TYPES)[number];
  arch?: (typeof ARCHITECTURES)[number];
  instanceType?: string;
  createdAfter?: Date;
  createdBefore?: Date;
}

/** The API's filter time format: yyyy-MM-ddTHH:mmZ in UTC. */
export function formatFilterTime(date: Date): string {
  return date.toISOString().slice(0, 16) + 'Z';
}

export function describeImagesParams(regionId: string, filters: ImageFilters): RpcParams {
  const params: RpcParams = { RegionId: regionId };
  const set = (name: string, value: string | undefined): void => {
    if (value !== undefined) params[name] = value;
  };
  set('ImageOwnerAlias', filters.owner);
  set('ImageId', filters.imageIds?.join(','));
  set('ImageName', filters.name);
  set('Status', filters.statuses?.join(','));
  set('SnapshotId', filters.snapshotId);
  set('Usage', filters.usage);
  set('ImageFamily', filters.family);
  set('OSType', filters.osType);
  set('Architecture', filters.arch);
  set('InstanceType', filters.instanceType);
  filters.tags?.forEach((tag, i) => {
    params[`Tag.${i + 1}.Key`] = tag.key;
    set(`Tag.${i + 1}.Value`, tag.value);
  });
  const timeFilters: [string, Date | undefined][] = [
    ['CreationStartTime', filters.createdAfter],
    ['CreationEndTime', filters.createdBefore],
  ];
  let n = 0;
  for (const [key, date] of timeFilters) {
    if (date === undefined) continue;
    n += 1;
    params[`Filter.${n}.Key`] = key;
    params[`Filter.${n}.Value`] = formatFilterTime(date);
  }
  return params;
}

export function pageParams(base: RpcParams, pageNumber: number, pageSize: number): RpcParams {
  return { ...base, PageNumber: String(pageNumber), PageSize: String(pageSize) };
}
