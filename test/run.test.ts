import { describe, expect, it } from 'vitest';
import { REPORT_FAILED, quietIn, runCli } from '../src/run.js';
import { captured } from './support/cli.js';

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

describe('a failure while reporting a failure', () => {
  it('prints a fixed line, keeps the exit code, and never the error it could not report', async () => {
    const secret = 'SecretQuotedByABrokenError42';
    // A read error whose stack cannot be read: formatting the --debug report throws.
    const hostile = {
      message: 'disk on fire',
      get stack(): string {
        throw new Error(`cannot show ${secret}`);
      },
    };
    const stdout = captured();
    const stderr = captured();
    const code = await runCli(['list', '--profile', 'p', '--debug'], {
      io: { stdout, stderr, color: false },
      env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret },
      homeDir: '/home/test',
      readFile: () => {
        throw hostile;
      },
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe(REPORT_FAILED);
    expect(stderr.text).not.toContain(secret);
  });
});
