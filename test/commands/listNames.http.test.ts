// --name-exact, --name-glob and --fail-empty against the emulator, names added through its control API.
import { beforeAll, describe, expect, it } from 'vitest';
import { globLiteral, globNameRegex } from '../../src/commands/nameMatch.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const REGION = 'cn-zhangjiakou';

beforeAll(async () => {
  for (const ImageName of ['app.v1', 'appXv1', 'app.v1-old', 'APP.V1', 'app.v2\nsecond line', 'app(1)+']) {
    const res = await fetch(`${emulator.current.endpoint}/_emulator/images`, { method: 'POST', body: JSON.stringify({ RegionId: REGION, ImageName }) });
    expect(res.status).toBe(201);
  }
});

async function names(args: string[]): Promise<{ code: number; names: string[]; sent: (string | undefined)[]; stderr: string }> {
  emulator.current.resetStats();
  const r = await runInProcess(['list', '--owner', 'self', '--region', REGION, '-o', 'json', ...args], { env: emulator.env() });
  const sent = emulator.current.stats.requests.filter((q) => q.params.Action === 'DescribeImages').map((q) => q.params.ImageName);
  return { code: r.code, names: r.code === 0 ? (JSON.parse(r.stdout) as { ImageName: string }[]).map((i) => i.ImageName).sort() : [], sent, stderr: r.stderr };
}

describe('name matching', () => {
  it('--name-exact keeps the one name, case and dots exact, and sends it as ImageName', async () => {
    const r = await names(['--name-exact', 'app.v1']);
    expect(r.names).toEqual(['app.v1']);
    expect(r.sent).toEqual(['app.v1']);
    // regex characters are plain characters here
    expect((await names(['--name-exact', 'app(1)+'])).names).toEqual(['app(1)+']);
  });

  it('--name-glob: * and ? match the whole name, newlines too; its longest literal part is sent', async () => {
    expect((await names(['--name-glob', 'app.v?'])).names).toEqual(['app.v1']);
    const star = await names(['--name-glob', 'app.v*']);
    expect(star.names).toEqual(['app.v1', 'app.v1-old', 'app.v2\nsecond line']);
    expect(star.sent).toEqual(['app.v']);
    expect(globLiteral('*-prod-*')).toBe('-prod-');
    expect(globLiteral('*?')).toBeUndefined();
    expect(globNameRegex('a(b)[c]+').test('a(b)[c]+')).toBe(true);
  });

  it('refuses two ways of matching names at once', async () => {
    for (const args of [['--name', 'app', '--name-exact', 'app.v1'], ['--name-regex', 'a', '--name-glob', 'a*']]) {
      const r = await runInProcess(['list', '--region', REGION, ...args], { env: emulator.env() });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('both select by name');
    }
  });
});

describe('--fail-empty', () => {
  it('an empty listing is exit 5 with it (the empty list still printed), exit 0 without', async () => {
    const args = ['list', '--owner', 'self', '--region', REGION, '--name-exact', 'no-such-name', '-o', 'json'];
    const plain = await runInProcess(args, { env: emulator.env() });
    expect(plain.code).toBe(0);
    const failing = await runInProcess([...args, '--fail-empty'], { env: emulator.env() });
    expect(failing.code).toBe(5);
    expect(failing.stdout).toBe('[]\n');
    expect(failing.stderr).toBe(`ecsimg: no image matched in ${REGION} (--fail-empty)\n  hint: loosen the filters, or drop --fail-empty to accept an empty listing\n`);
    expect((await runInProcess([...args.slice(0, -3), 'app.v1', '--fail-empty'], { env: emulator.env() })).code).toBe(0);
  });

  it('a --query that selects nothing (an empty list or null) is no match either; a count of 0 is a result', async () => {
    const base = ['list', '--owner', 'self', '--region', REGION, '--fail-empty', '-o', 'json'];
    const none = await runInProcess([...base, '--query', '[?Size > `100000`].ImageId'], { env: emulator.env() });
    expect(none.code).toBe(5);
    expect(none.stdout).toBe('[]\n');
    // images matched; the query took them all away, and the message says so
    const matched = emulator.current.catalogue.images(REGION).filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available').length;
    expect(none.stderr).toBe(
      `ecsimg: --query selected nothing from the ${matched} images that matched in ${REGION} (--fail-empty)\n  hint: check the --query expression, or drop --fail-empty to accept an empty result\n`,
    );
    expect((await runInProcess([...base, '--query', '[?Size > `100000`] | [0]'], { env: emulator.env() })).code).toBe(5);
    const some = await runInProcess([...base, '--query', '[?Size > `0`].ImageId'], { env: emulator.env() });
    expect(some.code).toBe(0);
    const zero = await runInProcess([...base, '--query', 'length([?Size > `100000`])'], { env: emulator.env() });
    expect(zero.stdout).toBe('0\n');
    expect(zero.code).toBe(0);
  });
});
