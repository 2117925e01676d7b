// A value pasted into a command line a hint suggests, so that copying the line runs it as meant.

const PLAIN_WORD = /^[A-Za-z0-9._:/=@%+-]+$/;

/** `value` as one POSIX shell word: as is when plain, else in single quotes (' written '\''). */
export function shellWord(value: string): string {
  return PLAIN_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
