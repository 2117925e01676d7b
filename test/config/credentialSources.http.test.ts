// Each credential source of issue 12 end to end: ecsimg against the emulator's STS, metadata
// service and credentials URI over real HTTP; the ECS API's stats show which key and token
// the source produced.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_CREDENTIALS,
  EMULATOR_EXPIRED_OIDC_TOKEN,
  EMULATOR_EXTERNAL_ID,
  EMULATOR_EXTERNAL_ID_ROLE_ARN,
  EMULATOR_INSTANCE_ROLE_NAME,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  EMULATOR_STS_CREDENTIALS,
} from '../../src/emulator/index.js';
import { runBin, runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { closedPort } from '../support/loopbackServer.js';

const emulator = useEmulator();
const HOME = '/home/test';
const CONFIG = `${HOME}/.aliyun/config.json`;
const INI = `${HOME}/.alibabacloud/credentials`;
const TOKEN_FILE = '/var/run/oidc/token';
const AK = EMULATOR_CREDENTIALS;
const STS = EMULATOR_STS_CREDENTIALS;
const SECRETS = [AK.accessKeySecret, STS.accessKeySecret, STS.securityToken, EMULATOR_OIDC_TOKEN, AK.accessKeyId, STS.accessKeyId];

const config = (current: string, ...profiles: Record<string, unknown>[]): string => JSON.stringify({ current, profiles });
const ak = (name: string) => ({ name, mode: 'AK', access_key_id: AK.accessKeyId, access_key_secret: AK.accessKeySecret });
const ramRole = (name: string, extra: Record<string, unknown> = {}) => ({ ...ak(name), mode: 'RamRoleArn', ram_role_arn: EMULATOR_ROLE_ARN, ram_session_name: 'ecsimg-test', ...extra });

/** the endpoints of the emulator; no key, region cn-hangzhou */
const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  ALIBABA_CLOUD_ECS_ENDPOINT: emulator.current.endpoint,
  ALIBABA_CLOUD_STS_ENDPOINT: emulator.current.endpoint,
  ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
  ...extra,
});
/** the metadata service switched on, at the emulator */
const withMetadata = (extra: Record<string, string> = {}): Record<string, string> =>
  env({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: emulator.current.endpoint, ...extra });

async function list(args: string[], runEnv: Record<string, string>, files: Record<string, string> = {}, limit: string[] = ['--limit', '1']) {
  emulator.current.resetStats();
  const result = await runInProcess(['list', ...limit, '-o', 'json', ...args], { env: runEnv, files, homeDir: HOME });
  const { requests } = emulator.current.stats;
  const ecs = requests.filter((r) => r.service === 'ecs');
  const sts = requests.filter((r) => r.service === 'sts');
  const metadata = requests.filter((r) => r.service === 'metadata');
  return { result, ecs, sts, metadata };
}

function expectEcsSawSts(ecs: { accessKeyId?: string; securityToken?: string }[]): void {
  expect(ecs.length).toBeGreaterThan(0);
  for (const request of ecs) {
    expect(request.accessKeyId).toBe(STS.accessKeyId);
    expect(request.securityToken).toBe(STS.securityToken);
  }
}

afterEach(() => emulator.current.setFaults({}));

describe('RamRoleArn and ChainableRamRoleArn', () => {
  it('a RamRoleArn profile assumes the role with its own key; ECS sees the STS key and token', async () => {
    const { result, ecs, sts } = await list(['--debug'], env(), { [CONFIG]: config('role', ramRole('role', { expired_seconds: 1800 })) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`credentials: profile 'role' in ~/.aliyun/config.json (RamRoleArn: role ${EMULATOR_ROLE_ARN}, signed with its access_key_id) (AccessKeyId ****0002)`);
    expect(result.stderr).toContain('request AssumeRole');
    for (const secret of SECRETS) expect(result.stderr).not.toContain(secret);
    expect(sts).toHaveLength(1);
    expect(sts[0]).toMatchObject({ action: 'AssumeRole', accessKeyId: AK.accessKeyId });
    expect(sts[0]?.params).toMatchObject({ RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'ecsimg-test', DurationSeconds: '1800' });
    expectEcsSawSts(ecs);
  });

  it('one AssumeRole for several regions', async () => {
    const { result, ecs, sts } = await list(['--region', 'cn-hangzhou,cn-beijing,cn-shanghai', '--owner', 'self'], env(), { [CONFIG]: config('role', ramRole('role')) }, []);
    expect(result.code).toBe(0);
    expect(new Set(ecs.map((r) => r.regionId))).toEqual(new Set(['cn-hangzhou', 'cn-beijing', 'cn-shanghai']));
    expect(sts).toHaveLength(1);
    expectEcsSawSts(ecs);
  });

  it('sends external_id', async () => {
    const profile = ramRole('role', { ram_role_arn: EMULATOR_EXTERNAL_ID_ROLE_ARN, external_id: EMULATOR_EXTERNAL_ID });
    const { result, ecs, sts } = await list([], env(), { [CONFIG]: config('role', profile) });
    expect(result.code).toBe(0);
    expect(sts[0]?.params.ExternalId).toBe(EMULATOR_EXTERNAL_ID);
    expectEcsSawSts(ecs);
  });

  it('a refused AssumeRole is exit 3 naming the profile and the role, no ECS request', async () => {
    emulator.current.setFaults({ assumeRoleDenied: true });
    const { result, ecs } = await list([], env(), { [CONFIG]: config('role', ramRole('role')) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("profile 'role' in ~/.aliyun/config.json (RamRoleArn, AssumeRole");
    expect(result.stderr).toContain('STS refused to let these credentials assume the role');
    expect(result.stderr).toContain('NoPermission');
    expect(ecs).toHaveLength(0);
  });

  it('a wrong secret is exit 3; what STS echoes (its string to sign) is never printed, also with --debug', async () => {
    const wrong = 'WrongSecretForTheEmulatorKey0001';
    const { result, ecs } = await list(['--debug'], env(), { [CONFIG]: config('role', ramRole('role', { access_key_secret: wrong })) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("profile 'role' in ~/.aliyun/config.json (RamRoleArn, AssumeRole");
    expect(result.stderr).toContain('SignatureDoesNotMatch');
    for (const secret of [...SECRETS, wrong]) expect(result.stderr).not.toContain(secret);
    expect(ecs).toHaveLength(0);
  });

  it('STS handing out credentials that have expired: exit 3 naming the source, no ECS request, the token not printed', async () => {
    emulator.current.setFaults({ expiredCredentials: true });
    const { result, sts, ecs } = await list([], env(), { [CONFIG]: config('role', ramRole('role')) });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^ecsimg: profile 'role' in ~\/.aliyun\/config.json \(RamRoleArn: role .*\): the credentials it handed out expired at \d{4}-\d\d-\d\dT[\d:]+Z$/m);
    expect(sts).toHaveLength(1);
    expect(ecs).toHaveLength(0);
    expect(result.stderr).not.toContain('CAIS');
  });

  it.each([
    ['the metadata service', () => withMetadata(), /^ecsimg: the instance metadata service: role EcsimgEmulatorInstanceRole: the credentials it handed out expired at /m],
    ['a credentials URI', () => env({ ALIBABA_CLOUD_CREDENTIALS_URI: `${emulator.current.endpoint}/credentials` }), /^ecsimg: env ALIBABA_CLOUD_CREDENTIALS_URI: 127.0.0.1:\d+: the credentials it handed out expired at /m],
  ])('%s handing out expired credentials: exit 3 naming it, no ECS request', async (_name, runEnv, message) => {
    emulator.current.setFaults({ expiredCredentials: true });
    const { result, ecs } = await list([], runEnv());
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(message);
    expect(ecs).toHaveLength(0);
  });

  it('a run that outlives its credentials renews them and finishes (--credentials-ttl: the ECS API refuses them once expired)', async () => {
    emulator.current.setFaults({ credentialsTtlS: 2, latencyMs: 400 });
    const started = Date.now();
    const args = ['--region', 'cn-hangzhou,cn-beijing', '--concurrency', '1', '--debug'];
    const { result, ecs, sts } = await list(args, env(), { [CONFIG]: config('role', ramRole('role')) }, []);
    expect(result.stderr).not.toContain('InvalidSecurityToken');
    expect(result.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(2000);
    expect(ecs.length).toBeGreaterThanOrEqual(6);
    expect(sts.length).toBeGreaterThan(1);
    expect(result.stderr).toContain("credentials renewed: profile 'role' in ~/.aliyun/config.json (RamRoleArn");
    for (const request of ecs) expect(request.securityToken).toMatch(/^CAISEmulatorTestSecurityTokenNotReal0002\+Valid\/Until\/\d+==$/);
    for (const token of new Set(ecs.map((r) => r.securityToken))) expect(result.stderr).not.toContain(token);
  });

  it('STS down is exit 4 naming the profile', async () => {
    emulator.current.setFaults({ down: { sts: 'close' } });
    const { result } = await list(['--retries', '0'], env(), { [CONFIG]: config('role', ramRole('role')) });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("profile 'role' in ~/.aliyun/config.json (RamRoleArn");
    expect(result.stderr).toContain('STS is at 127.0.0.1');
    expect(result.stderr).not.toContain('ECS');
  });

  it('without ALIBABA_CLOUD_STS_ENDPOINT, the profile\'s sts_endpoint is used', async () => {
    const profile = ramRole('role', { sts_endpoint: emulator.current.endpoint.replace(/^http:\/\//, 'http://') });
    const runEnv = env();
    delete runEnv.ALIBABA_CLOUD_STS_ENDPOINT;
    const { result, sts } = await list([], runEnv, { [CONFIG]: config('role', profile) });
    expect(result.code).toBe(0);
    expect(sts).toHaveLength(1);
  });

  it('ChainableRamRoleArn signs with its source profile, itself any mode', async () => {
    const chained = { name: 'chain', mode: 'ChainableRamRoleArn', source_profile: 'role', ram_role_arn: EMULATOR_ROLE_ARN };
    const { result, ecs, sts } = await list([], env(), { [CONFIG]: config('chain', chained, ramRole('role')) });
    expect(result.code).toBe(0);
    expect(sts.map((r) => r.accessKeyId)).toEqual([AK.accessKeyId, STS.accessKeyId]);
    expect(sts[1]?.securityToken).toBe(STS.securityToken);
    expectEcsSawSts(ecs);
  });

  it('a source_profile loop is exit 2 naming the cycle', async () => {
    const a = { name: 'a', mode: 'ChainableRamRoleArn', source_profile: 'b', ram_role_arn: EMULATOR_ROLE_ARN };
    const b = { name: 'b', mode: 'ChainableRamRoleArn', source_profile: 'a', ram_role_arn: EMULATOR_ROLE_ARN };
    const { result, sts } = await list(['--profile', 'a'], env(), { [CONFIG]: config('a', a, b) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a -> b -> a');
    expect(sts).toHaveLength(0);
  });

  it("the INI file's type = ram_role_arn", async () => {
    const ini = `[default]\ntype = ram_role_arn\naccess_key_id = ${AK.accessKeyId}\naccess_key_secret = ${AK.accessKeySecret}\nrole_arn = ${EMULATOR_ROLE_ARN}\nrole_session_name = ini\n`;
    const { result, ecs, sts } = await list([], env(), { [INI]: ini });
    expect(result.code).toBe(0);
    expect(sts[0]?.params.RoleSessionName).toBe('ini');
    expectEcsSawSts(ecs);
  });
});

describe('OIDC', () => {
  it('an OIDC profile calls AssumeRoleWithOIDC unsigned with the token file', async () => {
    const profile = { name: 'o', mode: 'OIDC', ram_role_arn: EMULATOR_ROLE_ARN, oidc_provider_arn: EMULATOR_OIDC_PROVIDER_ARN, oidc_token_file: TOKEN_FILE };
    const { result, ecs, sts } = await list([], env(), { [CONFIG]: config('o', profile), [TOKEN_FILE]: `${EMULATOR_OIDC_TOKEN}\n` });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sts).toHaveLength(1);
    expect(sts[0]?.action).toBe('AssumeRoleWithOIDC');
    expect(sts[0]?.accessKeyId).toBeUndefined();
    expect(sts[0]?.params.OIDCToken).toBe(EMULATOR_OIDC_TOKEN);
    expectEcsSawSts(ecs);
  });

  const oidcEnv = (tokenFile = TOKEN_FILE) =>
    env({ ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile, ALIBABA_CLOUD_ROLE_SESSION_NAME: 'rrsa' });

  it('OIDC from env comes before config.json', async () => {
    const { result, ecs, sts } = await list([], oidcEnv(), { [CONFIG]: config('k', ak('k')), [TOKEN_FILE]: EMULATOR_OIDC_TOKEN });
    expect(result.code).toBe(0);
    expect(sts[0]?.params.RoleSessionName).toBe('rrsa');
    expectEcsSawSts(ecs);
  });

  it('an expired OIDC token is exit 3, the token never printed (also with --debug)', async () => {
    const { result } = await list(['--debug'], oidcEnv(), { [TOKEN_FILE]: EMULATOR_EXPIRED_OIDC_TOKEN });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the OIDC token has expired');
    expect(result.stderr).toContain('OIDC from env ALIBABA_CLOUD_ROLE_ARN');
    expect(result.stderr).not.toContain(EMULATOR_EXPIRED_OIDC_TOKEN);
  });

  it('a missing token file is exit 3 naming the file and the variable', async () => {
    const { result, sts } = await list([], oidcEnv('/nowhere/token'));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('/nowhere/token (from ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not exist');
    expect(sts).toHaveLength(0);
  });
});

describe('EcsRamRole and the metadata service', () => {
  it('an EcsRamRole profile reads the role credentials with an IMDSv2 token', async () => {
    const profile = { name: 'ecs', mode: 'EcsRamRole', ram_role_name: EMULATOR_INSTANCE_ROLE_NAME };
    emulator.current.setFaults({ imdsV2Only: true });
    const { result, ecs, metadata } = await list([], withMetadata(), { [CONFIG]: config('ecs', profile) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(metadata.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /latest/api/token',
      `GET /latest/meta-data/ram/security-credentials/${EMULATOR_INSTANCE_ROLE_NAME}`,
    ]);
    expect(metadata[1]?.metadataToken).toBeTruthy();
    expectEcsSawSts(ecs);
  });

  it('without ram_role_name the role is read from the listing', async () => {
    const { result, ecs, metadata } = await list([], withMetadata(), { [CONFIG]: config('ecs', { name: 'ecs', mode: 'EcsRamRole' }) });
    expect(result.code).toBe(0);
    expect(metadata.map((r) => r.path)).toContain('/latest/meta-data/ram/security-credentials/');
    expectEcsSawSts(ecs);
  });

  it('the default chain asks the metadata service when nothing else gave credentials', async () => {
    const { result, ecs } = await list(['--debug'], withMetadata());
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`credentials: the instance metadata service: role ${EMULATOR_INSTANCE_ROLE_NAME} (AccessKeyId ****0002)`);
    expect(result.stderr).toContain('debug: metadata PUT 127.0.0.1');
    for (const secret of SECRETS) expect(result.stderr).not.toContain(secret);
    expectEcsSawSts(ecs);
  });

  it('the INI file comes before the metadata service', async () => {
    const ini = `[default]\ntype = access_key\naccess_key_id = ${AK.accessKeyId}\naccess_key_secret = ${AK.accessKeySecret}\n`;
    const { result, ecs, metadata } = await list([], withMetadata(), { [INI]: ini });
    expect(result.code).toBe(0);
    expect(metadata).toHaveLength(0);
    expect(ecs[0]?.accessKeyId).toBe(AK.accessKeyId);
  });

  it('no metadata service: exit 3 within about a second', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await runInProcess(['list', '--region', 'cn-hangzhou'], {
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: `http://127.0.0.1:${port}` },
      homeDir: HOME,
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no credentials found');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('an EcsRamRole profile without a metadata service is exit 4 naming the profile', async () => {
    const port = await closedPort();
    const result = await runInProcess(['list', '--region', 'cn-hangzhou'], {
      env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: `http://127.0.0.1:${port}` },
      files: { [CONFIG]: config('ecs', { name: 'ecs', mode: 'EcsRamRole' }) },
      homeDir: HOME,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("profile 'ecs' in ~/.aliyun/config.json (EcsRamRole): the instance metadata service at 127.0.0.1");
  });
});

describe('CredentialsURI and External', () => {
  it('a CredentialsURI profile', async () => {
    emulator.current.resetStats();
    const { result, ecs } = await list([], env(), { [CONFIG]: config('u', { name: 'u', mode: 'CredentialsURI', credentials_uri: emulator.current.credentialsUri }) });
    expect(result.code).toBe(0);
    expect(emulator.current.stats.byService['credentials-uri']).toBe(1);
    expectEcsSawSts(ecs);
  });

  it('ALIBABA_CLOUD_CREDENTIALS_URI ends the chain', async () => {
    const { result, ecs } = await list([], env({ ALIBABA_CLOUD_CREDENTIALS_URI: emulator.current.credentialsUri }));
    expect(result.code).toBe(0);
    expectEcsSawSts(ecs);
  });

  it('a credentials URI that is down is exit 4 naming the variable', async () => {
    emulator.current.setFaults({ down: { credentialsUri: 503 } });
    const { result } = await list([], env({ ALIBABA_CLOUD_CREDENTIALS_URI: emulator.current.credentialsUri }));
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('env ALIBABA_CLOUD_CREDENTIALS_URI: the credentials URI at 127.0.0.1');
  });

  const script = (body: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsimg-external-'));
    const file = join(dir, 'creds.cjs');
    writeFileSync(file, body);
    return `${process.execPath} ${file}`;
  };

  it('an External profile runs process_command and uses what it prints', async () => {
    const command = script(`process.stdout.write(JSON.stringify({ mode: 'StsToken', access_key_id: ${JSON.stringify(STS.accessKeyId)}, access_key_secret: ${JSON.stringify(STS.accessKeySecret)}, sts_token: ${JSON.stringify(STS.securityToken)} }));`);
    const { result, ecs } = await list(['--debug'], env(), { [CONFIG]: config('x', { name: 'x', mode: 'External', process_command: command }) });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("credentials: profile 'x' in ~/.aliyun/config.json (External)");
    for (const secret of SECRETS) expect(result.stderr).not.toContain(secret);
    expectEcsSawSts(ecs);
  });

  it('a failing process_command is exit 3, its stderr passed through', async () => {
    const command = script(`process.stderr.write('sign-in failed: try again\\n'); process.exit(7);`);
    const withProfile = await runBinWithConfig(command);
    expect(withProfile.code).toBe(3);
    expect(withProfile.stderr).toContain('sign-in failed: try again');
    expect(withProfile.stderr).toContain('process_command failed (exit status 7)');
  });
});

/** The built CLI as a real process: its stderr is the one process_command's stderr reaches. */
function runBinWithConfig(command: string) {
  const home = mkdtempSync(join(tmpdir(), 'ecsimg-home-'));
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(join(home, '.aliyun', 'config.json'), config('x', { name: 'x', mode: 'External', process_command: command }));
  return runBin(['list'], { ...env(), HOME: home });
}

