import type { Row, Sink } from '../../src/output/format.js';
import { decodeChunk } from '../support/cli.js';

export interface CapturedSink extends Sink {
  /** every write, in order, bytes decoded */
  readonly writes: string[];
  text(): string;
}

export function captureSink(): CapturedSink {
  const writes: string[] = [];
  return { writes, write: (chunk) => void writes.push(decodeChunk(chunk)), text: () => writes.join('') };
}

/** Rows whose text fields hold everything that breaks naive CSV/TSV/terminal output. */
export const trickyRows: Row[] = [
  {
    ImageId: 'm-bp1comma',
    ImageName: 'web, api and "worker"',
    Description: 'line one\nline two, with "quotes"',
    OSName: 'CentOS  7.9 64位',
    Size: 40,
    Status: 'Available',
    Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: '' }] },
  },
  {
    ImageId: 'm-bp2cr',
    ImageName: 'carriage\rreturn\r\nand tab\there',
    Description: '中文描述，带逗号, "引号" 和\n换行',
    OSName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
    Size: 20,
    Status: 'Creating',
    Tags: { Tag: [] },
  },
  {
    ImageId: 'm-bp3back',
    ImageName: 'back\\slash \\t not a tab',
    Description: '',
    OSName: null,
    Size: 0,
    Status: 'UnAvailable',
    Tags: undefined,
  },
  {
    ImageId: 'm-bp4edge',
    ImageName: '"',
    Description: ' leading and trailing ',
    OSName: 'Windows Server 2022 数据中心版 64位英文版',
    Size: 1688123456789012345n,
    Status: 'Deprecated',
  },
];

export const trickyColumns = ['ImageId', 'ImageName', 'Description', 'OSName', 'Size', 'Status', 'Tags'];

export function nullPrototype(fields: Record<string, unknown>): Row {
  return Object.assign(Object.create(null) as Row, fields);
}

/** Deterministic pseudo-random generator (LCG), so fuzz-style tests repeat exactly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The README's rule for joined cells, implemented apart from the code under test: split on
 * separators without a backslash before them, then drop each escaping backslash.
 */
export function splitJoinedCell(cell: string, separator: string): string[] {
  const parts: string[] = [];
  let part = '';
  for (let index = 0; index < cell.length; index++) {
    const char = cell[index]!;
    if (char === '\\') part += char + (cell[++index] ?? '');
    else if (char === separator) {
      parts.push(part);
      part = '';
    } else part += char;
  }
  return cell === '' ? [] : [...parts, part];
}

export const unescapeJoinedPart = (part: string): string => part.replace(/\\(.)/gsu, '$1');

/** A Tags cell back to [key, value] pairs. */
export function parseTagsCell(cell: string): [string, string][] {
  return splitJoinedCell(cell, ';').map((item) => {
    const [key = '', value = '', ...rest] = splitJoinedCell(item, '=');
    if (rest.length > 0) throw new Error(`unescaped = in tag ${item}`);
    return [unescapeJoinedPart(key), unescapeJoinedPart(value)];
  });
}
