// The zsh script: one _arguments call per command. Works both from $fpath (autoloaded as
// _ecsimg through the #compdef line) and sourced after compinit.
import type { ArgumentSpec, CommandSpec, FlagSpec, ProgramSpec } from './model.js';
import { fixedWords, plainWords, PROFILE_PIPELINE, singleQuoted } from './words.js';
import type { ValueSource } from './values.js';

export function zshScript(spec: ProgramSpec): string {
  const name = spec.name;
  const commandFunctions = spec.commands.map((command) => commandFunction(name, command, spec));
  const describedCommands = spec.commands.map(
    (command) => `    ${singleQuoted(`${command.name.replaceAll(':', '\\:')}:${command.description}`)}`,
  );
  const dispatch = spec.commands.map((command) => `      ${command.name}) _${name}_${identifier(command.name)} && ret=0 ;;`);

  return `#compdef ${name}
# zsh completion for ${name}
# Generated from the ${name} commands by \`npm run completions\`: do not edit.
# Install: ${name} completion zsh > "\${fpath[1]}/_${name}"   (or, after compinit: source <(${name} completion zsh))

# Profile names in ~/.aliyun/config.json, read without starting node so completion stays instant.
__${name}_profiles() {
  local -a profiles
  profiles=(\${(f)"$(${PROFILE_PIPELINE})"})
  _wanted profiles expl profile compadd -a profiles
}

# Completes the last item of a comma-separated list; with $1 = 1 an item may start with '-'.
__${name}_items() {
  local descending=$1
  shift
  compset -P '*,'
  [[ $descending == 1 ]] && compset -P '-'
  compadd -qS, -- "$@"
}

__${name}_commands() {
  local -a commands
  commands=(
${describedCommands.join('\n')}
  )
  _describe -t commands '${name} command' commands
}

_${name}() {
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -C -s -S \\
${[...spec.flags.map((flag) => flagSpec(flag, spec)), singleQuoted(`1: :__${name}_commands`), singleQuoted('*:: :->command')]
  .map((line) => `    ${line}`)
  .join(' \\\n')} && ret=0
  if [[ $state == command ]]; then
    curcontext=\${curcontext%:*:*}:${name}-$words[1]:
    case $words[1] in
${dispatch.join('\n')}
    esac
  fi
  return ret
}
${commandFunctions.join('')}
if [[ $funcstack[1] == _${name} ]]; then
  # autoloaded from $fpath: this file is the body of _${name}, called to complete
  _${name} "$@"
elif (( $+functions[compdef] )); then
  compdef _${name} ${name}
fi
`;
}

function commandFunction(name: string, command: CommandSpec, spec: ProgramSpec): string {
  const lines = [
    ...command.flags.map((flag) => flagSpec(flag, spec)),
    ...command.arguments.map((argument, index) => argumentSpec(argument, index, spec)),
  ];
  return `
_${name}_${identifier(command.name)}() {
  _arguments -s -S${lines.map((line) => ` \\\n    ${line}`).join('')}
}
`;
}

/** One _arguments spec: `'(-r --region)'{-r+,--region=}'[description]:id:action'`. */
function flagSpec(flag: FlagSpec, spec: ProgramSpec): string {
  const takesValue = flag.valueName !== undefined;
  const spellings = [
    flag.short === undefined ? undefined : `${flag.short}${takesValue ? '+' : ''}`,
    flag.long === undefined ? undefined : `${flag.long}${takesValue ? '=' : ''}`,
  ].filter((s): s is string => s !== undefined);
  const names = [flag.short, flag.long].filter((s): s is string => s !== undefined);
  const prefix = flag.repeatable ? "'*'" : names.length > 1 ? singleQuoted(`(${names.join(' ')})`) : '';
  const rest = `[${bracketed(flag.description)}]${takesValue ? `:${colonEscaped(flag.valueName!)}:${action(flag.values, spec)}` : ''}`;
  if (spellings.length === 1) {
    return prefix === "'*'" ? singleQuoted(`*${spellings[0]}${rest}`) : `${prefix}${singleQuoted(`${spellings[0]}${rest}`)}`;
  }
  return `${prefix}{${spellings.join(',')}}${singleQuoted(rest)}`;
}

function argumentSpec(argument: ArgumentSpec, index: number, spec: ProgramSpec): string {
  return singleQuoted(`${index + 1}:${colonEscaped(argument.name)}:${action(argument.values, spec)}`);
}

function action(source: ValueSource | undefined, spec: ProgramSpec): string {
  if (source === undefined) return ' ';
  if (source.kind === 'profiles') return `__${spec.name}_profiles`;
  if (source.kind === 'commands') return `__${spec.name}_commands`;
  const words = plainWords(fixedWords(source, spec) ?? []);
  if (source.list === true) return `{__${spec.name}_items ${source.descending === true ? 1 : 0} ${words}}`;
  return `(${words})`;
}

function bracketed(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

function colonEscaped(text: string): string {
  return text.replace(/[\\:]/g, (c) => `\\${c}`);
}

function identifier(commandName: string): string {
  return commandName.replace(/[^A-Za-z0-9_]/g, '_');
}
