// fromRamRole and ownKey in process against the emulator's STS: which settings become which
// AssumeRole parameters in config.json and in the INI file, what is kept secret, and the
// messages that name the profile, the mode and the role.
import { afterEach, describe, expect, it } from 'vitest';
import type { FoundProfile } from '../../src/config/profiles.js';
import type { ResolvedCredentials } from '../../src/config/credentials.js';
import { fromRamRole, ownKey } from '../../src/config/sources/ramRole.js';
import type { SourceContext } from '../../src/config/sources/context.js';
import { EMULATOR_EXTERNAL_ID, EMULATOR_EXTERNAL_ID_ROLE_ARN, EMULATOR_ROLE_ARN } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { fakeContext, rejected, thrown } from './fakeContext.js';

const emulator = useEmulator();
afterEach(() => emulator.current.setFaults({}));

function aliyunProfile(fields: Record<string, string>): FoundProfile {
  return { name: 'role', file: 'aliyun', shownPath: '~/.aliyun/config.json', fields: new Map(Object.entries(fields)), source: "profile 'role' in ~/.aliyun/config.json" };
}
function iniProfile(fields: Record<string, string>): FoundProfile {
  return { name: 'role', file: 'ini', shownPath: '~/.alibabacloud/credentials', fields: new Map(Object.entries(fields)), source: "profile 'role' in ~/.alibabacloud/credentials" };
}

function context(): SourceContext & { secrets: string[] } {
  // the profile's sts_endpoint, not the env, points at the emulator: the profile's fields decide
  return Object.assign(fakeContext({}, {}), { secrets: [] as string[], retries: 0, timeoutSeconds: 5 });
}

const signer = (): ResolvedCredentials => ({ credentials: { ...emulator.current.credentials }, source: 'its access_key_id' });
const renew = (): Promise<ResolvedCredentials> => Promise.reject(new Error('not called here'));

async function assume(profile: FoundProfile, mode: string, ctx = context()) {
  emulator.current.resetStats();
  const found = await fromRamRole(ctx, profile, mode, signer(), renew);
  const sts = emulator.current.stats.requests.filter((r) => r.service === 'sts');
  return { found, sts, ctx };
}

describe('fromRamRole, config.json fields', () => {
  it('RoleArn, session name and duration from the profile; signed with the signer; the STS key kept secret; renewable', async () => {
    const profile = aliyunProfile({ ram_role_arn: EMULATOR_ROLE_ARN, ram_session_name: 'ops-session', expired_seconds: '1800', sts_endpoint: emulator.current.endpoint });
    const started = Date.now();
    const { found, sts, ctx } = await assume(profile, 'RamRoleArn');
    expect(sts).toHaveLength(1);
    expect(sts[0]?.action).toBe('AssumeRole');
    expect(sts[0]?.accessKeyId).toBe(emulator.current.credentials.accessKeyId);
    expect(sts[0]?.params).toMatchObject({ RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'ops-session', DurationSeconds: '1800' });
    expect(sts[0]?.params).not.toHaveProperty('ExternalId');
    expect(sts[0]?.params).not.toHaveProperty('Policy');
    const { stsCredentials } = emulator.current;
    expect(found.credentials).toEqual(stsCredentials);
    expect(found.source).toBe(`profile 'role' in ~/.aliyun/config.json (RamRoleArn: role ${EMULATOR_ROLE_ARN}, signed with its access_key_id)`);
    expect(found.renew).toBe(renew);
    expect(found.expiresAt).toBeGreaterThanOrEqual(started + 1790_000);
    expect(found.expiresAt).toBeLessThanOrEqual(Date.now() + 1800_000);
    const { accessKeyId, accessKeySecret } = emulator.current.credentials;
    expect(ctx.secrets.slice(0, 2)).toEqual([accessKeyId, accessKeySecret]);
    expect(ctx.secrets).toEqual(expect.arrayContaining([stsCredentials.accessKeyId, stsCredentials.accessKeySecret, stsCredentials.securityToken]));
  });

  it('without a session name or duration: ecsimg-<time> and 3600 s', async () => {
    const before = Date.now();
    const { sts } = await assume(aliyunProfile({ ram_role_arn: EMULATOR_ROLE_ARN, sts_endpoint: emulator.current.endpoint }), 'RamRoleArn');
    expect(sts[0]?.params.DurationSeconds).toBe('3600');
    const name = sts[0]?.params.RoleSessionName ?? '';
    expect(name).toMatch(/^ecsimg-\d+$/);
    expect(Number(name.slice('ecsimg-'.length))).toBeGreaterThanOrEqual(before);
  });

  it('external_id and policy are passed on as given', async () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*' }] });
    const profile = aliyunProfile({ ram_role_arn: EMULATOR_EXTERNAL_ID_ROLE_ARN, external_id: EMULATOR_EXTERNAL_ID, policy, sts_endpoint: emulator.current.endpoint });
    const { found, sts } = await assume(profile, 'ChainableRamRoleArn');
    expect(sts[0]?.params).toMatchObject({ RoleArn: EMULATOR_EXTERNAL_ID_ROLE_ARN, ExternalId: EMULATOR_EXTERNAL_ID, Policy: policy });
    expect(found.source).toBe(`profile 'role' in ~/.aliyun/config.json (ChainableRamRoleArn: role ${EMULATOR_EXTERNAL_ID_ROLE_ARN}, signed with its access_key_id)`);
  });

  it('the INI spellings of the config.json names are not read there', async () => {
    const profile = aliyunProfile({ ram_role_arn: EMULATOR_ROLE_ARN, role_session_name: 'ini-name', duration_seconds: '1200', sts_endpoint: emulator.current.endpoint });
    const { sts } = await assume(profile, 'RamRoleArn');
    expect(sts[0]?.params.RoleSessionName).toMatch(/^ecsimg-\d+$/);
    expect(sts[0]?.params.DurationSeconds).toBe('3600');
  });

  it('no ram_role_arn: exit 2 naming the field, with the aliyun configure hint', async () => {
    const error = await rejected(() => fromRamRole(context(), aliyunProfile({ role_arn: EMULATOR_ROLE_ARN }), 'RamRoleArn', signer(), renew));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("profile 'role' in ~/.aliyun/config.json (mode RamRoleArn) has no ram_role_arn");
    expect(error.hint).toBe('Add "ram_role_arn" to the profile, e.g. with `aliyun configure --profile role --mode RamRoleArn`.');
  });

  it('expired_seconds that is no number: exit 2 before any request', async () => {
    emulator.current.resetStats();
    const profile = aliyunProfile({ ram_role_arn: EMULATOR_ROLE_ARN, expired_seconds: '1h', sts_endpoint: emulator.current.endpoint });
    const error = await rejected(() => fromRamRole(context(), profile, 'RamRoleArn', signer(), renew));
    expect(error.message).toBe("profile 'role' in ~/.aliyun/config.json: expired_seconds is not a whole number of seconds");
    expect(emulator.current.stats.requests).toHaveLength(0);
  });

  it('STS refusing: the message names the profile, the mode and the role', async () => {
    emulator.current.setFaults({ assumeRoleDenied: true });
    const profile = aliyunProfile({ ram_role_arn: EMULATOR_ROLE_ARN, sts_endpoint: emulator.current.endpoint });
    const error = await rejected(() => fromRamRole(context(), profile, 'RamRoleArn', signer(), renew));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`profile 'role' in ~/.aliyun/config.json (RamRoleArn, AssumeRole ${EMULATOR_ROLE_ARN}): STS refused to let these credentials assume the role`);
    expect(error.code).toBe('NoPermission');
    expect(error.name).toBe('CredentialsError');
    expect(error.hint).toBe((error.cause as { hint?: string }).hint);
  });
});

describe('fromRamRole, INI fields', () => {
  it('role_arn, role_session_name and duration_seconds', async () => {
    const profile = iniProfile({ role_arn: EMULATOR_ROLE_ARN, role_session_name: 'ini-session', duration_seconds: '1200', sts_endpoint: emulator.current.endpoint });
    const { found, sts } = await assume(profile, 'ram_role_arn');
    expect(sts[0]?.params).toMatchObject({ RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'ini-session', DurationSeconds: '1200' });
    expect(found.source).toBe(`profile 'role' in ~/.alibabacloud/credentials (ram_role_arn: role ${EMULATOR_ROLE_ARN}, signed with its access_key_id)`);
  });

  it('the config.json spellings are not read there: no role_arn is exit 2 naming role_arn', async () => {
    const profile = iniProfile({ ram_role_arn: EMULATOR_ROLE_ARN, ram_session_name: 'x', sts_endpoint: emulator.current.endpoint });
    const error = await rejected(() => fromRamRole(context(), profile, 'ram_role_arn', signer(), renew));
    expect(error.message).toBe("profile 'role' in ~/.alibabacloud/credentials (mode ram_role_arn) has no role_arn");
  });
});

describe('ownKey', () => {
  it("the profile's own key, without a token when it has none", () => {
    expect(ownKey(aliyunProfile({ access_key_id: 'LTAIown0001', access_key_secret: 'own-secret' }), 'RamRoleArn')).toStrictEqual({
      credentials: { accessKeyId: 'LTAIown0001', accessKeySecret: 'own-secret' },
      source: 'its access_key_id',
    });
  });

  it.each([
    [{ sts_token: 'token-a' }, 'token-a'],
    [{ security_token: 'token-b' }, 'token-b'],
    [{ sts_token: 'token-a', security_token: 'token-b' }, 'token-a'],
  ])('%j: the key with its token', (extra, token) => {
    const found = ownKey(aliyunProfile({ access_key_id: 'LTAIown0001', access_key_secret: 'own-secret', ...extra }), 'RamRoleArn');
    expect(found.credentials).toEqual({ accessKeyId: 'LTAIown0001', accessKeySecret: 'own-secret', securityToken: token });
  });

  it.each([
    [{ access_key_secret: 's' }, 'access_key_id'],
    [{ access_key_id: 'LTAIown0001' }, 'access_key_secret'],
  ])('%j: exit 2 naming the missing field and the mode', (fields, missing) => {
    const error = thrown(() => ownKey(iniProfile(fields), 'ram_role_arn'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`profile 'role' in ~/.alibabacloud/credentials (mode ram_role_arn) has no ${missing}`);
  });
});
