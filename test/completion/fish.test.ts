// The fish script: fish's syntax check, and `complete -C` (where fish is installed).
import { afterAll, describe, expect, it } from 'vitest';
import { OWNER_ALIASES } from '../../src/api/params.js';
import { hasShell, homeWithAliyunConfig, lines, run, scriptPath, removeHomes } from './helpers.js';

afterAll(removeHomes);

const fish = hasShell('fish');

/** What fish offers for `line` (the cursor at its end): the words, sorted as fish sorts them. */
async function complete(line: string, home = '/nonexistent-home'): Promise<string[]> {
  const out = await run('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', scriptPath('fish'), line], { HOME: home });
  return lines(out).map((l) => l.split('\t')[0]!);
}

describe.skipIf(!fish)('fish completion', () => {
  it('passes fish --no-execute', async () => {
    await run('fish', ['--no-config', '--no-execute', scriptPath('fish')], {});
  });

  it('completes commands, flags and enum values', async () => {
    expect(await complete('ecsimg li')).toEqual(['list']);
    expect(await complete('ecsimg list --ow')).toEqual(['--owner']);
    expect(await complete('ecsimg list --owner ')).toEqual([...OWNER_ALIASES].sort());
    expect(await complete('ecsimg list --owner=s')).toEqual(['--owner=self', '--owner=system']);
    expect(await complete('ecsimg -r cn-hangzhou li')).toEqual(['list']);
  });

  it('completes list items, sort keys, shells and profiles', async () => {
    expect(await complete('ecsimg list --status Available,Cr')).toEqual(['Available,CreateFailed', 'Available,Creating']);
    expect(await complete('ecsimg list --sort=-CreationT')).toEqual(['--sort=-CreationTime']);
    expect(await complete('ecsimg completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(await complete('ecsimg completion bash ')).toEqual([]);
    const home = homeWithAliyunConfig('{"profiles":[{"name":"default"},{"name":"prod"}]}');
    expect(await complete('ecsimg --profile ', home)).toEqual(['default', 'prod']);
  });
});
