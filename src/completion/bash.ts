// The bash script. Plain bash 3.2 (macOS) features only: no associative arrays, no
// bash-completion helpers, so it works with `source <(ecsimg completion bash)` anywhere.
import { flagNames, valueFlags, type FlagSpec, type ProgramSpec } from './model.js';
import { commandNames, fixedWords, plainWords, PROFILE_PIPELINE, singleQuoted } from './words.js';
import type { ValueSource } from './values.js';

export function bashScript(spec: ProgramSpec): string {
  const name = spec.name;
  const scopes: [string, FlagSpec[]][] = [['', spec.flags], ...spec.commands.map((c): [string, FlagSpec[]] => [c.name, c.flags])];
  const caseLabel = (scope: string): string => (scope === '' ? "''" : scope);
  const flagLines = scopes.map(([scope, flags]) => `    ${caseLabel(scope)}) echo ${singleQuoted(plainWords(flags.flatMap(flagNames)))} ;;`);
  const takesValueLines = scopes
    .map(([scope, flags]) => [scope, flags.filter((f) => f.valueName !== undefined).flatMap(flagNames)] as const)
    .filter(([, names]) => names.length > 0)
    .map(([scope, names]) => `    ${caseLabel(scope)}) case $2 in ${plainWords(names).replaceAll(' ', ' | ')}) return 0 ;; esac ;;`);
  const valueLines = valueFlags(spec)
    .filter((flag) => flag.values !== undefined)
    .map((flag) => `    ${plainWords(flagNames(flag)).replaceAll(' ', ' | ')}) ${assignments(flag.values!, spec)} ;;`);
  // A command's flag whose values are its own (regions --columns) comes before the shared ones.
  const shared = new Map(valueFlags(spec).map((flag) => [flagNames(flag).join(' '), flag.values]));
  const commandValueLines = spec.commands.flatMap((command) =>
    command.flags
      .filter((flag) => flag.values !== undefined && flag.values !== shared.get(flagNames(flag).join(' ')))
      .flatMap((flag) => flagNames(flag).map((spelling) => `    '${command.name} ${spelling}') ${assignments(flag.values!, spec)}; __${name}_reply; return ;;`)),
  );
  const commandValues = commandValueLines.length === 0 ? '' : `  case "$4 $1" in\n${commandValueLines.join('\n')}\n  esac\n`;
  const argumentLines = spec.commands.flatMap((command) =>
    command.arguments.flatMap((argument, index) =>
      argument.values === undefined ? [] : [`    '${command.name} ${index + 1}') ${assignments(argument.values, spec)} ;;`],
    ),
  );

  return `# bash completion for ${name}
# Generated from the ${name} commands by \`npm run completions\`: do not edit.
# Install: echo 'source <(${name} completion bash)' >> ~/.bashrc

# Profile names in ~/.aliyun/config.json, read without starting node so completion stays instant.
__${name}_profiles() {
  ${PROFILE_PIPELINE}
}

__${name}_commands() {
  echo ${singleQuoted(plainWords(commandNames(spec)))}
}

# The flags of command $1 ('' is ${name} itself, before any command).
__${name}_flags() {
  case $1 in
${flagLines.join('\n')}
  esac
}

# Succeeds when flag $2 of command $1 takes a value.
__${name}_takes_value() {
  case $1 in
${takesValueLines.join('\n')}
  esac
  return 1
}

# COMPREPLY: the values of flag $1 of command $4 that complete $2, each prefixed with $3.
__${name}_values() {
  local cur=$2 prefix=$3 words= list= descending= profiles=
${commandValues}  case $1 in
${valueLines.join('\n')}
    *) return 0 ;;
  esac
  __${name}_reply
}

# COMPREPLY: the values of argument $2 (from 1) of command $1 that complete $3.
__${name}_arguments() {
  local cur=$3 prefix= words= list= descending= profiles=
  case "$1 $2" in
${argumentLines.join('\n')}
    *) return 0 ;;
  esac
  __${name}_reply
}

__${name}_reply() {
  # a comma-separated list completes its last item; a descending sort key starts with '-'
  if [[ -n $list && $cur == *,* ]]; then
    prefix=$prefix\${cur%,*},
    cur=\${cur##*,}
  fi
  if [[ -n $descending && $cur == -* ]]; then
    prefix=$prefix-
    cur=\${cur#-}
  fi
  if [[ -n $profiles ]]; then
    # names from a file: matched as text, never through compgen -W, which would expand them
    local profile
    while IFS= read -r profile; do
      [[ -n $profile && $profile == "$cur"* ]] && COMPREPLY+=("$prefix$profile")
    done < <(__${name}_profiles)
  else
    COMPREPLY=($(compgen -P "$prefix" -W "$words" -- "$cur"))
  fi
}

_${name}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} command= flag= word args=0 i
  COMPREPLY=()
  case $prev in
    '>' | '>>' | '<') COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=\${COMP_WORDS[i]}
    if [[ -n $flag ]]; then
      # --flag=value comes as three words (COMP_WORDBREAKS has '='): --flag, =, value
      [[ $word == = ]] || flag=
    elif __${name}_takes_value "$command" "$word"; then
      flag=$word
    elif [[ $word == -* ]]; then
      :
    elif [[ -z $command ]]; then
      command=$word
    else
      args=$((args + 1))
    fi
  done

  if [[ -n $flag ]]; then
    [[ $cur == = ]] && cur=
    __${name}_values "$flag" "$cur" '' "$command"
  elif [[ $cur == --*=* ]]; then
    # COMP_WORDBREAKS without '=': the flag and its value are one word
    flag=\${cur%%=*}
    __${name}_takes_value "$command" "$flag" && __${name}_values "$flag" "\${cur#*=}" "$flag=" "$command"
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(__${name}_flags "$command")" -- "$cur"))
  elif [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$(__${name}_commands)" -- "$cur"))
  else
    __${name}_arguments "$command" $((args + 1)) "$cur"
  fi
  return 0
}

complete -F _${name} ${name}
`;
}

function assignments(source: ValueSource, spec: ProgramSpec): string {
  const words = fixedWords(source, spec);
  const parts = [words === undefined ? 'profiles=1' : `words=${singleQuoted(plainWords(words))}`];
  if (source.kind === 'words' && source.list === true) parts.push('list=1');
  if (source.kind === 'words' && source.descending === true) parts.push('descending=1');
  return parts.join(' ');
}
