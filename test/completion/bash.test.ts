// The bash script in a real bash: source it, set COMP_WORDS/COMP_CWORD as bash would, call
// the completion function, read COMPREPLY.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/output/formats.js';
import { OWNER_ALIASES } from '../../src/api/params.js';
import { IMAGE_FIELDS } from '../../src/output/columns.js';
import { REGION_IDS } from '../../src/completion/values.js';
import { homeWithAliyunConfig, lines, program, run, scriptPath, removeHomes } from './helpers.js';

afterAll(removeHomes);

const CALL = 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ecsimg; printf "%s\\n" "${COMPREPLY[@]}"';

/** COMPREPLY for a command line; the cursor is at its end (a trailing space starts a new word). */
async function complete(line: string, home = '/nonexistent-home'): Promise<string[]> {
  return lines(await run('bash', ['--norc', '--noprofile', '-c', CALL, 'bash', scriptPath('bash'), ...line.split(' ')], { HOME: home }));
}

describe('bash completion', () => {
  it('completes a command', async () => {
    expect(await complete('ecsimg li')).toEqual(['list']);
    expect(await complete('ecsimg ')).toEqual(['list', 'show', 'wait', 'regions', 'completion', 'emulator', 'help']);
  });

  it('completes a flag', async () => {
    expect(await complete('ecsimg list --ow')).toEqual(['--owner']);
    expect(await complete('ecsimg list --dry-run --no-h')).toEqual(['--no-header']);
  });

  it('completes the values of an enum flag', async () => {
    expect(await complete('ecsimg list --owner ')).toEqual([...OWNER_ALIASES]);
    expect(await complete('ecsimg list --output ')).toEqual([...OUTPUT_FORMATS]);
    expect(await complete('ecsimg list -o j')).toEqual(['json']);
    expect(await complete('ecsimg list --arch ')).toEqual(['i386', 'x86_64', 'arm64']);
    expect(await complete('ecsimg list --os-type w')).toEqual(['windows']);
    expect(await complete('ecsimg list --usage ')).toEqual(['instance', 'none']);
  });

  it('completes --owner=value, split at = as bash does', async () => {
    expect(await complete('ecsimg list --owner = s')).toEqual(['system', 'self']);
    expect(await complete('ecsimg list --owner =')).toEqual([...OWNER_ALIASES]);
  });

  it('completes --owner=value as one word when COMP_WORDBREAKS lacks =', async () => {
    expect(await complete('ecsimg list --owner=s')).toEqual(['--owner=system', '--owner=self']);
  });

  it('completes field names for --columns and --sort, item by item', async () => {
    expect(await complete('ecsimg list --columns Image')).toEqual(IMAGE_FIELDS.filter((f) => f.startsWith('Image')));
    expect(await complete('ecsimg list --columns ImageId,OSN')).toEqual(['ImageId,OSName', 'ImageId,OSNameEn']);
    expect(await complete('ecsimg list --sort -Creation')).toEqual(['-CreationTime']);
    expect(await complete('ecsimg list --sort Size,-Creation')).toEqual(['Size,-CreationTime']);
  });

  it("completes regions --columns to the Region's fields, not an Image's", async () => {
    expect(await complete('ecsimg regions --columns Region')).toEqual(['RegionId', 'RegionEndpoint']);
    expect(await complete('ecsimg regions --columns RegionId,L')).toEqual(['RegionId,LocalName']);
    expect(await complete('ecsimg regions --columns=Sta')).toEqual(['--columns=Status']);
    expect(await complete('ecsimg list --columns Region')).toEqual(['RegionId']);
  });

  it('completes statuses item by item, all included', async () => {
    expect(await complete('ecsimg list --status Available,Cr')).toEqual(['Available,Creating', 'Available,CreateFailed']);
    expect(await complete('ecsimg list --status a')).toEqual(['all']);
  });

  it('completes region ids from the built-in list', async () => {
    expect(await complete('ecsimg list --region cn-h')).toEqual(REGION_IDS.filter((id) => id.startsWith('cn-h')));
    expect(await complete('ecsimg -r cn-hangzhou,ap-southeast-')).toEqual(
      REGION_IDS.filter((id) => id.startsWith('ap-southeast-')).map((id) => `cn-hangzhou,${id}`),
    );
    expect(await complete('ecsimg regions --region a')).toEqual(['ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'ap-south-1', 'all']);
  });

  it('completes profile names from ~/.aliyun/config.json', async () => {
    const home = homeWithAliyunConfig(
      JSON.stringify(
        { current: 'default', profiles: [{ name: 'default', mode: 'AK' }, { name: 'prod-ro', mode: 'StsToken' }], meta_path: '' },
        null,
        '\t',
      ),
    );
    expect(await complete('ecsimg list --profile ', home)).toEqual(['default', 'prod-ro']);
    expect(await complete('ecsimg -p pr', home)).toEqual(['prod-ro']);
  });

  it('reads profiles from a one-line config.json too, and offers none without one', async () => {
    const home = homeWithAliyunConfig('{"profiles":[{"name":"a","mode":"AK"},{"name":"b","mode":"AK"}]}');
    expect(await complete('ecsimg list --profile ', home)).toEqual(['a', 'b']);
    expect(await complete('ecsimg list --profile ')).toEqual([]);
  });

  it('skips the values of ecsimg flags given before the command', async () => {
    expect(await complete('ecsimg -r cn-hangzhou -o json li')).toEqual(['list']);
    expect(await complete('ecsimg --region cn-hangzhou list --ow')).toEqual(['--owner']);
  });

  it('completes the shell of `completion` and the command of `help`, once', async () => {
    expect(await complete('ecsimg completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(await complete('ecsimg completion bash ')).toEqual([]);
    expect(await complete('ecsimg help re')).toEqual(['regions']);
  });

  it('offers nothing for free text: image ids, names, endpoints', async () => {
    expect(await complete('ecsimg show ')).toEqual([]);
    expect(await complete('ecsimg list --name ')).toEqual([]);
    expect(await complete('ecsimg list --endpoint ')).toEqual([]);
  });

  it('completes every flag of every command', async () => {
    const real = program();
    for (const command of [real, ...real.commands]) {
      const prefix = command === real ? 'ecsimg -' : `ecsimg ${command.name()} -`;
      const offered = await complete(prefix);
      for (const option of command.options) {
        for (const flag of [option.short, option.long]) if (flag !== undefined) expect(offered, prefix).toContain(flag);
      }
      expect(offered).toContain('--help');
    }
  });
});

describe('bash completion of profile names', () => {
  it('never runs text from config.json', async () => {
    const home = homeWithAliyunConfig('{"profiles":[{"name":"$(touch pwned)"},{"name":"`touch pwned`"}]}');
    expect(await complete('ecsimg --profile ', home)).toEqual(['$(touch pwned)', '`touch pwned`']);
    expect(existsSync(join(home, 'pwned'))).toBe(false);
    expect(existsSync('pwned')).toBe(false);
  });
});
