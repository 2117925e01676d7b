// A user's recorded `ecsimg list --region all --status all -o json` output -> the images the
// emulator serves, per region (--catalogue). A file that cannot be served as the API would
// is refused with the line and image at fault.

import { JsonSyntaxError, parseJsonExact } from './exactJson.js';
import { OWNERS, STATUSES } from './query.js';
import { isRegionId } from './regions.js';
import type { RecordedCatalogue, RecordedImage } from './types.js';

export class RecordedCatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordedCatalogueError';
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'bigint') return `the number ${value}`;
  return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a field the emulator filters or sorts on, or undefined. */
function fieldProblem(image: Record<string, unknown>): string | undefined {
  const oneOf = (name: string, allowed: readonly string[]): string | undefined =>
    typeof image[name] === 'string' && allowed.includes(image[name] as string)
      ? undefined
      : `${name} must be one of ${allowed.join(', ')}, found ${name in image ? kind(image[name]) : 'none'}`;
  const problem = oneOf('ImageOwnerAlias', OWNERS) ?? oneOf('Status', STATUSES);
  if (problem) return problem;
  if (typeof image.CreationTime !== 'string') return `CreationTime must be a string, found ${'CreationTime' in image ? kind(image.CreationTime) : 'none'}`;
  for (const name of ['ImageName', 'Usage', 'ImageFamily', 'OSType', 'Architecture']) {
    if (name in image && typeof image[name] !== 'string') return `${name} must be a string, found ${kind(image[name])}`;
  }
  const list = (name: string, inner: string, check: (item: Record<string, unknown>) => boolean, shape: string): string | undefined => {
    if (!(name in image)) return undefined;
    const field = image[name];
    const items = isObject(field) ? field[inner] : undefined;
    return Array.isArray(items) && items.every((item) => isObject(item) && check(item)) ? undefined : `${name} must look like ${shape}`;
  };
  return (
    list('Tags', 'Tag', (t) => typeof t.TagKey === 'string' && (t.TagValue === undefined || typeof t.TagValue === 'string'), '{"Tag": [{"TagKey": "...", "TagValue": "..."}]}') ??
    list('DiskDeviceMappings', 'DiskDeviceMapping', (d) => d.SnapshotId === undefined || typeof d.SnapshotId === 'string', '{"DiskDeviceMapping": [{"SnapshotId": "...", ...}]}')
  );
}

/**
 * Rows with RegionId go to their region (the field is `list`'s, not the API's, and is not
 * served back); rows without go to `defaultRegion`, as does an empty file (a region with no images).
 */
export function parseRecordedCatalogue(text: string, defaultRegion: string): RecordedCatalogue {
  let parsed;
  try {
    parsed = parseJsonExact(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw new RecordedCatalogueError(`line ${err.line}: not JSON: ${err.message}`);
    throw err;
  }
  const { value, elementLines } = parsed;
  if (!Array.isArray(value)) {
    throw new RecordedCatalogueError(`expected a JSON array of images, as \`ecsimg list -o json\` prints, found ${kind(value)}`);
  }
  const byRegion = new Map<string, RecordedImage[]>();
  const firstLine = new Map<string, number>();
  value.forEach((entry: unknown, index) => {
    const line = elementLines[index] ?? 1;
    const where = `line ${line} (entry ${index + 1})`;
    if (!isObject(entry)) throw new RecordedCatalogueError(`${where}: expected an image object, found ${kind(entry)}`);
    const id = entry.ImageId;
    if (typeof id !== 'string' || id === '') {
      throw new RecordedCatalogueError(`${where}: ${'ImageId' in entry ? `ImageId must be a non-empty string, found ${kind(id)}` : 'no ImageId'}`);
    }
    const at = `line ${line} (image ${id})`;
    let regionId = defaultRegion;
    if ('RegionId' in entry) {
      if (typeof entry.RegionId !== 'string' || !isRegionId(entry.RegionId)) {
        throw new RecordedCatalogueError(`${at}: RegionId must be a region id such as cn-hangzhou, found ${kind(entry.RegionId)}`);
      }
      regionId = entry.RegionId;
    }
    const problem = fieldProblem(entry);
    if (problem) throw new RecordedCatalogueError(`${at}: ${problem}`);
    const key = `${regionId}\n${id}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) throw new RecordedCatalogueError(`${at}: ImageId ${id} is in ${regionId} twice (first on line ${seen})`);
    firstLine.set(key, line);
    const image = Object.create(null) as Record<string, unknown>;
    for (const [name, field] of Object.entries(entry)) if (name !== 'RegionId') image[name] = field;
    let images = byRegion.get(regionId);
    if (!images) byRegion.set(regionId, (images = []));
    images.push(image as RecordedImage);
  });
  if (byRegion.size === 0) byRegion.set(defaultRegion, []);
  return byRegion;
}
