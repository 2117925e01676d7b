// list --count against the emulator: the number `list` would print, at one request per region when it can.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator({ imagesPerRegion: 150 });

async function run(args: string[]) {
  emulator.current.resetStats();
  const r = await runInProcess(['list', ...args], { env: emulator.env() });
  const requests = emulator.current.stats.requests.filter((q) => q.params.Action === 'DescribeImages').map((q) => q.params);
  return { ...r, requests };
}

describe('list --count', () => {
  it('without client-side filters: the sum of TotalCount, one PageSize 1 request per region', async () => {
    const regions = 'cn-hangzhou,cn-beijing';
    const listed = await run(['--owner', 'system', '--region', regions, '-o', 'json']);
    const counted = await run(['--owner', 'system', '--region', regions, '--count']);
    expect(counted.code).toBe(0);
    expect(counted.stdout).toBe(`${(JSON.parse(listed.stdout) as unknown[]).length}\n`);
    expect(counted.requests.map((p) => [p.RegionId, p.PageSize]).sort()).toEqual([['cn-beijing', '1'], ['cn-hangzhou', '1']]);
  });

  it('with a client-side filter it pages and counts the matches', async () => {
    const listed = await run(['--owner', 'system', '--name-regex', '^ubuntu_22', '-o', 'json']);
    const n = (JSON.parse(listed.stdout) as unknown[]).length;
    expect(n).toBeGreaterThan(0);
    const counted = await run(['--owner', 'system', '--name-regex', '^ubuntu_22', '--count', '--page-size', '10']);
    expect(counted.stdout).toBe(`${n}\n`);
    expect(counted.requests.length).toBeGreaterThan(1);
  });

  it('0 with --fail-empty is exit 5; --latest, --query and --limit do not combine with it', async () => {
    const none = await run(['--name-exact', 'no-such-image', '--count', '--fail-empty']);
    expect(none.stdout).toBe('0\n');
    expect(none.code).toBe(5);
    const clash = await run(['--count', '--latest']);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('does not combine with --latest');
    expect(clash.requests).toHaveLength(0);
  });

  it.each([
    [['--columns', 'ImageId'], '--columns'],
    [['--no-header'], '--no-header'],
    [['--sort', 'ImageName'], '--sort'],
    [['--wide'], '--wide'],
    [['--page-size', '10'], '--page-size'],
  ])('%j is refused with --count: it would be ignored', async (flags, named) => {
    const result = await run(['--count', ...flags]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`does not combine with ${named}`);
    expect(result.requests).toHaveLength(0);
  });

  it('--page-size alone is refused with a hint naming the filters that make a count page', async () => {
    const result = await run(['--count', '--page-size', '10']);
    expect(result.stderr).toMatch(/hint: without --name-regex, --name-exact or --name-glob a count reads one image per region/);
    const other = await run(['--count', '--page-size', '10', '--latest']);
    expect(other.stderr).not.toContain('hint: without --name-regex');
  });

  it('--page-size is kept with a client-side filter, which pages', async () => {
    const result = await run(['--count', '--name-glob', '*', '--page-size', '50']);
    expect(result.code).toBe(0);
    expect(result.requests.every((q) => q.PageSize === '50')).toBe(true);
  });

  it('--dry-run shows the one-image request --count sends, or the page a filtered count sends', async () => {
    const plain = await run(['--count', '--dry-run']);
    expect(plain.code).toBe(0);
    expect((JSON.parse(plain.stdout) as { Parameters: Record<string, string> }[])[0]!.Parameters.PageSize).toBe('1');
    const filtered = await run(['--count', '--name-glob', 'x*', '--dry-run']);
    expect((JSON.parse(filtered.stdout) as { Parameters: Record<string, string> }[])[0]!.Parameters.PageSize).toBe('100');
    expect(plain.requests).toHaveLength(0);
  });
});
