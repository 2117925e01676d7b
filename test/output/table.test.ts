import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS } from '../../src/output/columns.js';
import { createFormatter, type FormatOptions, type Row } from '../../src/output/format.js';
import { boxChars, fitWidths } from '../../src/output/table.js';
import { displayWidth } from '../../src/output/text.js';
import { captureSink, nullPrototype, trickyColumns, trickyRows } from './helpers.js';

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[[0-9;]*m/g;
const stripAnsi = (text: string): string => text.replace(SGR, '');

function tableOf(pages: Row[][], options: Partial<FormatOptions> & { columns: string[] }): string {
  const sink = captureSink();
  const formatter = createFormatter('table', sink, { header: true, tty: false, color: false, ...options });
  for (const page of pages) formatter.write(page);
  expect(sink.writes).toEqual([]);
  formatter.end();
  return sink.text();
}

const catalogue: Row[] = [
  {
    ImageId: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
    ImageName: 'ubuntu_22_04_x64_20G_alibase_20240926.vhd',
    OSName: 'Ubuntu  22.04 64位',
    Architecture: 'x86_64',
    Size: 20,
    Status: 'Available',
    ImageOwnerAlias: 'system',
    CreationTime: '2024-09-26T08:00:00Z',
  },
  {
    ImageId: 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240916.vhd',
    ImageName: 'win2022_21H2_x64_dtc_en-us_40G_alibase_20240916.vhd',
    OSName: 'Windows Server  2022 数据中心版 64位英文版',
    Architecture: 'x86_64',
    Size: 40,
    Status: 'CreateFailed',
    ImageOwnerAlias: 'system',
    CreationTime: '2024-09-16T08:00:00Z',
  },
  {
    ImageId: 'm-bp1g7004ksh0oeuc0001',
    ImageName: 'web, api and "worker"',
    OSName: 'Alibaba Cloud Linux  3.2104 LTS 64位',
    Architecture: 'arm64',
    Size: 1688123456789012345n,
    Status: 'Waiting',
    ImageOwnerAlias: 'self',
    CreationTime: '2024-10-01T02:03:04Z',
  },
];

describe('table off a TTY', () => {
  it('pads columns with two-space gutters, no borders and no trailing spaces', () => {
    const text = tableOf(
      [
        [{ ImageId: 'm-1', ImageName: '中文', Status: 'Available' }],
        [nullPrototype({ ImageId: 'm-22222', ImageName: 'a\nb', Status: '' }), { ImageId: 'm-3', ImageName: null, Status: 'Deprecated' }],
      ],
      { columns: ['ImageId', 'ImageName', 'Status'] },
    );
    expect(text).toBe(
      [
        'ImageId  ImageName  Status',
        'm-1      中文       Available',
        'm-22222  a\\nb',
        'm-3                 Deprecated',
        '',
      ].join('\n'),
    );
  });

  it('drops the header row with header=false', () => {
    const text = tableOf([[{ ImageId: 'm-1', Size: 20 }, { ImageId: 'm-22', Size: 40 }]], {
      columns: ['ImageId', 'Size'],
      header: false,
    });
    expect(text).toBe('m-1   20\nm-22  40\n');
  });

  it('never truncates and never writes ANSI codes, even when colour is allowed', () => {
    const text = tableOf([catalogue, trickyRows], { columns: [...DEFAULT_COLUMNS], color: true, width: 40 });
    expect(text).not.toContain('\x1b');
    expect(text).not.toContain('…');
    expect(text).toContain('win2022_21H2_x64_dtc_en-us_40G_alibase_20240916.vhd');
    expect(text).toContain('1688123456789012345');
    expect(text.split('\n')).toHaveLength(1 + catalogue.length + trickyRows.length + 1);
  });

  it('makes control characters from the data visible instead of passing them to the terminal', () => {
    const evil = { ImageId: 'm-evil', ImageName: 'evil\x1b[2J\x07name\r\ttab' };
    const text = tableOf([[evil]], { columns: ['ImageId', 'ImageName'] });
    expect(text).toBe('ImageId  ImageName\nm-evil   evil\\x1b[2J\\x07name\\r\\ttab\n');
    const bidi = tableOf([[{ ImageId: 'm-rtl', ImageName: 'invoice\u202egnp.exe' }]], { columns: ['ImageId', 'ImageName'] });
    expect(bidi).toContain('invoice\\u202egnp.exe');
    const tty = tableOf([[evil]], { columns: ['ImageId', 'ImageName'], tty: true, color: true, width: 80 });
    expect(tty).not.toContain('\x1b[2J');
    expect(tty).not.toContain('\x07');
  });

  it('lays out the tricky rows one line each', () => {
    const text = tableOf([trickyRows], { columns: trickyColumns });
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1 + trickyRows.length);
    for (const line of lines) expect(line).not.toMatch(/\s$/);
  });
});

describe('table on a TTY', () => {
  const statusRows: Row[] = ['Available', 'Creating', 'Waiting', 'UnAvailable', 'CreateFailed', 'Deprecated'].map(
    (status, index) => ({ ImageId: `m-${index}`, Status: status }),
  );

  it('draws a box with a header rule and no colour when colour is off', () => {
    const text = tableOf([statusRows.slice(0, 1), statusRows.slice(4, 5)], {
      columns: ['ImageId', 'Status'],
      tty: true,
      width: 80,
    });
    expect(text).toBe(
      [
        '┌─────────┬──────────────┐',
        '│ ImageId │ Status       │',
        '├─────────┼──────────────┤',
        '│ m-0     │ Available    │',
        '│ m-4     │ CreateFailed │',
        '└─────────┴──────────────┘',
        '',
      ].join('\n'),
    );
  });

  it('bolds the header and colours each Status when colour is on', () => {
    const text = tableOf([statusRows], { columns: ['ImageId', 'Status'], tty: true, color: true, width: 80 });
    expect(text).toContain('\x1b[1mImageId\x1b[22m');
    expect(text).toContain('\x1b[1mStatus\x1b[22m');
    expect(text).toContain('\x1b[32mAvailable\x1b[39m');
    expect(text).toContain('\x1b[33mCreating\x1b[39m');
    expect(text).toContain('\x1b[33mWaiting\x1b[39m');
    expect(text).toContain('\x1b[31mUnAvailable\x1b[39m');
    expect(text).toContain('\x1b[31mCreateFailed\x1b[39m');
    expect(text).toContain('\x1b[90mDeprecated\x1b[39m');
    expect(text).not.toContain('\x1b[1mm-0');
    const plain = tableOf([statusRows], { columns: ['ImageId', 'Status'], tty: true, color: false, width: 80 });
    expect(plain).not.toContain('\x1b');
    expect(stripAnsi(text)).toBe(plain);
  });

  it('prints a Status named like an Object.prototype key as plain text', () => {
    const rows: Row[] = ['valueOf', 'toString', 'constructor'].map((status, index) => ({ ImageId: `m-${index}`, Status: status }));
    const text = tableOf([rows], { columns: ['ImageId', 'Status'], tty: true, color: true, width: 80 });
    for (const status of ['valueOf', 'toString', 'constructor']) expect(text).toContain(`│ ${status}`);
  });

  it('truncates long values with … so the table fits the width', () => {
    const text = tableOf([[{ ImageId: 'm-1', ImageName: 'abcdefghijklmnopqrstuvwxyz', Size: 20 }]], {
      columns: ['ImageId', 'ImageName', 'Size'],
      tty: true,
      width: 30,
    });
    // the name keeps its distinguishing end; Size gives way before the name is cut unreadably
    expect(text.split('\n')[3]).toBe('│ m-1     │ …lmnopqrstuvwxyz │');
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(30);
  });

  it.each([60, 80, 100, 120, 160])('fits %i columns with the default columns and CJK text', (width) => {
    const text = tableOf([catalogue, trickyRows], { columns: [...DEFAULT_COLUMNS], tty: true, color: true, width });
    const lines = stripAnsi(text).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3 + 1 + catalogue.length + trickyRows.length);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    // at 60 the 51-character ID leaves a name 2 characters wide, which says nothing: left out
    if (width > 60) expect(text).toContain('…');
    else expect(lines[1]).toMatch(/^│ ImageId +│$/);
  });

  it('truncates nothing when the table fits, and nothing without a known width', () => {
    const wide = tableOf([catalogue], { columns: [...DEFAULT_COLUMNS], tty: true, width: 400 });
    expect(wide).not.toContain('…');
    expect(wide).toContain('win2022_21H2_x64_dtc_en-us_40G_alibase_20240916.vhd');
    const unknown = tableOf([catalogue], { columns: [...DEFAULT_COLUMNS], tty: true });
    expect(unknown).toBe(wide);
  });

  it('omits the header and its rule with header=false', () => {
    const text = tableOf([statusRows.slice(0, 1)], { columns: ['ImageId', 'Status'], tty: true, header: false, width: 80 });
    expect(text).toBe('┌─────┬───────────┐\n│ m-0 │ Available │\n└─────┴───────────┘\n');
  });
});

describe('table with no rows', () => {
  it.each([false, true])('writes nothing (tty=%s)', (tty) => {
    const sink = captureSink();
    const formatter = createFormatter('table', sink, { columns: [...DEFAULT_COLUMNS], header: true, tty, color: tty, width: 80 });
    formatter.write([]);
    formatter.end();
    expect(sink.writes).toEqual([]);
  });
});

describe('fitWidths', () => {
  it('keeps widths that fit', () => {
    expect(fitWidths([7, 26, 4], 37)).toEqual([7, 26, 4]);
  });

  it('cuts the widest columns first and uses the whole budget', () => {
    expect(fitWidths([7, 26, 4], 20)).toEqual([7, 9, 4]);
    expect(fitWidths([30, 30, 4, 9], 50)).toEqual([19, 18, 4, 9]);
    expect(fitWidths([30, 30, 4, 9], 50).reduce((a, b) => a + b)).toBe(50);
  });

  it('goes down to one column each when the terminal is very narrow', () => {
    expect(fitWidths([10, 10, 10], 2)).toEqual([1, 1, 1]);
  });
});

describe('table on a dumb or narrow terminal', () => {
  const rows: Row[] = [
    { ImageId: 'm-bpgxbv5asryl08pui1ln', ImageName: 'nginx-edge-dev-20250918', CreationTime: '2025-09-18T08:00:00Z' },
    { ImageId: 'm-bp9spqe76if4b06q3meq', ImageName: 'batch-etl-dev-20250910', CreationTime: '2025-09-10T08:00:00Z' },
  ];
  const columns = ['ImageId', 'ImageName', 'CreationTime'];
  const drawn = (width: number, asciiOnly = false): string[] => {
    const sink = { ...captureSink(), asciiOnly };
    const formatter = createFormatter('table', sink, { columns, header: true, tty: true, color: false, width });
    formatter.write(rows);
    formatter.end();
    return sink.text().split('\n').slice(0, -1);
  };

  it('boxChars: ASCII only when the terminal is dumb, cli-table3 defaults otherwise', () => {
    expect(boxChars(false)).toBeUndefined();
    const ascii = boxChars(true)!;
    expect(Object.keys(ascii)).toHaveLength(15);
    for (const char of Object.values(ascii)) expect(char).toMatch(/^[-+|]$/);
  });

  it('TERM=dumb (an asciiOnly sink) draws the box in +, - and |', () => {
    const lines = drawn(80, true);
    expect(lines[0]).toBe(`+${'-'.repeat(24)}+${'-'.repeat(25)}+${'-'.repeat(22)}+`);
    expect(lines[1]).toBe('| ImageId                | ImageName               | CreationTime         |');
    expect(lines.join('\n')).toMatch(/^[\x20-\x7e\n]+$/);
    expect(drawn(80, false)[0]).toMatch(/^┌─+┬/);
  });

  it('leaves out a column cut so far it says nothing, rather than show `Ima…`', () => {
    const lines = drawn(40);
    expect(lines[1]).toBe('│ ImageId                │ ImageName   │');
    expect(lines[3]).toBe('│ m-bpgxbv5asryl08pui1ln │ …v-20250918 │');
  });

  it('draws no box when even the ID column and its borders do not fit: rows as off a terminal, IDs whole', () => {
    const lines = drawn(24);
    expect(lines).toEqual(['ImageId', 'm-bpgxbv5asryl08pui1ln', 'm-bp9spqe76if4b06q3meq']);
    // an ID wider than the terminal is still whole, alone on its line
    const wide = drawn(20);
    expect(wide).toContain('m-bpgxbv5asryl08pui1ln');
  });
});
