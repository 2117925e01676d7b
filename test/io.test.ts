import { describe, expect, it } from 'vitest';
import { canAnimate, shouldUseColor } from '../src/io.js';
import { runInProcess } from './support/cli.js';
import { useEmulator } from './support/emulator.js';

describe('shouldUseColor', () => {
  it.each([
    ['a terminal', {}, true, false, true],
    ['not a terminal', {}, false, false, false],
    ['--no-color', {}, true, true, false],
    ['NO_COLOR set', { NO_COLOR: '1' }, true, false, false],
    ['NO_COLOR empty (unset, per no-color.org)', { NO_COLOR: '' }, true, false, true],
    ['TERM=dumb', { TERM: 'dumb' }, true, false, false],
    ['FORCE_COLOR=1 off a terminal: still none, piped output stays byte-stable', { FORCE_COLOR: '1' }, false, false, false],
    ['FORCE_COLOR=1 on a terminal', { FORCE_COLOR: '1' }, true, false, true],
    ['FORCE_COLOR=0 on a terminal forces colour off', { FORCE_COLOR: '0' }, true, false, false],
    ['FORCE_COLOR=false', { FORCE_COLOR: 'false' }, true, false, false],
    ['FORCE_COLOR=0 off a terminal', { FORCE_COLOR: '0' }, false, false, false],
    ['NO_COLOR beats FORCE_COLOR', { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false, false],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '1' }, false, true, false],
  ])('%s', (_name, env, isTTY, flag, expected) => {
    expect(shouldUseColor(env, isTTY, flag)).toBe(expected);
  });
});

describe('canAnimate: where a spinner may redraw its line', () => {
  it.each([
    ['a terminal of 80 columns', {}, true, 80, true],
    ['not a terminal', {}, false, 80, false],
    ['a terminal of unknown width (0 columns)', {}, true, 0, false],
    ['a terminal without a width', {}, true, undefined, false],
    ['TERM=dumb: no cursor moves', { TERM: 'dumb' }, true, 80, false],
    ['TERM=xterm', { TERM: 'xterm' }, true, 80, true],
    ['CI=true: logs keep every frame', { CI: 'true' }, true, 80, false],
    ['CI set to anything, even empty', { CI: '' }, true, 80, false],
  ])('%s', (_name, env, isTTY, columns, expected) => {
    expect(canAnimate(env, isTTY, columns)).toBe(expected);
  });
});

describe('colour in the table', () => {
  const emulator = useEmulator();
  const args = ['list', '--owner', 'self', '--limit', '3'];

  it('a coloured terminal table has a bold header and a green Available', async () => {
    const result = await runInProcess(args, { env: emulator.env(), tty: true, color: true, columns: 200 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\x1b[1mImageId');
    expect(result.stdout).toContain('\x1b[32mAvailable');
  });

  it('a terminal without colour gets no escape code at all', async () => {
    const result = await runInProcess(args, { env: emulator.env(), tty: true, color: false, columns: 200 });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ImageId');
    expect(result.stdout).not.toContain('\x1b');
  });
});
