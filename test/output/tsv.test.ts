import { describe, expect, it } from 'vitest';
import { renderCell } from '../../src/output/columns.js';
import { createFormatter } from '../../src/output/format.js';
import { escapeTsvField, unescapeTsvField } from '../../src/output/tsv.js';
import { captureSink, nullPrototype, seededRandom, trickyColumns, trickyRows } from './helpers.js';

const tsvOptions = (columns: string[], header = true) => ({ columns, header, tty: false, color: false });

describe('tsv escaping', () => {
  it.each([
    ['plain 中文', 'plain 中文'],
    ['a\tb', 'a\\tb'],
    ['a\nb', 'a\\nb'],
    ['a\rb', 'a\\rb'],
    ['a\\b', 'a\\\\b'],
    ['literal \\t', 'literal \\\\t'],
    ['\r\n\t\\', '\\r\\n\\t\\\\'],
    ['\x1b[31mred\x07\x00', '\\x1b[31mred\\x07\\x00'],
    ['del\x7f c1\x9b', 'del\\x7f c1\\x9b'],
    ['bidi \u202e', 'bidi \\u202e'],
    ['literal \\x1b', 'literal \\\\x1b'],
  ])('%j -> %j', (value, escaped) => {
    expect(escapeTsvField(value)).toBe(escaped);
    expect(unescapeTsvField(escaped)).toBe(value);
  });

  it('is reversible for any mix of backslashes and control characters', () => {
    const random = seededRandom(42);
    const alphabet = ['\\', 't', 'n', 'r', 'x', '1', 'b', 'u', '2', '0', 'e', '\t', '\n', '\r', '\x1b', '\x00', '\x7f', '\x9b', '\u202e', 'a', '字'];
    for (let round = 0; round < 500; round++) {
      let value = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(random() * alphabet.length)];
      const escaped = escapeTsvField(value);
      // eslint-disable-next-line no-control-regex
      expect(escaped).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
      expect(unescapeTsvField(escaped)).toBe(value);
    }
  });
});

describe('tsv formatter', () => {
  it('writes nothing before end(), then everything (all or nothing)', () => {
    const sink = captureSink();
    const formatter = createFormatter('tsv', sink, tsvOptions(['ImageId', 'Size']));
    formatter.write([{ ImageId: 'm-1', Size: 20 }]);
    formatter.write([{ ImageId: 'm-2', Size: 1688123456789012345n }]);
    expect(sink.writes).toEqual([]);
    formatter.end();
    expect(sink.text()).toBe('ImageId\tSize\nm-1\t20\nm-2\t1688123456789012345\n');
  });

  it('gives one line per row with every field recoverable', () => {
    const sink = captureSink();
    const formatter = createFormatter('tsv', sink, tsvOptions(trickyColumns));
    formatter.write(trickyRows);
    formatter.end();
    const lines = sink.text().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + trickyRows.length);
    const [header, ...body] = lines.map((line) => line.split('\t').map(unescapeTsvField));
    expect(header).toEqual(trickyColumns);
    expect(body).toEqual(trickyRows.map((row) => trickyColumns.map((column) => renderCell(row[column]))));
  });

  it('prints the header only when there is nothing, nothing without a header', () => {
    const empty = captureSink();
    const formatter = createFormatter('tsv', empty, tsvOptions(['ImageId', 'Size']));
    formatter.write([]);
    formatter.end();
    expect(empty.text()).toBe('ImageId\tSize\n');

    const noPages = captureSink();
    createFormatter('tsv', noPages, tsvOptions(['ImageId'])).end();
    expect(noPages.text()).toBe('ImageId\n');

    const headerless = captureSink();
    const quiet = createFormatter('tsv', headerless, tsvOptions(['ImageId'], false));
    quiet.write([]);
    quiet.end();
    expect(headerless.writes).toEqual([]);
  });

  it('prints values only with header=false (the scripting case of SPEC: --columns ImageId --no-header)', () => {
    const sink = captureSink();
    const formatter = createFormatter('tsv', sink, tsvOptions(['ImageId'], false));
    formatter.write([nullPrototype({ ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd' })]);
    formatter.end();
    expect(sink.text()).toBe('ubuntu_22_04_x64_20G_alibase_20240926.vhd\n');
  });
});
