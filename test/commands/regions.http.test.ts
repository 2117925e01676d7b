// ecsimg regions against the emulator: every format, --columns, --no-header, --query, and
// LocalName in the language of the user's locale.
import { beforeEach, describe, expect, it } from 'vitest';
import { runBin, runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[], env: Record<string, string> = {}) => runInProcess(['regions', ...args], { env: emulator.env(env) });
const regionIds = () => emulator.current.catalogue.regions().map((r) => r.RegionId);
const sentLanguages = () => emulator.current.stats.requests.filter((r) => r.action === 'DescribeRegions').map((r) => r.params.AcceptLanguage);

beforeEach(() => emulator.current.stats.requests.splice(0));

describe('ecsimg regions: formats', () => {
  it('json: one object per region, the four fields', async () => {
    const result = await run(['-o', 'json']);
    expect(result.code).toBe(0);
    const regions = JSON.parse(result.stdout) as Record<string, string>[];
    expect(regions.map((r) => r.RegionId)).toEqual(regionIds());
    expect(regions.find((r) => r.RegionId === 'cn-hangzhou')).toEqual({ RegionId: 'cn-hangzhou', LocalName: 'China (Hangzhou)', RegionEndpoint: 'ecs.cn-hangzhou.aliyuncs.com', Status: 'available' });
  });

  it('ndjson: one object a line', async () => {
    const result = await run(['-o', 'ndjson']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(regionIds().length);
    expect(JSON.parse(lines[0]!)).toMatchObject({ RegionId: regionIds()[0], Status: 'available' });
  });

  it.each([
    ['csv', ','],
    ['tsv', '\t'],
  ])('%s: a header, then one row per region', async (format, separator) => {
    const result = await run(['-o', format]);
    const [header, ...rows] = result.stdout.trimEnd().split('\n');
    expect(header).toBe(['RegionId', 'LocalName', 'RegionEndpoint', 'Status'].join(separator));
    expect(rows).toContain(['cn-hangzhou', 'China (Hangzhou)', 'ecs.cn-hangzhou.aliyuncs.com', 'available'].join(separator));
    expect(rows).toHaveLength(regionIds().length);
  });

  it('table: the header and a row per region; ECSIMG_OUTPUT picks the format when -o is not given', async () => {
    const table = await run([]);
    expect(table.stdout.split('\n')[0]).toMatch(/^RegionId\s+LocalName\s+RegionEndpoint\s+Status$/);
    expect(table.stdout).toMatch(/cn-hangzhou\s+China \(Hangzhou\)\s+ecs\.cn-hangzhou\.aliyuncs\.com\s+available/);
    const fromEnv = await run([], { ECSIMG_OUTPUT: 'json' });
    expect(JSON.parse(fromEnv.stdout)).toHaveLength(regionIds().length);
  });
});

describe('ecsimg regions: --columns, --no-header', () => {
  it('--columns picks and orders the fields, case-insensitively; json keeps only them', async () => {
    const tsv = await run(['-o', 'tsv', '--columns', 'localname,RegionId']);
    expect(tsv.stdout.split('\n').slice(0, 1)).toEqual(['LocalName\tRegionId']);
    expect(tsv.stdout).toContain('China (Hangzhou)\tcn-hangzhou\n');
    const json = await run(['-o', 'json', '--columns', 'RegionId,Status']);
    expect((JSON.parse(json.stdout) as object[])[0]).toEqual({ RegionId: regionIds()[0], Status: 'available' });
  });

  it('an unknown column is exit 2 naming the valid ones, before any request', async () => {
    const result = await run(['--columns', 'RegionId,ImageId']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown column "ImageId" for --columns; valid columns: RegionId, LocalName, RegionEndpoint, Status');
    expect(result.stdout).toBe('');
    expect(sentLanguages()).toEqual([]);
  });

  it('--no-header: rows only, so a script reads the ids', async () => {
    const result = await run(['-o', 'tsv', '--columns', 'RegionId', '--no-header']);
    expect(result.stdout).toBe(`${regionIds().join('\n')}\n`);
    const csv = await run(['-o', 'csv', '--no-header']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^[a-z]+-/);
  });
});

describe('ecsimg regions: --query', () => {
  const query = "[?starts_with(RegionId, 'cn-')].[RegionId,LocalName]";

  it('-o json prints the JMESPath result as JSON', async () => {
    const result = await run(['-o', 'json', '--query', query]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as string[][];
    expect(rows.map((r) => r[0])).toEqual(regionIds().filter((id) => id.startsWith('cn-')));
    expect(rows).toContainEqual(['cn-hangzhou', 'China (Hangzhou)']);
  });

  it('-o tsv prints it as text rows, as list --query does', async () => {
    const result = await run(['-o', 'tsv', '--query', query]);
    expect(result.stdout).toContain('cn-hangzhou\tChina (Hangzhou)\n');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(regionIds().filter((id) => id.startsWith('cn-')).length);
    const scalar = await run(['-o', 'tsv', '--query', 'length(@)']);
    expect(scalar.stdout).toBe(`${regionIds().length}\n`);
  });

  it('a bad query, or --query with --columns, is exit 2 naming regions', async () => {
    const bad = await run(['--query', '[?']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ecsimg: invalid --query "\[\?"/);
    expect(bad.stderr).toContain("'[].RegionId'");
    const typeError = await run(['--query', 'sort_by(@, &Nope)']);
    expect(typeError.code).toBe(2);
    expect(typeError.stderr).toContain('failed on the regions');
    const both = await run(['--query', '[].RegionId', '--columns', 'RegionId']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--query '[].[RegionId,LocalName]'");
  });
});

describe('ecsimg regions: LocalName in the language of the locale', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh-CN', '华东1（杭州）'],
    [{ LANG: 'zh_TW.UTF-8' }, 'zh-CN', '华东1（杭州）'],
    [{ LANG: 'ja_JP.UTF-8' }, 'ja', '中国 (杭州)'],
    [{ LANG: 'C' }, 'en-US', 'China (Hangzhou)'],
    [{}, 'en-US', 'China (Hangzhou)'],
    [{ LANG: 'zh_CN.UTF-8', LC_ALL: 'ja_JP.UTF-8' }, 'ja', '中国 (杭州)'],
    [{ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'C' }, 'en-US', 'China (Hangzhou)'],
  ])('%o sends AcceptLanguage %s and prints %s', async (locale, language, name) => {
    const result = await run(['-o', 'tsv', '--query', "[?RegionId=='cn-hangzhou'].LocalName"], locale);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${name}\n`);
    expect(sentLanguages()).toEqual([language]);
  });

  it('the built CLI reads the locale of its environment', async () => {
    const ja = await runBin(['regions', '-o', 'csv', '--columns', 'RegionId,LocalName', '--no-header'], emulator.env({ LANG: 'ja_JP.UTF-8' }));
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('ap-northeast-1,日本 (東京)\n');
    const zh = await runBin(['regions', '-o', 'csv', '--columns', 'RegionId,LocalName', '--no-header'], emulator.env({ LC_ALL: 'zh_CN.UTF-8', LANG: 'C' }));
    expect(zh.stdout).toContain('ap-northeast-1,日本（东京）\n');
    expect(sentLanguages()).toEqual(['ja', 'zh-CN']);
  });
});
