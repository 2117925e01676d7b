// Hundreds of random flag/value combinations, valid and not, through the real CLI
// in-process against the emulator. Whatever comes in: exit 0 (or 5 where one image was
// promised), else exit 2 with one readable report on stderr; never exit 1, never a stack
// trace, never a raw control character on the terminal. Seeded, so every run is the same.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const SEED = 0x5eed_ec51;
const RUNS = 400;

/** mulberry32: small, fast, deterministic */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ODD = ['', ' ', 'é', '系统', '🔥', 'a\nb', '\t', '\u202eevil', '\u001b[31mred', 'x\u0000y', '\u0301', '--', '-', '=', ',', '%s', '${HOME}', 'null', '-1', '1e3', '０'];

const VALUES: Record<string, string[]> = {
  '--owner': ['system', 'self', 'OTHERS', 'marketplace', 'nobody'],
  '--image-id': ['ubuntu_22_04_x64_20G_alibase_20240926.vhd', 'm-bp1nothere', 'a,,b', 'x,y'],
  '--name': ['ubuntu', 'win2022', 'nothing_like_this'],
  '--status': ['available', 'all', 'Deprecated,unavailable', 'gone', 'available,'],
  '--snapshot-id': ['s-bp1abc', 's-none'],
  '--usage': ['instance', 'none', 'sometimes'],
  '--tag': ['env=prod', 'env', 'env=', '=prod', 'k=v=w', 'team=ops'],
  '--family': ['acs:ubuntu_22_04_x64', 'nofamily'],
  '--os-type': ['linux', 'Windows', 'beos'],
  '--arch': ['x86_64', 'ARM64', 'i386', 'mips'],
  '--instance-type': ['ecs.g7.large', 'ecs.g8y.large', 'ecs.nope.large'],
  '--created-after': ['2024-01-01', '2024-09-26T08:00Z', '2024-02-30', 'yesterday', '2030-01-01'],
  '--created-before': ['2025-01-01', '2020-01-01T00:00+08:00', '2024-13-01'],
  '--page-size': ['1', '50', '100', '0', '101', '1.5', 'abc'],
  '--limit': ['1', '3', '0', 'many'],
  '--concurrency': ['1', '8', '64', '0', '65'],
  '--columns': ['ImageId', 'ImageId,Size,OSName', 'Nope', 'ImageId,,Size', 'Tags,DiskDeviceMappings'],
  '--name-regex': ['^ubuntu', '(', '[a-z]+_22', '\\'],
  '--sort': ['Size', '-CreationTime,ImageId', 'Bogus', '-'],
  '--query': ['[].ImageId', '[?Size > `40`].ImageId', '[', 'length(@)'],
  '--region': ['cn-hangzhou', 'cn-beijing', 'cn-hangzhou,cn-shanghai', 'xx-nowhere-1', 'CN_HANGZHOU', 'cn-hangzhou,,cn-beijing'],
  '--profile': ['default', 'nope'],
  '--endpoint': ['ftp://example.invalid', 'http://user:pw@127.0.0.1:1', 'not a url', 'http://127.0.0.1:1/?q=1'],
  '--output': ['json', 'ndjson', 'csv', 'tsv', 'table', 'xml', 'JSON'],
  '-o': ['json', 'csv', 'yaml'],
  '--timeout': ['5', '30', '0', '-1', 'soon', '3601'],
  '--retries': ['0', '3', '21', 'x'],
};
const SWITCHES = ['--dry-run', '--latest', '--no-header', '--quiet', '-q', '--no-color'];
const UNKNOWN = ['--nope', '--owner-id', '-z', '--dry', '--limits', '---', '--owner=system', '--tag=env=prod'];
const COMMANDS = [...Array<string>(12).fill('list'), 'show', 'regions', 'completion', 'lst', ''];

function generate(random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const command = pick(COMMANDS);
  const argv = command === '' ? [] : [command];
  if (command === 'show') argv.push(pick(['ubuntu_22_04_x64_20G_alibase_20240926.vhd', 'm-bp1nothere', ...ODD]));
  if (command === 'completion') argv.push(pick(['bash', 'zsh', 'fish', 'powershell', ...ODD]));
  const flags = Object.keys(VALUES);
  const count = Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (roll < 0.6) {
      const flag = pick(flags);
      argv.push(flag, random() < 0.8 ? pick(VALUES[flag]!) : pick(ODD));
      // the same flag again now and then
      if (random() < 0.1) argv.push(flag, pick(VALUES[flag]!));
    } else if (roll < 0.8) {
      argv.push(pick(SWITCHES));
    } else if (roll < 0.9) {
      argv.push(pick(UNKNOWN));
    } else if (roll < 0.95) {
      argv.push(pick(flags)); // a flag with its value missing
    } else {
      argv.push(pick(ODD)); // a stray argument
    }
  }
  // valid listings stay small and quick
  if (command === 'list' && random() < 0.7) argv.push('--limit', '1');
  if (command === 'list' && random() < 0.3) argv.push('--dry-run');
  return argv;
}

const REPORT = /^(ecsimg: [^\n]+\n( {2}hint: [^\n]+\n)?( {2}(code|request-id): [^\n]+\n)?)+$/;
// C0/C1 control characters other than newline: nothing a user typed may drive the terminal
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('fuzz: random flags and values through the CLI', () => {
  it(`${RUNS} seeded runs: exit 0, 2 (or 5), one readable report, no stack trace`, async () => {
    const random = prng(SEED);
    const seen = new Map<number, number>();
    for (let run = 0; run < RUNS; run++) {
      const argv = generate(random);
      const result = await runInProcess(argv, { env: emulator.env() });
      const what = `run ${run}: ecsimg ${JSON.stringify(argv)} -> ${result.code}\n${result.stderr}`;
      seen.set(result.code, (seen.get(result.code) ?? 0) + 1);

      const promisesOne = argv[0] === 'show' || argv.includes('--latest');
      expect([0, 2, ...(promisesOne ? [5] : [])], what).toContain(result.code);
      expect(result.stderr, what).not.toMatch(/\n\s+at |Error:|TypeError|undefined|\[object /);
      expect(result.stderr, what).not.toMatch(CONTROL);
      if (result.code === 0 && !['list', 'show', 'regions', 'completion'].includes(argv[0] ?? '')) {
        // no command: commander's help, on stderr since no data was asked for
        expect(result.stderr, what).toMatch(/^Usage: ecsimg /);
        expect(result.stdout, what).toBe('');
      } else if (result.code === 0) {
        // data only on stdout; stderr at most --latest's tie warnings and the table's "no images matched" notice
        expect(result.stderr, what).toMatch(/^(warning: ([a-z0-9-]+: )?--latest picked the first of \d+ images [^\n]+\n)*(no images matched in [^\n]+\n)?$/);
      } else {
        expect(result.stderr, what).toMatch(REPORT);
        // several regions may list some before one fails; one region prints nothing
        if (!argv.some((a) => a.includes(','))) expect(result.stdout, what).toBe('');
      }
    }
    // the mix really exercised both sides
    expect(seen.get(0) ?? 0).toBeGreaterThan(RUNS / 10);
    expect(seen.get(2) ?? 0).toBeGreaterThan(RUNS / 4);
  });
});

describe('hand-picked shapes the fuzzer found', () => {
  it("commander's suggestion becomes the hint, so the message stays one line", async () => {
    expect(await runInProcess(['list', '--sortt', 'Size'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "ecsimg: unknown option '--sortt'\n  hint: did you mean --sort? See: ecsimg list --help\n",
    });
    expect((await runInProcess(['lst'])).stderr).toBe("ecsimg: unknown command 'lst'\n  hint: did you mean list? See: ecsimg --help\n");
  });

  it('control characters and bidi overrides in a value are shown escaped', async () => {
    const result = await runInProcess(['list', '--owner', 'a\nb\u001b[2J\u202ec']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('ecsimg: invalid value "a\\nb\\x1b[2J\\u202ec" for --owner; allowed: system, self, others, marketplace\n');
  });
});
