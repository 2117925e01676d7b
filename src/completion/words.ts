// Checks shared by the renderers: every completion word goes into the scripts unquoted, so
// it must be a plain token.
import type { ProgramSpec } from './model.js';
import type { ValueSource } from './values.js';

const PLAIN_WORD = /^[A-Za-z0-9_.,:@%+=/-]+$/;

export function plainWords(words: readonly string[]): string {
  for (const word of words) {
    if (!PLAIN_WORD.test(word)) throw new Error(`completion word ${JSON.stringify(word)} is not a plain token`);
  }
  return words.join(' ');
}

export function commandNames(spec: ProgramSpec): string[] {
  return spec.commands.map((command) => command.name);
}

/** The fixed words of a source (commands included); undefined for profiles, read at completion time. */
export function fixedWords(source: ValueSource, spec: ProgramSpec): readonly string[] | undefined {
  switch (source.kind) {
    case 'words':
      return source.words;
    case 'commands':
      return commandNames(spec);
    case 'profiles':
      return undefined;
  }
}

/** `'text'` for sh-family shells (bash, zsh). */
export function singleQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Profile names in ~/.aliyun/config.json, one per line: a grep of its `"name": "..."` pairs,
 * so completion stays instant (no node start) and works on the one-line JSON file too.
 */
export const PROFILE_PIPELINE =
  `command grep -o '"name"[[:space:]]*:[[:space:]]*"[^"]*"' "$HOME/.aliyun/config.json" 2>/dev/null | command sed 's/.*"\\([^"]*\\)"$/\\1/'`;
