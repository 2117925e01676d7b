// `ecsimg wait` flags -> validated options. Pure.
import { IMAGE_STATUSES } from '../api/params.js';
import { UsageError } from '../errors.js';
import { DEFAULT_COLUMNS, parseColumns } from '../output/columns.js';
import type { GlobalOptions } from './globals.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './listOptions.js';
import { parseChoice, parseDuration, parseImageIds, parseInteger, refuseIdleFormatFlags } from './validate.js';

export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export interface RawWaitFlags {
  name?: string;
  status?: string;
  maxWait?: string;
  interval?: string;
  concurrency?: string;
  columns?: string;
  header?: boolean;
}

export interface WaitOptions {
  global: GlobalOptions;
  /** the images waited for by id, or none with `name` */
  imageIds: string[];
  /** --name: an image of exactly this name in every region */
  name?: string;
  status: ImageStatus;
  maxWaitSeconds: number;
  intervalSeconds: number;
  concurrency: number;
  columns: string[];
  /** --columns as given: json and ndjson keep only these fields, as in list */
  fields?: string[];
  header: boolean;
}

export const DEFAULT_MAX_WAIT = '30m';
export const DEFAULT_INTERVAL = '15s';
/** at most a day of waiting */
const MAX_WAIT_SECONDS = 86_400;

export function parseWaitOptions(ids: readonly string[], raw: RawWaitFlags, global: GlobalOptions): WaitOptions {
  const imageIds = ids.length === 0 ? [] : parseImageIds('the image ids', ids);
  const name = raw.name;
  if (name !== undefined && name.trim() === '') throw new UsageError('--name needs the exact image name');
  if (name !== undefined && imageIds.length > 0) {
    throw new UsageError('wait takes image ids or --name, not both', { hint: 'ids name one image each; --name waits for that name in every --region' });
  }
  if (name === undefined && imageIds.length === 0) {
    throw new UsageError('wait needs the image ids to wait for, or --name', { hint: 'e.g. ecsimg wait m-bp1example, or ecsimg wait --name golden --region cn-hangzhou,cn-beijing' });
  }
  refuseIdleFormatFlags(global.output, { header: raw.header !== false });
  if (imageIds.length > 100) throw new UsageError(`wait takes at most 100 image ids (one request per region); got ${imageIds.length}`);
  return {
    global,
    imageIds,
    ...(name === undefined ? {} : { name }),
    status: raw.status === undefined ? 'Available' : parseChoice('--status', raw.status, IMAGE_STATUSES),
    maxWaitSeconds: parseDuration('--max-wait', raw.maxWait ?? DEFAULT_MAX_WAIT, 0, MAX_WAIT_SECONDS),
    intervalSeconds: parseDuration('--interval', raw.interval ?? DEFAULT_INTERVAL, 0.05, 3600),
    concurrency: raw.concurrency === undefined ? DEFAULT_CONCURRENCY : parseInteger('--concurrency', raw.concurrency, 1, MAX_CONCURRENCY),
    columns: raw.columns === undefined ? [...DEFAULT_COLUMNS] : parseColumns(raw.columns),
    fields: raw.columns === undefined ? undefined : parseColumns(raw.columns),
    header: raw.header !== false,
  };
}
