// `ecsimg regions` flags -> RegionsOptions. Pure: every value is checked here, before any request.
import { acceptLanguageOf, type AcceptLanguage } from './acceptLanguage.js';
import type { GlobalOptions } from './globals.js';
import { parseColumnsOrQuery } from './listOptions.js';
import { refuseIdleFormatFlags } from './validate.js';

/** The fields of a Region in DescribeRegions, in the order printed. */
export const REGION_FIELDS: readonly string[] = Object.freeze(['RegionId', 'LocalName', 'RegionEndpoint', 'Status']);

export const REGIONS_QUERY_SUBJECT = { noun: 'regions', examples: "'[].RegionId' or \"[?Status=='available'].RegionId\"" };

export interface RawRegionsFlags {
  columns?: string;
  header?: boolean;
  query?: string;
}

export interface RegionsOptions {
  global: GlobalOptions;
  columns: string[];
  /** --columns as given: json and ndjson keep only these fields */
  fields?: string[];
  header: boolean;
  /** JMESPath over the regions, printed as `list --query` prints */
  query?: string;
  /** sent as AcceptLanguage: LocalName in the user's language */
  language: AcceptLanguage;
}

export function parseRegionsOptions(raw: RawRegionsFlags, global: GlobalOptions, env: Record<string, string | undefined>): RegionsOptions {
  refuseIdleFormatFlags(global.output, { header: raw.header !== false });
  const { columns, query } = parseColumnsOrQuery(raw, REGION_FIELDS, { field: '[].RegionId', fields: '[].[RegionId,LocalName]' });
  return {
    global,
    columns: columns ?? [...REGION_FIELDS],
    ...(columns === undefined ? {} : { fields: columns }),
    header: raw.header !== false,
    ...(query === undefined ? {} : { query }),
    language: acceptLanguageOf(env),
  };
}
