// The OIDC source in process (test/MUTANTS.md, sources/oidc.ts): which env variables turn it
// on and what it says when some are missing, how the token file is read (on every renewal,
// trimmed, ~ expanded, named with where it came from), what AssumeRoleWithOIDC is sent,
// against the emulator's STS.
import { describe, expect, it } from 'vitest';
import { fromOidcProfile, oidcFromEnv } from '../../src/config/sources/oidc.js';
import type { FoundProfile } from '../../src/config/profiles.js';
import {
  EMULATOR_EXPIRED_OIDC_TOKEN,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  EMULATOR_STS_CREDENTIALS,
} from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { fakeContext, HOME, rejected } from './fakeContext.js';

const emulator = useEmulator();
const TOKEN_FILE = '/var/run/oidc/token';
const HINT = 'Point it at the file your platform writes the token to (on ACK with RRSA: /var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token).';
const ENV_HINT = 'Set all of ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE, or unset them.';

function context(files: Record<string, string>, env: Record<string, string | undefined>) {
  return Object.assign(fakeContext(files, { ALIBABA_CLOUD_STS_ENDPOINT: emulator.current.endpoint, ...env }), { secrets: [] as string[], retries: 0, timeoutSeconds: 5 });
}

const fullEnv = (extra: Record<string, string | undefined> = {}) => ({
  ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: TOKEN_FILE,
  ...extra,
});

function stsRequests() {
  return emulator.current.stats.requests.filter((r) => r.service === 'sts');
}

describe('OIDC from env', () => {
  it.each([
    ['nothing', {}],
    ['only the role ARN', { ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN }],
    ['the provider ARN and token file empty or blank', { ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: '', ALIBABA_CLOUD_OIDC_TOKEN_FILE: '  ' }],
  ])('%s: not this source (undefined), no file read, no STS call', async (_name, env) => {
    emulator.current.resetStats();
    const ctx = context({}, env);
    expect(await oidcFromEnv(ctx)).toBeUndefined();
    expect(ctx.reads).toEqual([]);
    expect(stsRequests()).toHaveLength(0);
  });

  it.each([
    [{ ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN }, 'OIDC from env: ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE are not set'],
    [{ ALIBABA_CLOUD_OIDC_TOKEN_FILE: TOKEN_FILE }, 'OIDC from env: ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN are not set'],
    [{ ALIBABA_CLOUD_OIDC_TOKEN_FILE: TOKEN_FILE, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN }, 'OIDC from env: ALIBABA_CLOUD_ROLE_ARN is not set'],
    [{ ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: TOKEN_FILE }, 'OIDC from env: ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set'],
    [{ ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: ' ' }, 'OIDC from env: ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set'],
  ])('%j: exit 3 naming what is missing, with the hint; no file read', async (env, message) => {
    emulator.current.resetStats();
    const ctx = context({ [TOKEN_FILE]: EMULATOR_OIDC_TOKEN }, env);
    const error = await rejected(() => oidcFromEnv(ctx));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(message);
    expect(error.hint).toBe(ENV_HINT);
    expect(ctx.reads).toEqual([]);
    expect(stsRequests()).toHaveLength(0);
  });

  it('assumes the role unsigned with the trimmed token, the session name from env and the default duration', async () => {
    emulator.current.resetStats();
    const ctx = context({ [TOKEN_FILE]: `  ${EMULATOR_OIDC_TOKEN}\n` }, fullEnv({ ALIBABA_CLOUD_ROLE_SESSION_NAME: 'rrsa-session' }));
    const before = Date.now();
    const found = await oidcFromEnv(ctx);
    expect(found?.credentials).toEqual({ ...EMULATOR_STS_CREDENTIALS });
    expect(found?.source).toBe(`OIDC from env ALIBABA_CLOUD_ROLE_ARN: role ${EMULATOR_ROLE_ARN}`);
    // The emulator answers an Expiration of now + DurationSeconds, to the second.
    expect(found?.expiresAt).toBeGreaterThan(before + 3_598_000);
    expect(found?.expiresAt).toBeLessThan(Date.now() + 3_601_000);
    expect(ctx.secrets).toEqual(expect.arrayContaining([EMULATOR_OIDC_TOKEN, EMULATOR_STS_CREDENTIALS.accessKeySecret, EMULATOR_STS_CREDENTIALS.securityToken]));
    expect(ctx.reads).toEqual([TOKEN_FILE]);
    const [request, ...more] = stsRequests();
    expect(more).toHaveLength(0);
    expect(request?.action).toBe('AssumeRoleWithOIDC');
    expect(request?.accessKeyId).toBeUndefined();
    expect(request?.params).toMatchObject({
      Action: 'AssumeRoleWithOIDC',
      RoleArn: EMULATOR_ROLE_ARN,
      OIDCProviderArn: EMULATOR_OIDC_PROVIDER_ARN,
      OIDCToken: EMULATOR_OIDC_TOKEN,
      RoleSessionName: 'rrsa-session',
      DurationSeconds: '3600',
    });
  });

  it('without ALIBABA_CLOUD_ROLE_SESSION_NAME the session is ecsimg-<ms since 1970>', async () => {
    emulator.current.resetStats();
    const before = Date.now();
    await oidcFromEnv(context({ [TOKEN_FILE]: EMULATOR_OIDC_TOKEN }, fullEnv()));
    const name = stsRequests()[0]?.params.RoleSessionName ?? '';
    expect(name).toMatch(/^ecsimg-\d+$/);
    expect(Number(name.slice('ecsimg-'.length))).toBeGreaterThanOrEqual(before);
    expect(Number(name.slice('ecsimg-'.length))).toBeLessThanOrEqual(Date.now());
  });

  it('renew reads the token file again (it is rotated under a long run) and assumes the role again', async () => {
    emulator.current.resetStats();
    const files: Record<string, string> = { [TOKEN_FILE]: EMULATOR_OIDC_TOKEN };
    const ctx = context(files, fullEnv());
    const first = await oidcFromEnv(ctx);
    files[TOKEN_FILE] = EMULATOR_EXPIRED_OIDC_TOKEN;
    const error = await rejected(() => first?.renew?.());
    expect(ctx.reads).toEqual([TOKEN_FILE, TOKEN_FILE]);
    expect(stsRequests().map((r) => r.params.OIDCToken)).toEqual([EMULATOR_OIDC_TOKEN, EMULATOR_EXPIRED_OIDC_TOKEN]);
    expect(error.message).toBe(`OIDC from env ALIBABA_CLOUD_ROLE_ARN, AssumeRoleWithOIDC ${EMULATOR_ROLE_ARN}: the OIDC token has expired`);
    files[TOKEN_FILE] = EMULATOR_OIDC_TOKEN;
    const again = await first?.renew?.();
    expect(again?.source).toBe(`OIDC from env ALIBABA_CLOUD_ROLE_ARN: role ${EMULATOR_ROLE_ARN}`);
    expect(again?.renew).toBeTypeOf('function');
    expect(stsRequests()).toHaveLength(3);
  });

  it('a ~/ token file is read under the home directory and shown as ~/ when missing', async () => {
    const ctx = context({}, fullEnv({ ALIBABA_CLOUD_OIDC_TOKEN_FILE: '~/rrsa/token' }));
    const error = await rejected(() => oidcFromEnv(ctx));
    expect(ctx.reads).toEqual([`${HOME}/rrsa/token`]);
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe('the OIDC token file ~/rrsa/token (from ALIBABA_CLOUD_OIDC_TOKEN_FILE) does not exist');
    expect(error.hint).toBe(HINT);
  });

  it.each([[''], [' \n\t\n']])('a token file holding %j is empty: exit 3, no STS call', async (content) => {
    emulator.current.resetStats();
    const error = await rejected(() => oidcFromEnv(context({ [TOKEN_FILE]: content }, fullEnv())));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`the OIDC token file ${TOKEN_FILE} (from ALIBABA_CLOUD_OIDC_TOKEN_FILE) is empty`);
    expect(error.hint).toBe(HINT);
    expect(stsRequests()).toHaveLength(0);
  });

  it('a token STS refuses: exit 3 naming the source, the action and the role; the token is never in the message', async () => {
    const ctx = context({ [TOKEN_FILE]: EMULATOR_EXPIRED_OIDC_TOKEN }, fullEnv());
    const error = await rejected(() => oidcFromEnv(ctx));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`OIDC from env ALIBABA_CLOUD_ROLE_ARN, AssumeRoleWithOIDC ${EMULATOR_ROLE_ARN}: the OIDC token has expired`);
    expect(error.code).toBe('AuthenticationFail.OIDCToken.Expired');
    expect(error.message).not.toContain(EMULATOR_EXPIRED_OIDC_TOKEN);
    expect(ctx.secrets).toContain(EMULATOR_EXPIRED_OIDC_TOKEN);
  });

  it('STS handing out credentials that have already expired: exit 3 naming the source and role', async () => {
    emulator.current.setFaults({ expiredCredentials: true });
    try {
      const error = await rejected(() => oidcFromEnv(context({ [TOKEN_FILE]: EMULATOR_OIDC_TOKEN }, fullEnv())));
      expect(error.exitCode).toBe(3);
      expect(error.message).toMatch(new RegExp(`^OIDC from env ALIBABA_CLOUD_ROLE_ARN: role ${EMULATOR_ROLE_ARN}: the credentials it handed out expired at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$`));
    } finally {
      emulator.current.setFaults({});
    }
  });
});

describe('an OIDC profile', () => {
  const profile = (fields: Record<string, string>): FoundProfile => ({
    name: 'o',
    file: 'aliyun',
    shownPath: '~/.aliyun/config.json',
    fields: new Map(Object.entries({ mode: 'OIDC', ...fields })),
    source: "profile 'o' in ~/.aliyun/config.json",
  });
  const complete = { ram_role_arn: EMULATOR_ROLE_ARN, oidc_provider_arn: EMULATOR_OIDC_PROVIDER_ARN, oidc_token_file: TOKEN_FILE };

  it.each(['ram_role_arn', 'oidc_provider_arn', 'oidc_token_file'])('without %s: exit 2 naming the profile, mode OIDC and the field', async (field) => {
    const fields: Record<string, string> = { ...complete };
    delete fields[field];
    const error = await rejected(() => fromOidcProfile(context({ [TOKEN_FILE]: EMULATOR_OIDC_TOKEN }, {}), profile(fields)));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`profile 'o' in ~/.aliyun/config.json (mode OIDC) has no ${field}`);
  });

  it("sends ram_session_name and expired_seconds, at the profile's sts_endpoint", async () => {
    emulator.current.resetStats();
    const ctx = Object.assign(fakeContext({ [TOKEN_FILE]: EMULATOR_OIDC_TOKEN }), { secrets: [] as string[], retries: 0 });
    const before = Date.now();
    const found = await fromOidcProfile(ctx, profile({ ...complete, ram_session_name: 'ack-pod', expired_seconds: '900', sts_endpoint: emulator.current.endpoint }));
    expect(found.credentials).toEqual({ ...EMULATOR_STS_CREDENTIALS });
    expect(found.source).toBe(`profile 'o' in ~/.aliyun/config.json (OIDC): role ${EMULATOR_ROLE_ARN}`);
    expect(found.expiresAt).toBeGreaterThan(before + 898_000);
    expect(found.expiresAt).toBeLessThan(Date.now() + 901_000);
    expect(stsRequests()[0]?.params).toMatchObject({ RoleSessionName: 'ack-pod', DurationSeconds: '900', OIDCToken: EMULATOR_OIDC_TOKEN });
    const renewed = await found.renew?.();
    expect(renewed?.source).toBe(found.source);
    expect(ctx.reads).toEqual([TOKEN_FILE, TOKEN_FILE]);
  });

  it('a missing token file names the profile field it came from', async () => {
    const error = await rejected(() => fromOidcProfile(context({}, {}), profile(complete)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`the OIDC token file ${TOKEN_FILE} (from the oidc_token_file of profile 'o' in ~/.aliyun/config.json) does not exist`);
    expect(error.hint).toBe(HINT);
  });

  it('a refused AssumeRoleWithOIDC names the profile, the action and the role', async () => {
    const error = await rejected(() => fromOidcProfile(context({ [TOKEN_FILE]: 'not-the-token' }, {}), profile(complete)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`profile 'o' in ~/.aliyun/config.json (OIDC), AssumeRoleWithOIDC ${EMULATOR_ROLE_ARN}: STS rejected the OIDC token`);
  });
});
