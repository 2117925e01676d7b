import { describe, expect, it } from 'vitest';
import type { DescribeRegionsResponse, EcsApi } from '../../src/api/types.js';
import { parseGlobalOptions } from '../../src/commands/globals.js';
import { listRun } from '../../src/commands/list.js';
import { parseListOptions } from '../../src/commands/listOptions.js';
import { checkRegions } from '../../src/commands/regionAnswer.js';
import { resolveRegionIds } from '../../src/listing/regions.js';
import { createSession, type Session } from '../../src/commands/session.js';
import { ExitCode } from '../../src/errors.js';
import { captured } from '../support/cli.js';

const region = (RegionId: unknown): Record<string, unknown> => ({ RegionId, LocalName: 'x', RegionEndpoint: 'ecs.aliyuncs.com' });

describe('checkRegions', () => {
  it.each([
    [[region('cn-hangzhou'), region('cn-beijing')], ['cn-hangzhou', 'cn-beijing'], []],
    [[region('cn-hangzhou'), region('cn-hangzhou')], ['cn-hangzhou'], []],
    [[region(5)], [], ['RegionId 5']],
    [[region(null)], [], ['RegionId null']],
    [[{ LocalName: 'x' }], [], ['an entry without a RegionId']],
    [[region('evil.example.com#')], [], ['RegionId "evil.example.com#"']],
    [[region('cn-hangzhou.evil.com')], [], ['RegionId "cn-hangzhou.evil.com"']],
    [[region('cn-hangzhou\x1b[2J')], [], ['RegionId "cn-hangzhou\\x1b[2J"']],
    [[region('')], [], ['RegionId ""']],
    [[region('CN-HANGZHOU')], [], ['RegionId "CN-HANGZHOU"']],
    [[region(['cn-hangzhou'])], [], ['RegionId a list']],
    [[null, 7, 'cn-hangzhou'], [], ['an entry that is not an object (null)', 'an entry that is not an object (7)', 'an entry that is not an object ("cn-hangzhou")']],
    [[region(`cn-${'x'.repeat(100)}#`)], [], [`RegionId "cn-${'x'.repeat(61)}..."`]],
  ])('%j -> %j, skipped %j', (entries, ids, skipped) => {
    const checked = checkRegions(entries);
    expect(checked.regions.map((r) => r.RegionId)).toEqual(ids);
    expect(checked.skipped).toEqual(skipped);
  });
});

// The derived endpoints (no --endpoint): https://ecs.<id>.aliyuncs.com. Nothing here may
// reach the network, so apiFor hands out a fake API and records the endpoint the real
// session would have used for each region.
describe('--region all on derived endpoints', () => {
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIregionanswer0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-for-region-answer' };
  const BAD = [region(5), region(null), { LocalName: 'x' }, region('evil.example.com#'), region('a.b-c'), region('cn-beijing')];

  function realSession(stderr = captured()): Session {
    const globals = parseGlobalOptions({ region: 'all', output: 'json' });
    return createSession(globals, { io: { stdout: captured(), stderr, color: false }, env, homeDir: '/nonexistent', readFile: () => undefined, signal: new AbortController().signal });
  }

  function fakeSession(entries: unknown[]): { session: Session; endpoints: string[]; stderr: ReturnType<typeof captured> } {
    const stderr = captured();
    const real = realSession(stderr);
    const endpoints: string[] = [];
    const api: EcsApi = {
      describeRegions: () => Promise.resolve({ RequestId: 'r', Regions: { Region: entries } } as DescribeRegionsResponse),
      describeImages: (params) =>
        Promise.resolve({ RequestId: 'r', RegionId: params.RegionId ?? '', TotalCount: 0, PageNumber: 1, PageSize: 100, Images: { Image: [] } }),
      describeImageFromFamily: () => Promise.resolve({ RequestId: 'r' }),
    };
    const session: Session = {
      ...real,
      apiFor(regionId) {
        endpoints.push(real.endpointFor(regionId));
        return Promise.resolve(api);
      },
    };
    return { session, endpoints, stderr };
  }

  it('builds ecs.<id>.aliyuncs.com for the real ids only, each once', async () => {
    const { session, endpoints, stderr } = fakeSession([region('cn-hangzhou'), ...BAD]);
    const stdout = captured();
    await listRun(parseListOptions({}, parseGlobalOptions({ region: 'all', output: 'json' })), session, { stdout, stderr, color: false });
    expect(endpoints).toEqual(['https://ecs.aliyuncs.com', 'https://ecs.cn-hangzhou.aliyuncs.com', 'https://ecs.cn-beijing.aliyuncs.com']);
    expect(stdout.text.trim()).toBe('[]');
    expect(stderr.text).toContain('warning: skipped RegionId "evil.example.com#" in the DescribeRegions answer: not a region id');
    expect(stderr.text).toContain('warning: skipped RegionId "a.b-c"');
  });

  it.each([
    ['only bad entries', [region(5), region('evil.example.com#')]],
    ['no entry at all', []],
  ])('%s: exit 4, no region endpoint built', async (_name, entries) => {
    const { session, endpoints } = fakeSession(entries);
    await expect(resolveRegionIds(session)).rejects.toMatchObject({ exitCode: ExitCode.service, message: expect.stringContaining('no usable region id') });
    expect(endpoints).toEqual(['https://ecs.aliyuncs.com']);
  });

  it('the session makes no client for an id that was not checked', () => {
    expect(() => realSession().apiFor('evil.example.com#')).toThrow(expect.objectContaining({ exitCode: ExitCode.internal }));
  });
});
