// The exact stderr of a walk over several regions where a region fails or has nothing: each
// failed region's own report, the not-found lines, and the summary line, in that order.
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });
/** stderr with what changes from run to run (the emulator's port, the request ids) fixed */
const steady = (stderr: string) => stderr.replace(/127\.0\.0\.1:\d+/g, 'HOST').replace(/request-id: \S+/g, 'request-id: ID');

async function addImage(RegionId: string, ImageName: string): Promise<string> {
  const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify({ RegionId, ImageName }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { Image: Image }).Image.ImageId;
}

const BEIJING_DOWN = [
  'ecsimg: cn-beijing: the ECS API at HOST is temporarily unavailable',
  '  hint: try again later',
  '  code: ServiceUnavailable  request-id: ID',
];

async function withBeijingDown<T>(body: () => Promise<T>): Promise<T> {
  emulator.current.setFaults({ regions: ['cn-beijing'], fail: { count: 1000, status: 503 } });
  try {
    return await body();
  } finally {
    emulator.current.setFaults({});
  }
}

describe('what an operator reads when regions fail or have nothing', () => {
  it('list: the failed region is reported, then the summary; the others are printed', async () => {
    const result = await withBeijingDown(() => run(['list', '--owner', 'self', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--retries', '0', '-o', 'json']));
    expect(result.code).toBe(4);
    expect(new Set((JSON.parse(result.stdout) as { RegionId: string }[]).map((r) => r.RegionId))).toEqual(new Set(['cn-hangzhou', 'cn-shanghai']));
    expect(steady(result.stderr)).toBe([...BEIJING_DOWN, 'ecsimg: 1 of 3 regions failed (cn-beijing); the other regions were listed', ''].join('\n'));
  });

  it('list --latest: the failure as it happens, then the region without a match, then the summary', async () => {
    await addImage('cn-hangzhou', 'pin-latest-gap');
    const result = await withBeijingDown(() =>
      run(['list', '--name-exact', 'pin-latest-gap', '--latest', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--retries', '0', '-o', 'json']),
    );
    expect(result.code).toBe(4);
    expect((JSON.parse(result.stdout) as { RegionId: string; ImageName: string }[]).map((r) => [r.RegionId, r.ImageName])).toEqual([['cn-hangzhou', 'pin-latest-gap']]);
    expect(steady(result.stderr)).toBe(
      [
        ...BEIJING_DOWN,
        'ecsimg: cn-shanghai: no image matched, so there is no latest one',
        '  hint: the newest of the other regions was printed; loosen the filters, or drop --latest to see what there is',
        'ecsimg: 1 of 3 regions failed (cn-beijing); the other regions were listed',
        '',
      ].join('\n'),
    );
  });

  it('list --latest with no failure: the regions without a match in one error, exit 5', async () => {
    await addImage('cn-shanghai', 'pin-latest-one');
    const result = await run(['list', '--name-exact', 'pin-latest-one', '--latest', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '-o', 'json']);
    expect(result.code).toBe(5);
    expect((JSON.parse(result.stdout) as { RegionId: string }[]).map((r) => r.RegionId)).toEqual(['cn-shanghai']);
    expect(result.stderr).toBe(
      [
        'ecsimg: cn-hangzhou: no image matched; cn-beijing: no image matched, so there is no latest one',
        '  hint: the newest of the other regions was printed; loosen the filters, or drop --latest to see what there is',
        '',
      ].join('\n'),
    );
  });

  it('--count: a failed region means no count, and says so', async () => {
    const result = await withBeijingDown(() => run(['list', '--count', '--region', 'cn-hangzhou,cn-beijing', '--retries', '0']));
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(steady(result.stderr)).toBe([...BEIJING_DOWN, 'ecsimg: 1 of 2 regions failed (cn-beijing); no count is printed', ''].join('\n'));
  });

  it('--count: every failed region is named, as list names them, not only the first', async () => {
    emulator.current.setFaults({ regions: ['cn-beijing'], htmlErrors: { status: 502 } });
    try {
      const args = ['--region', 'cn-beijing,cn-hangzou,cn-shanghai', '--retries', '0'];
      const counted = await run(['list', '--count', ...args]);
      const listed = await run(['list', '-o', 'json', ...args]);
      expect(counted.stdout).toBe('');
      expect(counted.code).toBe(listed.code);
      const reports = (stderr: string) => steady(stderr).split('\n').filter((line) => line.startsWith('ecsimg: cn-'));
      expect(reports(counted.stderr)).toEqual(reports(listed.stderr));
      expect(reports(counted.stderr).map((line) => line.split(':')[1])).toEqual([' cn-beijing', ' cn-hangzou']);
      expect(counted.stderr.trimEnd().split('\n').at(-1)).toBe('ecsimg: 2 of 3 regions failed (cn-beijing, cn-hangzou); no count is printed');
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('--count: the sum over the regions; none with --fail-empty names every region', async () => {
    await addImage('cn-hangzhou', 'pin-count');
    await addImage('cn-beijing', 'pin-count');
    await addImage('cn-beijing', 'pin-count');
    const counted = await run(['list', '--count', '--name-exact', 'pin-count', '--region', 'cn-hangzhou,cn-beijing,cn-shanghai']);
    expect([counted.code, counted.stdout, counted.stderr]).toEqual([0, '3\n', '']);
    const none = await run(['list', '--count', '--name-exact', 'pin-count-none', '--fail-empty', '--region', 'cn-hangzhou,cn-beijing']);
    expect([none.code, none.stdout, none.stderr]).toEqual([5, '0\n', 'ecsimg: no image matched in cn-hangzhou, cn-beijing (--fail-empty)\n  hint: loosen the filters, or drop --fail-empty to accept an empty listing\n']);
  });

  it('show: the failed region is reported, then the summary; the image found elsewhere is printed', async () => {
    const imageId = await addImage('cn-hangzhou', 'pin-show');
    const result = await withBeijingDown(() => run(['show', imageId, '--region', 'cn-hangzhou,cn-beijing', '--retries', '0', '-o', 'json']));
    expect(result.code).toBe(4);
    expect((JSON.parse(result.stdout) as { RegionId: string; ImageId: string }[]).map((r) => [r.RegionId, r.ImageId])).toEqual([['cn-hangzhou', imageId]]);
    expect(steady(result.stderr)).toBe([...BEIJING_DOWN, 'ecsimg: 1 of 2 regions failed (cn-beijing); the other regions were listed', ''].join('\n'));
  });

  it('list --latest where the regions searched have only undated images and another failed: that failure (exit 4), not "no match" (exit 5)', async () => {
    const undated = emulator.current.catalogue.images('cn-qingdao').filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available').slice(0, 2);
    for (const image of undated) (image as { CreationTime: string }).CreationTime = 'not a date';
    const ids = undated.map((i) => i.ImageId).join(',');
    for (const regions of ['cn-qingdao,cn-beijing', 'cn-qingdao,cn-hangzhou,cn-beijing']) {
      const result = await withBeijingDown(() => run(['list', '--image-id', ids, '--latest', '--region', regions, '--retries', '0', '-o', 'json']));
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('');
      const count = regions.split(',').length;
      expect(steady(result.stderr)).toBe([...BEIJING_DOWN, `ecsimg: 1 of ${count} regions failed (cn-beijing); the other regions were listed`, ''].join('\n'));
    }
  });
});
