// --latest with several regions: the newest image of each region, RegionId first, in --region order.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });
const REGIONS = ['cn-hangzhou', 'cn-beijing', 'cn-shanghai'];

async function addImage(RegionId: string, ImageName: string): Promise<string> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify({ RegionId, ImageName }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Image: Image }).Image.ImageId;
}

describe('--latest with several regions', () => {
  it('one row per region, RegionId first, each the newest of its region', async () => {
    const singles = await Promise.all(REGIONS.map((r) => run(['list', '--owner', 'self', '--latest', '--region', r, '-o', 'json'])));
    const result = await run(['list', '--owner', 'self', '--latest', '--region', REGIONS.join(','), '-o', 'json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as (Image & { RegionId: string })[];
    expect(rows.map((r) => r.RegionId)).toEqual(REGIONS);
    expect(Object.keys(rows[0]!)[0]).toBe('RegionId');
    expect(rows.map((r) => r.ImageId)).toEqual(singles.map((s) => (JSON.parse(s.stdout) as Image[])[0]!.ImageId));
  });

  it.each([
    ['json', (out: string) => (JSON.parse(out) as { RegionId: string }[]).map((r) => r.RegionId)],
    ['tsv', (out: string) => out.trimEnd().split('\n').slice(1).map((l) => l.split('\t')[0])],
    ['table', (out: string) => out.trimEnd().split('\n').slice(1).map((l) => l.split(/\s+/)[0])],
  ])('a region without a match is named on stderr, exit 5, the others printed (%s)', async (format, regionsOf) => {
    // a name of its own per format: images added in the same second would tie (a warning first)
    await addImage('cn-hangzhou', `latest-gap-${format}`);
    await addImage('cn-shanghai', `latest-gap-${format}`);
    const result = await run(['list', '--name-exact', `latest-gap-${format}`, '--latest', '--region', REGIONS.join(','), '-o', format]);
    expect(result.code).toBe(5);
    expect(regionsOf(result.stdout)).toEqual(['cn-hangzhou', 'cn-shanghai']);
    expect(result.stderr.split('\n')[0]).toBe('ecsimg: cn-beijing: no image matched, so there is no latest one');
  });

  it('a tie is one warning per region that has one, naming the region; the pick stays the API order', async () => {
    const regions = ['cn-hangzhou', 'cn-beijing', 'cn-shanghai', 'ap-southeast-1'];
    // the catalogue's order is the API's; images of one release day share a build time
    const expected = regions.map((regionId) => {
      const candidates = (emulator.current.catalogue.images(regionId) as unknown as Image[]).filter(
        (i) => i.ImageOwnerAlias === 'system' && i.Status === 'Available' && i.ImageName!.toLowerCase().includes('ubuntu'),
      );
      const newestTime = candidates.map((i) => i.CreationTime!).sort().at(-1)!;
      const tied = candidates.filter((i) => i.CreationTime === newestTime).map((i) => i.ImageId);
      const shown = tied.length > 3 ? `${tied.slice(0, 3).join(', ')} and ${tied.length - 3} more` : tied.join(', ');
      const warning = `warning: ${regionId}: --latest picked the first of ${tied.length} images with the newest CreationTime ${newestTime}, in the API's order: ${shown}; narrow with e.g. --arch or --name-exact`;
      return { row: `${regionId}\t${tied[0]}`, warning: tied.length > 1 ? warning : undefined };
    });
    const warnings = expected.flatMap((e) => e.warning ?? []);
    expect(warnings.length).toBeGreaterThan(0);
    const result = await run(['list', '--owner', 'system', '--name', 'ubuntu', '--latest', '--region', regions.join(','), '-o', 'tsv', '--columns', 'RegionId,ImageId', '--no-header']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(expected.map((e) => `${e.row}\n`).join(''));
    expect(result.stderr).toBe(warnings.map((w) => `${w}\n`).join(''));
  });

  it('no match in any region: exit 5, nothing printed', async () => {
    const result = await run(['list', '--name-exact', 'latest-nowhere', '--latest', '--region', REGIONS.join(','), '-o', 'json']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no image matched in cn-hangzhou, cn-beijing, cn-shanghai');
  });

  it('a region that failed keeps the failure rule: the others printed, exit 4', async () => {
    emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
    try {
      const result = await run(['list', '--owner', 'self', '--latest', '--region', REGIONS.join(','), '--retries', '0', '-o', 'json']);
      expect(result.code).toBe(4);
      expect((JSON.parse(result.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(['cn-hangzhou', 'cn-shanghai']);
      expect(result.stderr).toContain('1 of 3 regions failed (cn-beijing)');
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('--limit keeps the first n regions\' newest; --query sees the rows of every region', async () => {
    const limited = await run(['list', '--owner', 'self', '--latest', '--limit', '2', '--region', REGIONS.join(','), '-o', 'json']);
    expect((JSON.parse(limited.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(REGIONS.slice(0, 2));
    const queried = await run(['list', '--owner', 'self', '--latest', '--region', REGIONS.join(','), '-o', 'json', '--query', '[].RegionId']);
    expect(JSON.parse(queried.stdout)).toEqual(REGIONS);
  });

  it('--limit n keeps the first n regions that have a match: one without is skipped, still named, exit 5', async () => {
    await addImage('cn-beijing', 'latest-limit');
    await addImage('cn-shanghai', 'latest-limit');
    const result = await run(['list', '--name-exact', 'latest-limit', '--latest', '--limit', '2', '--region', REGIONS.join(','), '-o', 'json']);
    expect(result.code).toBe(5);
    expect((JSON.parse(result.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(['cn-beijing', 'cn-shanghai']);
    expect(result.stderr.split('\n')[0]).toBe('ecsimg: cn-hangzhou: no image matched, so there is no latest one');
  });
});

describe('--fail-empty with several regions (unlike --latest)', () => {
  it('a region without a match is no failure while another matched: exit 0; none anywhere is exit 5', async () => {
    await addImage('cn-shanghai', 'fail-empty-one');
    const some = await run(['list', '--name-exact', 'fail-empty-one', '--fail-empty', '--region', REGIONS.join(','), '-o', 'json']);
    expect(some.code).toBe(0);
    expect(some.stderr).toBe('');
    expect((JSON.parse(some.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(['cn-shanghai']);
    const none = await run(['list', '--name-exact', 'fail-empty-none', '--fail-empty', '--region', REGIONS.join(','), '-o', 'json']);
    expect(none.code).toBe(5);
    expect(none.stderr).toContain('no image matched in cn-hangzhou, cn-beijing, cn-shanghai (--fail-empty)');
  });
});
