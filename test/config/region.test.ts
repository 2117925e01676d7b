import { describe, expect, it } from 'vitest';

import { resolveEndpoint, resolveRegion } from '../../src/config/region.js';
import { UsageError } from '../../src/errors.js';
import { CONFIG_JSON, CREDENTIALS_INI, akProfile, aliyunConfig, fakeContext, thrown } from './fakeContext.js';

const CONFIG = aliyunConfig(
  'prod',
  akProfile('prod', { region_id: 'cn-hangzhou', endpoint: 'https://ecs-vpc.cn-hangzhou.aliyuncs.com/' }),
  akProfile('dev', { region_id: 'cn-beijing' }),
  akProfile('bare'),
);
const INI = '[default]\ntype = access_key\nregion_id = eu-central-1\n[ci]\nregion_id = ap-southeast-1\nendpoint = http://127.0.0.1:9000\n';

describe('resolveRegion: each source alone', () => {
  it('--region, passed through raw (lists and all are the caller’s to parse)', () => {
    expect(resolveRegion({ region: 'cn-shanghai' }, fakeContext())).toEqual({ value: 'cn-shanghai', source: '--region' });
    expect(resolveRegion({ region: 'cn-shanghai,eu-central-1' }, fakeContext()).value).toBe('cn-shanghai,eu-central-1');
    expect(resolveRegion({ region: 'all' }, fakeContext()).value).toBe('all');
  });

  it('env ALIBABA_CLOUD_REGION_ID', () => {
    expect(resolveRegion({}, fakeContext({}, { ALIBABA_CLOUD_REGION_ID: 'cn-shenzhen' }))).toEqual({
      value: 'cn-shenzhen',
      source: 'env ALIBABA_CLOUD_REGION_ID',
    });
  });

  it("Terraform's env ALICLOUD_REGION", () => {
    expect(resolveRegion({}, fakeContext({}, { ALICLOUD_REGION: 'us-west-1' }))).toEqual({ value: 'us-west-1', source: 'env ALICLOUD_REGION' });
  });

  it("config.json's current profile", () => {
    expect(resolveRegion({}, fakeContext({ [CONFIG_JSON]: CONFIG }))).toEqual({
      value: 'cn-hangzhou',
      source: "profile 'prod' in ~/.aliyun/config.json",
    });
  });

  it('the --profile profile, from either file', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG, [CREDENTIALS_INI]: INI });
    expect(resolveRegion({ profile: 'dev' }, ctx).value).toBe('cn-beijing');
    expect(resolveRegion({ profile: 'ci' }, ctx)).toEqual({ value: 'ap-southeast-1', source: "profile 'ci' in ~/.alibabacloud/credentials" });
  });

  it('the profile ALIBABA_CLOUD_PROFILE names', () => {
    expect(resolveRegion({}, fakeContext({ [CONFIG_JSON]: CONFIG }, { ALIBABA_CLOUD_PROFILE: 'dev' })).value).toBe('cn-beijing');
  });

  it('the INI [default] section when there is no config.json', () => {
    expect(resolveRegion({}, fakeContext({ [CREDENTIALS_INI]: INI }))).toEqual({
      value: 'eu-central-1',
      source: "profile 'default' in ~/.alibabacloud/credentials",
    });
  });
});

describe('resolveRegion: precedence', () => {
  const env = { ALIBABA_CLOUD_REGION_ID: 'from-env', ALICLOUD_REGION: 'from-tf' };

  it('--region beats env', () => {
    expect(resolveRegion({ region: 'from-flag' }, fakeContext({ [CONFIG_JSON]: CONFIG }, env)).value).toBe('from-flag');
  });

  it('ALIBABA_CLOUD_REGION_ID beats ALICLOUD_REGION', () => {
    expect(resolveRegion({}, fakeContext({}, env)).value).toBe('from-env');
  });

  it('env beats the profile, even one given with --profile', () => {
    expect(resolveRegion({ profile: 'dev' }, fakeContext({ [CONFIG_JSON]: CONFIG }, { ALICLOUD_REGION: 'from-tf' })).value).toBe('from-tf');
  });

  it('--profile beats ALIBABA_CLOUD_PROFILE beats current', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG, [CREDENTIALS_INI]: INI }, { ALIBABA_CLOUD_PROFILE: 'ci' });
    expect(resolveRegion({ profile: 'dev' }, ctx).value).toBe('cn-beijing');
    expect(resolveRegion({}, ctx).value).toBe('ap-southeast-1');
    delete ctx.env.ALIBABA_CLOUD_PROFILE;
    expect(resolveRegion({}, ctx).value).toBe('cn-hangzhou');
  });

  it('ignores empty env values', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG }, { ALIBABA_CLOUD_REGION_ID: '', ALICLOUD_REGION: ' ', ALIBABA_CLOUD_PROFILE: '' });
    expect(resolveRegion({}, ctx).value).toBe('cn-hangzhou');
  });
});

describe('resolveRegion: errors', () => {
  it('none found is the documented usage error', () => {
    const error = thrown(() => resolveRegion({}, fakeContext()));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('no region: pass --region or set ALIBABA_CLOUD_REGION_ID');
    expect(error.hint).toContain('--profile');
  });

  it('a profile without region_id gets a hint naming it', () => {
    const error = thrown(() => resolveRegion({ profile: 'bare' }, fakeContext({ [CONFIG_JSON]: CONFIG })));
    expect(error.message).toBe('no region: pass --region or set ALIBABA_CLOUD_REGION_ID');
    expect(error.hint).toContain("add region_id to profile 'bare' in ~/.aliyun/config.json");
  });

  it('an unknown --profile is reported as such', () => {
    const error = thrown(() => resolveRegion({ profile: 'nope' }, fakeContext({ [CONFIG_JSON]: CONFIG })));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toBe("unknown profile 'nope'; profiles that exist: prod, dev, bare");
  });

  it('an unknown ALIBABA_CLOUD_PROFILE only means no profile region', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG }, { ALIBABA_CLOUD_PROFILE: 'nope' });
    expect(thrown(() => resolveRegion({}, ctx)).message).toBe('no region: pass --region or set ALIBABA_CLOUD_REGION_ID');
    expect(resolveRegion({ region: 'cn-hangzhou' }, ctx).value).toBe('cn-hangzhou');
  });

  it('an empty --region is a usage error, not a fallback to another region', () => {
    expect(thrown(() => resolveRegion({ region: '' }, fakeContext({}, { ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' }))).message).toBe('--region is empty');
  });
});

describe('resolveEndpoint', () => {
  it('is undefined when nothing sets one, whatever a profile says (SPEC section 2)', () => {
    expect(resolveEndpoint({}, fakeContext())).toBeUndefined();
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG, [CREDENTIALS_INI]: INI }, { ALIBABA_CLOUD_PROFILE: 'ci' });
    expect(resolveEndpoint({}, ctx)).toBeUndefined();
  });

  it('--endpoint beats env, stripping a trailing slash', () => {
    const ctx = fakeContext({ [CONFIG_JSON]: CONFIG }, { ALIBABA_CLOUD_ECS_ENDPOINT: 'http://127.0.0.1:8080/' });
    expect(resolveEndpoint({ endpoint: 'https://ecs.cn-beijing.aliyuncs.com/' }, ctx)).toEqual({
      value: 'https://ecs.cn-beijing.aliyuncs.com',
      source: '--endpoint',
    });
    expect(resolveEndpoint({}, ctx)).toEqual({ value: 'http://127.0.0.1:8080', source: 'env ALIBABA_CLOUD_ECS_ENDPOINT' });
  });

  it.each([
    ['HTTP://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['Https://ECS.cn-hangzhou.aliyuncs.com/', 'https://ecs.cn-hangzhou.aliyuncs.com'],
    ['https:ecs.cn-beijing.aliyuncs.com', 'https://ecs.cn-beijing.aliyuncs.com'],
    ['http:\\\\127.0.0.1:8080\\', 'http://127.0.0.1:8080'],
    ['http://[::1]:8080/api/', 'http://[::1]:8080/api'],
  ])('writes %j in the one form pop-core accepts: %j', (endpoint, value) => {
    expect(resolveEndpoint({ endpoint }, fakeContext())).toEqual({ value, source: '--endpoint' });
    expect(resolveEndpoint({}, fakeContext({}, { ALIBABA_CLOUD_ECS_ENDPOINT: endpoint }))?.value).toBe(value);
  });

  it.each([
    ['ecs.cn-hangzhou.aliyuncs.com', "--endpoint: 'ecs.cn-hangzhou.aliyuncs.com' is not an http:// or https:// URL"],
    ['ftp://ecs.example.com', "--endpoint: 'ftp://ecs.example.com' is not an http:// or https:// URL"],
    ['https://', "--endpoint: 'https://' is not an http:// or https:// URL"],
    ['', "--endpoint: '' is not an http:// or https:// URL"],
    ['https://ecs.example.com/?x=1', "--endpoint: 'https://ecs.example.com/?x=1' must not have a ?query or #fragment"],
    ['https://user:pw@ecs.example.com', '--endpoint: the URL must not contain a user name or password'],
  ])('rejects --endpoint %j', (endpoint, message) => {
    const error = thrown(() => resolveEndpoint({ endpoint }, fakeContext()));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(message);
  });

  it('names where a bad endpoint came from', () => {
    const fromEnv = thrown(() => resolveEndpoint({}, fakeContext({}, { ALIBABA_CLOUD_ECS_ENDPOINT: 'localhost:8080' })));
    expect(fromEnv.message).toBe("ALIBABA_CLOUD_ECS_ENDPOINT: 'localhost:8080' is not an http:// or https:// URL");
  });
});
