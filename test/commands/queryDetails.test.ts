// Details of --query that the integer tests of query.test.ts leave open (test/MUTANTS.md,
// query.ts): the exact refusals and their hints, integers beyond 2^53 that only the query
// holds, deep in arrays or in object literals, negative-only values, a rare double beyond
// 2^53, fields named like functions, exactInteger's edges and how the result is printed.
import { describe, expect, it } from 'vitest';
import { compileQuery, exactInteger, writeQueryResult } from '../../src/commands/query.js';
import type { IO, OutStream } from '../../src/io.js';
import { UsageError } from '../../src/errors.js';
import type { Row } from '../../src/output/format.js';
import { nullPrototype } from '../output/helpers.js';

const run = async (expression: string, rows: Row[]) => (await compileQuery(expression))(rows);
const refusal = async (expression: string, rows: Row[] = []): Promise<UsageError> => {
  try {
    await run(expression, rows);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error(`no refusal for ${expression}`);
};
const small = [nullPrototype({ ImageId: 'a', Size: 5, sum: 1 }), nullPrototype({ ImageId: 'b', Size: 20, sum: 2 })];

describe('refusals, word for word', () => {
  it('an expression that does not parse, with the JMESPath hint', async () => {
    const err = await refusal('[?');
    expect(err.message).toBe('invalid --query "[?": Invalid token (EOF): ""');
    expect(err.hint).toBe("a JMESPath expression over the JSON array, e.g. '[].ImageId' or '[?Size > `40`].ImageId'");
  });

  it('a function that fails on the data: jmespath\'s type numbers named, its Error prefix dropped', async () => {
    const err = await refusal('max_by(@, &Missing)', small);
    expect(err.message).toBe('--query "max_by(@, &Missing)" failed on the images: expected number or string, received null');
    expect(err.hint).toBe('functions such as sort_by and max_by need every value to be a number or every value a string');
  });

  // jmespath.js says these with its type numbers ("received 3"), a bare "TypeError", or "received undefined".
  it.each([
    ['max_by(@, &[Size])', 'expected number or string, received array'],
    ['min_by(@, &`true`)', 'expected number or string, received boolean'],
    ['max_by(@, &{a: Size})', 'expected number or string, received object'],
    ['max_by(@, & &Size)', 'expected number or string, received expression'],
    ['sort_by(@, &ImageId)[0]', 'expected number, received string'],
    ['sort_by(@, &Missing)', 'expected number or string'],
    ['max_by(@, &min_by(`[]`, &Size))', 'expected number or string, received a value of another type'],
    ['abs(Size, Size)', 'abs() takes 1 argument but received 2'],
  ])('%s fails saying %j', async (expression, reason) => {
    const mixed = [nullPrototype({ ImageId: 5, Size: 5 }), nullPrototype({ ImageId: 'b', Size: 20 })];
    expect((await refusal(expression, mixed)).message).toBe(`--query "${expression}" failed on the images: ${reason}`);
  });

  it('an inexact function over an integer that only the query holds names the query', async () => {
    const err = await refusal('sum(`[9007199254740993, 1]`)', small);
    expect(err.message).toBe(
      '--query "sum(`[9007199254740993, 1]`)" uses sum, which JMESPath cannot do exactly on integers beyond 2^53, and the query holds 9007199254740993',
    );
    expect(err.hint).toBe(
      'such integers are compared and sorted exactly (==, <, sort_by, max_by); for text or sums use -o json with jq, or leave those images out (e.g. --owner)',
    );
  });

  it('names the field of a value found inside an array, not its index', async () => {
    const err = await refusal('sum([].Size)', [nullPrototype({ ImageId: 'a', Size: 1, Ids: [5, 9007199254740993n] })]);
    expect(err.message).toMatch(/, and Ids holds 9007199254740993$/);
  });

  it('a huge slice bound is no integer of the query: sum still works', async () => {
    expect(await run('sum([0:123456789012345678901].Size)', small)).toBe(25);
  });

  it('names every inexact function used', async () => {
    const err = await refusal('[sum([].Size), to_string(`9007199254740993`)]', small);
    expect(err.message).toContain(' uses sum, to_string, which ');
  });
});

describe('integers beyond 2^53 wherever they are', () => {
  it('one that only the query holds comes back exact', async () => {
    expect(await run('`9007199254740993`', small)).toBe(9007199254740993n);
  });

  it('small numbers in a literal that also holds a big one stay themselves', async () => {
    expect(await run('[?contains(`[1688123456789012344, 5]`, Size)].ImageId', small)).toEqual(['a']);
  });

  it('an object literal holding one', async () => {
    const rows = [nullPrototype({ ImageId: 'e', ImageOwnerId: 1688123456789012344n }), nullPrototype({ ImageId: 'x', ImageOwnerId: 1688123456789012352n })];
    expect(await run('[?ImageOwnerId == `{"a": 1688123456789012344, "b": 1, "c": null}`.a].ImageId', rows)).toEqual(['e']);
  });

  it('a literal whose strings hold escaped quotes and backticks, and look like numbers', async () => {
    const rows = [nullPrototype({ ImageId: 'e', ImageOwnerId: 1688123456789012344n }), nullPrototype({ ImageId: 'x', ImageOwnerId: 1688123456789012352n })];
    const expression = '[?ImageOwnerId == `["a\\"9007199254740993", "b\\`-1", "\\\\", 1688123456789012344]`[3]].ImageId';
    expect(await run(expression, rows)).toEqual(['e']);
    expect(await run('`["x\\`1688123456789012344", "a\\"9007199254740993", 1688123456789012344]`', rows)).toEqual([
      'x`1688123456789012344',
      'a"9007199254740993',
      1688123456789012344n,
    ]);
  });

  it('a null literal beside such integers', async () => {
    const rows = [nullPrototype({ ImageId: 'a', Gone: null, v: 9007199254740993n }), nullPrototype({ ImageId: 'b', Gone: 1, v: 1 })];
    expect(await run('[?Gone == `null`].v', rows)).toEqual([9007199254740993n]);
  });

  it('an escaped backslash before an escaped backtick does not end the literal', async () => {
    const rows = [nullPrototype({ ImageId: 'e', ImageOwnerId: 1688123456789012344n }), nullPrototype({ ImageId: 'x', ImageOwnerId: 1688123456789012352n })];
    // The literal holds the JSON string "\\\`": an escaped backslash, then an escaped backtick.
    const expression = '[?ImageOwnerId == `["\\\\\\`", 1688123456789012344]`[1]].ImageId';
    expect(await run(expression, rows)).toEqual(['e']);
  });

  it.each([
    ['0.9007199254740993e20', 90071992547409930000n],
    ['9007199254740993.00', 9007199254740993n],
    ['9.007199254740993e+15', 9007199254740993n],
    ['90071992547409930e-1', 9007199254740993n],
  ])('a literal written %s is that integer', async (literal, value) => {
    const rows = [nullPrototype({ id: 'x', v: value }), nullPrototype({ id: 'y', v: value + 1n })];
    expect(await run(`[?v == \`${literal}\`].id`, rows)).toEqual(['x']);
  });

  it('a literal beyond every double stays infinite, as jmespath reads it', async () => {
    expect(await run('`1e400`', small)).toBe(Infinity);
  });

  it('a raw string after the literal is left alone', async () => {
    const rows = [nullPrototype({ ImageId: '9007199254740993', ImageOwnerId: 1688123456789012344n })];
    expect(await run("[?ImageOwnerId == `1688123456789012344` && ImageId == '9007199254740993'].ImageId", rows)).toEqual(['9007199254740993']);
  });

  it('a negative one in the query', async () => {
    expect(await run('`-9007199254740993`', small)).toBe(-9007199254740993n);
  });

  it('2^53 - 1 is an ordinary number: sum works on it', async () => {
    expect(await run('sum([].v)', [nullPrototype({ v: 9007199254740991 })])).toBe(9007199254740991);
  });

  it('one inside arrays of a row, next to nulls', async () => {
    const rows = [nullPrototype({ ImageId: 'a', Ids: [[9007199254740993n]], Gone: null }), nullPrototype({ ImageId: 'b', Ids: [[5]], Gone: null })];
    expect(await run('max([].Ids[0][0])', rows)).toBe(9007199254740993n);
  });

  it('negative only: abs() gives the magnitude, exact', async () => {
    expect(await run('[].abs(v)', [nullPrototype({ v: -9007199254740993n })])).toEqual([9007199254740993n]);
  });

  it('a double beyond 2^53 comes back as that double, not as a bigint', async () => {
    expect(await run('[].v', [nullPrototype({ v: 2 ** 60 }), nullPrototype({ v: -(2 ** 60) })])).toEqual([2 ** 60, -(2 ** 60)]);
  });

  it('compares by magnitude whatever order the rows come in', async () => {
    const rows = [
      nullPrototype({ id: 'c', v: 1688123456789012345n }),
      nullPrototype({ id: 'b', v: 90071992547409930n }),
      nullPrototype({ id: 'a', v: 9007199254740993n }),
    ];
    expect(await run('sort_by(@, &v)[].id', rows)).toEqual(['a', 'b', 'c']);
    expect(await run('[?v > `90071992547409929`].id', rows)).toEqual(['c', 'b']);
  });

  it('a field named like an inexact function is no call of it', async () => {
    expect(await run('[].sum', [...small, nullPrototype({ sum: 9007199254740993n })])).toEqual([1, 2, 9007199254740993n]);
  });

  it('a slice (an AST with null children) works beside such integers', async () => {
    expect(await run('[1:].v', [nullPrototype({ v: 9007199254740993n }), nullPrototype({ v: 9007199254740995n })])).toEqual([9007199254740995n]);
  });
});

describe('exactInteger edges', () => {
  it.each([
    ['x5', undefined],
    ['5x', undefined],
    ['x', undefined],
    ['1e+2', 100n],
    ['0e500', 0n],
    ['1e400', 10n ** 400n],
    ['1e401', undefined],
    ['1.00', 1n],
    ['0.0e500', 0n],
  ])('%s', (text, expected) => expect(exactInteger(text)).toBe(expected));
});

describe('writeQueryResult', () => {
  const capture = (isTTY = false): { io: IO; text: () => string } => {
    let text = '';
    const stdout: OutStream = { isTTY, write: (chunk) => void (text += String(chunk)) };
    return { io: { stdout, stderr: stdout, color: false }, text: () => text };
  };

  it('csv quotes as csv, tsv does not', () => {
    const csv = capture();
    writeQueryResult([['a,b', 'c']], 'csv', csv.io);
    const tsv = capture();
    writeQueryResult([['a,b', 'c']], 'tsv', tsv.io);
    expect(csv.text()).toBe('"a,b",c\n');
    expect(tsv.text()).toBe('a,b\tc\n');
  });

  it('ndjson prints null for an item jmespath left undefined (max_by of nothing)', async () => {
    const result = await run('[max_by(`[]`, &Size), `1`]', small);
    const ndjson = capture();
    writeQueryResult(result, 'ndjson', ndjson.io);
    expect(ndjson.text()).toBe('null\n1\n');
  });

  it('ndjson prints a result that is no array on one line, json indents it', () => {
    const ndjson = capture();
    writeQueryResult({ a: 1 }, 'ndjson', ndjson.io);
    const json = capture();
    writeQueryResult({ a: 1 }, 'json', json.io);
    expect(ndjson.text()).toBe('{"a":1}\n');
    expect(json.text()).toBe('{\n  "a": 1\n}\n');
  });
});
