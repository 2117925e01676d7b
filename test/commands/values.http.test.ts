// Values that answered wrongly (issue 11): long owner IDs under --query, undated images
// under --latest/--sort, separators in Tags cells, control characters in every format.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CatalogueImage } from '../../src/emulator/index.js';
import { unescapeTsvField } from '../../src/output/tsv.js';
import { parseTagsCell } from '../output/helpers.js';
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

describe('images without a valid CreationTime', () => {
  // This file's own emulator: in cn-qingdao two self images lose their date, as a broken
  // or foreign server might send them.
  const region = 'cn-qingdao';
  const undated = (): CatalogueImage[] => images(region).filter((i) => i.ImageOwnerAlias === 'self' && !/^\d{4}-/.test(i.CreationTime));
  const undate = (): void => {
    if (undated().length > 0) return;
    const self = images(region).filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available');
    // the oldest and one in the middle: on main either ranked above every real date
    (self.at(-1) as { CreationTime: string }).CreationTime = 'garbage';
    (self[10] as { CreationTime: string }).CreationTime = '';
  };
  const tsv = (stdout: string): string[][] => stdout.trimEnd().split('\n').map((line) => line.split('\t'));

  it('--latest is never an undated image', async () => {
    undate();
    const result = await run(['list', '--owner', 'self', '--latest', '-o', 'tsv', '--columns', 'ImageId,CreationTime', '--no-header'], { region });
    expect(result.code).toBe(0);
    const dated = images(region).filter((i) => i.ImageOwnerAlias === 'self' && i.Status === 'Available' && /^\d{4}-/.test(i.CreationTime));
    const newest = dated.map((i) => i.CreationTime).sort().at(-1);
    expect(tsv(result.stdout)).toEqual([[dated.find((i) => i.CreationTime === newest)!.ImageId, newest]]);
  });

  it('--sort CreationTime puts undated images last in both directions', async () => {
    undate();
    for (const sort of ['CreationTime', '-CreationTime']) {
      const result = await run(['list', '--owner', 'self', '--sort', sort, '-o', 'tsv', '--columns', 'ImageId,CreationTime', '--no-header'], { region });
      expect(result.code).toBe(0);
      const times = tsv(result.stdout).map(([, time]) => time ?? '');
      expect(times.slice(-2).sort()).toEqual(['', 'garbage']);
      const dated = times.slice(0, -2);
      expect(dated).toEqual([...dated].sort((a, b) => (sort.startsWith('-') ? b.localeCompare(a) : a.localeCompare(b))));
    }
  });

  it('--latest over undated images only is exit 5 saying so', async () => {
    undate();
    const ids = undated().map((i) => i.ImageId);
    expect(ids).toHaveLength(2);
    const result = await run(['list', '--owner', 'self', '--image-id', ids.join(','), '--latest', '-o', 'json'], { region });
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no image with a valid CreationTime matched (2 without one) in cn-qingdao');
  });
});

describe('separators in Tags and control characters in text', () => {
  // eslint-disable-next-line no-control-regex
  const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const self = (): CatalogueImage[] => images().filter((i) => i.ImageOwnerAlias === 'self');
  const columns = 'ImageId,ImageName,Description,Tags';
  const tagPairs = (image: CatalogueImage): [string, string][] => image.Tags.Tag.map((t) => [t.TagKey, t.TagValue]);

  it('csv and tsv give back every Tags key and value exactly, and tsv every text, with no raw control character', async () => {
    const [csv, tsvOut] = await Promise.all([
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'csv', '--columns', columns]),
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'tsv', '--columns', columns]),
    ]);
    expect(csv.code).toBe(0);
    expect(tsvOut.code).toBe(0);
    const byId = new Map(self().map((i) => [i.ImageId, i]));
    const csvRecords = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(tsvOut.stdout).not.toMatch(RAW_CONTROLS);
    const tsvRecords = tsvOut.stdout.trimEnd().split('\n').slice(1).map((line) => line.split('\t').map(unescapeTsvField));
    expect(csvRecords).toHaveLength(byId.size);
    expect(tsvRecords).toHaveLength(byId.size);
    const tricky = self().filter((i) => i.Tags.Tag.some((t) => /[;=:\\]/.test(t.TagKey + t.TagValue)));
    expect(tricky.length).toBeGreaterThan(0);
    for (const record of csvRecords) {
      const image = byId.get(record.ImageId!)!;
      // piped csv carries every text exactly, control characters included
      expect(record.Description).toBe(image.Description);
      expect(parseTagsCell(record.Tags!)).toEqual(tagPairs(image));
    }
    for (const [id, name, description, tags] of tsvRecords) {
      const image = byId.get(id!)!;
      expect([name, description]).toEqual([image.ImageName, image.Description]);
      expect(parseTagsCell(tags!)).toEqual(tagPairs(image));
    }
  });

  it('on a terminal every format shows control characters escaped; json stays the same JSON', async () => {
    for (const output of ['json', 'ndjson', 'csv', 'tsv', 'table']) {
      const result = await run(['list', '--owner', 'self', '--status', 'all', '-o', output, '--columns', columns], { tty: true });
      expect(result.code, output).toBe(0);
      expect(result.stdout, output).not.toMatch(RAW_CONTROLS);
      // the table cuts long cells to the terminal's width
      if (output === 'table') continue;
      expect(result.stdout, output).toContain(output.endsWith('json') ? '\\u001b[31mred' : '\\x1b[31mred');
      expect(result.stdout, output).toContain(output.endsWith('json') ? '\\u009bcsi' : '\\x9bcsi');
    }
    const [onTerminal, piped] = await Promise.all([
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'json'], { tty: true }),
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'json']),
    ]);
    expect(piped.stdout).toMatch(/\x9bcsi/);
    expect(json(onTerminal.stdout)).toEqual(json(piped.stdout));
  });

  it('show and --query on a terminal escape them too', async () => {
    const image = self().find((i) => i.Description.includes('\x1b'))!;
    for (const args of [
      ['show', image.ImageId],
      ['show', image.ImageId, '-o', 'json'],
      ['show', image.ImageId, '-o', 'csv'],
      ['list', '--owner', 'self', '--status', 'all', '-o', 'json', '--query', '[].Description'],
    ]) {
      const result = await run(args, { tty: true });
      expect(result.code, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).not.toMatch(RAW_CONTROLS);
    }
  });
});
