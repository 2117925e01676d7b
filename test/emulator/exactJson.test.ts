import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonExact } from '../../src/emulator/exactJson.js';
import { serializeJson } from '../../src/emulator/json.js';

describe('parseJsonExact', () => {
  it('reads what JSON.parse reads', () => {
    const text = '{"a":[1,-2.5,3e2,true,false,null,"x\\"\\u00e9\\n"],"b":{},"c":[]}';
    expect({ ...(parseJsonExact(text).value as object) }).toEqual(JSON.parse(text));
  });

  it('keeps integers beyond 2^53 digit for digit, and writes them back so', () => {
    const text = '[{"ImageOwnerId":1688123456789012345,"Size":9007199254740991,"Ratio":12345678901234567890.5}]';
    const { value } = parseJsonExact(text);
    expect((value as { ImageOwnerId: unknown }[])[0]?.ImageOwnerId).toBe(1688123456789012345n);
    // a fraction is a double, as json-bigint's reader makes it one too
    expect(serializeJson(value)).toBe(text.replace('12345678901234567890.5', String(Number('12345678901234567890.5'))));
  });

  it('gives the line each top-level element starts on', () => {
    expect(parseJsonExact('[\n  {"a": 1},\n\n  {"b": [\n 2]},\n  3\n]').elementLines).toEqual([2, 4, 6]);
  });

  it('takes a "__proto__" field as a field, and a byte order mark', () => {
    const { value } = parseJsonExact('\uFEFF{"__proto__": {"polluted": true}}');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    ['[1,]', 1, /expected a JSON value/],
    ['{"a" 1}', 1, /expected ':'/],
    ['[\n"abc\n"]', 2, /unterminated string/],
    ['[1]\n[2]', 2, /expected the end of the file/],
    ['', 1, /expected a JSON value, found the end of the file/],
    ['[01]', 1, /expected ',' or ']'/],
  ])('refuses %j on line %i', (text, line, message) => {
    let error: unknown;
    try {
      parseJsonExact(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).line).toBe(line);
    expect((error as JsonSyntaxError).message).toMatch(message);
  });
});
