import { describe, expect, it } from 'vitest';

import { displayPath, envValue, expandHome, flagValue } from '../../src/config/context.js';
import { UsageError } from '../../src/errors.js';
import { fakeContext, thrown } from './fakeContext.js';

describe('context helpers', () => {
  const ctx = fakeContext({}, { SET: ' value ', EMPTY: '', BLANK: '  ' });

  it('treats empty and blank env values as unset', () => {
    expect(envValue(ctx, 'SET')).toBe('value');
    expect(envValue(ctx, 'EMPTY')).toBeUndefined();
    expect(envValue(ctx, 'BLANK')).toBeUndefined();
    expect(envValue(ctx, 'MISSING')).toBeUndefined();
  });

  it('shows paths under the home directory with ~', () => {
    expect(displayPath(ctx, '/home/test/.aliyun/config.json')).toBe('~/.aliyun/config.json');
    expect(displayPath(ctx, '/home/tester/x')).toBe('/home/tester/x');
    expect(displayPath(ctx, '/etc/credentials')).toBe('/etc/credentials');
    expect(displayPath({ ...ctx, homeDir: '/home/test/' }, '/home/test/a')).toBe('~/a');
  });

  it('expands a leading ~/', () => {
    expect(expandHome(ctx, '~/creds')).toBe('/home/test/creds');
    expect(expandHome(ctx, '/abs/~/creds')).toBe('/abs/~/creds');
  });

  it('rejects an empty flag value instead of falling back', () => {
    expect(flagValue(undefined, '--region')).toBeUndefined();
    expect(flagValue(' cn-hangzhou ', '--region')).toBe('cn-hangzhou');
    const error = thrown(() => flagValue('', '--region'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('--region is empty');
  });
});
