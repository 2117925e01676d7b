// Which regions a walk covers: the ids of --region, or `all` through DescribeRegions with the
// entries that are not region ids named on stderr.
import { describe, expect, it } from 'vitest';
import type { DescribeRegionsResponse, EcsApi, RpcParams } from '../../src/api/types.js';
import type { Session } from '../../src/commands/session.js';
import { ExitCode, ServiceError } from '../../src/errors.js';
import { describeUsableRegions, isAllRegions, resolveRegionIds } from '../../src/listing/regions.js';

function fakeSession(value: string, entries: unknown[]) {
  const calls: { apiFor: (string | undefined)[]; params: RpcParams[]; warnings: string[] } = { apiFor: [], params: [], warnings: [] };
  const api = {
    describeRegions: (params: RpcParams) => {
      calls.params.push(params);
      return Promise.resolve({ RequestId: 'r', Regions: { Region: entries } } as DescribeRegionsResponse);
    },
  } as unknown as EcsApi;
  const session = {
    region: () => ({ value, source: 'flag' }),
    apiFor: (regionId: string | undefined) => {
      calls.apiFor.push(regionId);
      return Promise.resolve(api);
    },
    warn: (line: string) => calls.warnings.push(line),
  } as unknown as Session;
  return { session, calls };
}

const region = (RegionId: unknown) => ({ RegionId, LocalName: 'x', RegionEndpoint: '' });

describe('isAllRegions', () => {
  it.each([
    ['all', true],
    [' ALL ', true],
    ['All', true],
    ['all,cn-hangzhou', false],
    ['cn-hangzhou', false],
    ['', false],
  ])('%j -> %s', (value, all) => expect(isAllRegions(value)).toBe(all));
});

describe('resolveRegionIds', () => {
  it('a list of ids is parsed, and DescribeRegions is not asked', async () => {
    const { session, calls } = fakeSession('cn-hangzhou, cn-beijing', [region('cn-shanghai')]);
    await expect(resolveRegionIds(session)).resolves.toEqual(['cn-hangzhou', 'cn-beijing']);
    expect(calls.apiFor).toEqual([]);
  });

  it('all: the usable ids of DescribeRegions, asked of the central endpoint; the others warned of', async () => {
    const { session, calls } = fakeSession(' All', [region('cn-hangzhou'), region(7), region('cn-beijing')]);
    await expect(resolveRegionIds(session)).resolves.toEqual(['cn-hangzhou', 'cn-beijing']);
    expect(calls.apiFor).toEqual([undefined]);
    expect(calls.params).toEqual([{}]);
    expect(calls.warnings).toEqual(['skipped RegionId 7 in the DescribeRegions answer: not a region id']);
  });

  it('all with no usable id: a service error that says what to do', async () => {
    const { session } = fakeSession('all', [region('not a region')]);
    const error = await resolveRegionIds(session).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      exitCode: ExitCode.service,
      message: '--region all: DescribeRegions returned no usable region id',
      hint: 'try again later, or name the regions: --region cn-hangzhou,cn-beijing',
    });
  });
});

describe('describeUsableRegions', () => {
  it('asks the given region with the given parameters, each skipped entry warned of once', async () => {
    const { session, calls } = fakeSession('cn-hangzhou', [region('cn-hangzhou'), region(null), region('x.y')]);
    const regions = await describeUsableRegions(session, 'cn-hangzhou', { AcceptLanguage: 'en-US' });
    expect(regions.map((r) => r.RegionId)).toEqual(['cn-hangzhou']);
    expect(calls.apiFor).toEqual(['cn-hangzhou']);
    expect(calls.params).toEqual([{ AcceptLanguage: 'en-US' }]);
    expect(calls.warnings).toEqual(['skipped RegionId null in the DescribeRegions answer: not a region id', 'skipped RegionId "x.y" in the DescribeRegions answer: not a region id']);
  });
});
