import { describe, expect, it } from 'vitest';
import { quietIn } from '../src/run.js';

describe('quietIn: -q as commander reads it, before commander has parsed anything', () => {
  it.each([
    [['list', '-q'], true],
    [['-q', 'list'], true],
    [['list', '--quiet'], true],
    [['list', '-qo', 'json'], true],
    [['list', '-Vq'], true],
    // -o takes a value: in -oq the q is that value
    [['list', '-oq'], false],
    [['list', '-rq'], false],
    [['list', '--query', '[].ImageId'], false],
    [['list', '-o', 'json'], false],
  ])('%j: %s', (argv, quiet) => {
    expect(quietIn(argv)).toBe(quiet);
  });
});
