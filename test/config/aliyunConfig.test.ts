import { describe, expect, it } from 'vitest';

import { listProfiles, loadAliyunConfig, parseAliyunConfig } from '../../src/config/aliyunConfig.js';
import { UsageError } from '../../src/errors.js';
import { CONFIG_JSON, akProfile, aliyunConfig, fakeContext, thrown } from './fakeContext.js';

const FILE = '~/.aliyun/config.json';

describe('parseAliyunConfig', () => {
  it('keeps current and each profile’s non-empty string fields, and numbers as strings', () => {
    const config = parseAliyunConfig(aliyunConfig('dev', akProfile('dev', { region_id: 'cn-beijing', expired_seconds: 900 })), FILE);
    expect(config.current).toBe('dev');
    expect(config.shownPath).toBe(FILE);
    expect(config.profiles.map((p) => p.name)).toEqual(['dev']);
    expect(Object.fromEntries(config.profiles[0]?.fields ?? [])).toEqual({
      name: 'dev',
      mode: 'AK',
      access_key_id: 'LTAI-dev-id',
      access_key_secret: 'dev-secret',
      region_id: 'cn-beijing',
      expired_seconds: '900',
    });
  });

  it('accepts a byte order mark, an empty current and a file without profiles', () => {
    const config = parseAliyunConfig('\uFEFF{"current": ""}', FILE);
    expect(config.current).toBeUndefined();
    expect(config.profiles).toEqual([]);
  });

  it.each([
    ['{\n  "current": "dev",\n  "profiles": [\n    {"name": "dev",}\n  ]\n}', 4],
    ['{\n  "current": "dev"\n  "profiles": []\n}', 3],
    ['{\n  "profiles": [{"name": "dev", "access_key_secret": "oops\n"}]\n}', 2],
    ['{\n  "profiles": [{"name": dev}]\n}', 2],
    ['', 1],
  ])('reports malformed JSON with the file and line %#', (text, line) => {
    const error = thrown(() => parseAliyunConfig(text, FILE));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(new RegExp(`^~/\\.aliyun/config\\.json, line ${line}: not valid JSON: `));
    expect(error.hint).toContain('aliyun configure');
  });

  it.each([
    ['[]', 'expected a JSON object with a "profiles" list'],
    ['{"profiles": {}}', '"profiles" is not a list'],
    ['{"current": 1, "profiles": []}', '"current" is not a string'],
    ['{"profiles": [{"name": "a"}, {"mode": "AK"}]}', 'profile #2 has no "name"'],
  ])('rejects a well-formed file of the wrong shape: %s', (text, what) => {
    const error = thrown(() => parseAliyunConfig(text, FILE));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe(`${FILE}: ${what}`);
  });
});

describe('loadAliyunConfig and listProfiles', () => {
  it('reads ~/.aliyun/config.json under the home directory', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('b', akProfile('a'), akProfile('b')) });
    expect(loadAliyunConfig(ctx)?.current).toBe('b');
    expect(listProfiles(ctx)).toEqual(['a', 'b']);
    expect(ctx.reads).toEqual([CONFIG_JSON, CONFIG_JSON]);
  });

  it('gives nothing when there is no file', () => {
    expect(loadAliyunConfig(fakeContext())).toBeUndefined();
    expect(listProfiles(fakeContext())).toEqual([]);
  });

  it('turns an unreadable file into a usage error naming it', () => {
    const ctx = fakeContext();
    ctx.readFile = () => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${CONFIG_JSON}'`), { code: 'EACCES' });
    };
    const error = thrown(() => listProfiles(ctx));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('cannot read ~/.aliyun/config.json (EACCES)');
  });
});
