// The helpers every credential source shares: profile field messages and hints, which secrets
// are kept, how a failure is wrapped, env flags, JSON answers and when temporary keys end
// (test/MUTANTS.md, sources/profileFields.ts and context.ts).
import { describe, expect, it, vi } from 'vitest';
import { envFlag, fromSource, keepSecret, parseJsonObject, temporary } from '../../src/config/sources/context.js';
import { requireKeyField, requireSetting, secondsSetting } from '../../src/config/sources/profileFields.js';
import type { FoundProfile } from '../../src/config/profiles.js';
import { CredentialsError, type EcsimgError } from '../../src/errors.js';
import { fakeContext, thrown } from './fakeContext.js';

const profile = (fields: Record<string, string>): FoundProfile => ({
  name: 'p',
  file: 'aliyun',
  shownPath: '~/.aliyun/config.json',
  fields: new Map(Object.entries(fields)),
  source: "profile 'p' in ~/.aliyun/config.json",
});

describe('profile fields', () => {
  it('a missing setting names the profile, mode and field, with the configure hint', () => {
    const err = thrown(() => requireSetting(profile({}), 'ram_role_arn', 'RamRoleArn'));
    expect(err.message).toBe("profile 'p' in ~/.aliyun/config.json (mode RamRoleArn) has no ram_role_arn");
    expect(err.hint).toBe('Add "ram_role_arn" to the profile, e.g. with `aliyun configure --profile p --mode RamRoleArn`.');
  });

  it.each(['12x', 'x12', '1.5', ''])('seconds %j is refused, exit 2', (value) => {
    const err = thrown(() => secondsSetting(profile({ expired_seconds: value }), 'expired_seconds'));
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe("profile 'p' in ~/.aliyun/config.json: expired_seconds is not a whole number of seconds");
  });

  it('whole seconds are read; no field is no setting', () => {
    expect(secondsSetting(profile({ expired_seconds: '900' }), 'expired_seconds')).toBe(900);
    expect(secondsSetting(profile({}), 'expired_seconds')).toBeUndefined();
  });

  it('a missing key field is exit 3 naming the profile and field, with the given hint', () => {
    expect(requireKeyField(profile({ access_key_id: 'id' }), 'access_key_id', 'h')).toBe('id');
    const err = thrown(() => requireKeyField(profile({}), 'access_key_secret', 'set it'));
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe("profile 'p' in ~/.aliyun/config.json has no access_key_secret");
    expect(err.hint).toBe('set it');
  });
});

describe('source context', () => {
  it('keeps secrets of four characters or more, once', () => {
    const ctx = Object.assign(fakeContext(), { secrets: [] as string[] });
    keepSecret(ctx, 'abc', 'abcd', 'abcd', undefined);
    expect(ctx.secrets).toEqual(['abcd']);
  });

  it('registers nothing, and throws nothing, where the context keeps no list', () => {
    const ctx = fakeContext();
    keepSecret(ctx, 'abcd');
    expect(ctx).not.toHaveProperty('secrets');
  });

  it('prefixes an EcsimgError with the source and keeps everything else it says', () => {
    const err = new CredentialsError('denied', { hint: 'h', code: 'Forbidden.RAM', requestId: 'r-1', status: 403 });
    const wrapped = fromSource('src', err) as EcsimgError;
    expect(wrapped).toMatchObject({ message: 'src: denied', name: 'CredentialsError', exitCode: 3, hint: 'h', code: 'Forbidden.RAM', requestId: 'r-1', status: 403 });
    expect(wrapped.cause).toBe(err);
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['yes', false],
    [undefined, false],
  ])('the env flag %j is %s', (value, expected) => {
    expect(envFlag(fakeContext({}, { FLAG: value }), 'FLAG')).toBe(expected);
  });

  it.each([
    ['{"a": 1}', { a: 1 }],
    ['[1]', undefined],
    ['null', undefined],
    ['{"a": ', undefined],
  ])('parseJsonObject(%j)', (text, expected) => {
    expect(parseJsonObject(text)).toEqual(expected);
  });

  it('leaves a failure that is no EcsimgError as it is', () => {
    const err = new TypeError('boom');
    expect(fromSource('somewhere', err)).toBe(err);
  });

  it('credentials that already expired name the source, with the clock hint', () => {
    const err = thrown(() => temporary({ accessKeyId: 'a', accessKeySecret: 'b' }, 'src', '2001-01-01T00:00:00Z', () => Promise.reject(new Error('no'))));
    expect(err.message).toBe('src: the credentials it handed out expired at 2001-01-01T00:00:00Z');
    expect(err.hint).toBe("The source gave stale credentials, or this computer's clock is ahead: check both.");
  });

  it('credentials that end exactly now are over; a millisecond later they are renewed when due', () => {
    const keys = { accessKeyId: 'a', accessKeySecret: 'b' };
    const renew = () => Promise.reject(new Error('no'));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2030-01-01T00:00:00Z') });
    try {
      expect(thrown(() => temporary(keys, 'src', '2030-01-01T00:00:00Z', renew)).exitCode).toBe(3);
      expect(temporary(keys, 'src', '2030-01-01T00:00:00.001Z', renew)).toEqual({ credentials: keys, source: 'src', expiresAt: Date.parse('2030-01-01T00:00:00.001Z'), renew });
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([undefined, 2000, 'soon'])('an Expiration %j that is no date string gives keys without an end', (expiration) => {
    const keys = { accessKeyId: 'a', accessKeySecret: 'b' };
    expect(temporary(keys, 'src', expiration, () => Promise.reject(new Error('no')))).toEqual({ credentials: keys, source: 'src' });
  });
});
