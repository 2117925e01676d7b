import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_COLUMNS, IMAGE_FIELDS, parseColumns, renderCell } from '../../src/output/columns.js';
import { nullPrototype, parseTagsCell } from './helpers.js';

describe('column lists', () => {
  it('has the default columns of SPEC section 4, all of them valid fields', () => {
    expect(DEFAULT_COLUMNS).toEqual([
      'ImageId',
      'ImageName',
      'OSName',
      'Architecture',
      'Size',
      'Status',
      'ImageOwnerAlias',
      'CreationTime',
    ]);
    for (const column of DEFAULT_COLUMNS) expect(IMAGE_FIELDS).toContain(column);
  });

  it('knows the live API fields and RegionId, each once', () => {
    for (const field of ['ImageOwnerId', 'Tags', 'DiskDeviceMappings', 'LoginAsNonRootSupported', 'BootMode', 'RegionId']) {
      expect(IMAGE_FIELDS).toContain(field);
    }
    expect(new Set(IMAGE_FIELDS).size).toBe(IMAGE_FIELDS.length);
  });
});

describe('parseColumns', () => {
  it('splits, trims and returns the API spelling', () => {
    expect(parseColumns('ImageId,imagename , STATUS')).toEqual(['ImageId', 'ImageName', 'Status']);
    expect(parseColumns('osname,OSNameEn,regionid')).toEqual(['OSName', 'OSNameEn', 'RegionId']);
  });

  it('keeps a repeated column once', () => {
    expect(parseColumns('ImageId,Size,imageid')).toEqual(['ImageId', 'Size']);
  });

  it('rejects an unknown name with the list of valid ones', () => {
    let error: unknown;
    try {
      parseColumns('ImageId,Colour');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe(
      `unknown column "Colour" for --columns; valid columns: ${IMAGE_FIELDS.join(', ')}`,
    );
    expect((error as UsageError).message).toContain('ImageId, ImageName, ImageVersion');
  });

  it.each(['', ' ', 'ImageId,,Size', 'ImageId,'])('rejects an empty name in %j', (text) => {
    expect(() => parseColumns(text)).toThrow(UsageError);
    expect(() => parseColumns(text)).toThrow(/empty column name.*valid columns: ImageId, /);
  });
});

describe('joined cells (Tags, DiskDeviceMappings)', () => {
  const tags = (...pairs: [string, string][]) => ({ Tag: pairs.map(([TagKey, TagValue]) => ({ TagKey, TagValue })) });

  it('escape ; = : and backslash inside keys and values', () => {
    expect(renderCell(tags(['a;b', 'c=d'], ['e\\', 'f:g']))).toBe('a\\;b=c\\=d;e\\\\=f\\:g');
    const disks = { DiskDeviceMapping: [{ Device: '/dev/x:1', Size: '20', SnapshotId: 's-1;2' }] };
    expect(renderCell(disks)).toBe('/dev/x\\:1:20:s-1\\;2');
  });

  it.each([
    [['env', 'prod'], ['team', '']],
    [['a=b', 'c;d'], ['\\', '=;'], ['', ';']],
    [['k\\;', 'v\\='], ['x', 'y\\']],
    [['url', 'https://x.example/?a=1;b=2'], ['path', 'C:\\dir\\']],
  ] as [string, string][][])('splits back exactly: %j', (...pairs) => {
    expect(parseTagsCell(renderCell(tags(...pairs)))).toEqual(pairs);
  });
});

describe('renderCell', () => {
  it.each<[string, unknown, string]>([
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['empty string', '', ''],
    ['string untouched', ' a, "b"\n', ' a, "b"\n'],
    ['integer', 20, '20'],
    ['zero', 0, '0'],
    ['fraction', 1.5, '1.5'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['19-digit bigint', 1688123456789012345n, '1688123456789012345'],
    ['tags', { Tag: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'core' }] }, 'env=prod;team=core'],
    ['tag with empty value', { Tag: [{ TagKey: 'solo', TagValue: '' }] }, 'solo='],
    ['tag without value', { Tag: [{ TagKey: 'solo' }] }, 'solo='],
    ['no tags', { Tag: [] }, ''],
    [
      'disks',
      {
        DiskDeviceMapping: [
          { Device: '/dev/xvda', Size: '20', SnapshotId: '' },
          { Device: '/dev/xvdb', Size: 40, SnapshotId: 's-bp1abc', Type: 'data' },
        ],
      },
      '/dev/xvda:20:;/dev/xvdb:40:s-bp1abc',
    ],
    ['disk without snapshot field', { DiskDeviceMapping: [{ Device: '/dev/vda', Size: 40 }] }, '/dev/vda:40:'],
    ['other object as compact JSON', { NvmeSupport: 'supported', Count: 2 }, '{"NvmeSupport":"supported","Count":2}'],
    ['array as compact JSON', ['a', 1, null], '["a",1,null]'],
    ['bigint inside an object', { Owner: 1688123456789012345n }, '{"Owner":1688123456789012345}'],
    ['empty object', {}, '{}'],
  ])('%s', (_name, value, expected) => {
    expect(renderCell(value)).toBe(expected);
  });

  it('renders null-prototype objects', () => {
    const tags = nullPrototype({ Tag: [nullPrototype({ TagKey: 'k', TagValue: 'v' })] });
    expect(renderCell(tags)).toBe('k=v');
    expect(renderCell(nullPrototype({ A: 1 }))).toBe('{"A":1}');
    const disks = nullPrototype({ DiskDeviceMapping: [nullPrototype({ Device: '/dev/vda', Size: 20, SnapshotId: 's-1' })] });
    expect(renderCell(disks)).toBe('/dev/vda:20:s-1');
  });
});
