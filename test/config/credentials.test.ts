import { describe, expect, it } from 'vitest';

import { resolveCredentials } from '../../src/config/credentials.js';
import { CredentialsError, UsageError } from '../../src/errors.js';
import { CONFIG_JSON, CREDENTIALS_INI, HOME, akProfile, aliyunConfig, fakeContext, rejected } from './fakeContext.js';

const ENV_PAIR = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret' };
const TF_PAIR = { ALICLOUD_ACCESS_KEY: 'LTAI-tf-id', ALICLOUD_SECRET_KEY: 'tf-secret' };
const INI = '[default]\ntype = access_key\naccess_key_id = LTAI-ini-default-id\naccess_key_secret = ini-default-secret\n\n[ci]\ntype = access_key\naccess_key_id = LTAI-ini-ci-id\naccess_key_secret = ini-ci-secret\n';

describe('resolveCredentials: each source alone', () => {
  it('--profile from ~/.aliyun/config.json', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod'), akProfile('dev')) });
    expect(await resolveCredentials({ profile: 'dev' }, ctx)).toEqual({
      credentials: { accessKeyId: 'LTAI-dev-id', accessKeySecret: 'dev-secret' },
      source: "profile 'dev' in ~/.aliyun/config.json",
    });
  });

  it('--profile from a section of the INI file when config.json lacks it', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod')), [CREDENTIALS_INI]: INI });
    expect(await resolveCredentials({ profile: 'ci' }, ctx)).toEqual({
      credentials: { accessKeyId: 'LTAI-ini-ci-id', accessKeySecret: 'ini-ci-secret' },
      source: "profile 'ci' in ~/.alibabacloud/credentials",
    });
  });

  it('env ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET, with and without a token', async () => {
    // strict: without a token the credentials have no securityToken key at all (envKeys.ts)
    expect(await resolveCredentials({}, fakeContext({}, ENV_PAIR))).toStrictEqual({
      credentials: { accessKeyId: 'LTAI-env-id', accessKeySecret: 'env-secret' },
      source: 'env ALIBABA_CLOUD_ACCESS_KEY_ID',
    });
    expect(await resolveCredentials({}, fakeContext({}, { ...ENV_PAIR, ALIBABA_CLOUD_SECURITY_TOKEN: 'env-token' }))).toEqual({
      credentials: { accessKeyId: 'LTAI-env-id', accessKeySecret: 'env-secret', securityToken: 'env-token' },
      source: 'env ALIBABA_CLOUD_ACCESS_KEY_ID with ALIBABA_CLOUD_SECURITY_TOKEN',
    });
  });

  it("Terraform's ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, with and without a token", async () => {
    expect((await resolveCredentials({}, fakeContext({}, TF_PAIR))).credentials).toEqual({ accessKeyId: 'LTAI-tf-id', accessKeySecret: 'tf-secret' });
    const withToken = await resolveCredentials({}, fakeContext({}, { ...TF_PAIR, ALICLOUD_SECURITY_TOKEN: 'tf-token' }));
    expect(withToken.credentials.securityToken).toBe('tf-token');
    expect(withToken.source).toBe('env ALICLOUD_ACCESS_KEY with ALICLOUD_SECURITY_TOKEN');
  });

  it('the profile ALIBABA_CLOUD_PROFILE names in config.json', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod'), akProfile('dev')) }, { ALIBABA_CLOUD_PROFILE: 'dev' });
    expect((await resolveCredentials({}, ctx)).source).toBe("profile 'dev' in ~/.aliyun/config.json");
  });

  it("config.json's current profile", async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('dev'), akProfile('prod')) });
    expect(await resolveCredentials({}, ctx)).toEqual({
      credentials: { accessKeyId: 'LTAI-prod-id', accessKeySecret: 'prod-secret' },
      source: "profile 'prod' in ~/.aliyun/config.json",
    });
  });

  it('the INI file’s [default] section', async () => {
    expect(await resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: INI }))).toEqual({
      credentials: { accessKeyId: 'LTAI-ini-default-id', accessKeySecret: 'ini-default-secret' },
      source: "profile 'default' in ~/.alibabacloud/credentials",
    });
  });

  it("config.json's current profile without keys gave nothing: the INI file's [default] is next", async () => {
    const keyless = aliyunConfig('default', akProfile('default', { access_key_id: '', access_key_secret: '', region_id: 'cn-beijing' }));
    expect(await resolveCredentials({}, fakeContext({ [CONFIG_JSON]: keyless, [CREDENTIALS_INI]: INI }))).toEqual({
      credentials: { accessKeyId: 'LTAI-ini-default-id', accessKeySecret: 'ini-default-secret' },
      source: "profile 'default' in ~/.alibabacloud/credentials",
    });
    // nothing there either: the report names the keyless profile
    const error = await rejected(() => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: keyless })));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe("profile 'default' in ~/.aliyun/config.json has no access_key_id");
    // a profile picked by name is used as it is
    const picked = fakeContext({ [CONFIG_JSON]: keyless, [CREDENTIALS_INI]: INI }, { ALIBABA_CLOUD_PROFILE: 'default' });
    expect((await rejected(() => resolveCredentials({}, picked))).message).toBe("profile 'default' in ~/.aliyun/config.json has no access_key_id");
  });

  it('the INI section ALIBABA_CLOUD_PROFILE names', async () => {
    const ctx = fakeContext({ [CREDENTIALS_INI]: INI }, { ALIBABA_CLOUD_PROFILE: 'ci' });
    expect((await resolveCredentials({}, ctx)).credentials.accessKeyId).toBe('LTAI-ini-ci-id');
  });

  it('the INI file ALIBABA_CLOUD_CREDENTIALS_FILE names, with ~ expanded', async () => {
    const ctx = fakeContext({ '/etc/ecs/creds': INI, [`${HOME}/creds.ini`]: INI.replace('LTAI-ini-default-id', 'LTAI-home-id') });
    ctx.env.ALIBABA_CLOUD_CREDENTIALS_FILE = '/etc/ecs/creds';
    expect(await resolveCredentials({}, ctx)).toMatchObject({
      credentials: { accessKeyId: 'LTAI-ini-default-id' },
      source: "profile 'default' in /etc/ecs/creds",
    });
    ctx.env.ALIBABA_CLOUD_CREDENTIALS_FILE = '~/creds.ini';
    expect(await resolveCredentials({}, ctx)).toMatchObject({ credentials: { accessKeyId: 'LTAI-home-id' }, source: "profile 'default' in ~/creds.ini" });
  });
});

describe('resolveCredentials: precedence', () => {
  const config = aliyunConfig('prod', akProfile('prod'), akProfile('dev'));

  it('--profile beats env', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: config }, ENV_PAIR);
    expect((await resolveCredentials({ profile: 'dev' }, ctx)).credentials.accessKeyId).toBe('LTAI-dev-id');
  });

  it('env beats the profile ALIBABA_CLOUD_PROFILE names', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: config }, { ...ENV_PAIR, ALIBABA_CLOUD_PROFILE: 'dev' });
    expect((await resolveCredentials({}, ctx)).credentials.accessKeyId).toBe('LTAI-env-id');
  });

  it('env beats current, and never reads a file', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: config }, TF_PAIR);
    expect((await resolveCredentials({}, ctx)).credentials.accessKeyId).toBe('LTAI-tf-id');
    expect(ctx.reads).toEqual([]);
  });

  it('ALIBABA_CLOUD_* beats ALICLOUD_*', async () => {
    const ctx = fakeContext({}, { ...TF_PAIR, ...ENV_PAIR, ALICLOUD_SECURITY_TOKEN: 'tf-token' });
    expect(await resolveCredentials({}, ctx)).toEqual({
      credentials: { accessKeyId: 'LTAI-env-id', accessKeySecret: 'env-secret' },
      source: 'env ALIBABA_CLOUD_ACCESS_KEY_ID',
    });
  });

  it('ALIBABA_CLOUD_PROFILE beats current', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: config }, { ALIBABA_CLOUD_PROFILE: 'dev' });
    expect((await resolveCredentials({}, ctx)).credentials.accessKeyId).toBe('LTAI-dev-id');
  });

  it('config.json beats the INI file, for the same name and for current over [default]', async () => {
    const same = fakeContext({ [CONFIG_JSON]: aliyunConfig(undefined, akProfile('ci')), [CREDENTIALS_INI]: INI });
    expect((await resolveCredentials({ profile: 'ci' }, same)).credentials.accessKeyId).toBe('LTAI-ci-id');
    const current = fakeContext({ [CONFIG_JSON]: config, [CREDENTIALS_INI]: INI });
    expect((await resolveCredentials({}, current)).credentials.accessKeyId).toBe('LTAI-prod-id');
    expect(current.reads).toEqual([CONFIG_JSON]);
  });

  it('falls through to the INI [default] when config.json has no usable current', async () => {
    for (const text of [aliyunConfig(undefined, akProfile('dev')), aliyunConfig('gone', akProfile('dev'))]) {
      const ctx = fakeContext({ [CONFIG_JSON]: text, [CREDENTIALS_INI]: INI });
      expect((await resolveCredentials({}, ctx)).source).toBe("profile 'default' in ~/.alibabacloud/credentials");
    }
  });

  it("a current that names no profile, and nothing else found: exit 3 naming current and the profiles that exist, not 'create config.json'", async () => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: aliyunConfig('gone', akProfile('dev'), akProfile('prod')) })));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`no credentials found: "current" in ~/.aliyun/config.json names profile 'gone', which does not exist; profiles that exist: dev, prod`);
    expect(error.hint).toBe('Pick one with --profile NAME or ALIBABA_CLOUD_PROFILE, or set "current" to one of them.');
    const empty = await rejected(() => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: aliyunConfig('gone') })));
    expect(empty.message).toBe(`no credentials found: "current" in ~/.aliyun/config.json names profile 'gone', which does not exist; it holds no profiles`);
    expect(empty.hint).toBe('Create it with `aliyun configure --profile gone`.');
  });

  it('treats empty env values as unset', async () => {
    const ctx = fakeContext(
      { [CONFIG_JSON]: config },
      { ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', ALICLOUD_ACCESS_KEY: '', ALIBABA_CLOUD_PROFILE: '' },
    );
    expect((await resolveCredentials({}, ctx)).source).toBe("profile 'prod' in ~/.aliyun/config.json");
  });
});

describe('resolveCredentials: aliyun CLI modes', () => {
  it('an StsToken profile yields its token', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('sts', akProfile('sts', { mode: 'StsToken', sts_token: 'the-token' })) });
    expect((await resolveCredentials({}, ctx)).credentials).toEqual({ accessKeyId: 'LTAI-sts-id', accessKeySecret: 'sts-secret', securityToken: 'the-token' });
  });

  it.each(['ak', 'Ak', 'AK'])('reads mode %s case-insensitively, ignoring a stray sts_token', async (mode) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('p', akProfile('p', { mode, sts_token: 'stale' })) });
    expect((await resolveCredentials({}, ctx)).credentials).toEqual({ accessKeyId: 'LTAI-p-id', accessKeySecret: 'p-secret' });
  });

  it.each(['ststoken', 'STSTOKEN'])('reads mode %s case-insensitively', async (mode) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('p', akProfile('p', { mode, sts_token: 'tok' })) });
    expect((await resolveCredentials({}, ctx)).credentials.securityToken).toBe('tok');
  });

  it('treats a profile without a mode as AK', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('old', { name: 'old', access_key_id: 'LTAI-old', access_key_secret: 's' }) });
    expect((await resolveCredentials({}, ctx)).credentials).toEqual({ accessKeyId: 'LTAI-old', accessKeySecret: 's' });
  });

  it.each(['CloudSSO', 'OAuth', 'RsaKeyPair', 'BearerToken', 'Kerberos'])('rejects mode %s, saying what works', async (mode) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('r', { name: 'r', mode, access_key_id: 'LTAI-r', access_key_secret: 's' }) });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      `profile 'r' in ~/.aliyun/config.json uses mode ${mode}, which ecsimg does not support; ` +
        'modes AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, External and CredentialsURI work, ' +
        'and so do the env variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)',
    );
    expect(error.hint).toBeTruthy();
  });

  it.each([
    [{ mode: 'RamRoleArn', access_key_id: 'LTAI-r', access_key_secret: 's' }, 'ram_role_arn'],
    [{ mode: 'ChainableRamRoleArn', ram_role_arn: 'acs:ram::1:role/r' }, 'source_profile'],
    [{ mode: 'OIDC', ram_role_arn: 'acs:ram::1:role/r', oidc_token_file: '/t' }, 'oidc_provider_arn'],
    [{ mode: 'External' }, 'process_command'],
    [{ mode: 'CredentialsURI' }, 'credentials_uri'],
  ])('a profile missing what its mode needs is malformed (exit 2), naming the field: %j', async (fields, missing) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('r', { name: 'r', ...fields }) });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("profile 'r' in ~/.aliyun/config.json");
    expect(error.message).toContain(missing);
  });

  it('EcsRamRole with ALIBABA_CLOUD_ECS_METADATA_DISABLED=true is exit 3 naming the variable, and asks nothing', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('r', { name: 'r', mode: 'EcsRamRole', ram_role_name: 'x' }) });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('ALIBABA_CLOUD_ECS_METADATA_DISABLED=true');
  });

  it.each([
    [{ mode: 'AK', access_key_id: 'LTAI-x' }, 'access_key_secret'],
    [{ mode: 'AK', access_key_id: '', access_key_secret: 's' }, 'access_key_id'],
    [{ mode: 'StsToken', access_key_id: 'LTAI-x', access_key_secret: 's', sts_token: '' }, 'sts_token'],
  ])('names the missing field and the file: %j', async (fields, missing) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('x', { name: 'x', ...fields }) });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`profile 'x' in ~/.aliyun/config.json has no ${missing}`);
    expect(error.hint).toContain('aliyun configure --profile x');
  });
});

describe('resolveCredentials: the INI file', () => {
  it('rejects other types, naming the type', async () => {
    const ctx = fakeContext({ [CREDENTIALS_INI]: '[default]\ntype = rsa_key_pair\npublic_key_id = x\n' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(
      "profile 'default' in ~/.alibabacloud/credentials has type = rsa_key_pair, which ecsimg does not support; type = access_key, ecs_ram_role and ram_role_arn work, " +
        'and so do the profiles of ~/.aliyun/config.json and the env variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)',
    );
  });

  it('requires a type', async () => {
    const ctx = fakeContext({ [CREDENTIALS_INI]: '[default]\naccess_key_id = LTAI\naccess_key_secret = s\n' });
    expect((await rejected(() => resolveCredentials({}, ctx))).message).toBe(
      "profile 'default' in ~/.alibabacloud/credentials has no type; ecsimg supports type = access_key, ecs_ram_role and ram_role_arn",
    );
  });

  it('names a missing key field and the file', async () => {
    const ctx = fakeContext({ [CREDENTIALS_INI]: '[default]\ntype = access_key\naccess_key_secret = s\n' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe("profile 'default' in ~/.alibabacloud/credentials has no access_key_id");
  });

  it('is not read while config.json answers, so its errors do not matter then', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod')), [CREDENTIALS_INI]: 'garbage' });
    expect((await resolveCredentials({}, ctx)).source).toBe("profile 'prod' in ~/.aliyun/config.json");
  });

  it('reports a file ALIBABA_CLOUD_CREDENTIALS_FILE names but that does not exist', async () => {
    const ctx = fakeContext({}, { ALIBABA_CLOUD_CREDENTIALS_FILE: '~/nope' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe('ALIBABA_CLOUD_CREDENTIALS_FILE names ~/nope, which does not exist');
  });

  it('reports an INI syntax error with the file and line', async () => {
    const ctx = fakeContext({ [CREDENTIALS_INI]: '[default]\ntype = access_key\nnot a pair\n' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('~/.alibabacloud/credentials, line 3: expected [section] or key = value');
  });
});

describe('resolveCredentials: errors', () => {
  it('an unknown --profile is a usage error listing the profiles of both files', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod'), akProfile('dev')), [CREDENTIALS_INI]: INI });
    const error = await rejected(() => resolveCredentials({ profile: 'stage' }, ctx));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown profile 'stage'; profiles that exist: prod, dev, default, ci");
    expect(error.hint).toBe('Create it with `aliyun configure --profile stage`, or pick one of the existing profiles.');
  });

  it('an unknown --profile with no files says no profiles exist', async () => {
    expect((await rejected(() => resolveCredentials({ profile: 'stage' }, fakeContext({}, ENV_PAIR)))).message).toBe(
      "unknown profile 'stage'; no profiles exist yet",
    );
  });

  it('an unknown ALIBABA_CLOUD_PROFILE is a usage error naming the variable', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod')) }, { ALIBABA_CLOUD_PROFILE: 'stage' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("unknown profile 'stage' (from ALIBABA_CLOUD_PROFILE); profiles that exist: prod");
  });

  it('an empty --profile is a usage error, not a fallback', async () => {
    const error = await rejected(() => resolveCredentials({ profile: '' }, fakeContext({}, ENV_PAIR)));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe('--profile is empty');
  });

  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-x' }, 'ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 's', ALIBABA_CLOUD_ACCESS_KEY_ID: '' }, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not'],
    [{ ALICLOUD_ACCESS_KEY: 'LTAI-x' }, 'ALICLOUD_ACCESS_KEY is set but ALICLOUD_SECRET_KEY is not'],
    [{ ALICLOUD_SECRET_KEY: 's', ...ENV_PAIR, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }, 'ALIBABA_CLOUD_ACCESS_KEY_ID is set but ALIBABA_CLOUD_ACCESS_KEY_SECRET is not'],
  ])('half a key pair in env is a credentials error naming the missing variable: %j', async (env, message) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('prod', akProfile('prod')) }, env);
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(message);
  });

  it('nothing found is exit 3 naming the env variables and the config file', async () => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: '[other]\ntype = access_key\n' })));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.exitCode).toBe(3);
    for (const name of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', '~/.aliyun/config.json', 'aliyun configure']) {
      expect(error.message).toContain(name);
    }
  });

  it('a malformed config.json is a usage error with the file and line', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: '{\n  "current": "prod",\n  "profiles": [,]\n}' });
    const error = await rejected(() => resolveCredentials({}, ctx));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toMatch(/^~\/\.aliyun\/config\.json, line 3: not valid JSON: /);
  });
});

describe('resolveCredentials: which current profiles fall through to the INI file', () => {
  const INI_DEFAULT = "profile 'default' in ~/.alibabacloud/credentials";
  const withIni = (profile: Record<string, unknown>) => fakeContext({ [CONFIG_JSON]: aliyunConfig('cur', { name: 'cur', ...profile }), [CREDENTIALS_INI]: INI });

  it.each([
    ['an StsToken profile without keys', { mode: 'StsToken', sts_token: 'tok' }],
    ['a profile with no mode and no keys', { region_id: 'cn-beijing' }],
  ])('%s gives nothing: the INI [default] is used', async (_name, fields) => {
    expect((await resolveCredentials({}, withIni(fields))).source).toBe(INI_DEFAULT);
  });

  it.each([
    ['only its access_key_id', { mode: 'AK', access_key_id: 'LTAI-half' }, "profile 'cur' in ~/.aliyun/config.json has no access_key_secret"],
    ['only its access_key_secret', { mode: 'AK', access_key_secret: 's' }, "profile 'cur' in ~/.aliyun/config.json has no access_key_id"],
  ])('a profile holding %s is used, and its missing key reported', async (_name, fields, message) => {
    const error = await rejected(() => resolveCredentials({}, withIni(fields)));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(message);
  });

  it('a RamRoleArn profile holds no key of its own by design: it is used, not skipped', async () => {
    const error = await rejected(() => resolveCredentials({}, withIni({ mode: 'RamRoleArn', ram_role_arn: 'acs:ram::1:role/r' })));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain("profile 'cur' in ~/.aliyun/config.json");
  });

  it('a keyless INI section is not skipped for the next source', async () => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({ [CREDENTIALS_INI]: '[default]\ntype = access_key\n' })));
    expect(error.message).toBe("profile 'default' in ~/.alibabacloud/credentials has no access_key_id");
  });
});

describe('resolveCredentials: hints, in full', () => {
  it('nothing found names every other source', async () => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({})));
    expect(error.hint).toBe(
      'An STS token goes in ALIBABA_CLOUD_SECURITY_TOKEN. Pick a profile with --profile NAME or ALIBABA_CLOUD_PROFILE; ' +
        'a [default] section with type = access_key in ~/.alibabacloud/credentials works too, and so do ' +
        'ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE, ' +
        'an ECS instance RAM role and ALIBABA_CLOUD_CREDENTIALS_URI (README: "Where it finds credentials").',
    );
  });

  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI-x' }, 'Set both ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or unset ALIBABA_CLOUD_ACCESS_KEY_ID to use a profile.'],
    [{ ALICLOUD_SECRET_KEY: 's' }, 'Set both ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY, or unset ALICLOUD_SECRET_KEY to use a profile.'],
  ])('half a key pair in env: %j', async (env, hint) => {
    expect((await rejected(() => resolveCredentials({}, fakeContext({}, env)))).hint).toBe(hint);
  });

  it.each([
    [{ mode: 'AK', access_key_id: 'LTAI-x' }, 'Set it with `aliyun configure --profile x --mode AK`.'],
    [{ access_key_id: 'LTAI-x' }, 'Set it with `aliyun configure --profile x --mode AK`.'],
    [{ mode: 'StsToken', access_key_id: 'LTAI-x', access_key_secret: 's' }, 'Set it with `aliyun configure --profile x --mode StsToken`.'],
  ])('a missing key field names the mode to set it with: %j', async (fields, hint) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('x', { name: 'x', ...fields }) });
    expect((await rejected(() => resolveCredentials({}, ctx))).hint).toBe(hint);
  });

  it('the INI file: a missing key field, a missing type', async () => {
    const noKey = fakeContext({ [CREDENTIALS_INI]: '[default]\ntype = access_key\naccess_key_id = LTAI\n' });
    expect((await rejected(() => resolveCredentials({}, noKey))).hint).toBe('Add it to the [default] section of ~/.alibabacloud/credentials.');
    const noType = fakeContext({ [CREDENTIALS_INI]: '[ci]\naccess_key_id = LTAI\n' }, { ALIBABA_CLOUD_PROFILE: 'ci' });
    expect((await rejected(() => resolveCredentials({}, noType))).hint).toBe('Add `type = access_key` to the [ci] section.');
  });

  it.each([
    ['CloudSSO', 'sign in with `aliyun configure --mode CloudSSO`, then use an External profile whose process_command prints the keys'],
    ['OAuth', 'use an External profile whose process_command prints the keys, or a RamRoleArn profile'],
    ['RsaKeyPair', 'RSA key pairs are retired by Alibaba Cloud; use an AK or RamRoleArn profile'],
    ['BearerToken', 'bearer tokens do not sign ECS API calls; use an AK, RamRoleArn or External profile'],
    ['Kerberos', 'Create a supported one with `aliyun configure --profile NAME --mode AK` and pass --profile NAME.'],
  ])('an unsupported mode %s says what to use instead', async (mode, hint) => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('r', { name: 'r', mode }) });
    expect((await rejected(() => resolveCredentials({}, ctx))).hint).toBe(hint);
  });

  it('ChainableRamRoleArn: no source_profile, a loop, an unknown one', async () => {
    const chain = (...profiles: Record<string, unknown>[]) => fakeContext({ [CONFIG_JSON]: aliyunConfig('a', ...profiles) });
    const role = { mode: 'ChainableRamRoleArn', ram_role_arn: 'acs:ram::1:role/r' };
    const none = await rejected(() => resolveCredentials({}, chain({ name: 'a', ...role })));
    expect([none.message, none.hint]).toEqual([
      "profile 'a' in ~/.aliyun/config.json (mode ChainableRamRoleArn) has no source_profile",
      'Name the profile whose credentials assume the role in "source_profile".',
    ]);
    const loop = await rejected(() => resolveCredentials({}, chain({ name: 'a', ...role, source_profile: 'b' }, { name: 'b', ...role, source_profile: 'a' })));
    expect([loop.exitCode, loop.message, loop.hint]).toEqual([
      2,
      "profile 'b' in ~/.aliyun/config.json: source_profile makes a loop: a -> b -> a",
      'Make one profile in the chain hold its own credentials (AK, EcsRamRole, ...).',
    ]);
    const unknown = await rejected(() => resolveCredentials({}, chain({ name: 'a', ...role, source_profile: 'z' })));
    expect([unknown.exitCode, unknown.message]).toEqual([2, "profile 'a' in ~/.aliyun/config.json names source_profile 'z', which does not exist"]);
  });
});

describe('resolveCredentials: a profile name in a suggested command line is quoted for the shell', () => {
  it('an unknown --profile', async () => {
    const error = await rejected(() => resolveCredentials({ profile: 'my prod' }, fakeContext({}, ENV_PAIR)));
    // no profile exists, so there is none to pick
    expect(error.hint).toBe("Create it with `aliyun configure --profile 'my prod'`.");
  });

  it('a missing key field', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig("it's", { name: "it's", mode: 'AK', access_key_id: 'LTAI-x' }) });
    expect((await rejected(() => resolveCredentials({}, ctx))).hint).toBe("Set it with `aliyun configure --profile 'it'\\''s' --mode AK`.");
  });

  it('a missing setting of the mode', async () => {
    const ctx = fakeContext({ [CONFIG_JSON]: aliyunConfig('a;b', { name: 'a;b', mode: 'RamRoleArn', access_key_id: 'LTAI-x', access_key_secret: 's' }) });
    expect((await rejected(() => resolveCredentials({}, ctx))).hint).toBe(
      "Add \"ram_role_arn\" to the profile, e.g. with `aliyun configure --profile 'a;b' --mode RamRoleArn`.",
    );
  });
});
