import { describe, expect, it } from 'vitest';

import { findJsonSyntaxError, lineAt } from '../../src/config/json.js';

const VALID = [
  '{}',
  '[]',
  ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"\\\\"], "b": {"c": {}}} ',
  '"just a string"',
  '0',
  '{"current": "default", "profiles": [{"name": "default", "mode": "AK", "expired_seconds": 0}]}',
];

describe('findJsonSyntaxError', () => {
  it.each(VALID)('finds nothing wrong in valid JSON %s', (text) => {
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeUndefined();
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 'property name'],
    ['{\n  "a": x\n}', 2, 'expected a value'],
    ['{\n  "a" 1\n}', 2, "expected ':'"],
    ['{\n  "a": 1\n  "b": 2\n}', 3, "expected ','"],
    ['[1,\n2\n', 3, 'unexpected end of file'],
    ['{\n"a": "unterminated\n}', 2, 'control character'],
    ['{\n"a": "never closed', 2, 'unterminated string'],
    ['{"a": "\\q"}', 1, 'bad backslash escape'],
    ['{"a": "\\u12"}', 1, 'bad \\u escape'],
    ['{}\n\n{}', 3, 'after the end'],
    ['', 1, 'unexpected end of file'],
    ['{"a": 01}', 1, "expected ','"],
  ])('locates the error in %j at line %i', (text, line, reason) => {
    const error = findJsonSyntaxError(text);
    expect(error).toBeDefined();
    expect(lineAt(text, error?.offset ?? -1)).toBe(line);
    expect(error?.reason).toContain(reason);
  });

  it('agrees with JSON.parse on every one-character deletion and insertion of a document', () => {
    const doc = VALID[2] as string;
    const variants: string[] = [];
    for (let i = 0; i <= doc.length; i++) {
      variants.push(doc.slice(0, i) + doc.slice(i + 1));
      for (const ch of ['"', ',', '}', 'x', '\\', '\n', '-']) variants.push(doc.slice(0, i) + ch + doc.slice(i));
    }
    const disagreements = variants.filter((text) => {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      return parses !== (findJsonSyntaxError(text) === undefined);
    });
    expect(variants.length).toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });
});

describe('lineAt', () => {
  it('counts lines from 1', () => {
    expect(lineAt('a\nb\nc', 0)).toBe(1);
    expect(lineAt('a\nb\nc', 2)).toBe(2);
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});

describe('findJsonSyntaxError on deep nesting', () => {
  it.each([
    ['5,000 [', '['.repeat(5000)],
    ['100,000 {"a":', '{"a":'.repeat(100_000)],
    ['[ and { mixed', '[{"a":'.repeat(3000)],
  ])('stops at %s with a reason instead of overflowing the stack', (_name, text) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ reason: 'nested more than 1000 levels deep' });
  });

  it('still finds the error in JSON nested just under the limit', () => {
    const text = `${'['.repeat(999)}x${']'.repeat(999)}`;
    expect(findJsonSyntaxError(text)).toMatchObject({ offset: 999, reason: expect.stringContaining('expected a value') });
  });
});
