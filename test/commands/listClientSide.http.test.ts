// --sort, --latest, --name-regex, --query, --columns, --no-header against the emulator.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Image } from '../../src/api/types.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { parseTagsCell } from '../output/helpers.js';

const emulator = useEmulator();
const systemImages = (): Image[] =>
  (emulator.current.catalogue.images('cn-hangzhou') as unknown as Image[]).filter(
    (i) => i.ImageOwnerAlias === 'system' && i.Status === 'Available',
  );
const run = (args: string[]) => runInProcess(args, { env: emulator.env() });

describe('client-side work on the listing', () => {
  it('--latest prints the newest matching image, in the chosen format', async () => {
    const args = ['list', '--owner', 'system', '--name', 'ubuntu_22', '--arch', 'x86_64', '--latest', '-o', 'tsv', '--columns', 'ImageId', '--no-header'];
    const result = await run(args);
    expect(result.code).toBe(0);
    const candidates = systemImages().filter((i) => i.ImageName!.toLowerCase().includes('ubuntu_22') && i.Architecture === 'x86_64');
    const newestTime = candidates.map((i) => i.CreationTime!).sort().at(-1);
    // ties go to the first in the API's order
    const newest = candidates.find((i) => i.CreationTime === newestTime)!;
    expect(result.stdout).toBe(`${newest.ImageId}\n`);
  });

  it('--latest breaks a CreationTime tie by the API order', async () => {
    const result = await run(['list', '--owner', 'system', '--name', 'ubuntu_22', '--latest', '-o', 'json']);
    const [image] = JSON.parse(result.stdout) as Image[];
    const candidates = systemImages().filter((i) => i.ImageName!.toLowerCase().includes('ubuntu_22'));
    const newestTime = candidates.map((i) => i.CreationTime!).sort().at(-1);
    expect(candidates.filter((i) => i.CreationTime === newestTime).length).toBeGreaterThan(1);
    expect(image!.ImageId).toBe(candidates.find((i) => i.CreationTime === newestTime)!.ImageId);
  });

  it('--latest breaking a tie says so on stderr, -q or not: how many, the tied ids, how to narrow; exit 0', async () => {
    const args = ['list', '--owner', 'system', '--name', 'ubuntu_22', '--latest', '-o', 'tsv', '--columns', 'ImageId,CreationTime', '--no-header'];
    const candidates = systemImages().filter((i) => i.ImageName!.toLowerCase().includes('ubuntu_22'));
    const newestTime = candidates.map((i) => i.CreationTime!).sort().at(-1)!;
    const tied = candidates.filter((i) => i.CreationTime === newestTime).map((i) => i.ImageId);
    expect(tied.length).toBe(2);
    for (const quiet of [[], ['-q']]) {
      const result = await run([...args, ...quiet]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${tied[0]}\t${newestTime}\n`);
      expect(result.stderr).toBe(
        `warning: --latest picked the first of 2 images with the newest CreationTime ${newestTime}, in the API's order: ${tied.join(', ')}; narrow with e.g. --arch or --name-exact\n`,
      );
    }
    // narrowed, there is no tie and nothing to warn of
    const narrowed = await run([...args, '--arch', 'x86_64']);
    expect([narrowed.code, narrowed.stderr]).toEqual([0, '']);
  });

  it('--latest with no match is exit 5 and prints nothing', async () => {
    const result = await run(['list', '--name', 'no-such-image', '--latest', '-o', 'tsv', '--columns', 'ImageId', '--no-header']);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no image matched');
  });

  it('--name-regex filters by ImageName client-side, and --limit applies after it', async () => {
    const result = await run(['list', '--owner', 'system', '--name-regex', '^win20(19|22)_', '--limit', '4', '-o', 'json']);
    expect(result.code).toBe(0);
    const images = JSON.parse(result.stdout) as Image[];
    const expected = systemImages().filter((i) => /^win20(19|22)_/.test(i.ImageName!));
    expect(expected.length).toBeGreaterThan(4);
    expect(images.map((i) => i.ImageId)).toEqual(expected.slice(0, 4).map((i) => i.ImageId));
  });

  it('a bad --name-regex is exit 2 before any request', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '--name-regex', '(']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name-regex');
    expect(emulator.current.stats.total).toBe(0);
  });

  it('--sort Size,-CreationTime orders the whole listing, then --limit', async () => {
    const result = await run(['list', '--owner', 'system', '--sort', 'Size,-CreationTime', '--limit', '30', '-o', 'json']);
    const images = JSON.parse(result.stdout) as Image[];
    expect(images).toHaveLength(30);
    const expected = [...systemImages()].sort((a, b) => a.Size! - b.Size! || (a.CreationTime! < b.CreationTime! ? 1 : a.CreationTime! > b.CreationTime! ? -1 : 0));
    expect(images.map((i) => i.Size)).toEqual(expected.slice(0, 30).map((i) => i.Size));
    expect(images.map((i) => i.CreationTime)).toEqual(expected.slice(0, 30).map((i) => i.CreationTime));
  });

  it('--query applies JMESPath to the JSON array', async () => {
    const result = await run(['list', '--owner', 'system', '-o', 'json', '--query', '[?OSType==`windows`].ImageId']);
    expect(result.code).toBe(0);
    const expected = systemImages().filter((i) => i.OSType === 'windows').map((i) => i.ImageId);
    expect((JSON.parse(result.stdout) as string[]).sort()).toEqual(expected.sort());
  });

  it('--query with ndjson prints one result per line', async () => {
    const result = await run(['list', '--owner', 'self', '-o', 'ndjson', '--query', '[].ImageId', '--limit', '3']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(JSON.parse(line)).toMatch(/^m-/);
  });

  it('a bad JMESPath is exit 2 before any request', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '-o', 'json', '--query', '[?Size >']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('invalid --query');
    expect(emulator.current.stats.total).toBe(0);
  });

  it('a query that fails on the data is exit 2 with the reason, not an internal error', async () => {
    const result = await run(['list', '--owner', 'self', '--status', 'all', '-o', 'json', '--query', 'max_by(@, &Tags).ImageId']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('failed on the images: expected number or string');
  });

  it('an unknown column is exit 2 listing the valid ones', async () => {
    const result = await run(['list', '--columns', 'ImageId,Nmae']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Nmae');
    expect(result.stderr).toContain('ImageName');
  });

  it('CSV parsed back equals the JSON output field by field, commas, quotes, newlines and CJK included', async () => {
    const columns = 'ImageId,ImageName,Description,Size,Tags,CreationTime';
    const [csv, json] = await Promise.all([
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'csv', '--columns', columns]),
      run(['list', '--owner', 'self', '--status', 'all', '-o', 'json']),
    ]);
    expect(csv.code).toBe(0);
    const records = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    const images = JSON.parse(json.stdout) as Image[];
    expect(records).toHaveLength(images.length);
    const tricky = images.filter((i) => /[",\n\t]|[\u4e00-\u9fff]/.test(`${i.ImageName}${String(i.Description)}`));
    expect(tricky.length).toBeGreaterThan(0);
    images.forEach((image, n) => {
      const record = records[n]!;
      expect(record.ImageId).toBe(image.ImageId);
      expect(record.ImageName).toBe(image.ImageName ?? '');
      expect(record.Description).toBe(String(image.Description ?? ''));
      expect(record.Size).toBe(String(image.Size));
      expect(parseTagsCell(record.Tags!)).toEqual((image.Tags?.Tag ?? []).map((t) => [t.TagKey, t.TagValue]));
    });
  });

  it('--no-header drops the header of csv and table', async () => {
    const csv = await run(['list', '--owner', 'self', '-o', 'csv', '--columns', 'ImageId', '--no-header', '--limit', '2']);
    expect(csv.stdout.split('\n').filter(Boolean).every((l) => l.startsWith('m-'))).toBe(true);
    const table = await run(['list', '--owner', 'self', '--columns', 'ImageId,Size', '--no-header', '--limit', '2']);
    expect(table.stdout).not.toContain('ImageId');
    expect(table.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('--limit with --query', () => {
  it('the query sees the first n images, and only the pages they need are fetched', async () => {
    emulator.current.resetStats();
    const result = await run(['list', '--owner', 'system', '--page-size', '2', '--limit', '6', '-o', 'json', '--query', '[].ImageId']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(systemImages().slice(0, 6).map((i) => i.ImageId));
    expect(emulator.current.stats.total).toBe(3);
  });
});
