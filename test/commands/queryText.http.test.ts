// --query with -o tsv, csv or the default table: the result as text, as `aws --output text`
// prints it, so no `| jq -r` is needed.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();

async function run(args: string[], tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  return runInProcess(['list', '--owner', 'self', '--limit', '3', ...args], { env: emulator.env(), tty });
}

async function images(): Promise<Record<string, unknown>[]> {
  const result = await run(['-o', 'json']);
  return JSON.parse(result.stdout) as Record<string, unknown>[];
}

describe('--query as text', () => {
  it('a list of scalars: one per line, no quotes (tsv)', async () => {
    const result = await run(['-o', 'tsv', '--query', '[].ImageId']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await images()).map((i) => `${String(i.ImageId)}\n`).join(''));
  });

  it('a scalar: on a line', async () => {
    const result = await run(['-o', 'tsv', '--query', 'length(@)']);
    expect(result.stdout).toBe('3\n');
    const first = await run(['-o', 'tsv', '--query', '[0].ImageName']);
    expect(first.stdout).toBe(`${String((await images())[0]!.ImageName)}\n`);
  });

  it('a list of lists or objects: a row each, values tab-separated', async () => {
    const expected = (await images()).map((i) => `${String(i.ImageId)}\t${String(i.Size)}\n`).join('');
    expect((await run(['-o', 'tsv', '--query', '[].[ImageId, Size]'])).stdout).toBe(expected);
    expect((await run(['-o', 'tsv', '--query', '[].{id: ImageId, size: Size}'])).stdout).toBe(expected);
  });

  it('csv: the same rows as RFC 4180 records', async () => {
    const result = await run(['-o', 'csv', '--query', '[].[ImageId, ImageName]']);
    expect(result.code).toBe(0);
    expect(parse(result.stdout)).toEqual((await images()).map((i) => [i.ImageId, i.ImageName]));
  });

  it('with the default table output off a terminal: the same text as tsv, not an error', async () => {
    const table = await run(['--query', '[].[ImageId, Size]']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe((await run(['-o', 'tsv', '--query', '[].[ImageId, Size]'])).stdout);
  });

  it('nothing matched (null) prints nothing, exit 0', async () => {
    const result = await run(['-o', 'tsv', '--query', '[0].NoSuchField']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('json output still prints JSON', async () => {
    const result = await run(['-o', 'json', '--query', '[].ImageId']);
    expect(JSON.parse(result.stdout)).toEqual((await images()).map((i) => i.ImageId));
  });
});
