import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createFormatter, OUTPUT_FORMATS, type OutputFormat } from '../../src/output/format.js';
import { captureSink, nullPrototype } from './helpers.js';

const options = { columns: ['ImageId', 'Size'], header: true, tty: false, color: false };

describe('createFormatter', () => {
  it('knows the five formats of SPEC section 2', () => {
    expect(OUTPUT_FORMATS).toEqual(['table', 'json', 'ndjson', 'csv', 'tsv']);
  });

  it('rejects an unknown format with the valid ones', () => {
    expect(() => createFormatter('yaml' as OutputFormat, captureSink(), options)).toThrow(UsageError);
    expect(() => createFormatter('yaml' as OutputFormat, captureSink(), options)).toThrow(
      'unknown output format "yaml"; valid formats: table, json, ndjson, csv, tsv',
    );
  });

  const empty: Record<OutputFormat, string> = {
    table: '',
    json: '[]\n',
    ndjson: '',
    csv: 'ImageId,Size\n',
    tsv: 'ImageId\tSize\n',
  };

  it.each(OUTPUT_FORMATS)('prints the empty result of SPEC section 4 as %s', (format) => {
    const sink = captureSink();
    const formatter = createFormatter(format, sink, options);
    formatter.write([]);
    formatter.end();
    expect(sink.text()).toBe(empty[format]);
  });

  const expected: Record<OutputFormat, string> = {
    table: 'ImageId  Size\nm-1      1688123456789012345\nm-2      20\n',
    json: '[\n  {\n    "ImageId": "m-1",\n    "Size": 1688123456789012345\n  },\n  {\n    "ImageId": "m-2",\n    "Size": 20\n  }\n]\n',
    ndjson: '{"ImageId":"m-1","Size":1688123456789012345}\n{"ImageId":"m-2","Size":20}\n',
    csv: 'ImageId,Size\nm-1,1688123456789012345\nm-2,20\n',
    tsv: 'ImageId\tSize\nm-1\t1688123456789012345\nm-2\t20\n',
  };

  it.each(OUTPUT_FORMATS)('prints null-prototype rows with a bigint exactly as %s', (format) => {
    const sink = captureSink();
    const formatter = createFormatter(format, sink, options);
    formatter.write([nullPrototype({ ImageId: 'm-1', Size: 1688123456789012345n })]);
    formatter.write([nullPrototype({ ImageId: 'm-2', Size: 20 })]);
    formatter.end();
    expect(sink.text()).toBe(expected[format]);
  });

  it.each(OUTPUT_FORMATS)('writes no ANSI code off a TTY even with colour allowed (%s)', (format) => {
    const sink = captureSink();
    const formatter = createFormatter(format, sink, { ...options, columns: ['ImageId', 'Status'], color: true });
    formatter.write([{ ImageId: 'm-1', Status: 'Available' }]);
    formatter.end();
    expect(sink.text()).not.toContain('\x1b');
    expect(sink.text()).toContain('Available');
  });
});
