// The scripts come from the commander program: every command and flag is there, the value
// lists are the parsers' own constants, and completions/ is exactly what the generator writes.
import { describe, expect, it } from 'vitest';
import { ARCHITECTURES, IMAGE_STATUSES, OS_TYPES, OWNER_ALIASES, USAGES } from '../../src/api/params.js';
import { COMPLETION_SHELLS, completionScript } from '../../src/completion/index.js';
import { describeProgram } from '../../src/completion/model.js';
import { REGION_FIELDS } from '../../src/commands/regionsOptions.js';
import { ARGUMENT_VALUES, COMMAND_OPTION_VALUES, OPTION_VALUES, REGION_IDS } from '../../src/completion/values.js';
import { plainWords } from '../../src/completion/words.js';
import { IMAGE_FIELDS } from '../../src/output/columns.js';
import { OUTPUT_FORMATS } from '../../src/output/formats.js';
import { runInProcess } from '../support/cli.js';
import { committedScript, program } from './helpers.js';

describe('completions/ is what the program generates (drift)', () => {
  it.each(COMPLETION_SHELLS)('%s', (shell) => {
    // on failure: run `npm run completions` and commit completions/
    expect(completionScript(shell, program())).toBe(committedScript(shell));
  });
});

describe('ecsimg completion <shell>', () => {
  it.each(COMPLETION_SHELLS)('prints the %s script, the same as completions/', async (shell) => {
    const result = await runInProcess(['completion', shell]);
    expect(result).toEqual({ code: 0, stdout: committedScript(shell), stderr: '' });
  });

  it('rejects another shell with exit 2, naming the allowed ones', async () => {
    const result = await runInProcess(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('invalid shell "powershell"; allowed: bash, zsh, fish');
  });

  it('needs the shell argument', async () => {
    const result = await runInProcess(['completion']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('describeProgram', () => {
  const spec = describeProgram(program());

  it('has every command of the program, help included', () => {
    expect(spec.commands.map((c) => c.name)).toEqual(program().commands.map((c) => c.name()));
    expect(spec.commands.map((c) => c.name)).toContain('help');
  });

  it('has every flag of every command, with whether it takes a value', () => {
    const real = program();
    for (const command of [real, ...real.commands]) {
      const flags = command === real ? spec.flags : spec.commands.find((c) => c.name === command.name())!.flags;
      for (const option of command.options) {
        const flag = flags.find((f) => f.long === option.long && f.short === option.short);
        expect(flag, `${command.name()} ${option.flags}`).toBeDefined();
        expect(flag!.valueName !== undefined, option.flags).toBe(option.required || option.optional);
      }
      expect(flags.map((f) => f.long)).toContain('--help');
    }
  });

  it('knows which flags collect repeats', () => {
    const list = spec.commands.find((c) => c.name === 'list')!;
    const repeatable = list.flags.filter((f) => f.repeatable).map((f) => f.long);
    expect(repeatable).toEqual(['--image-id', '--status', '--tag']);
  });

  it('gives the completion command its shells, and help the command names', () => {
    const byName = new Map(spec.commands.map((c) => [c.name, c]));
    expect(byName.get('completion')!.arguments).toEqual([
      { name: 'shell', description: 'bash, zsh or fish', required: true, variadic: false, values: { kind: 'words', words: COMPLETION_SHELLS } },
    ]);
    expect(byName.get('show')!.arguments[0]).toMatchObject({ required: false, variadic: true });
    expect(byName.get('help')!.arguments[0]!.values).toEqual({ kind: 'commands' });
    expect(byName.get('show')!.arguments[0]!.values).toBeUndefined();
  });
});

describe('value lists', () => {
  it('are the constants the option parsers check against', () => {
    const words = (flag: string): readonly string[] | undefined => {
      const source = OPTION_VALUES[flag];
      return source?.kind === 'words' ? source.words : undefined;
    };
    expect(words('--owner')).toEqual(OWNER_ALIASES);
    expect(words('--status')).toEqual([...IMAGE_STATUSES, 'all']);
    expect(words('--output')).toEqual(OUTPUT_FORMATS);
    expect(words('--arch')).toEqual(ARCHITECTURES);
    expect(words('--os-type')).toEqual(OS_TYPES);
    expect(words('--usage')).toEqual(USAGES);
    expect(words('--columns')).toEqual(IMAGE_FIELDS);
    expect(words('--sort')).toEqual(IMAGE_FIELDS);
    expect(words('--region')).toEqual([...REGION_IDS, 'all']);
    expect(OPTION_VALUES['--profile']).toEqual({ kind: 'profiles' });
  });

  it('name only flags and arguments that exist, so a renamed flag cannot lose its values silently', () => {
    const real = program();
    const commands = [real, ...real.commands];
    for (const flag of Object.keys(OPTION_VALUES)) {
      expect(commands.some((c) => c.options.some((o) => o.long === flag)), flag).toBe(true);
    }
    const spec = describeProgram(real);
    for (const key of Object.keys(ARGUMENT_VALUES)) {
      const [command, argument] = key.split(' ');
      expect(spec.commands.find((c) => c.name === command)?.arguments.some((a) => a.name === argument), key).toBe(true);
    }
  });

  it("complete a command's flag by its own values where they differ: regions --columns offers the Region fields", () => {
    const spec = describeProgram(program());
    const columnsOf = (command: string) => spec.commands.find((c) => c.name === command)?.flags.find((f) => f.long === '--columns')?.values;
    expect(columnsOf('regions')).toEqual({ kind: 'words', words: REGION_FIELDS, list: true });
    expect(columnsOf('list')).toEqual({ kind: 'words', words: IMAGE_FIELDS, list: true });
    for (const key of Object.keys(COMMAND_OPTION_VALUES)) {
      const [command, flag] = key.split(' ');
      expect(spec.commands.find((c) => c.name === command)?.flags.some((f) => f.long === flag), key).toBe(true);
    }
  });

  it('has real region ids, each once, and no network is needed for them', () => {
    expect(REGION_IDS).toContain('cn-hangzhou');
    expect(REGION_IDS).toContain('ap-southeast-1');
    for (const id of REGION_IDS) expect(id).toMatch(/^(cn|ap|us|eu|me|na|sa)-[a-z]+(-\d)?$/);
    expect(new Set(REGION_IDS).size).toBe(REGION_IDS.length);
  });

  it('puts only plain tokens into a script', () => {
    expect(plainWords(['a', 'b-c', 'x_86'])).toBe('a b-c x_86');
    expect(() => plainWords(['two words'])).toThrow(/not a plain token/);
    expect(() => plainWords(["it's"])).toThrow(/not a plain token/);
  });
});

describe('every script', () => {
  it.each(COMPLETION_SHELLS)('%s names every flag of every command and every enum value', (shell) => {
    const script = completionScript(shell, program());
    const real = program();
    for (const command of [real, ...real.commands]) {
      expect(script).toContain(command === real ? 'ecsimg' : command.name());
      for (const option of command.options) {
        // fish writes `-l owner`, the others `--owner`
        expect(script).toContain(shell === 'fish' ? `-l ${option.long!.slice(2)}` : option.long!);
      }
    }
    for (const source of Object.values(OPTION_VALUES)) {
      if (source.kind === 'words') expect(script).toContain(source.words.join(' '));
    }
  });
});
