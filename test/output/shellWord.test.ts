import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/output/shellWord.js';

describe('shellWord', () => {
  it('leaves a plain word as it is', () => {
    expect(shellWord('m-bp1abc_2.x:y/z=a@b%c+d')).toBe('m-bp1abc_2.x:y/z=a@b%c+d');
  });

  it('single-quotes anything else, a quote inside written as \'\\\'\'', () => {
    expect(shellWord('m-x;id')).toBe(`'m-x;id'`);
    expect(shellWord('a b')).toBe(`'a b'`);
    expect(shellWord('$(rm)')).toBe(`'$(rm)'`);
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('')).toBe(`''`);
  });

  it('a shell reads each quoted word back as the value', () => {
    for (const value of ["it's", 'a b', '$HOME `x` "y"', "''", 'm-x;id', '*', '\\n']) {
      expect(execFileSync('/bin/sh', ['-c', `printf %s ${shellWord(value)}`], { encoding: 'utf8' })).toBe(value);
    }
  });
});
