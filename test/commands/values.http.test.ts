// Values that answered wrongly (issue 11): long owner IDs under --query, undated images
// under --latest/--sort, separators in Tags cells, control characters in every format.
import { describe, expect, it } from 'vitest';
import type { CatalogueImage } from '../../src/emulator/index.js';
import { SELF_OWNER_ID } from '../../src/emulator/index.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const run = (args: string[], options: { tty?: boolean; region?: string } = {}) =>
  runInProcess(args, { env: emulator.env(options.region ? { ALIBABA_CLOUD_REGION_ID: options.region } : {}), tty: options.tty });
const images = (region = 'cn-hangzhou'): readonly CatalogueImage[] => emulator.current.catalogue.images(region);
const json = (stdout: string): unknown => JSON.parse(stdout.replace(/\b(\d{16,})\b/g, '"$1"'));

describe('--query over 16-digit and longer owner IDs', () => {
  it('finds the images of a 16-digit owner, as jq would', async () => {
    const result = await run(['list', '--status', 'all', '-o', 'json', '--query', '[?ImageOwnerId == `5550001112223334`].ImageId']);
    expect(result.code).toBe(0);
    const expected = images().filter((i) => i.ImageOwnerId === 5550001112223334).map((i) => i.ImageId);
    expect(expected.length).toBeGreaterThan(0);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it('to_string and type see 16-digit owner IDs as numbers', async () => {
    const result = await run(['list', '--owner', 'others', '--status', 'all', '-o', 'json', '--query', '[].[to_string(ImageOwnerId), type(ImageOwnerId)]']);
    expect(result.code).toBe(0);
    const expected = images().filter((i) => i.ImageOwnerAlias === 'others').map((i) => [String(i.ImageOwnerId), 'number']);
    expect(JSON.parse(result.stdout)).toEqual(expected);
  });

  it('compares, sorts and prints the 19-digit owner ID exactly beside 16-digit ones', async () => {
    const sorted = await run(['list', '--status', 'all', '-o', 'json', '--query', 'sort_by([?ImageOwnerId], &ImageOwnerId)[].ImageOwnerId']);
    expect(sorted.code).toBe(0);
    // without --owner the API leaves out marketplace images
    const owners = images().filter((i) => i.ImageOwnerAlias !== 'marketplace').map((i) => i.ImageOwnerId).filter((id) => id !== undefined);
    const expected = [...owners].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
    expect(json(sorted.stdout)).toEqual(expected);
    expect(sorted.stdout).toContain(`  ${SELF_OWNER_ID}\n`);

    const newest = await run(['list', '--status', 'all', '-o', 'json', '--query', 'max_by([?ImageOwnerId], &ImageOwnerId).ImageOwnerId']);
    expect(newest.stdout).toBe(`${SELF_OWNER_ID}\n`);
    const mine = await run(['list', '--status', 'all', '-o', 'json', '--query', `length([?ImageOwnerId == \`${SELF_OWNER_ID}\`])`]);
    expect(mine.stdout).toBe(`${images().filter((i) => i.ImageOwnerId === SELF_OWNER_ID).length}\n`);
  });

  it('says why it cannot print the 19-digit owner ID as text: exit 2 naming field and value', async () => {
    const result = await run(['list', '--owner', 'self', '-o', 'json', '--query', '[].to_string(ImageOwnerId)']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`uses to_string, which JMESPath cannot do exactly on integers beyond 2^53, and ImageOwnerId holds ${SELF_OWNER_ID}`);
  });
});
