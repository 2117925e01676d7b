// JSON.parse loses the digits of integers beyond 2^53 (account UIDs such as ImageOwnerId),
// and Node 20 gives a reviver no source text. This parser keeps them as bigint, which
// serializeJson writes back digit for digit, and says on which line a file goes wrong.

export class JsonSyntaxError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.line = line;
  }
}

export interface ParsedJson {
  value: unknown;
  /** when the value is an array: the line each of its elements starts on */
  elementLines: number[];
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

export function parseJsonExact(text: string): ParsedJson {
  let pos = 0;
  const elementLines: number[] = [];

  // lines counted on from the last place asked about: elements come in order
  let countedTo = 0;
  let countedLine = 1;
  const lineAt = (at: number): number => {
    if (at < countedTo) {
      countedTo = 0;
      countedLine = 1;
    }
    for (; countedTo < at && countedTo < text.length; countedTo++) if (text.charCodeAt(countedTo) === 10) countedLine++;
    return countedLine;
  };
  const fail = (what: string, at = pos): never => {
    const found = at >= text.length ? 'the end of the file' : JSON.stringify(text[at]);
    throw new JsonSyntaxError(`${what}, found ${found}`, lineAt(at));
  };
  const skip = (): void => {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(text);
    pos = WHITESPACE.lastIndex;
  };

  const value = (depth: number): unknown => {
    skip();
    const c = text[pos];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    for (const [word, result] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return result;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('expected a JSON value');
    pos = NUMBER.lastIndex;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
  };

  const string = (): string => {
    const start = pos;
    pos++;
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === '\n') return fail('unterminated string', start);
      if (c === '"') break;
      if (c === '\\') pos++;
      else if (c < ' ') return fail('a control character inside a string');
      pos++;
    }
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return fail('a bad escape in a string', start);
    }
  };

  const array = (depth: number): unknown[] => {
    pos++;
    const out: unknown[] = [];
    skip();
    if (text[pos] === ']') {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      if (depth === 0) elementLines.push(lineAt(pos));
      out.push(value(depth + 1));
      skip();
      if (text[pos] === ',') pos++;
      else if (text[pos] === ']') {
        pos++;
        return out;
      } else return fail("expected ',' or ']'");
    }
  };

  const object = (depth: number): Record<string, unknown> => {
    pos++;
    // a plain object would let a "__proto__" key change the prototype
    const out = Object.create(null) as Record<string, unknown>;
    skip();
    if (text[pos] === '}') {
      pos++;
      return out;
    }
    for (;;) {
      skip();
      if (text[pos] !== '"') return fail('expected a field name in double quotes');
      const key = string();
      skip();
      if (text[pos] !== ':') return fail("expected ':'");
      pos++;
      out[key] = value(depth + 1);
      skip();
      if (text[pos] === ',') pos++;
      else if (text[pos] === '}') {
        pos++;
        return out;
      } else return fail("expected ',' or '}'");
    }
  };

  // a UTF-8 byte order mark, as some editors write
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  const result = value(0);
  skip();
  if (pos < text.length) fail('expected the end of the file after the JSON value');
  return { value: result, elementLines: Array.isArray(result) ? elementLines : [] };
}
