import { describe, expect, it } from 'vitest';
import { parseChoice, parseDuration, parseImageIds, parseInteger, parseIsoDate, parseSeconds, parseTag, refuseIdleFormatFlags, splitList } from '../../src/commands/validate.js';
import { UsageError } from '../../src/errors.js';
import { runInProcess } from '../support/cli.js';

const usage = (fn: () => unknown): UsageError => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error('expected a UsageError');
};

describe('parseChoice', () => {
  it('matches case-insensitively and returns the canonical spelling', () => {
    expect(parseChoice('--status', 'unavailable', ['Available', 'UnAvailable'])).toBe('UnAvailable');
  });
  it('names the flag and the allowed values', () => {
    const err = usage(() => parseChoice('--owner', 'me', ['system', 'self']));
    expect(err.message).toBe('invalid value "me" for --owner; allowed: system, self');
    expect(err.exitCode).toBe(2);
  });
});

describe('parseInteger', () => {
  it.each(['1', '100', ' 42 '])('accepts %s', (v) => expect(parseInteger('--page-size', v, 1, 100)).toBe(Number(v)));
  it.each(['0', '101', '1.5', '-3', 'abc', '', '1e2', '0x10'])('rejects %j', (v) => {
    expect(usage(() => parseInteger('--page-size', v, 1, 100)).message).toContain('an integer from 1 to 100');
  });
  it('words an open range', () => {
    expect(usage(() => parseInteger('--limit', '0', 1, Number.MAX_SAFE_INTEGER)).message).toContain('an integer >= 1');
  });
});

describe('parseSeconds', () => {
  it('accepts fractions', () => expect(parseSeconds('--timeout', '0.5', 0.1, 60)).toBe(0.5));
  it.each(['0', '-1', 'ten', '61'])('rejects %j', (v) => {
    expect(usage(() => parseSeconds('--timeout', v, 0.1, 60)).message).toContain('--timeout');
  });
});

describe('parseDuration', () => {
  it('a well-formed value out of range says it is out of range, not that its format is wrong', () => {
    expect(() => parseDuration('--max-wait', '25h', 0, 86_400)).toThrow('--max-wait 25h is more than the 24 h allowed');
    expect(() => parseDuration('--interval', '0.01s', 0.05, 3600)).toThrow('--interval 0.01s is less than the 0.05 s allowed');
    expect(() => parseDuration('--max-wait', '25h', 0, 86_400)).not.toThrow(/invalid duration/);
    expect(() => parseDuration('--max-wait', '1 day', 0, 86_400)).toThrow('invalid duration "1 day" for --max-wait');
  });
});

describe('splitList', () => {
  it('joins repeated and comma-separated values', () => {
    expect(splitList('--image-id', ['a,b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('rejects empty items', () => {
    expect(usage(() => splitList('--image-id', ['a,,b'])).message).toContain('--image-id');
  });
});

describe('parseImageIds', () => {
  it('takes separate and comma-separated ids, each once', () => {
    expect(parseImageIds('<image-id>', ['m-a,m-b', ' m-c ', 'm-a'])).toEqual(['m-a', 'm-b', 'm-c']);
  });
  it('refuses an id with a blank inside, naming it', () => {
    const err = usage(() => parseImageIds('<image-id>', ['m-a', 'm-b m-c']));
    expect(err.message).toBe('invalid image id "m-b m-c": an id has no spaces');
    expect(err.hint).toContain('m-a,m-b');
  });
  it('refuses an empty id', () => {
    expect(usage(() => parseImageIds('--image-id', ['m-a,'])).message).toContain('empty item in --image-id');
  });
});

describe('parseTag', () => {
  it.each([
    ['env=prod', { key: 'env', value: 'prod' }],
    ['env', { key: 'env' }],
    ['env=', { key: 'env' }],
    ['a=b=c', { key: 'a', value: 'b=c' }],
    ['名前=値', { key: '名前', value: '値' }],
  ])('%s', (input, expected) => expect(parseTag(input)).toEqual(expected));
  it.each(['=prod', '', ' =x'])('rejects a tag without a key: %j', (v) => {
    expect(usage(() => parseTag(v)).message).toContain('key is empty');
  });
});

describe('parseIsoDate', () => {
  it.each([
    ['2024-09-26', '2024-09-26T00:00:00.000Z'],
    ['2024-09-26T08:12', '2024-09-26T08:12:00.000Z'],
    ['2024-09-26T08:12:33Z', '2024-09-26T08:12:33.000Z'],
    ['2024-09-26T08:12:33.5+08:00', '2024-09-26T00:12:33.000Z'],
    ['2024-09-26 08:12-0130', '2024-09-26T09:42:00.000Z'],
    ['0099-05-01', '0099-05-01T00:00:00.000Z'],
  ])('%s', (input, iso) => expect(parseIsoDate('--created-after', input).toISOString()).toBe(iso));
  it.each(['yesterday', '2024-13-01', '2024-02-30', '2024-9-26', '26/09/2024', '2024-09-26T25:00', 'March 7', '2024-01-01T00:00+25:00', '2024-01-01T00:00+05:99'])(
    'rejects %j naming the flag',
    (v) => {
      const err = usage(() => parseIsoDate('--created-before', v));
      expect(err.message).toContain('--created-before');
      expect(err.message).toContain('2024-09-26');
    },
  );
  it.each([
    ['0001-01-01T00:00-05:00', '0001-01-01T05:00:00.000Z'],
    ['9999-12-31T23:00+05:00', '9999-12-31T18:00:00.000Z'],
  ])('keeps %s, within 0001-9999 in UTC', (input, iso) => expect(parseIsoDate('--created-after', input).toISOString()).toBe(iso));
  it.each([
    ['0000-01-01T00:00+05:00', -1],
    ['0001-01-01T00:00+05:00', 0],
    ['0000-06-01', 0],
    ['9999-12-31T23:00-05:00', 10000],
  ])('rejects %s: the year %i in UTC', (input, year) => {
    const err = usage(() => parseIsoDate('--created-after', input));
    expect(err.message).toBe(`date "${input}" for --created-after is in the year ${year} in UTC; expected a year from 0001 to 9999`);
  });
  it.each(['--created-after', '--created-before'])('%s 0000-01-01T00:00+05:00 is exit 2 before anything is sent', async (flag) => {
    const result = await runInProcess(['list', '--region', 'cn-hangzhou', '--dry-run', flag, '0000-01-01T00:00+05:00']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`for ${flag} is in the year -1 in UTC`);
  });
});

describe('refuseIdleFormatFlags: --no-header and --wide are refused where they would do nothing', () => {
  it.each([
    ['json', { header: false }, '--no-header has no effect with output json'],
    ['ndjson', { header: false }, '--no-header has no effect with output ndjson'],
    ['csv', { header: true, wide: true }, '--wide has no effect with output csv'],
    ['json', { header: false, wide: true }, '--no-header and --wide have no effect with output json'],
  ])('%s %o', (output, flags, message) => {
    expect(() => refuseIdleFormatFlags(output, flags)).toThrow(message);
  });

  it.each([
    ['table', { header: false, wide: true }],
    ['csv', { header: false }],
    ['tsv', { header: false }],
    ['json', { header: true }],
  ])('%s %o is fine', (output, flags) => {
    expect(() => refuseIdleFormatFlags(output, flags)).not.toThrow();
  });

  it('list, wait and regions refuse them before any request, whether -o or ECSIMG_OUTPUT chose the output', async () => {
    for (const [args, env] of [
      [['list', '-o', 'json', '--wide'], {}],
      [['list', '--no-header'], { ECSIMG_OUTPUT: 'ndjson' }],
      [['wait', 'm-x', '-o', 'json', '--no-header'], {}],
      [['regions', '-o', 'json', '--no-header'], {}],
    ] as const) {
      const result = await runInProcess([...args], { env: { ALIBABA_CLOUD_ECS_ENDPOINT: 'http://127.0.0.1:9', ...env } });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/^ecsimg: --(no-header|wide) has no effect with output n?d?json\n {2}hint: --no-header applies to table, csv and tsv; --wide to the table/);
    }
  });
});
