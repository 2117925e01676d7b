import { describe, expect, it } from 'vitest';

import { parseIni } from '../../src/config/ini.js';
import { UsageError } from '../../src/errors.js';
import { thrown } from './fakeContext.js';

const FILE = '~/.alibabacloud/credentials';

describe('parseIni', () => {
  it('reads sections, keys and values, skipping comments and blank lines', () => {
    const ini = parseIni(
      '\uFEFF# comment\n[default]\r\nenable = true\r\ntype = access_key\n; another\n\n  access_key_id=LTAIid  \n[dev]\nregion_id = "cn-beijing"\nempty =\n',
      FILE,
    );
    expect([...ini.keys()]).toEqual(['default', 'dev']);
    expect(Object.fromEntries(ini.get('default') ?? [])).toEqual({ enable: 'true', type: 'access_key', access_key_id: 'LTAIid' });
    expect(Object.fromEntries(ini.get('dev') ?? [])).toEqual({ region_id: 'cn-beijing', empty: '' });
  });

  it('keeps = inside values and merges repeated sections, later keys winning', () => {
    const ini = parseIni('[a]\nk = x=y\nj = 1\n[a]\nj = 2\n', FILE);
    expect(Object.fromEntries(ini.get('a') ?? [])).toEqual({ k: 'x=y', j: '2' });
  });

  it('returns no sections for an empty file', () => {
    expect(parseIni('', FILE).size).toBe(0);
  });

  it.each([
    ['[default]\ntype = access_key\naccess_key_secret SECRET-IN-LINE\n', 3, 'expected [section] or key = value'],
    ['access_key_id = LTAI\n[default]\n', 1, 'key = value before any [section]'],
    ['[default]\n\n[ ]\n', 3, 'empty section name'],
    ['[default]\n= SECRET-IN-LINE\n', 2, 'missing key before ='],
    ['[default\n', 1, 'expected [section] or key = value'],
  ])('reports a syntax error with file and line, never the line itself: %j', (text, line, what) => {
    const error = thrown(() => parseIni(text, FILE));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`${FILE}, line ${line}: ${what}`);
    expect(`${error.message} ${error.hint}`).not.toContain('SECRET-IN-LINE');
  });
});
