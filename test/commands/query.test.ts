// --query over integers beyond 2^53: exact answers, or exit 2 saying why not (SPEC section 4, Numbers).
import { describe, expect, it } from 'vitest';
import { compileQuery, exactInteger } from '../../src/commands/query.js';
import { UsageError } from '../../src/errors.js';
import { nullPrototype } from '../output/helpers.js';

// 2^53 + 1 and + 3 round to the same double; so do the two 19-digit ones.
const rows = [
  nullPrototype({ ImageId: 'a', ImageOwnerId: 9007199254740993n, Size: 40 }),
  nullPrototype({ ImageId: 'b', ImageOwnerId: 5550001112223334, Size: 20 }),
  nullPrototype({ ImageId: 'c', ImageOwnerId: 1688123456789012345n, Size: 20 }),
  nullPrototype({ ImageId: 'd', ImageOwnerId: 9007199254740992n, Size: 100 }),
  nullPrototype({ ImageId: 'e', ImageOwnerId: 1688123456789012344n, Size: 20 }),
  nullPrototype({ ImageId: 'f', ImageOwnerId: -9007199254740993n, Size: 20, Nested: { Ids: [9007199254740993n] } }),
];
const run = async (expression: string, data = rows) => (await compileQuery(expression))(data);
const refusal = async (expression: string): Promise<UsageError> => {
  try {
    await run(expression);
  } catch (err) {
    return err as UsageError;
  }
  throw new Error(`no refusal for ${expression}`);
};

describe('--query over integers beyond 2^53', () => {
  it.each([
    ['[?ImageOwnerId == `5550001112223334`].ImageId', ['b']],
    ['[?ImageOwnerId == `1688123456789012345`].ImageId', ['c']],
    ['[?ImageOwnerId == `1688123456789012344`].ImageId', ['e']],
    ['[?ImageOwnerId != `9007199254740993`].ImageId', ['b', 'c', 'd', 'e', 'f']],
    ['[?ImageOwnerId > `9007199254740992`].ImageId', ['a', 'c', 'e']],
    ['[?ImageOwnerId < `0`].ImageId', ['f']],
    ['[?ImageOwnerId > `5550001112223334`].ImageId', ['a', 'c', 'd', 'e']],
    ['[?ImageOwnerId == `1.688123456789012345e18`].ImageId', ['c']],
    ['[?contains(`[1688123456789012344, 5]`, ImageOwnerId)].ImageId', ['e']],
    ['[?Nested && contains(Nested.Ids, `9007199254740993`)].ImageId', ['f']],
    ['sort_by(@, &ImageOwnerId)[].ImageId', ['f', 'b', 'd', 'a', 'e', 'c']],
    ['reverse(sort_by(@, &ImageOwnerId))[].ImageId', ['c', 'e', 'a', 'd', 'b', 'f']],
    ['max_by(@, &ImageOwnerId).ImageId', 'c'],
    ['min_by(@, &ImageOwnerId).ImageId', 'f'],
    ['max([].ImageOwnerId)', 1688123456789012345n],
    ['min([].ImageOwnerId)', -9007199254740993n],
    ['[].type(ImageOwnerId)', ['number', 'number', 'number', 'number', 'number', 'number']],
    ['[?ImageId == `f`].abs(ImageOwnerId)', [9007199254740993n]],
    ['[?ImageId == `e`].[floor(ImageOwnerId), ceil(ImageOwnerId), to_number(ImageOwnerId)]', [[1688123456789012344n, 1688123456789012344n, 1688123456789012344n]]],
    ['[?ImageId == `a`]', [{ ImageId: 'a', ImageOwnerId: 9007199254740993n, Size: 40 }]],
    ['`[1688123456789012345, "1688123456789012345"]`', [1688123456789012345n, '1688123456789012345']],
  ])('%s', async (expression, expected) => {
    expect(await run(expression)).toEqual(expected);
  });

  it('leaves a listing without such integers to jmespath as it is', async () => {
    const small = rows.filter((row) => typeof row.ImageOwnerId === 'number');
    expect(await run('[].to_string(ImageOwnerId)', small)).toEqual(['5550001112223334']);
    expect(await run('sum([].Size)', small)).toBe(20);
  });

  it.each(['[].to_string(ImageOwnerId)', 'sum([].ImageOwnerId)', 'avg([].Size)', 'sort([].ImageOwnerId)'])(
    'refuses %s, exit 2, naming the field and a value',
    async (expression) => {
      const err = await refusal(expression);
      expect(err).toBeInstanceOf(UsageError);
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/uses (to_string|sum|avg|sort), which JMESPath cannot do exactly on integers beyond 2\^53, and ImageOwnerId holds 9007199254740993$/);
    },
  );

  it('refuses a number beyond 2^53 with a fraction in the query', async () => {
    const err = await refusal('[?ImageOwnerId > `9007199254740993.5`]');
    expect(err.message).toContain('9007199254740993.5 is beyond 2^53 and not an integer');
  });

  it('does not change the rows', async () => {
    await run('sort_by(@, &ImageOwnerId)');
    expect(rows[0]!.ImageOwnerId).toBe(9007199254740993n);
  });
});

describe('exactInteger', () => {
  it.each([
    ['1688123456789012345', 1688123456789012345n],
    ['-9007199254740993', -9007199254740993n],
    ['1.5e20', 150000000000000000000n],
    ['1.50E2', 150n],
    ['100', 100n],
    ['0', 0n],
    ['1.5', undefined],
    ['12e-1', undefined],
  ])('%s', (text, expected) => expect(exactInteger(text)).toBe(expected));
});
