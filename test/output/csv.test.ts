import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderCell } from '../../src/output/columns.js';
import { createFormatter } from '../../src/output/format.js';
import { captureSink, nullPrototype, trickyColumns, trickyRows } from './helpers.js';

const csvOptions = (columns: string[], header = true) => ({ columns, header, tty: false, color: false });

function csvOf(pages: Record<string, unknown>[][], columns: string[], header = true): string {
  const sink = captureSink();
  const formatter = createFormatter('csv', sink, csvOptions(columns, header));
  for (const page of pages) formatter.write(page);
  formatter.end();
  return sink.text();
}

describe('csv formatter', () => {
  it('parses back to the rendered cells of every row, field by field', () => {
    const text = csvOf([trickyRows.slice(0, 2), trickyRows.slice(2)], trickyColumns);
    const records = parse(text) as string[][];
    expect(records[0]).toEqual(trickyColumns);
    expect(records.slice(1)).toEqual(trickyRows.map((row) => trickyColumns.map((column) => renderCell(row[column]))));
    // the bigint survives as digits, CR/LF inside quotes survive
    expect(records[4]?.[4]).toBe('1688123456789012345');
    expect(records[2]?.[1]).toBe('carriage\rreturn\r\nand tab\there');
  });

  it('quotes only fields with comma, quote, CR or LF, doubling quotes, with \\n record ends', () => {
    const text = csvOf(
      [[{ A: 'plain', B: 'a,b', C: 'say "hi"', D: 'cr\rx', E: 'lf\nx', F: 'tab\tx 中文' }]],
      ['A', 'B', 'C', 'D', 'E', 'F'],
    );
    expect(text).toBe('A,B,C,D,E,F\nplain,"a,b","say ""hi""","cr\rx","lf\nx",tab\tx 中文\n');
  });

  it('writes nothing before end(), then everything', () => {
    const sink = captureSink();
    const formatter = createFormatter('csv', sink, csvOptions(trickyColumns));
    formatter.write(trickyRows);
    formatter.write(trickyRows);
    expect(sink.writes).toEqual([]);
    formatter.end();
    expect((parse(sink.text()) as string[][]).length).toBe(1 + 2 * trickyRows.length);
  });

  it('prints the header only when there is nothing, and nothing at all without a header', () => {
    expect(csvOf([[]], ['ImageId', 'Size'])).toBe('ImageId,Size\n');
    expect(csvOf([], ['ImageId', 'Size'])).toBe('ImageId,Size\n');
    expect(csvOf([[]], ['ImageId', 'Size'], false)).toBe('');
  });

  it('omits the header row with header=false', () => {
    expect(csvOf([[{ ImageId: 'm-1', Size: 20 }]], ['ImageId', 'Size'], false)).toBe('m-1,20\n');
  });

  it('keeps an empty value of a single column as a record ("" rather than a blank line)', () => {
    const text = csvOf([[{ ImageId: 'm-1' }, { ImageId: '' }, { ImageId: 'm-3' }]], ['ImageId'], false);
    expect(text).toBe('m-1\n""\nm-3\n');
    expect(parse(text)).toEqual([['m-1'], [''], ['m-3']]);
  });

  it('renders nested fields compactly and null-prototype rows', () => {
    const row = nullPrototype({
      ImageId: 'm-1',
      Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'k', TagValue: '' }] },
      DiskDeviceMappings: { DiskDeviceMapping: [{ Device: '/dev/xvda', Size: '20', SnapshotId: '' }] },
      IsPublic: true,
      Missing: null,
    });
    expect(csvOf([[row]], ['ImageId', 'Tags', 'DiskDeviceMappings', 'IsPublic', 'Missing'])).toBe(
      'ImageId,Tags,DiskDeviceMappings,IsPublic,Missing\nm-1,env=prod;k=,/dev/xvda:20:,true,\n',
    );
  });
});
