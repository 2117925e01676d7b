// On a terminal every format shows control characters escaped; piped, json and csv carry
// the text exactly (SPEC section 4, Control characters).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createFormatter, type OutputFormat } from '../../src/output/format.js';
import { escapeJsonForTerminal } from '../../src/output/text.js';
import { captureSink } from './helpers.js';

const name = 'evil \x1b]0;title\x07 \x00 \x7f \x9b31m \u202ereversed\u202c line\nend';
const rows = [{ ImageId: 'm-1', ImageName: name }];
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function output(format: OutputFormat, tty: boolean): string {
  const sink = captureSink();
  const formatter = createFormatter(format, sink, { columns: ['ImageId', 'ImageName'], header: true, tty, color: false, width: 200 });
  formatter.write(rows);
  formatter.end();
  return sink.text();
}

describe('control characters', () => {
  it.each(['json', 'ndjson', 'csv', 'tsv', 'table'] as OutputFormat[])('%s on a terminal shows none raw', (format) => {
    expect(output(format, true)).not.toMatch(RAW_CONTROLS);
  });

  it('json and ndjson on a terminal are still the same JSON', () => {
    expect(JSON.parse(output('json', true))).toEqual(rows);
    expect(JSON.parse(output('ndjson', true))).toEqual(rows[0]);
  });

  it('piped json and csv carry the text exactly', () => {
    expect(JSON.parse(output('json', false))).toEqual(rows);
    expect(output('json', false)).toContain('\x9b31m \u202ereversed');
    expect(parse(output('csv', false))).toEqual([['ImageId', 'ImageName'], ['m-1', name]]);
  });

  it('escapeJsonForTerminal writes DEL, C1 and bidi controls as \\u escapes', () => {
    expect(escapeJsonForTerminal(JSON.stringify('a\x7fb\x9bc\u2066d'))).toBe('"a\\u007fb\\u009bc\\u2066d"');
  });
});
