// Issue 14's small items: unknown help names, hints that name the command, no {RegionId} in
// an error, commands that accept only their own options, --columns in json/ndjson, ECSIMG_OUTPUT.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/run.js';
import { captured, runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();

describe('help and hints', () => {
  it('`help nope` says the command is unknown, as `ecsimg nope` does', async () => {
    const result = await runInProcess(['help', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ecsimg: unknown command or help topic 'nope'\n/);
    expect(result.stderr).not.toContain('no command given');
    expect((await runInProcess(['nope'])).stderr).toMatch(/unknown command 'nope'/);
  });

  it('`help list` still shows the help of list', async () => {
    const result = await runInProcess(['help', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: ecsimg list/);
  });

  it('a hint names the command it is about, never a literal <command>', async () => {
    const result = await runInProcess(['list', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('see: ecsimg list --help');
    expect(result.stderr).not.toContain('<command>');
    const show = await runInProcess(['show', 'm-1', '--sortt', 'x']);
    expect(show.stderr).toContain('ecsimg show --help');
  });
});

describe('a word after list', () => {
  it('`list ubuntu`: exit 2, the hint says list takes no arguments and to filter with --name', async () => {
    const result = await runInProcess(['list', 'ubuntu']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ecsimg: too many arguments for 'list'.");
    expect(result.stderr).toContain('hint: list takes no arguments; filter by name with --name ubuntu (or --name-exact ubuntu)\n');
  });

  it('the word in the hint is quoted for the shell; another command keeps its see-help hint', async () => {
    expect((await runInProcess(['list', 'ubuntu 22'])).stderr).toContain("--name 'ubuntu 22' (or --name-exact 'ubuntu 22')");
    const regions = await runInProcess(['regions', 'cn-hangzhou']);
    expect(regions.code).toBe(2);
    expect(regions.stderr).toContain('hint: see: ecsimg regions --help\n');
  });
});

describe('--region in each help says what that command does with it', () => {
  it.each(['list', 'show', 'wait'])('%s takes a list or all', async (command) => {
    const { stdout } = await runInProcess([command, '--help']);
    expect(stdout).toMatch(/-r, --region <id> +region id, a comma-separated list, or\s+'all'/);
    expect(stdout).not.toContain('for list');
  });

  it('regions asks one region, and says so', async () => {
    const { stdout } = await runInProcess(['regions', '--help']);
    expect(stdout).toMatch(/-r, --region <id> +the region whose endpoint answers/);
    expect(stdout).not.toContain("'all'");
  });
});

describe("'all' beside region ids", () => {
  it.each([['all,cn-hangzhou'], ['cn-hangzhou,ALL']])('%s is exit 2 saying all stands alone, not that all is invalid', async (value) => {
    const result = await runInProcess(['list', '--dry-run', '--region', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'all' means every region and stands alone");
    expect(result.stderr).not.toContain('invalid region');
    expect(result.stdout).toBe('');
  });
});

describe("'all' beside statuses", () => {
  it.each([['all,available'], ['Available,ALL']])('--status %s is exit 2 saying all stands alone, as --region does', async (value) => {
    const result = await runInProcess(['list', '--dry-run', '--region', 'cn-hangzhou', '--status', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--status "${value}": 'all' means every status and stands alone`);
    expect(result.stdout).toBe('');
  });

  it.each([['all'], ['ALL,all']])('--status %s alone asks for every status', async (value) => {
    const result = await runInProcess(['list', '--dry-run', '--region', 'cn-hangzhou', '--status', value]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"Status": "ALL"');
  });

  it('wait --status takes one status: all is no choice there, alone or not', async () => {
    for (const value of ['all', 'all,Available']) {
      const result = await runInProcess(['wait', 'm-1', '--status', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`invalid value "${value}" for --status`);
    }
  });
});

describe('region ids separated by blanks', () => {
  it('--region "cn-hangzhou cn-beijing" is exit 2 with the hint to separate them with commas', async () => {
    const result = await runInProcess(['list', '--dry-run', '--region', 'cn-hangzhou cn-beijing']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ecsimg: invalid region "cn-hangzhou cn-beijing"; expected an id like cn-hangzhou\n');
    expect(result.stderr).toContain('hint: separate regions with commas: --region cn-hangzhou,cn-beijing\n');
    const mixed = await runInProcess(['list', '--dry-run', '--region', 'cn-shanghai,cn-hangzhou  cn-beijing']);
    expect(mixed.stderr).toContain('hint: separate regions with commas: --region cn-shanghai,cn-hangzhou,cn-beijing\n');
    const odd = await runInProcess(['list', '--dry-run', '--region', 'cn-hangzhou cn-beijing,x;y']);
    expect(odd.stderr).toContain("hint: separate regions with commas: --region 'cn-hangzhou,cn-beijing,x;y'\n");
  });

  it('a value that is no list of region ids keeps the hint to list the regions', async () => {
    for (const value of ['cn_hangzhou', 'cn-hangzhou oops!']) {
      const result = await runInProcess(['list', '--dry-run', '--region', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('hint: list valid regions with: ecsimg regions\n');
    }
  });
});

describe('--dry-run --region all with a regional endpoint', () => {
  it('is refused in words, with no {RegionId} placeholder', async () => {
    const result = await runInProcess(['list', '--dry-run', '--region', 'all', '--endpoint', 'https://ecs.cn-hangzhou.aliyuncs.com']);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('{RegionId}');
    expect(result.stderr).toContain('serves only cn-hangzhou');
    expect(result.stdout).toBe('');
  });
});

describe('commands accept only the options they use', () => {
  it('completion --help and emulator --help list no global option they ignore', async () => {
    const completion = await runInProcess(['completion', '--help']);
    const emulatorHelp = await runInProcess(['emulator', '--help']);
    for (const help of [completion.stdout, emulatorHelp.stdout]) {
      for (const flag of ['--profile', '--output', '--endpoint', '--timeout', '--retries', '--quiet']) expect(help).not.toContain(flag);
    }
    expect(completion.stdout).not.toContain('--region');
    expect(emulatorHelp.stdout).toContain('-r, --region <id>');
  });

  it.each([
    [['completion', 'bash', '-o', 'json'], '--output is not an option of completion'],
    [['completion', 'bash', '-r', 'cn-beijing'], '--region is not an option of completion'],
    [['emulator', '--profile', 'x', '--port', '0'], '--profile is not an option of emulator'],
    [['-o', 'json', 'emulator', '--port', '0'], '--output is not an option of emulator'],
  ])('%j is exit 2', async (argv, message) => {
    const result = await runInProcess(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('emulator -r cn-beijing is honoured: the printed environment names cn-beijing', async () => {
    const stdout = captured();
    const stderr = captured();
    const controller = new AbortController();
    const exit = runCli(['emulator', '-r', 'cn-beijing', '--port', '0'], {
      io: { stdout, stderr, color: false },
      env: {},
      homeDir: '/home/test',
      readFile: () => undefined,
      signal: controller.signal,
    });
    for (let i = 0; i < 500 && !stdout.text.includes('REGION_ID'); i++) {
      const done = await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 10))]);
      if (typeof done === 'number') throw new Error(`emulator exited ${done}: ${stderr.text}`);
    }
    controller.abort();
    await exit;
    expect(stdout.text).toContain('export ALIBABA_CLOUD_REGION_ID=cn-beijing\n');
  });

  it('emulator -r names a region it does not serve: exit 2', async () => {
    const result = await runInProcess(['emulator', '-r', 'nowhere-1', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the emulator does not serve "nowhere-1"');
  });
});

describe('-o json/ndjson with --columns', () => {
  it('json keeps only those fields, named and valued as the API has them', async () => {
    const full = await runInProcess(['list', '-o', 'json', '--owner', 'self', '--limit', '3'], { env: emulator.env() });
    const projected = await runInProcess(['list', '-o', 'json', '--owner', 'self', '--limit', '3', '--columns', 'imageid,Size'], { env: emulator.env() });
    expect(projected.code).toBe(0);
    const rows = JSON.parse(projected.stdout) as Record<string, unknown>[];
    const fullRows = JSON.parse(full.stdout) as Record<string, unknown>[];
    expect(rows).toEqual(fullRows.map((r) => ({ ImageId: r.ImageId, Size: r.Size })));
    expect(Object.keys(rows[0]!)).toEqual(['ImageId', 'Size']);
  });

  it('ndjson too', async () => {
    const result = await runInProcess(['list', '-o', 'ndjson', '--owner', 'self', '--limit', '2', '--columns', 'ImageId'], { env: emulator.env() });
    const lines = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(Object.keys(line)).toEqual(['ImageId']);
  });

  it('with --query is refused, exit 2 (both choose what to print)', async () => {
    const result = await runInProcess(['list', '-o', 'json', '--columns', 'ImageId', '--query', '[].Size'], { env: emulator.env() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--columns and --query');
  });
});

describe('ECSIMG_OUTPUT', () => {
  it('sets the output format; -o wins', async () => {
    const json = await runInProcess(['list', '--owner', 'self', '--limit', '2'], { env: emulator.env({ ECSIMG_OUTPUT: 'json' }) });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toHaveLength(2);
    const tsv = await runInProcess(['list', '--owner', 'self', '--limit', '2', '-o', 'tsv', '--columns', 'ImageId'], { env: emulator.env({ ECSIMG_OUTPUT: 'json' }) });
    expect(tsv.stdout.split('\n')[0]).toBe('ImageId');
  });

  it('a value that is no format is exit 2 naming the variable', async () => {
    const result = await runInProcess(['regions'], { env: emulator.env({ ECSIMG_OUTPUT: 'xml' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ECSIMG_OUTPUT');
  });

  it('is listed by `ecsimg help environment`', async () => {
    const result = await runInProcess(['help', 'environment']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ECSIMG_OUTPUT');
  });
});
