// man/ecsimg.1, written by `npm run man` from the commander program and the help topics (the
// same model the completion scripts use), so `man ecsimg` says what `--help` says.
import type { Command } from 'commander';
import { describeProgram, type ArgumentSpec, type CommandSpec, type FlagSpec } from '../completion/model.js';
import { HELP_TOPICS } from './topics.js';

/** Text for roff: backslashes and hyphens escaped, no line that starts a request. */
function roff(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .split('\n')
    .map((line) => (/^[.']/.test(line) ? `\\&${line}` : line))
    .join('\n');
}

function flagItem(flag: FlagSpec): string[] {
  const names = [flag.short, flag.long].filter((n): n is string => n !== undefined).map((n) => `\\fB${roff(n)}\\fR`);
  const value = flag.valueName === undefined ? '' : ` \\fI${roff(flag.valueName)}\\fR`;
  return ['.TP', `${names.join(', ')}${value}`, roff(flag.description)];
}

/** ` [image-id ...]`: brackets for an optional argument, dots for one that takes several. */
function synopsisArgument(argument: ArgumentSpec): string {
  const term = `\\fI${roff(argument.name)}\\fR${argument.variadic ? ' ...' : ''}`;
  return argument.required ? ` ${term}` : ` [${term}]`;
}

function commandSection(command: CommandSpec): string[] {
  const args = command.arguments.map(synopsisArgument).join('');
  return ['.SS', `\\fBecsimg ${roff(command.name)}\\fR${args}`, roff(command.description), ...command.flags.flatMap(flagItem)];
}

export function renderManPage(program: Command, version: string): string {
  const spec = describeProgram(program);
  const topic = (name: string) => HELP_TOPICS.find((t) => t.name === name)!;
  const topicItems = (name: string): string[] => {
    const { entries, note } = topic(name);
    return [...entries.flatMap(([term, meaning]) => ['.TP', `\\fB${roff(term)}\\fR`, roff(meaning)]), ...(note ? ['.PP', roff(note)] : [])];
  };
  const lines = [
    `.TH ECSIMG 1 "" "ecsimg ${roff(version)}" "User Commands"`,
    '.SH NAME',
    `ecsimg \\- ${roff(program.description())}`,
    '.SH SYNOPSIS',
    '\\fBecsimg\\fR [\\fIoptions\\fR] \\fIcommand\\fR [\\fIcommand options\\fR]',
    '.SH OPTIONS',
    'Options of ecsimg itself, also accepted after the name of a command that uses them:',
    ...spec.flags.flatMap(flagItem),
    '.SH COMMANDS',
    ...spec.commands.flatMap(commandSection),
    '.SH OUTPUT FORMATS',
    ...topicItems('formats'),
    '.SH ENVIRONMENT',
    ...topicItems('environment'),
    '.SH EXIT STATUS',
    ...topicItems('exit-codes'),
    '.SH SEE ALSO',
    '\\fBecsimg help\\fR \\fItopic\\fR, \\fBecsimg\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR; the README of the npm package.',
    '',
  ];
  return lines.join('\n');
}
