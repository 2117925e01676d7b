// The one column spec behind table, csv and tsv (SPEC section 4): which fields exist,
// which are shown by default, and how one field becomes one compact cell of text.

import { UsageError } from '../errors.js';
import { stringifyJson } from './json.js';
import { isRecord } from '../guards.js';

export const DEFAULT_COLUMNS: readonly string[] = Object.freeze([
  'ImageId',
  'ImageName',
  'OSName',
  'Architecture',
  'Size',
  'Status',
  'ImageOwnerAlias',
  'CreationTime',
]);

/** Every field of an Image in the live DescribeImages answer, plus RegionId (added to rows of multi-region listings). */
export const IMAGE_FIELDS: readonly string[] = Object.freeze([
  'ImageId',
  'ImageName',
  'ImageVersion',
  'ImageFamily',
  'Description',
  'Size',
  'ImageOwnerAlias',
  'ImageOwnerId',
  'IsSupportIoOptimized',
  'IsSupportCloudinit',
  'OSName',
  'OSNameEn',
  'OSType',
  'Platform',
  'Architecture',
  'Status',
  'Progress',
  'Usage',
  'CreationTime',
  'ProductCode',
  'IsCopied',
  'IsSubscribed',
  'IsSelfShared',
  'BootMode',
  'Tags',
  'DiskDeviceMappings',
  'DetectionOptions',
  'Features',
  'ImportImageOptions',
  'LicenseType',
  'LoginAsNonRootSupported',
  'SupplierName',
  'IsPublic',
  'ResourceGroupId',
  'RegionId',
]);

const FIELD_BY_LOWER_NAME = new Map(IMAGE_FIELDS.map((name) => [name.toLowerCase(), name]));

/** The Image field of that name in the API's spelling, matched case-insensitively. */
export function fieldNamed(name: string): string | undefined {
  return FIELD_BY_LOWER_NAME.get(name.toLowerCase());
}

/**
 * `--columns` text -> field names in the API's spelling. Names are trimmed and matched
 * case-insensitively; a repeated name is kept once. Empty or unknown names are a usage error.
 * `fields`: the fields of the rows printed (an Image's by default; a Region's for `regions`).
 */
export function parseColumns(text: string, fields: readonly string[] = IMAGE_FIELDS): string[] {
  const valid = `valid columns: ${fields.join(', ')}`;
  const named = fields === IMAGE_FIELDS ? fieldNamed : (name: string) => fields.find((field) => field.toLowerCase() === name.toLowerCase());
  const columns: string[] = [];
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name === '') throw new UsageError(`empty column name in --columns "${text}"; ${valid}`);
    const field = named(name);
    if (field === undefined) throw new UsageError(`unknown column "${name}" for --columns; ${valid}`);
    if (!columns.includes(field)) columns.push(field);
  }
  return columns;
}

/** `{Tag: [{TagKey, TagValue}, ...]}`, the API's shape for Tags. */
export function tagList(value: unknown): Record<string, unknown>[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.Tag)) return undefined;
  return value.Tag.every(isRecord) ? value.Tag : undefined;
}

/** `{DiskDeviceMapping: [{Device, Size, SnapshotId, ...}, ...]}`, the API's shape for DiskDeviceMappings. */
export function diskList(value: unknown): Record<string, unknown>[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.DiskDeviceMapping)) return undefined;
  return value.DiskDeviceMapping.every(isRecord) ? value.DiskDeviceMapping : undefined;
}

function renderScalar(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return '';
    case 'symbol':
    case 'function':
      return '';
    default:
      return value === null ? '' : undefined;
  }
}

// A backslash, and the separators of the joined cells, inside a key or value get a
// backslash before them, so a Tags or DiskDeviceMappings cell splits back exactly.
const JOINED_CELL_SPECIALS = /[\\;=:]/g;

/** One key or value inside a joined cell (Tags, DiskDeviceMappings): `\`, `;`, `=`, `:` escaped with `\`. */
export function escapeJoinedPart(text: string): string {
  return text.replace(JOINED_CELL_SPECIALS, (char) => `\\${char}`);
}

/**
 * Compact text of one field: Tags as `k=v;k2=v2`, DiskDeviceMappings as
 * `device:sizeGiB:snapshot;...` (parts escaped by escapeJoinedPart), other objects as
 * compact JSON (bigints as digits), null and undefined as the empty string.
 */
export function renderCell(value: unknown): string {
  const scalar = renderScalar(value);
  if (scalar !== undefined) return scalar;
  const part = (field: unknown): string => escapeJoinedPart(renderCell(field));
  const tags = tagList(value);
  if (tags !== undefined) {
    return tags.map((tag) => `${part(tag.TagKey)}=${part(tag.TagValue)}`).join(';');
  }
  const disks = diskList(value);
  if (disks !== undefined) {
    return disks.map((disk) => `${part(disk.Device)}:${part(disk.Size)}:${part(disk.SnapshotId)}`).join(';');
  }
  return stringifyJson(value) ?? '';
}
