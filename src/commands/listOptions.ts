// `ecsimg list` flags -> ListOptions. Pure: every value is checked here, before any request.
import {
  ARCHITECTURES,
  IMAGE_STATUSES,
  MAX_PAGE_SIZE,
  MAX_TAGS,
  OS_TYPES,
  OWNER_ALIASES,
  USAGES,
  type ImageFilters,
} from '../api/params.js';
import { UsageError } from '../errors.js';
import { DEFAULT_COLUMNS, IMAGE_FIELDS, parseColumns } from '../output/columns.js';
import { compileNameRegex, parseSortKeys, type SortKey } from './clientSide.js';
import type { GlobalOptions } from './globals.js';
import { exactNameRegex, globLiteral, globNameRegex } from './nameMatch.js';
import { parseChoice, parseImageIds, parseInteger, parseIsoDate, parseTag, refuseIdleFormatFlags, splitList } from './validate.js';

/** What to do when --fail-empty found nothing (list and --count). */
export const FAIL_EMPTY_HINT = 'loosen the filters, or drop --fail-empty to accept an empty listing';

export interface RawListFlags {
  owner?: string;
  imageId?: string[];
  name?: string;
  status?: string[];
  snapshotId?: string;
  usage?: string;
  tag?: string[];
  family?: string;
  osType?: string;
  arch?: string;
  instanceType?: string;
  createdAfter?: string;
  createdBefore?: string;
  pageSize?: string;
  limit?: string;
  allowIncomplete?: boolean;
  concurrency?: string;
  columns?: string;
  header?: boolean;
  dryRun?: boolean;
  wide?: boolean;
  latest?: boolean;
  nameRegex?: string;
  nameExact?: string;
  nameGlob?: string;
  failEmpty?: boolean;
  count?: boolean;
  sort?: string;
  query?: string;
}

export interface ListOptions {
  global: GlobalOptions;
  filters: ImageFilters;
  pageSize: number;
  limit?: number;
  /** a listing that stays short of TotalCount is printed with a warning, exit 0 */
  allowIncomplete: boolean;
  concurrency: number;
  columns: string[];
  /** --columns as given: json and ndjson keep only these fields */
  fields?: string[];
  header: boolean;
  /** --wide: the terminal table cuts and leaves out nothing */
  wide: boolean;
  dryRun: boolean;
  latest: boolean;
  nameRegex?: RegExp;
  /** --fail-empty: no image matched is exit 5 */
  failEmpty: boolean;
  /** --count: print only the number of matching images */
  count: boolean;
  sort?: SortKey[];
  /** JMESPath, compiled where it is used; printed as JSON (json/ndjson) or text (the others) */
  query?: string;
}

export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 64;

export function parseListOptions(raw: RawListFlags, global: GlobalOptions): ListOptions {
  const optional = <T>(value: string | undefined, parse: (v: string) => T): T | undefined =>
    value === undefined ? undefined : parse(value);
  const nonEmpty = (flag: string) => (value: string): string => {
    if (value.trim() === '') throw new UsageError(`${flag} needs a value`);
    return value;
  };

  const tags = raw.tag?.map(parseTag);
  if (tags && tags.length > MAX_TAGS) {
    throw new UsageError(`too many --tag filters (${tags.length}); the API accepts at most ${MAX_TAGS}`);
  }
  const nameMatch = parseNameMatch(raw, nonEmpty);
  const filters: ImageFilters = {
    owner: optional(raw.owner, (v) => parseChoice('--owner', v, OWNER_ALIASES)),
    imageIds: raw.imageId && parseImageIds('--image-id', raw.imageId),
    name: nameMatch.send ?? optional(raw.name, nonEmpty('--name')),
    statuses: raw.status && parseStatuses(raw.status),
    snapshotId: optional(raw.snapshotId, nonEmpty('--snapshot-id')),
    usage: optional(raw.usage, (v) => parseChoice('--usage', v, USAGES)),
    tags,
    family: optional(raw.family, nonEmpty('--family')),
    osType: optional(raw.osType, (v) => parseChoice('--os-type', v, OS_TYPES)),
    arch: optional(raw.arch, (v) => parseChoice('--arch', v, ARCHITECTURES)),
    instanceType: optional(raw.instanceType, nonEmpty('--instance-type')),
    createdAfter: optional(raw.createdAfter, (v) => parseIsoDate('--created-after', v)),
    createdBefore: optional(raw.createdBefore, (v) => parseIsoDate('--created-before', v)),
  };
  if (filters.createdAfter && filters.createdBefore && filters.createdAfter > filters.createdBefore) {
    throw new UsageError('--created-after is later than --created-before; no image can match');
  }
  refuseIdleFormatFlags(global.output, { header: raw.header !== false, wide: raw.wide === true });
  const { columns, query } = parseColumnsOrQuery(raw);
  return {
    global,
    filters,
    pageSize: raw.pageSize === undefined ? MAX_PAGE_SIZE : parseInteger('--page-size', raw.pageSize, 1, MAX_PAGE_SIZE),
    limit: optional(raw.limit, (v) => parseInteger('--limit', v, 1, Number.MAX_SAFE_INTEGER)),
    allowIncomplete: raw.allowIncomplete === true,
    concurrency:
      raw.concurrency === undefined ? DEFAULT_CONCURRENCY : parseInteger('--concurrency', raw.concurrency, 1, MAX_CONCURRENCY),
    columns: columns ?? [...DEFAULT_COLUMNS],
    fields: columns,
    header: raw.header !== false,
    wide: raw.wide === true,
    dryRun: raw.dryRun === true,
    latest: raw.latest === true,
    nameRegex: nameMatch.regex,
    failEmpty: raw.failEmpty === true,
    count: raw.count === true,
    sort: optional(raw.sort, parseSortKeys),
    query,
  };
}

/** What a listing prints: the rows' fields (--columns) or a JMESPath result (--query); never both. */
export interface PrintChoice {
  /** the --columns fields, in the API's spelling */
  columns?: string[];
  query?: string;
}

/**
 * --columns or --query, as `list` reads them and the other listings (`regions`) too.
 * `fields`: the fields of the rows; `example`: a query over them, for the messages.
 */
export function parseColumnsOrQuery(
  raw: { columns?: string; query?: string },
  fields: readonly string[] = IMAGE_FIELDS,
  example: { field: string; fields: string } = { field: '[].ImageId', fields: '[].[ImageId,ImageName]' },
): PrintChoice {
  if (raw.columns !== undefined && raw.query !== undefined) {
    throw new UsageError('--columns and --query both choose what to print; give one of them', {
      hint: `the query picks fields itself, e.g. --query '${example.fields}'`,
    });
  }
  if (raw.query !== undefined && raw.query.trim() === '') {
    throw new UsageError(`--query needs a JMESPath expression, e.g. ${example.field}`);
  }
  return {
    ...(raw.columns === undefined ? {} : { columns: parseColumns(raw.columns, fields) }),
    ...(raw.query === undefined ? {} : { query: raw.query }),
  };
}

/** At most one of --name-regex, --name-exact, --name-glob; the latter two replace --name in the request. */
function parseNameMatch(raw: RawListFlags, nonEmpty: (flag: string) => (value: string) => string): { regex?: RegExp; send?: string } {
  const given = (['nameRegex', 'nameExact', 'nameGlob'] as const).filter((k) => raw[k] !== undefined);
  const flag = (k: string): string => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (given.length > 1) throw new UsageError(`${given.map(flag).join(' and ')} both select by name; give one`);
  if (raw.name !== undefined && (raw.nameExact !== undefined || raw.nameGlob !== undefined)) {
    throw new UsageError(`--name and ${flag(given[0]!)} both select by name; give one`, {
      hint: '--name is the API\'s fuzzy match; --name-exact and --name-glob send the name (or its longest literal part) themselves',
    });
  }
  if (raw.nameExact !== undefined) {
    const name = nonEmpty('--name-exact')(raw.nameExact);
    return { regex: exactNameRegex(name), send: name };
  }
  if (raw.nameGlob !== undefined) {
    const pattern = nonEmpty('--name-glob')(raw.nameGlob);
    return { regex: globNameRegex(pattern), send: globLiteral(pattern) };
  }
  return { regex: raw.nameRegex === undefined ? undefined : compileNameRegex(raw.nameRegex) };
}

const STATUS_CHOICES = [...IMAGE_STATUSES, 'all'] as const;

function parseStatuses(values: string[]): string[] {
  const statuses = [...new Set(splitList('--status', values).map((v) => parseChoice('--status', v, STATUS_CHOICES)))];
  if (!statuses.includes('all')) return statuses;
  // As --region: 'all' beside a status would silently widen the listing to every status.
  if (statuses.length > 1) {
    throw new UsageError(`--status "${values.join(',')}": 'all' means every status and stands alone; give it or a list of statuses, not both`);
  }
  return ['ALL'];
}
