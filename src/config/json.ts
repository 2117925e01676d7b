// Locates the first syntax error in a JSON text. JSON.parse cannot be used for this:
// Node 20 reports no position for some errors, and its messages quote the text around
// the error, which in a credentials file can be a secret.

export interface JsonSyntaxError {
  /** index into the text */
  offset: number;
  /** what is wrong, never quoting the text */
  reason: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
// The scan recurses once per level; a file of thousands of '[' would overflow the stack.
export const MAX_JSON_DEPTH = 1000;

class Failure {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  let depth = 0;

  function fail(reason: string, at = i): never {
    throw new Failure(at, i >= text.length && at === i ? 'unexpected end of file' : reason);
  }
  function skipWhitespace(): void {
    while (i < text.length && WHITESPACE.has(text[i] as string)) i++;
  }

  function value(): void {
    skipWhitespace();
    const ch = text[i];
    if ((ch === '{' || ch === '[') && depth >= MAX_JSON_DEPTH) fail(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    if (ch === '{') return nested(object);
    if (ch === '[') return nested(array);
    if (ch === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    fail('expected a value (string, number, object, list, true, false or null)');
  }

  function nested(scan: () => void): void {
    depth++;
    scan();
    depth--;
  }

  function string(): void {
    const start = i;
    i++;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) fail('unterminated string', start);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch < ' ') fail('line break or control character inside a string');
      if (ch === '\\') {
        const escape = text[i + 1];
        if (escape === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail('bad backslash escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
  }

  function object(): void {
    i++;
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') fail('expected a property name in double quotes');
      string();
      skipWhitespace();
      if (text[i] !== ':') fail("expected ':' after a property name");
      i++;
      value();
      skipWhitespace();
      if (text[i] === '}') {
        i++;
        return;
      }
      if (text[i] !== ',') fail("expected ',' or '}' after a property value");
      i++;
    }
  }

  function array(): void {
    i++;
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipWhitespace();
      if (text[i] === ']') {
        i++;
        return;
      }
      if (text[i] !== ',') fail("expected ',' or ']' after a list item");
      i++;
    }
  }

  try {
    value();
    skipWhitespace();
    if (i < text.length) fail('unexpected text after the end of the JSON value');
    return undefined;
  } catch (err) {
    if (err instanceof Failure) return { offset: err.offset, reason: err.reason };
    throw err;
  }
}

/** 1-based line number of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
