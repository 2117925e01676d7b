// The readable view of one image for `ecsimg show`: every field in the API's order, one
// `Key: value` per line with the values aligned; nested objects indented beneath their key
// (Tags as `key = value` lines, each disk of DiskDeviceMappings as its own `- ` block).
// Wrappers the API puts around lists (`{Item: [...]}`) are skipped.

import { Chalk } from 'chalk';
import { isRecord } from '../guards.js';
import { renderCell, tagList } from './columns.js';
import type { Row } from './format.js';
import { escapeControlChars } from './text.js';

const INDENT = '  ';

export function renderKeyValue(row: Row, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  return renderRecord(row, '', '', (key) => chalk.bold(key)).join('');
}

/** A one-key object holding a list, as the API wraps lists: `{DiskDeviceMapping: [...]}`. */
function unwrapList(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && Array.isArray(value[keys[0] ?? ''])) return value[keys[0] ?? ''];
  return value;
}

function isNested(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function scalarText(value: unknown): string {
  return escapeControlChars(renderCell(value));
}

/**
 * Lines for the fields of one object. The first line starts with `firstPrefix`, the
 * others with `prefix` (they differ for list items: `- ` then spaces).
 */
function renderRecord(
  record: Record<string, unknown>,
  firstPrefix: string,
  prefix: string,
  styleKey: (key: string) => string = (key) => key,
): string[] {
  const keys = Object.keys(record);
  const width = keys.reduce((widest, key) => Math.max(widest, key.length + 1), 0);
  const lines: string[] = [];
  for (const key of keys) {
    const lead = lines.length === 0 ? firstPrefix : prefix;
    const value = record[key];
    if (!isNested(value)) {
      const text = scalarText(value);
      const label = styleKey(`${key}:`);
      lines.push(text === '' ? `${lead}${label}\n` : `${lead}${label}${' '.repeat(width - key.length)}${text}\n`);
      continue;
    }
    lines.push(`${lead}${styleKey(`${key}:`)}\n`, ...renderNested(value, prefix + INDENT));
  }
  return lines;
}

function renderNested(value: object, prefix: string): string[] {
  const tags = tagList(value);
  if (tags !== undefined) {
    return tags.map((tag) => `${prefix}${scalarText(tag.TagKey)} = ${scalarText(tag.TagValue)}\n`.replace(/ \n$/, '\n'));
  }
  const inner = unwrapList(value);
  if (Array.isArray(inner)) {
    const lines: string[] = [];
    for (const item of inner) {
      if (isRecord(item) && Object.keys(item).length > 0) {
        lines.push(...renderRecord(item, `${prefix}- `, `${prefix}  `));
      } else if (isNested(item)) {
        lines.push(`${prefix}-\n`, ...renderNested(item, `${prefix}  `));
      } else {
        lines.push(`${prefix}- ${scalarText(item)}\n`.replace(/ \n$/, '\n'));
      }
    }
    return lines;
  }
  return renderRecord(inner as Record<string, unknown>, prefix, prefix);
}
