// Each credentials source, alone and in pairs, against the emulator: what the emulator
// received (AccessKeyId, SecurityToken) shows which source won.
import { describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();
const HOME = '/home/test';
const CONFIG = `${HOME}/.aliyun/config.json`;
const INI = `${HOME}/.alibabacloud/credentials`;
const AK = EMULATOR_CREDENTIALS;
const STS = EMULATOR_STS_CREDENTIALS;

function aliyunConfig(current: string, profiles: Record<string, unknown>[]): string {
  return JSON.stringify({ current, profiles }, null, 2);
}
const akProfile = (name: string, extra: Record<string, string> = {}) => ({
  name,
  mode: 'AK',
  access_key_id: AK.accessKeyId,
  access_key_secret: AK.accessKeySecret,
  region_id: 'cn-beijing',
  ...extra,
});
const stsProfile = (name: string) => ({
  name,
  mode: 'StsToken',
  access_key_id: STS.accessKeyId,
  access_key_secret: STS.accessKeySecret,
  sts_token: STS.securityToken,
  region_id: 'cn-shanghai',
});
const iniFile = `[default]\ntype = access_key\naccess_key_id = ${AK.accessKeyId}\naccess_key_secret = ${AK.accessKeySecret}\nregion_id = cn-shenzhen\n`;

/** env with only the endpoint: no key, no region */
const bareEnv = (extra: Record<string, string> = {}) => ({ ALIBABA_CLOUD_ECS_ENDPOINT: emulator.current.endpoint, ...extra });

async function listOnce(args: string[], env: Record<string, string>, files: Record<string, string> = {}) {
  emulator.current.resetStats();
  const result = await runInProcess(['list', '--limit', '1', '-o', 'json', ...args], { env, files, homeDir: HOME });
  const received = emulator.current.stats.requests[0];
  return { result, received };
}

describe('credentials sources against the emulator', () => {
  it('env ALIBABA_CLOUD_* alone', async () => {
    const { result, received } = await listOnce(['--region', 'cn-hangzhou'], bareEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret }));
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(AK.accessKeyId);
    expect(received?.securityToken).toBeUndefined();
  });

  it("env with an STS token sends it; Terraform's ALICLOUD_* works too", async () => {
    const sts = await listOnce(['--region', 'cn-hangzhou'], bareEnv({ ALICLOUD_ACCESS_KEY: STS.accessKeyId, ALICLOUD_SECRET_KEY: STS.accessKeySecret, ALICLOUD_SECURITY_TOKEN: STS.securityToken }));
    expect(sts.result.code).toBe(0);
    expect(sts.received?.accessKeyId).toBe(STS.accessKeyId);
    expect(sts.received?.securityToken).toBe(STS.securityToken);
  });

  it("config.json's current AK profile alone, with its region_id", async () => {
    const { result, received } = await listOnce([], bareEnv(), { [CONFIG]: aliyunConfig('dev', [akProfile('dev')]) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(AK.accessKeyId);
    expect(received?.regionId).toBe('cn-beijing');
  });

  it('a StsToken profile sends its token', async () => {
    const { result, received } = await listOnce([], bareEnv(), { [CONFIG]: aliyunConfig('tmp', [stsProfile('tmp')]) });
    expect(result.code).toBe(0);
    expect(received?.securityToken).toBe(STS.securityToken);
    expect(received?.regionId).toBe('cn-shanghai');
  });

  it('the INI credentials file alone', async () => {
    const { result, received } = await listOnce([], bareEnv(), { [INI]: iniFile });
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(AK.accessKeyId);
    expect(received?.regionId).toBe('cn-shenzhen');
  });

  it('--profile beats env', async () => {
    const env = bareEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIfromenv000000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong' });
    const { result, received } = await listOnce(['--profile', 'tmp'], env, { [CONFIG]: aliyunConfig('dev', [akProfile('dev'), stsProfile('tmp')]) });
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(STS.accessKeyId);
  });

  it('env beats the profile named by ALIBABA_CLOUD_PROFILE', async () => {
    const env = bareEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret, ALIBABA_CLOUD_PROFILE: 'tmp' });
    const { result, received } = await listOnce([], env, { [CONFIG]: aliyunConfig('dev', [stsProfile('tmp')]) });
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(AK.accessKeyId);
    // region still comes from that profile: env gave none
    expect(received?.regionId).toBe('cn-shanghai');
  });

  it('config.json beats the INI file', async () => {
    const { result, received } = await listOnce([], bareEnv(), { [CONFIG]: aliyunConfig('tmp', [stsProfile('tmp')]), [INI]: iniFile });
    expect(result.code).toBe(0);
    expect(received?.accessKeyId).toBe(STS.accessKeyId);
  });

  it('--debug says where credentials and region came from, and shows no secret', async () => {
    const { result } = await listOnce(['--debug'], bareEnv(), { [CONFIG]: aliyunConfig('tmp', [stsProfile('tmp')]) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("credentials: profile 'tmp' in ~/.aliyun/config.json");
    expect(result.stderr).toMatch(/region: cn-shanghai \(from .*tmp/);
    for (const secret of [STS.accessKeySecret, STS.securityToken, STS.accessKeyId]) expect(result.stderr).not.toContain(secret);
  });

  it('a CloudSSO profile is exit 3 naming the mode and what works instead', async () => {
    const config = aliyunConfig('sso', [{ name: 'sso', mode: 'CloudSSO', cloud_sso_sign_in_url: 'https://signin.example.com', region_id: 'cn-hangzhou' }]);
    const { result } = await listOnce([], bareEnv(), { [CONFIG]: config });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('uses mode CloudSSO, which ecsimg does not support');
    expect(result.stderr).toContain('External profile');
    expect(emulator.current.stats.total).toBe(0);
  });

  it('an unknown --profile is exit 2 listing the profiles that exist', async () => {
    const { result } = await listOnce(['--profile', 'prod'], bareEnv({ ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' }), { [CONFIG]: aliyunConfig('dev', [akProfile('dev'), stsProfile('tmp')]) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown profile 'prod'");
    expect(result.stderr).toContain('dev, tmp');
  });
});

describe('config files that are not needed', () => {
  const broken = { [CONFIG]: '{ "current": "dev", "profiles": [ {' };
  const envKeys = { ALIBABA_CLOUD_ACCESS_KEY_ID: AK.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK.accessKeySecret };
  // --dry-run sends nothing.
  const dryRun = (args: string[], env: Record<string, string>, files: Record<string, string> = {}) =>
    runInProcess(['list', '--dry-run', ...args], { env, files, homeDir: HOME });

  it('a broken config.json does not stop a run whose credentials and region come from env and flags', async () => {
    const result = await dryRun(['--region', 'cn-hangzhou'], envKeys, broken);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { Endpoint: string }[])[0]!.Endpoint).toBe('https://ecs.cn-hangzhou.aliyuncs.com');
  });

  it('nor does a missing ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    const result = await dryRun(['--region', 'cn-hangzhou'], { ...envKeys, ALIBABA_CLOUD_CREDENTIALS_FILE: '/nope/credentials' });
    expect(result.code).toBe(0);
  });

  it('but when the region has to come from that file, the broken file is reported with its line', async () => {
    const result = await dryRun([], envKeys, broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('~/.aliyun/config.json, line 1');
  });

  it('and with --profile the broken file is reported too', async () => {
    const result = await dryRun(['--region', 'cn-hangzhou', '--profile', 'dev'], envKeys, broken);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('~/.aliyun/config.json, line 1');
  });

  it('a --profile that does not exist is exit 2 even where nothing else needs it', async () => {
    const result = await dryRun(['--region', 'cn-hangzhou', '--profile', 'typo'], envKeys);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ecsimg: unknown profile 'typo'/);
  });

  it("a profile's endpoint field is not used: the endpoint follows the region (SPEC section 2)", async () => {
    const config = JSON.stringify({ current: 'dev', profiles: [{ name: 'dev', mode: 'AK', access_key_id: AK.accessKeyId, access_key_secret: AK.accessKeySecret, region_id: 'cn-beijing', endpoint: 'http://127.0.0.1:9' }] });
    const result = await dryRun([], {}, { [CONFIG]: config });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { Endpoint: string }[])[0]!.Endpoint).toBe('https://ecs.cn-beijing.aliyuncs.com');
  });
});
