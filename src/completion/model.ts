// The commander program as plain data: commands, their flags (short, long, whether each
// takes a value, description) and what values complete. Every script is rendered from this,
// so a flag added to cli.ts appears in the scripts after `npm run completions`.
import type { Command, Option } from 'commander';
import { ARGUMENT_VALUES, COMMAND_OPTION_VALUES, OPTION_VALUES, type ValueSource } from './values.js';

export interface FlagSpec {
  /** `-r`, when there is one */
  short?: string;
  /** `--region`, when there is one */
  long?: string;
  /** the value's name in the help (`id` for `--region <id>`); undefined: a boolean flag */
  valueName?: string;
  description: string;
  /** accepted more than once (a flag that collects values, such as --tag) */
  repeatable: boolean;
  values?: ValueSource;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  /** `<name>` rather than `[name]` */
  required: boolean;
  /** takes any number of values (`name...`) */
  variadic: boolean;
  values?: ValueSource;
}

export interface CommandSpec {
  name: string;
  description: string;
  flags: FlagSpec[];
  arguments: ArgumentSpec[];
}

export interface ProgramSpec {
  name: string;
  /** ecsimg's own flags, before any command */
  flags: FlagSpec[];
  commands: CommandSpec[];
}

export function describeProgram(program: Command): ProgramSpec {
  const help = program.createHelp();
  const flagsOf = (command: Command): FlagSpec[] => help.visibleOptions(command).map((option) => describeFlag(option, command.name()));
  return {
    name: program.name(),
    flags: flagsOf(program),
    commands: help.visibleCommands(program).map((command) => ({
      name: command.name(),
      description: command.description(),
      flags: flagsOf(command),
      arguments: command.registeredArguments.map((argument) => ({
        name: argument.name(),
        description: argument.description,
        required: argument.required,
        variadic: argument.variadic,
        values: ARGUMENT_VALUES[`${command.name()} ${argument.name()}`],
      })),
    })),
  };
}

function describeFlag(option: Option, command: string): FlagSpec {
  const takesValue = option.required || option.optional;
  return {
    short: option.short,
    long: option.long,
    valueName: takesValue ? (/[<[]([^>\]]*)[>\]]/.exec(option.flags)?.[1] ?? 'value') : undefined,
    description: option.description,
    // commander has no "repeatable" flag; in cli.ts a flag collects repeats exactly when it has its own parser
    repeatable: option.variadic || option.parseArg !== undefined,
    values: option.long === undefined ? undefined : (COMMAND_OPTION_VALUES[`${command} ${option.long}`] ?? OPTION_VALUES[option.long]),
  };
}

/** A flag's spellings: the short one first. */
export function flagNames(flag: FlagSpec): string[] {
  return [flag.short, flag.long].filter((name): name is string => name !== undefined);
}

/** Every flag that takes a value, in ecsimg itself or any command, each spelling once. */
export function valueFlags(spec: ProgramSpec): FlagSpec[] {
  const seen = new Set<string>();
  const result: FlagSpec[] = [];
  for (const flag of [...spec.flags, ...spec.commands.flatMap((command) => command.flags)]) {
    if (flag.valueName === undefined) continue;
    const key = flagNames(flag).join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(flag);
  }
  return result;
}
