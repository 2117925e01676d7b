// ecsimg show --family against the emulator: DescribeImageFromFamily over real HTTP.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const T0 = Date.UTC(2026, 0, 1);
let clock = T0;
const emulator = useEmulator({ now: () => clock });
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });

/** The newest Available system/self/others image of `family`, from the catalogue itself. */
function newest(regionId: string, family: string): Image {
  return (emulator.current.catalogue.images(regionId) as unknown as Image[])
    .filter((i) => i.ImageFamily === family && i.Status === 'Available' && i.ImageOwnerAlias !== 'marketplace')
    .sort((a, b) => String(b.CreationTime).localeCompare(String(a.CreationTime)))[0]!;
}

async function addImage(body: object): Promise<string> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Image: { ImageId: string } }).Image.ImageId;
}

describe('ecsimg show --family', () => {
  it('-o json prints the newest Available image of the family as one object, as show <id> does', async () => {
    const expected = newest('cn-hangzhou', 'acs:ubuntu_22_04_x64');
    const result = await run(['show', '--family', 'acs:ubuntu_22_04_x64', '-o', 'json']);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as Image;
    expect(shown.ImageId).toBe(expected.ImageId);
    const byId = await run(['show', expected.ImageId, '-o', 'json']);
    expect(result.stdout).toBe(byId.stdout);
    const requests = emulator.current.stats.requests.filter((r) => r.params.Action === 'DescribeImageFromFamily');
    expect(requests.at(-1)?.params).toMatchObject({ RegionId: 'cn-hangzhou', ImageFamily: 'acs:ubuntu_22_04_x64' });
  });

  it('the default view is key/value lines', async () => {
    const result = await run(['show', '--family', 'db-family']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^ImageId:\\s+${newest('cn-hangzhou', 'db-family').ImageId}$`, 'm'));
  });

  it('a newer image added through the control API wins once Available; while Creating it does not', async () => {
    const family = 'web-family';
    const before = newest('cn-qingdao', family).ImageId;
    const id = await addImage({ RegionId: 'cn-qingdao', ImageName: 'web-next', ImageFamily: family, CreatingSeconds: 5 });
    const creating = await run(['show', '--family', family, '--region', 'cn-qingdao', '-o', 'json']);
    expect((JSON.parse(creating.stdout) as Image).ImageId).toBe(before);
    clock += 5_000;
    const available = await run(['show', '--family', family, '--region', 'cn-qingdao', '-o', 'json']);
    expect(available.code).toBe(0);
    expect((JSON.parse(available.stdout) as Image).ImageId).toBe(id);
  });

  it('a family with no Available image is exit 5 naming the family and the region', async () => {
    const result = await run(['show', '--family', 'no-such-family', '--region', 'cn-beijing']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ecsimg: image family "no-such-family" has no Available image in cn-beijing\n/);
    expect(result.stderr).toContain('ecsimg list --family no-such-family --status all shows its images in any status');
  });

  it('several regions: one image per region, RegionId first; a region without one named on stderr, exit 5 after the others', async () => {
    await addImage({ RegionId: 'cn-shanghai', ImageName: 'only-here', ImageFamily: 'shanghai-only' });
    await addImage({ RegionId: 'cn-shenzhen', ImageName: 'only-here', ImageFamily: 'shanghai-only' });
    const regions = ['cn-hangzhou', 'cn-shanghai', 'cn-shenzhen'];
    const json = await run(['show', '--family', 'shanghai-only', '--region', regions.join(','), '-o', 'json']);
    expect(json.code).toBe(5);
    expect(json.stderr).toMatch(/^ecsimg: image family "shanghai-only" has no Available image in cn-hangzhou\n/);
    const shown = JSON.parse(json.stdout) as (Image & { RegionId: string })[];
    expect(shown.map((i) => [i.RegionId, i.ImageName])).toEqual([['cn-shanghai', 'only-here'], ['cn-shenzhen', 'only-here']]);
    expect(Object.keys(shown[0]!)[0]).toBe('RegionId');
    for (const format of ['csv', 'tsv', 'ndjson', 'table']) {
      const result = await run(['show', '--family', 'shanghai-only', '--region', regions.join(','), '-o', format]);
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('no Available image in cn-hangzhou');
      if (format === 'table') expect(result.stdout.match(/^RegionId:\s+cn-sh/gm)).toHaveLength(2);
      else expect(result.stdout.trimEnd().split('\n')).toHaveLength(format === 'ndjson' ? 2 : 3);
    }
  });

  it('ids and --family together are exit 2, before any request', async () => {
    emulator.current.resetStats();
    const result = await run(['show', 'm-bp1example', '--family', 'web-family']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ecsimg: show takes image ids or --family, not both/);
    expect(emulator.current.stats.requests).toHaveLength(0);
  });

  it.each(['', 'x', '1family', 'web family', 'a'.repeat(129), 'evil\u001b[31m', 'http://x'])('the family %j is exit 2, before any request', async (family) => {
    emulator.current.resetStats();
    const result = await run(['show', '--family', family]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ecsimg: invalid image family /);
    expect(result.stderr).not.toContain('\u001b');
    expect(emulator.current.stats.requests).toHaveLength(0);
  });

  it('show with neither ids nor --family is exit 2', async () => {
    const result = await run(['show']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ecsimg: show needs image ids, or --family <name>/);
  });
});
