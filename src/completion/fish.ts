// The fish script: `complete` lines conditioned on the command found before the cursor.
import { flagNames, type FlagSpec, type ProgramSpec } from './model.js';
import { fixedWords, plainWords, PROFILE_PIPELINE } from './words.js';
import type { ValueSource } from './values.js';

export function fishScript(spec: ProgramSpec): string {
  const name = spec.name;
  const scopes: [string, FlagSpec[]][] = [['', spec.flags], ...spec.commands.map((c): [string, FlagSpec[]] => [c.name, c.flags])];
  const takesValue = scopes
    .map(([scope, flags]) => [scope, flags.filter((f) => f.valueName !== undefined).flatMap(flagNames)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([scope, names]) => `        case ${quoted(scope)}\n            contains -- $argv[2] ${plainWords(names)}`);

  const lines: string[] = [`complete -c ${name} -f`, '', `# ${name} itself`];
  const topLevel = `__${name}_command ""`;
  for (const command of spec.commands) {
    lines.push(`complete -c ${name} -n ${quoted(topLevel)} -a ${command.name} -d ${quoted(command.description)}`);
  }
  lines.push(...spec.flags.map((flag) => flagLine(name, topLevel, flag, spec)));
  for (const command of spec.commands) {
    lines.push('', `# ${name} ${command.name}`);
    const condition = `__${name}_command ${command.name}`;
    lines.push(...command.flags.map((flag) => flagLine(name, condition, flag, spec)));
    command.arguments.forEach((argument, index) => {
      if (argument.values === undefined) return;
      lines.push(
        `complete -c ${name} -n ${quoted(`__${name}_argument ${command.name} ${index + 1}`)} -a ${candidates(argument.values, spec)}` +
          (argument.description === '' ? '' : ` -d ${quoted(argument.description)}`),
      );
    });
  }

  return `# fish completion for ${name}
# Generated from the ${name} commands by \`npm run completions\`: do not edit.
# Install: ${name} completion fish > ~/.config/fish/completions/${name}.fish

# Succeeds when flag $argv[2] of command $argv[1] ('' is ${name} itself) takes a value.
function __${name}_takes_value
    switch "$argv[1]"
${takesValue.join('\n')}
        case '*'
            return 1
    end
end

# The command before the cursor ('' before one), then its arguments, one per line. Fails when
# the word under the cursor is a flag's value.
function __${name}_words
    set -l words (commandline -opc)
    set -e words[1]
    set -l command ''
    set -l arguments
    set -l flag 0
    for word in $words
        if test $flag = 1
            set flag 0
        else if __${name}_takes_value "$command" $word
            set flag 1
        else if string match -q -- '-*' $word
            continue
        else if test -z "$command"
            set command $word
        else
            set -a arguments $word
        end
    end
    printf '%s\\n' "$command" $arguments
    test $flag = 0
end

# Succeeds when the command before the cursor is $argv[1] ('' for none yet).
function __${name}_command
    set -l words (__${name}_words)
    test "$words[1]" = "$argv[1]"
end

# Succeeds when the word under the cursor is argument $argv[2] (from 1) of command $argv[1].
function __${name}_argument
    set -l words (__${name}_words); or return 1
    test "$words[1]" = "$argv[1]"; and test (count $words) -eq $argv[2]
end

# Profile names in ~/.aliyun/config.json, read without starting node so completion stays instant.
function __${name}_profiles
    ${PROFILE_PIPELINE}
end

# Completes the last item of a comma-separated list; with $argv[1] = 1 an item may start with '-'.
function __${name}_items
    set -l token (commandline -ct | string replace -r -- '^-[^=]*=' '')
    set -l prefix (string match -r -- '^.*,' $token)
    set -l item (string replace -r -- '^.*,' '' $token)
    if test $argv[1] = 1; and string match -q -- '-*' $item
        set prefix "$prefix-"
    end
    for word in $argv[2..-1]
        echo "$prefix$word"
    end
end

${lines.join('\n')}
`;
}

function flagLine(name: string, condition: string, flag: FlagSpec, spec: ProgramSpec): string {
  const parts = [`complete -c ${name} -n ${quoted(condition)}`];
  if (flag.short !== undefined) parts.push(`-s ${flag.short.slice(1)}`);
  if (flag.long !== undefined) parts.push(`-l ${flag.long.slice(2)}`);
  if (flag.valueName !== undefined) {
    parts.push('-x');
    if (flag.values !== undefined) parts.push(`-a ${candidates(flag.values, spec)}`);
  }
  if (flag.description !== '') parts.push(`-d ${quoted(flag.description)}`);
  return parts.join(' ');
}

function candidates(source: ValueSource, spec: ProgramSpec): string {
  if (source.kind === 'profiles') return quoted(`(__${spec.name}_profiles)`);
  const words = plainWords(fixedWords(source, spec) ?? []);
  if (source.kind === 'words' && source.list === true) {
    return quoted(`(__${spec.name}_items ${source.descending === true ? 1 : 0} ${words})`);
  }
  return quoted(words);
}

/** A fish single-quoted string: only \\ and \' are escapes there. */
function quoted(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
