// ecsimg show and ecsimg regions against the emulator.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[], env: Record<string, string> = {}) => runInProcess(args, { env: emulator.env(env) });
const images = () => emulator.current.catalogue.images('cn-hangzhou') as unknown as Image[];

describe('ecsimg show', () => {
  it('-o json prints the one image object, every field', async () => {
    const image = images().find((i) => i.ImageOwnerAlias === 'self')!;
    const result = await run(['show', image.ImageId, '-o', 'json']);
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as Image;
    expect(shown.ImageId).toBe(image.ImageId);
    expect(Object.keys(shown).sort()).toEqual(Object.keys(image).sort());
  });

  it('finds images in any status and marketplace images', async () => {
    const deprecated = images().find((i) => i.Status !== 'Available')!;
    const market = images().find((i) => i.ImageOwnerAlias === 'marketplace')!;
    for (const image of [deprecated, market]) {
      const result = await run(['show', image.ImageId, '-o', 'json']);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Image).ImageId).toBe(image.ImageId);
    }
  });

  it('the default view is key/value lines', async () => {
    const image = images().find((i) => i.ImageOwnerAlias === 'system')!;
    const result = await run(['show', image.ImageId]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^ImageId:\\s+${image.ImageId.replace(/\./g, '\\.')}$`, 'm'));
    expect(result.stdout).toMatch(/^CreationTime:\s+\d{4}-/m);
  });

  it('an id that does not exist is exit 5 naming the id', async () => {
    const result = await run(['show', 'm-doesnotexist000000']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('"m-doesnotexist000000" was not found in cn-hangzhou');
    expect(result.stderr).toContain('hint: check the id and the region; images of other regions have other ids (ecsimg show m-doesnotexist000000 --region all searches them all)');
  });

  it('show, wait and list --image-id take ids alike: separate or comma-separated; a blank inside one is exit 2', async () => {
    const [a, b] = images().filter((i) => i.ImageOwnerAlias === 'self').map((i) => i.ImageId);
    const shown = await run(['show', `${a},${b}`, a!, '-o', 'json']);
    expect(shown.code).toBe(0);
    expect((JSON.parse(shown.stdout) as Image[]).map((i) => i.ImageId)).toEqual([a, b]);
    for (const argv of [['show', `${a} ${b}`], ['wait', a!, `${a} ${b}`], ['list', '--image-id', `${a} ${b}`]]) {
      const refused = await run(argv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`invalid image id "${a} ${b}": an id has no spaces`);
    }
  });

  it('an empty item in the ids names them in words for show and wait, and the flag for list --image-id', async () => {
    for (const argv of [['show', 'a,,b'], ['wait', 'a,,b']]) {
      const refused = await run(argv);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('ecsimg: empty item in the image ids "a,,b"; expected a comma-separated list\n');
      expect(refused.stderr).not.toContain('<image-id>');
    }
    const list = await run(['list', '--image-id', 'a,,b']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('ecsimg: empty item in --image-id "a,,b"; expected a comma-separated list\n');
  });

  it('several ids across --region a,b: one request per region, RegionId first, a missing id exit 5 after the others', async () => {
    const hangzhou = images().find((i) => i.ImageOwnerAlias === 'self')!;
    const beijing = (emulator.current.catalogue.images('cn-beijing') as unknown as Image[]).find((i) => i.ImageOwnerAlias === 'self')!;
    emulator.current.resetStats();
    const result = await run(['show', beijing.ImageId, hangzhou.ImageId, 'm-bp1nosuch', '--region', 'cn-hangzhou,cn-beijing', '-o', 'json']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('image "m-bp1nosuch" was not found in cn-hangzhou, cn-beijing');
    const shown = JSON.parse(result.stdout) as (Image & { RegionId: string })[];
    expect(shown.map((i) => [i.RegionId, i.ImageId])).toEqual([['cn-beijing', beijing.ImageId], ['cn-hangzhou', hangzhou.ImageId]]);
    expect(Object.keys(shown[0]!)[0]).toBe('RegionId');
    const requests = emulator.current.stats.requests.filter((r) => r.params.Action === 'DescribeImages' && r.params.ImageOwnerAlias === undefined);
    expect(requests.map((r) => r.params.RegionId).sort()).toEqual(['cn-beijing', 'cn-hangzhou']);
    const tsv = await run(['show', hangzhou.ImageId, images()[1]!.ImageId, '-o', 'tsv']);
    expect(tsv.code).toBe(0);
    expect(tsv.stdout.trimEnd().split('\n')).toHaveLength(3);
  });
});

describe('ecsimg show with more than 100 ids', () => {
  it('finds every one (a page holds 100): 250 ids are three requests, exit 0, none called missing', async () => {
    const wanted = images().filter((i) => i.ImageOwnerAlias !== 'marketplace').slice(0, 250);
    expect(wanted).toHaveLength(250);
    emulator.current.resetStats();
    const result = await run(['show', ...wanted.map((i) => i.ImageId), '-o', 'json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as Image[]).map((i) => i.ImageId)).toEqual(wanted.map((i) => i.ImageId));
    const requests = emulator.current.stats.requests.filter((r) => r.params.Action === 'DescribeImages');
    expect(requests.map((r) => String(r.params.ImageId).split(',').length)).toEqual([100, 100, 50]);
  });
});

describe('ecsimg show when the API rejects one id of a request as malformed', () => {
  it('the other ids of that request are still found: the request is split until the rejected id stands alone', async () => {
    const [a, b, c] = images().filter((i) => i.ImageOwnerAlias === 'self').slice(0, 3).map((i) => i.ImageId);
    emulator.current.setFaults({ rejectImageIds: ['m-rejected'] });
    try {
      emulator.current.resetStats();
      const result = await run(['show', a!, 'm-rejected', b!, c!, '-o', 'json']);
      expect(result.code).toBe(5);
      expect((JSON.parse(result.stdout) as Image[]).map((i) => i.ImageId)).toEqual([a, b, c]);
      expect(result.stderr).toContain('"m-rejected" was not found in cn-hangzhou');
      expect(result.stderr).not.toContain(a!);
      const asked = emulator.current.stats.requests.filter((r) => r.params.Action === 'DescribeImages').map((r) => [r.params.ImageId, r.params.ImageOwnerAlias]);
      // all four, then halves until the rejected one stands alone, then it among the marketplace's
      expect(asked).toEqual([
        [`${a},m-rejected,${b},${c}`, undefined],
        [`${a},m-rejected`, undefined],
        [a, undefined],
        ['m-rejected', undefined],
        [`${b},${c}`, undefined],
        ['m-rejected', 'marketplace'],
      ]);
    } finally {
      emulator.current.setFaults({});
    }
  });
});

describe('ecsimg show across regions when one fails', () => {
  it('prints what the others found, names the failed region, and ends with its exit code', async () => {
    const hangzhou = images().find((i) => i.ImageOwnerAlias === 'self')!;
    emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
    try {
      const result = await run(['show', hangzhou.ImageId, 'm-bp1nosuch', '--region', 'cn-hangzhou,cn-beijing', '-o', 'tsv', '--retries', '0']);
      expect(result.code).toBe(4);
      const [header, row, ...rest] = result.stdout.trimEnd().split('\n');
      expect(header!.split('\t')[0]).toBe('RegionId');
      expect(row!.split('\t').slice(0, 2)).toEqual(['cn-hangzhou', hangzhou.ImageId]);
      expect(rest).toEqual([]);
      expect(result.stderr).toMatch(/^ecsimg: cn-beijing: /m);
      expect(result.stderr).toContain('image "m-bp1nosuch" was not found in cn-hangzhou');
      expect(result.stderr).toContain('1 of 2 regions failed (cn-beijing)');
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('show --family: the same rule', async () => {
    emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
    try {
      const result = await run(['show', '--family', 'web-family', '--region', 'cn-hangzhou,cn-beijing', '-o', 'tsv', '--retries', '0']);
      expect(result.code).toBe(4);
      expect(result.stdout.trimEnd().split('\n').slice(1).map((line) => line.split('\t')[0])).toEqual(['cn-hangzhou']);
      expect(result.stderr).toMatch(/^ecsimg: cn-beijing: /m);
      expect(result.stderr).toContain('1 of 2 regions failed (cn-beijing)');
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('a long list of missing ids names the first ten and counts the rest', async () => {
    const ids = Array.from({ length: 14 }, (_, i) => `m-missing${String(i).padStart(2, '0')}`);
    const result = await run(['show', ...ids]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('ecsimg: images "m-missing00", "m-missing01", ');
    expect(result.stderr).toContain('"m-missing08", "m-missing09" and 4 more were not found in cn-hangzhou');
    expect(result.stderr).not.toContain('m-missing10');
  });
});

describe('ecsimg show: the not-found message and hint', () => {
  it('several missing ids: images "a", "b" were not found, the word image once', async () => {
    const result = await run(['show', 'm-nosuch', 'm-nosuch2']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('ecsimg: images "m-nosuch", "m-nosuch2" were not found in cn-hangzhou\n');
    const one = await run(['show', 'm-nosuch']);
    expect(one.stderr).toContain('ecsimg: image "m-nosuch" was not found in cn-hangzhou\n');
  });

  it('after --region all the hint does not suggest --region all again', async () => {
    const result = await run(['show', 'm-nosuch', '--region', 'all']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/^ecsimg: image "m-nosuch" was not found in \d+ regions$/m);
    expect(result.stderr).toContain("hint: check the id; the image may be deleted, or another account's and not shared with you\n");
    expect(result.stderr).not.toContain('--region all');
  });

  it('the id in the hint command line is quoted for the shell when it is not a plain word', async () => {
    const result = await run(['show', "m-x;id'"]);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`(ecsimg show 'm-x;id'\\''' --region all searches them all)`);
  });
});

describe('ecsimg regions', () => {
  it('lists the regions as JSON objects of the API', async () => {
    const result = await run(['regions', '-o', 'json']);
    expect(result.code).toBe(0);
    const regions = JSON.parse(result.stdout) as { RegionId: string; LocalName: string; RegionEndpoint: string }[];
    expect(regions.map((r) => r.RegionId).sort()).toEqual(emulator.current.catalogue.regions().map((r) => r.RegionId).sort());
    expect(regions.find((r) => r.RegionId === 'cn-hangzhou')?.RegionEndpoint).toBe('ecs.cn-hangzhou.aliyuncs.com');
  });

  it('prints RegionId, LocalName, RegionEndpoint, Status as csv', async () => {
    const result = await run(['regions', '-o', 'csv']);
    const [header, ...lines] = result.stdout.trimEnd().split('\n');
    expect(header).toBe('RegionId,LocalName,RegionEndpoint,Status');
    expect(lines.length).toBe(emulator.current.catalogue.regions().length);
  });

  it('needs no region', async () => {
    const env = emulator.env();
    delete env.ALIBABA_CLOUD_REGION_ID;
    const result = await runInProcess(['regions', '-o', 'tsv'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cn-hangzhou\t');
  });
});
