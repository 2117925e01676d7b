// The zsh script: zsh's syntax check, and real completions through zpty (where zsh is installed).
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OWNER_ALIASES } from '../../src/api/params.js';
import { hasShell, homeWithAliyunConfig, lines, run, scriptPath, removeHomes } from './helpers.js';

afterAll(removeHomes);

const zsh = hasShell('zsh');
const CAPTURE = fileURLToPath(new URL('zsh-capture.zsh', import.meta.url));
const completionsDir = fileURLToPath(new URL('../../completions', import.meta.url));

/** What zsh offers for `line` (the cursor at its end): the words only, without descriptions. */
async function complete(line: string, options: { home?: string; source?: boolean } = {}): Promise<string[]> {
  const init = options.source === true ? `source ${scriptPath('zsh')}` : '';
  const fpath = options.source === true ? '/nonexistent' : completionsDir;
  const out = await run('zsh', ['-f', CAPTURE, fpath, line, init], { HOME: options.home ?? '/nonexistent-home', TERM: 'dumb' });
  return lines(out.replaceAll('\r', '')).map((l) => l.split(' -- ')[0]!);
}

describe.skipIf(!zsh)('zsh completion', () => {
  it('passes zsh -n', async () => {
    await run('zsh', ['-n', scriptPath('zsh')], {});
  });

  it('completes commands, flags and enum values from $fpath', async () => {
    expect(await complete('ecsimg li')).toEqual(['list']);
    expect(await complete('ecsimg list --ow')).toEqual(['--owner']);
    expect(await complete('ecsimg list --owner ')).toEqual([...OWNER_ALIASES]);
    expect(await complete('ecsimg -r cn-hangzhou list --dr')).toEqual(['--dry-run']);
  });

  it('completes list items, sort keys, shells and profiles', async () => {
    expect(await complete('ecsimg list --status Available,Cr')).toEqual(['Available,Creating', 'Available,CreateFailed']);
    expect(await complete('ecsimg list --sort -CreationT')).toEqual(['-CreationTime']);
    expect(await complete('ecsimg completion ')).toEqual(['bash', 'zsh', 'fish']);
    const home = homeWithAliyunConfig('{"profiles":[{"name":"default"},{"name":"prod"}]}');
    expect(await complete('ecsimg --profile ', { home })).toEqual(['default', 'prod']);
  });

  it('works sourced after compinit too', async () => {
    expect(await complete('ecsimg list --owner ', { source: true })).toEqual([...OWNER_ALIASES]);
  });
});
