// DescribeImages: parameters -> validated query -> the matching images in API order, as the API does it.

import { ApiError, apiError, invalidParameter, missingParameter } from './errors.js';
import { instanceTypeArchitecture } from './instance-types.js';
import type { ImageArchitecture, ImageOSType, ImageOwnerAlias, ImageStatus, ImageUsage, ServedImage } from './types.js';

type Params = Readonly<Record<string, string>>;

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;
export const MAX_TAGS = 20;

export const STATUSES: readonly ImageStatus[] = ['Creating', 'Waiting', 'Available', 'UnAvailable', 'CreateFailed', 'Deprecated'];
export const OWNERS: readonly ImageOwnerAlias[] = ['system', 'self', 'others', 'marketplace'];
/** without ImageOwnerAlias the API returns these; marketplace only when asked for */
const DEFAULT_OWNERS: ReadonlySet<ImageOwnerAlias> = new Set(['system', 'self', 'others']);
const OS_TYPES: readonly ImageOSType[] = ['linux', 'windows'];
const ARCHITECTURES: readonly ImageArchitecture[] = ['i386', 'x86_64', 'arm64'];
const USAGES: readonly ImageUsage[] = ['instance', 'none'];

export interface TagFilter {
  key: string;
  /** undefined or '': any value */
  value?: string;
}

export interface ImageQuery {
  regionId: string;
  imageIds?: ReadonlySet<string>;
  /** undefined: every status (Status=ALL) */
  statuses?: ReadonlySet<ImageStatus>;
  /** lower case, matched as a substring */
  name?: string;
  owners: ReadonlySet<ImageOwnerAlias>;
  usage?: ImageUsage;
  tags: readonly TagFilter[];
  family?: string;
  osType?: ImageOSType;
  architecture?: ImageArchitecture;
  /** from InstanceType */
  instanceArchitecture?: ImageArchitecture;
  snapshotId?: string;
  /** CreationTime bounds in CreationTime's own format, inclusive */
  createdFrom?: string;
  createdTo?: string;
  pageSize: number;
  pageNumber: number;
  dryRun: boolean;
}

function present(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === '' ? undefined : value;
}

function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[], error: () => ApiError): T | undefined {
  const value = present(params, name);
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw error();
  return value as T;
}

function integer(params: Params, name: string, fallback: number, min: number, max: number): number {
  const value = present(params, name);
  if (value === undefined) return fallback;
  if (!/^\d{1,9}$/.test(value)) throw invalidParameter(name);
  const n = Number(value);
  if (n < min || n > max) throw invalidParameter(name);
  return n;
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function parseStatuses(params: Params): ReadonlySet<ImageStatus> | undefined {
  const value = present(params, 'Status');
  if (value === undefined) return new Set(['Available']);
  const wanted = list(value);
  if (wanted.includes('ALL')) return undefined;
  for (const s of wanted) if (!(STATUSES as readonly string[]).includes(s)) throw invalidParameter('Status');
  return new Set(wanted as ImageStatus[]);
}

function parseTags(params: Params): TagFilter[] {
  const byIndex = new Map<number, { key?: string; value?: string }>();
  for (const [name, value] of Object.entries(params)) {
    const m = /^Tag\.(\d+)\.(Key|Value)$/.exec(name);
    if (!m) continue;
    const n = Number(m[1]);
    if (n < 1 || n > MAX_TAGS) throw apiError('InvalidTagCount');
    const entry = byIndex.get(n) ?? {};
    if (m[2] === 'Key') entry.key = value;
    else entry.value = value;
    byIndex.set(n, entry);
  }
  const tags: TagFilter[] = [];
  for (const n of [...byIndex.keys()].sort((a, b) => a - b)) {
    const entry = byIndex.get(n) ?? {};
    if (entry.key === undefined) throw apiError('InvalidTag.Mismatch');
    if (entry.key === '') throw apiError('InvalidTagKey.Malformed');
    tags.push({ key: entry.key, value: entry.value });
  }
  return tags;
}

const FILTER_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$/;

function filterTime(value: string | undefined, name: string): string {
  if (value === undefined) throw invalidParameter(name);
  const m = FILTER_TIME.exec(value);
  const ms = m ? Date.parse(`${value.slice(0, 16)}:00Z`) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 16) !== value.slice(0, 16)) throw invalidParameter(name);
  return `${value.slice(0, 16)}:00Z`;
}

function parseFilters(params: Params): { createdFrom?: string; createdTo?: string } {
  const out: { createdFrom?: string; createdTo?: string } = {};
  for (const [name, key] of Object.entries(params)) {
    const m = /^Filter\.(\d+)\.Key$/.exec(name);
    if (!m) continue;
    const valueName = `Filter.${m[1]}.Value`;
    if (key === 'CreationStartTime') out.createdFrom = filterTime(params[valueName], valueName);
    else if (key === 'CreationEndTime') out.createdTo = filterTime(params[valueName], valueName);
    else throw invalidParameter(name);
  }
  return out;
}

/** Validates every DescribeImages parameter in the order the API reports them. */
export function parseImageQuery(params: Params, regionExists: (regionId: string) => boolean): ImageQuery {
  const regionId = present(params, 'RegionId');
  if (regionId === undefined) throw missingParameter('RegionId');
  if (!/^[a-z0-9-]+$/.test(regionId)) throw apiError('InvalidRegionId.MalFormed');
  if (!regionExists(regionId)) throw apiError('InvalidRegionId.NotFound');

  const pageSize = integer(params, 'PageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
  const pageNumber = integer(params, 'PageNumber', 1, 1, 999_999_999);
  const owner = oneOf(params, 'ImageOwnerAlias', OWNERS, () => apiError('InvalidImageOwnerAlias.ValueNotSupported'));
  const usage = oneOf(params, 'Usage', USAGES, () => apiError('InvalidUsage'));
  const statuses = parseStatuses(params);
  const osType = oneOf(params, 'OSType', OS_TYPES, () => invalidParameter('OSType'));
  const architecture = oneOf(params, 'Architecture', ARCHITECTURES, () => invalidParameter('Architecture'));
  const tags = parseTags(params);
  const { createdFrom, createdTo } = parseFilters(params);

  const instanceType = present(params, 'InstanceType');
  const instanceArchitecture = instanceType === undefined ? undefined : instanceTypeArchitecture(instanceType);
  if (instanceType !== undefined && instanceArchitecture === undefined) throw apiError('InvalidInstanceType.ValueNotSupported');

  const dryRun = present(params, 'DryRun');
  if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw invalidParameter('DryRun');

  const imageId = present(params, 'ImageId');
  const name = present(params, 'ImageName');
  return {
    regionId,
    imageIds: imageId === undefined ? undefined : new Set(list(imageId)),
    statuses,
    name: name?.toLowerCase(),
    owners: owner === undefined ? DEFAULT_OWNERS : new Set([owner]),
    usage,
    tags,
    family: present(params, 'ImageFamily'),
    osType,
    architecture,
    instanceArchitecture,
    snapshotId: present(params, 'SnapshotId'),
    createdFrom,
    createdTo,
    pageSize,
    pageNumber,
    dryRun: dryRun === 'true',
  };
}

/** A recorded image (--catalogue) may lack a field; then it matches no filter on that field. */
export function matchesQuery(image: ServedImage, q: ImageQuery): boolean {
  if (!q.owners.has(image.ImageOwnerAlias)) return false;
  if (q.statuses && !q.statuses.has(image.Status)) return false;
  if (q.imageIds && !q.imageIds.has(image.ImageId)) return false;
  if (q.name !== undefined && !(image.ImageName ?? '').toLowerCase().includes(q.name)) return false;
  if (q.usage !== undefined && image.Usage !== q.usage) return false;
  if (q.family !== undefined && image.ImageFamily !== q.family) return false;
  if (q.osType !== undefined && image.OSType !== q.osType) return false;
  if (q.architecture !== undefined && image.Architecture !== q.architecture) return false;
  if (q.instanceArchitecture !== undefined && image.Architecture !== q.instanceArchitecture) return false;
  if (q.snapshotId !== undefined && !(image.DiskDeviceMappings?.DiskDeviceMapping ?? []).some((d) => d.SnapshotId === q.snapshotId)) return false;
  if (q.createdFrom !== undefined && image.CreationTime < q.createdFrom) return false;
  if (q.createdTo !== undefined && image.CreationTime > q.createdTo) return false;
  for (const t of q.tags) {
    const found = (image.Tags?.Tag ?? []).some((tag) => tag.TagKey === t.key && (t.value === undefined || t.value === '' || tag.TagValue === t.value));
    if (!found) return false;
  }
  return true;
}

function filterKey(q: ImageQuery): string {
  const sorted = (set: ReadonlySet<string> | undefined): string[] | undefined => (set ? [...set].sort() : undefined);
  return JSON.stringify([
    q.regionId, sorted(q.imageIds), sorted(q.statuses), q.name, sorted(q.owners), q.usage, q.tags, q.family,
    q.osType, q.architecture, q.instanceArchitecture, q.snapshotId, q.createdFrom, q.createdTo,
  ]);
}

const MAX_CACHED_FILTERS = 64;
// A client pages through one filter many times; keyed by the region's list itself, so a
// churned list (a new array) never answers from a stale result.
const matchCache = new WeakMap<readonly ServedImage[], Map<string, ServedImage[]>>();

/** The images `q` matches, in API order; `images` must already be in API order (newest first, ties by ImageId). */
export function matchingImages(images: readonly ServedImage[], q: ImageQuery): readonly ServedImage[] {
  let cache = matchCache.get(images);
  if (!cache) {
    cache = new Map();
    matchCache.set(images, cache);
  }
  const key = filterKey(q);
  let matching = cache.get(key);
  if (!matching) {
    matching = images.filter((image) => matchesQuery(image, q));
    if (cache.size >= MAX_CACHED_FILTERS) cache.delete(cache.keys().next().value as string);
    cache.set(key, matching);
  }
  return matching;
}

