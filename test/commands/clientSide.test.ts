import { describe, expect, it } from 'vitest';
import { compileNameRegex, newestRow, parseSortKeys, sortRows } from '../../src/commands/clientSide.js';
import { UsageError } from '../../src/errors.js';

const rows = [
  { ImageId: 'a', Size: 40, CreationTime: '2024-01-02T00:00:00Z', ImageName: 'beta' },
  { ImageId: 'b', Size: 100, CreationTime: '2025-03-01T10:00:00Z', ImageName: 'alpha' },
  { ImageId: 'c', Size: 20, CreationTime: '2023-12-31T23:59:59Z' },
  { ImageId: 'd', Size: 40, CreationTime: '2025-03-01T10:00:00Z', ImageName: 'gamma' },
];
const order = (r: { ImageId?: unknown }[]) => r.map((x) => x.ImageId).join('');

describe('parseSortKeys', () => {
  it('reads fields, - for descending, any case, in the API spelling', () => {
    expect(parseSortKeys('size,-creationtime')).toEqual([
      { field: 'Size', descending: false },
      { field: 'CreationTime', descending: true },
    ]);
  });
  it('rejects unknown fields, listing the valid ones', () => {
    const err = (() => {
      try {
        parseSortKeys('Sise');
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(err).toBeInstanceOf(UsageError);
    expect(err!.message).toContain('unknown field "Sise" for --sort');
    expect(err!.message).toContain('CreationTime');
  });
  it.each(['', 'Size,', '-'])('rejects %j', (text) => expect(() => parseSortKeys(text)).toThrow(UsageError));
});

describe('sortRows', () => {
  it('sorts Size as a number, not as text', () => {
    expect(order(sortRows(rows, parseSortKeys('Size')))).toBe('cadb');
  });
  it('breaks ties with the next key and keeps the input order last (stable)', () => {
    expect(order(sortRows(rows, parseSortKeys('-Size,ImageId')))).toBe('badc');
    expect(order(sortRows(rows, parseSortKeys('Size')))).toBe('cadb');
  });
  it('sorts CreationTime as time, descending', () => {
    expect(order(sortRows(rows, parseSortKeys('-CreationTime')))).toBe('bdac');
  });
  it('puts rows without the field last in both directions', () => {
    expect(order(sortRows(rows, parseSortKeys('ImageName')))).toBe('badc');
    expect(order(sortRows(rows, parseSortKeys('-ImageName')))).toBe('dabc');
  });
  it('compares bigint with number', () => {
    const big = [{ ImageId: 'x', ImageOwnerId: 1688123456789012345n }, { ImageId: 'y', ImageOwnerId: 5 }];
    expect(order(sortRows(big, parseSortKeys('ImageOwnerId')))).toBe('yx');
  });
  it('puts rows without a valid CreationTime last in both directions', () => {
    const dated = [
      { ImageId: 'g', CreationTime: 'garbage' },
      { ImageId: 'e', CreationTime: '' },
      ...rows,
      { ImageId: 'n', CreationTime: 'garbage 2030' },
      { ImageId: 'x', CreationTime: 20301231 },
    ];
    expect(order(sortRows(dated, parseSortKeys('-CreationTime')))).toBe('bdacgenx');
    expect(order(sortRows(dated, parseSortKeys('CreationTime')))).toBe('cabdgenx');
  });
  it('compares long integer strings exactly', () => {
    const big = [
      { ImageId: 'x', Id: '9007199254740993' },
      { ImageId: 'y', Id: 9007199254740992n },
    ];
    expect(order(sortRows(big, [{ field: 'Id', descending: false }]))).toBe('yx');
  });
  it('does not change its input', () => {
    const copy = [...rows];
    sortRows(rows, parseSortKeys('Size'));
    expect(rows).toEqual(copy);
  });
});

describe('newestRow', () => {
  it('is the newest by CreationTime; the first in API order wins a tie', () => {
    expect(newestRow(rows)?.ImageId).toBe('b');
  });
  it('is undefined for no rows', () => expect(newestRow([])).toBeUndefined());
  it('is never an image without a valid CreationTime', () => {
    expect(newestRow([{ ImageId: 'g', CreationTime: 'garbage' }, ...rows, { ImageId: 'e', CreationTime: '' }])?.ImageId).toBe('b');
    expect(newestRow([{ ImageId: 'g', CreationTime: 'garbage' }, { ImageId: 'e' }])).toBeUndefined();
  });
});

describe('compileNameRegex', () => {
  it('compiles a JavaScript regular expression', () => {
    expect(compileNameRegex('^ubuntu_22_04_x64').test('ubuntu_22_04_x64_20G_alibase_20240926.vhd')).toBe(true);
  });
  it('turns a bad one into exit 2 naming the flag', () => {
    try {
      compileNameRegex('ubuntu(');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).message).toMatch(/^invalid --name-regex "ubuntu\(": /);
    }
  });
});
