import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../src/output/format.js';
import { stringifyJson } from '../../src/output/json.js';
import { captureSink, nullPrototype, trickyRows } from './helpers.js';

const options = { columns: ['ImageId'], header: true, tty: false, color: false };

const ordinaryRows = [
  {
    ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
    ImageName: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
    OSName: 'Ubuntu  22.04 64位',
    Size: 20,
    IsCopied: false,
    Progress: '100%',
    Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] },
    DiskDeviceMappings: { DiskDeviceMapping: [{ Device: '/dev/xvda', Size: '20', SnapshotId: '' }] },
    DetectionOptions: { Items: { Item: [] } },
    Features: {},
    Description: 'tab\there, "quotes", \\ and \u0001 and \u2028',
  },
  { ImageId: 'm-2', ImageName: '中文, "名字"\n第二行', Size: 1.5, ImageOwnerId: 1234567890, Extra: null },
  { ImageId: 'm-3' },
];

describe('stringifyJson', () => {
  const values: [string, unknown][] = [
    ['rows', ordinaryRows],
    ['string with controls and lone surrogate', 'a\u0000b\ud800c"\\'],
    ['numbers', [0, -0, 1e21, 1.5e-7, -12, Number.NaN, Number.POSITIVE_INFINITY]],
    ['undefined and functions', { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: 1 }],
    ['date', { when: new Date(Date.UTC(2024, 8, 26, 8, 0, 0)) }],
    ['nested empties', { a: [], b: {}, c: [[], [{}]], d: { e: { f: [] } } }],
    ['boxed primitives', [Object(1), Object('s'), Object(false)]],
    ['toJSON with key', { k: { toJSON: (key: string) => `key=${key}` } }],
    ['null-prototype object', nullPrototype({ b: 1, a: [nullPrototype({ c: 'x' })] })],
    ['top-level scalars', 'plain'],
  ];

  it.each(values)('matches JSON.stringify compact and indented: %s', (_name, value) => {
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
    expect(stringifyJson(value, 2)).toBe(JSON.stringify(value, null, 2));
    expect(stringifyJson(value, 4)).toBe(JSON.stringify(value, null, 4));
  });

  it('returns undefined where JSON.stringify does', () => {
    expect(stringifyJson(undefined)).toBeUndefined();
    expect(stringifyJson(() => 1)).toBeUndefined();
  });

  it('writes bigints as exact bare digits at any depth', () => {
    expect(stringifyJson(1688123456789012345n)).toBe('1688123456789012345');
    expect(stringifyJson({ a: [123456789012345678901234567890n, -9007199254740993n] })).toBe(
      '{"a":[123456789012345678901234567890,-9007199254740993]}',
    );
  });
});

describe('json formatter', () => {
  it('prints the rows of every page as one JSON.stringify(rows, null, 2) array', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write(ordinaryRows.slice(0, 2));
    formatter.write([]);
    formatter.write(ordinaryRows.slice(2));
    formatter.end();
    expect(sink.text()).toBe(`${JSON.stringify(ordinaryRows, null, 2)}\n`);
  });

  it('a checkpoint takes back rows as if never written, commas included', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write(ordinaryRows.slice(0, 1));
    const takeBack = formatter.checkpoint();
    formatter.write(ordinaryRows.slice(1));
    expect(takeBack()).toBe(true);
    formatter.end();
    expect(sink.text()).toBe(`${JSON.stringify(ordinaryRows.slice(0, 1), null, 2)}\n`);
  });

  it('taking back every row prints []', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    const takeBack = formatter.checkpoint();
    formatter.write(ordinaryRows);
    takeBack();
    formatter.end();
    expect(sink.text()).toBe('[]\n');
  });

  it('writes nothing before end(), so a failed listing prints nothing', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write(ordinaryRows);
    formatter.write(trickyRows);
    expect(sink.writes).toEqual([]);
  });

  it('keeps the text, not the row objects', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    const row: Record<string, unknown> = { ImageId: 'm-1', Size: 20 };
    formatter.write([row]);
    row.Size = 999;
    formatter.end();
    expect(sink.text()).toContain('"Size": 20');
  });

  it('prints [] and a newline when there is nothing', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write([]);
    formatter.end();
    expect(sink.text()).toBe('[]\n');
  });

  it('keeps a 19-digit bigint exact and unquoted', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write([{ ImageId: 'm-1', ImageOwnerId: 1688123456789012345n, Size: 20 }]);
    formatter.end();
    expect(sink.text()).toBe(
      '[\n  {\n    "ImageId": "m-1",\n    "ImageOwnerId": 1688123456789012345,\n    "Size": 20\n  }\n]\n',
    );
  });

  it('prints null-prototype rows like ordinary ones', () => {
    const sink = captureSink();
    const formatter = createFormatter('json', sink, options);
    formatter.write([nullPrototype({ ImageId: 'm-1', Tags: nullPrototype({ Tag: [] }) })]);
    formatter.end();
    expect(sink.text()).toBe(`${JSON.stringify([{ ImageId: 'm-1', Tags: { Tag: [] } }], null, 2)}\n`);
  });
});

describe('ndjson formatter', () => {
  it('writes each page as it arrives, one compact object per line', () => {
    const sink = captureSink();
    const formatter = createFormatter('ndjson', sink, options);
    formatter.write(ordinaryRows.slice(0, 2));
    expect(sink.writes).toEqual([`${JSON.stringify(ordinaryRows[0])}\n${JSON.stringify(ordinaryRows[1])}\n`]);
    formatter.write(ordinaryRows.slice(2));
    expect(sink.writes).toHaveLength(2);
    formatter.end();
    expect(sink.writes).toHaveLength(2);
    const lines = sink.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as unknown)).toEqual(ordinaryRows);
  });

  it('ndjson: a checkpoint can be come back to only while nothing was printed since', () => {
    const formatter = createFormatter('ndjson', captureSink(), options);
    const before = formatter.checkpoint();
    expect(before()).toBe(true);
    formatter.write(ordinaryRows);
    expect(before()).toBe(false);
    expect(formatter.checkpoint()()).toBe(true);
  });

  it('writes nothing for an empty page or an empty result', () => {
    const sink = captureSink();
    const formatter = createFormatter('ndjson', sink, options);
    formatter.write([]);
    formatter.end();
    expect(sink.writes).toEqual([]);
  });

  it('keeps bigints exact and lines free of raw newlines', () => {
    const sink = captureSink();
    const formatter = createFormatter('ndjson', sink, options);
    formatter.write([{ ImageId: 'm-1', ImageOwnerId: 1688123456789012345n }, trickyRows[1] ?? {}]);
    const lines = sink.text().split('\n');
    expect(lines[0]).toBe('{"ImageId":"m-1","ImageOwnerId":1688123456789012345}');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1] ?? '')).toEqual(trickyRows[1]);
  });
});
