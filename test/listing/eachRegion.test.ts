// show and show --family ask each region once: answers kept in --region order, each failed
// region named on stderr as it comes and kept for the final error.
import { describe, expect, it } from 'vitest';
import type { Session } from '../../src/commands/session.js';
import type { EcsimgError } from '../../src/errors.js';
import { askEachRegion } from '../../src/listing/eachRegion.js';
import { fakeEcsApi, type FakeRegion } from '../support/fakeEcsApi.js';

function fakeSession(regions: Record<string, FakeRegion>) {
  const fake = fakeEcsApi(regions);
  const warnings: string[] = [];
  const reported: string[] = [];
  const session = {
    apiFor: (regionId: string) => fake.apiFor(regionId),
    warn: (line: string) => warnings.push(line),
    reportRegionFailure: (regionId: string, error: EcsimgError) => reported.push(`${regionId}: ${error.message}`),
  } as unknown as Session;
  return { session, fake, warnings, reported };
}

describe('askEachRegion', () => {
  it("keeps each region's answer in region order; a failed region is reported and listed, the others still answer", async () => {
    const { session, reported } = fakeSession({ a: { images: 2 }, b: { images: 1, failAtPage: 1 }, c: { images: 3 } });
    const { answers, failures } = await askEachRegion(session, ['c', 'b', 'a'], 4, async (region) => (await region.describeImages({ PageNumber: '1', PageSize: '10' })).TotalCount);
    expect([...answers]).toEqual([
      ['c', 3],
      ['a', 2],
    ]);
    expect(failures).toEqual([{ regionId: 'b', error: expect.objectContaining({ message: 'b page 1 failed' }), printedInPart: false }]);
    expect(reported).toEqual(['b: b page 1 failed']);
  });

  it('with one region its failure is thrown, as in every walk', async () => {
    const { session, reported } = fakeSession({ a: { images: 1, failAtPage: 1 } });
    await expect(askEachRegion(session, ['a'], 4, (region) => region.describeImages({ PageNumber: '1', PageSize: '10' }))).rejects.toThrow('a page 1 failed');
    expect(reported).toEqual([]);
  });

  it('asks through one limiter of the given concurrency, and its warnings go to the session with their region', async () => {
    const ask = async (region: Parameters<Parameters<typeof askEachRegion>[3]>[0]) => {
      let rows = 0;
      for await (const page of region.imagePages({}, { pageSize: 5, allowIncomplete: true })) rows += page.length;
      return rows;
    };
    const one = fakeSession({ a: { images: 1 }, b: { images: 1, totalCount: 2 }, c: { images: 1 } });
    const { answers } = await askEachRegion(one.session, ['a', 'b', 'c'], 1, ask);
    expect([...answers]).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 1],
    ]);
    expect(one.fake.peakInFlight).toBe(1);
    expect(one.warnings).toEqual(['b: the listing is incomplete: 1 of 2 images (TotalCount) after 3 passes; printed as found (--allow-incomplete)']);
    const three = fakeSession({ a: { images: 1 }, b: { images: 1 }, c: { images: 1 } });
    await askEachRegion(three.session, ['a', 'b', 'c'], 3, ask);
    expect(three.fake.peakInFlight).toBe(3);
  });
});
