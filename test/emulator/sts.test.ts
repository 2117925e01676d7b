// STS on the emulator's port: AssumeRole through the real pop-core (signed like ECS) and the
// unsigned AssumeRoleWithOIDC; what they hand out is accepted by the ECS API.
import RPCClient from '@alicloud/pop-core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_EXPIRED_OIDC_TOKEN,
  EMULATOR_EXTERNAL_ID,
  EMULATOR_EXTERNAL_ID_ROLE_ARN,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  EMULATOR_STS_CREDENTIALS,
} from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { call, rejection, send, type TestCredentials } from './helpers.js';

interface AssumeRoleAnswer {
  RequestId: string;
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
  OIDCTokenInfo?: { Subject: string };
}

const emulator = useEmulator();

beforeEach(() => {
  emulator.current.setFaults({});
  emulator.current.resetStats();
});

function sts(credentials: TestCredentials = emulator.current.credentials): RPCClient {
  return new RPCClient({ endpoint: emulator.current.endpoint, apiVersion: '2015-04-01', ...credentials });
}

function assumeRole(params: Record<string, string | number>, credentials?: TestCredentials): Promise<AssumeRoleAnswer> {
  return sts(credentials).request<AssumeRoleAnswer>('AssumeRole', { RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'ecsimg-test', ...params }, { method: 'POST', timeout: 5000 });
}

async function listWith(credentials: AssumeRoleAnswer['Credentials']): Promise<number> {
  const ecs = new RPCClient({
    endpoint: emulator.current.endpoint,
    apiVersion: '2014-05-26',
    accessKeyId: credentials.AccessKeyId,
    accessKeySecret: credentials.AccessKeySecret,
    securityToken: credentials.SecurityToken,
  });
  const r = await ecs.request<{ TotalCount: number }>('DescribeImages', { RegionId: 'cn-hangzhou' }, { method: 'POST', timeout: 5000 });
  return r.TotalCount;
}

function secondsFromNow(iso: string): number {
  return (Date.parse(iso) - Date.now()) / 1000;
}

/** AssumeRoleWithOIDC as the SDKs send it: a form, no AccessKeyId, no signature */
function oidc(params: Record<string, string>): ReturnType<typeof send> {
  return send(emulator.current.endpoint, 'POST', {
    Action: 'AssumeRoleWithOIDC',
    Version: '2015-04-01',
    Format: 'JSON',
    Timestamp: new Date().toISOString(),
    RoleArn: EMULATOR_ROLE_ARN,
    OIDCProviderArn: EMULATOR_OIDC_PROVIDER_ARN,
    OIDCToken: EMULATOR_OIDC_TOKEN,
    RoleSessionName: 'ecsimg-oidc',
    ...params,
  });
}

describe('AssumeRole', () => {
  it('hands the emulator AccessKey the STS test key, which then lists images', async () => {
    const r = await assumeRole({});
    expect(r.Credentials).toMatchObject({
      AccessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId,
      AccessKeySecret: EMULATOR_STS_CREDENTIALS.accessKeySecret,
      SecurityToken: EMULATOR_STS_CREDENTIALS.securityToken,
    });
    expect(r.Credentials.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(secondsFromNow(r.Credentials.Expiration)).toBeGreaterThan(3590);
    expect(secondsFromNow(r.Credentials.Expiration)).toBeLessThanOrEqual(3600);
    expect(r.AssumedRoleUser.Arn).toBe('acs:ram::1688123456789012345:assumed-role/ecsimg-emulator-role/ecsimg-test');
    expect(r.AssumedRoleUser.AssumedRoleId).toMatch(/^\d+:ecsimg-test$/);
    expect(await listWith(r.Credentials)).toBeGreaterThan(0);
  });

  it('records who asked, with which key, and what the ECS API then saw', async () => {
    const r = await assumeRole({ DurationSeconds: 900 });
    await listWith(r.Credentials);
    expect(emulator.current.stats.byAction).toEqual({ AssumeRole: 1, DescribeImages: 1 });
    expect(emulator.current.stats.byService).toMatchObject({ sts: 1, ecs: 1 });
    const [assume, list] = emulator.current.stats.requests;
    expect(assume).toMatchObject({ service: 'sts', path: '/', action: 'AssumeRole', accessKeyId: emulator.current.credentials.accessKeyId });
    expect(assume?.params).toMatchObject({ RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'ecsimg-test', DurationSeconds: '900', Version: '2015-04-01' });
    expect(list).toMatchObject({ service: 'ecs', action: 'DescribeImages', accessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, securityToken: EMULATOR_STS_CREDENTIALS.securityToken });
  });

  it('honours DurationSeconds', async () => {
    const r = await assumeRole({ DurationSeconds: 900 });
    expect(secondsFromNow(r.Credentials.Expiration)).toBeGreaterThan(890);
    expect(secondsFromNow(r.Credentials.Expiration)).toBeLessThanOrEqual(900);
  });

  it('lets STS credentials assume the role again (a chained role)', async () => {
    const r = await assumeRole({}, emulator.current.stsCredentials);
    expect(r.Credentials.AccessKeyId).toBe(EMULATOR_STS_CREDENTIALS.accessKeyId);
    expect(emulator.current.stats.requests[0]).toMatchObject({ accessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, securityToken: EMULATOR_STS_CREDENTIALS.securityToken });
  });

  it('accepts a signed GET as well', async () => {
    const r = await call(emulator.current.endpoint, 'AssumeRole', { Version: '2015-04-01', RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'by-get' }, { method: 'GET', credentials: emulator.current.credentials });
    expect(r.status).toBe(200);
    expect(r.body.Credentials.AccessKeyId).toBe(EMULATOR_STS_CREDENTIALS.accessKeyId);
  });

  it('takes the role that wants an ExternalId only with it', async () => {
    const r = await assumeRole({ RoleArn: EMULATOR_EXTERNAL_ID_ROLE_ARN, ExternalId: EMULATOR_EXTERNAL_ID });
    expect(r.Credentials.AccessKeyId).toBe(EMULATOR_STS_CREDENTIALS.accessKeyId);
    const without = await rejection(assumeRole({ RoleArn: EMULATOR_EXTERNAL_ID_ROLE_ARN }));
    expect([without.code, without.entry.response.statusCode]).toEqual(['NoPermission', 403]);
    const wrong = await rejection(assumeRole({ RoleArn: EMULATOR_EXTERNAL_ID_ROLE_ARN, ExternalId: 'someone-else' }));
    expect(wrong.code).toBe('NoPermission');
  });

  it.each<[string, string, number, () => Promise<unknown>]>([
    ['an unknown role', 'NoPermission', 403, () => assumeRole({ RoleArn: 'acs:ram::1688123456789012345:role/no-such-role' })],
    ['a key without permissions', 'NoPermission', 403, () => assumeRole({}, emulator.current.forbiddenCredentials)],
    ['a malformed role ARN', 'InvalidParameter.RoleArn', 400, () => assumeRole({ RoleArn: 'ecsimg-emulator-role' })],
    ['no RoleArn', 'MissingRoleArn', 400, () => sts().request('AssumeRole', { RoleSessionName: 'x1' }, { method: 'POST', timeout: 5000 })],
    ['no RoleSessionName', 'MissingRoleSessionName', 400, () => sts().request('AssumeRole', { RoleArn: EMULATOR_ROLE_ARN }, { method: 'POST', timeout: 5000 })],
    ['a one-letter session name', 'InvalidParameter.RoleSessionName', 400, () => assumeRole({ RoleSessionName: 'a' })],
    ['DurationSeconds 899', 'InvalidParameter.DurationSeconds', 400, () => assumeRole({ DurationSeconds: 899 })],
    ['DurationSeconds 43201', 'InvalidParameter.DurationSeconds', 400, () => assumeRole({ DurationSeconds: 43201 })],
    ['a Policy that is not JSON', 'InvalidParameter.PolicyGrammar', 400, () => assumeRole({ Policy: '{not json' })],
    ['a wrong secret', 'SignatureDoesNotMatch', 400, () => assumeRole({}, { ...emulator.current.credentials, accessKeySecret: 'wrong' })],
    ['an unknown key', 'InvalidAccessKeyId.NotFound', 404, () => assumeRole({}, { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' })],
    ['an expired STS token', 'InvalidSecurityToken.Expired', 400, () => assumeRole({}, emulator.current.expiredStsCredentials)],
    ['an unknown action', 'InvalidAction.NotFound', 404, () => sts().request('AssumeRoleWithSAML', {}, { method: 'POST', timeout: 5000 })],
  ])('refuses %s: %s (%i)', async (_name, code, status, request) => {
    const error = await rejection(request());
    expect([error.code, error.entry.response.statusCode]).toEqual([code, status]);
    expect(error.data.HostId).toBe('sts.aliyuncs.com');
    expect(error.data.Recommend).toContain('product=Sts');
  });
});

describe('AssumeRoleWithOIDC', () => {
  it('hands out the STS test key for the right token and provider, unsigned', async () => {
    const r = await oidc({});
    expect(r.status).toBe(200);
    const body = r.body as AssumeRoleAnswer;
    expect(body.Credentials).toMatchObject({ AccessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, SecurityToken: EMULATOR_STS_CREDENTIALS.securityToken });
    expect(secondsFromNow(body.Credentials.Expiration)).toBeGreaterThan(3590);
    expect(body.AssumedRoleUser.Arn).toBe('acs:ram::1688123456789012345:assumed-role/ecsimg-emulator-role/ecsimg-oidc');
    expect(body.OIDCTokenInfo?.Subject).toBeTypeOf('string');
    expect(await listWith(body.Credentials)).toBeGreaterThan(0);
    expect(emulator.current.stats.requests[0]).toMatchObject({ service: 'sts', action: 'AssumeRoleWithOIDC' });
    expect(emulator.current.stats.requests[0]?.params.OIDCToken).toBe(EMULATOR_OIDC_TOKEN);
  });

  it('honours DurationSeconds', async () => {
    const r = await oidc({ DurationSeconds: '1800' });
    expect(secondsFromNow((r.body as AssumeRoleAnswer).Credentials.Expiration)).toBeGreaterThan(1790);
    expect(secondsFromNow((r.body as AssumeRoleAnswer).Credentials.Expiration)).toBeLessThanOrEqual(1800);
  });

  it.each<[string, string, number, Record<string, string>]>([
    ['a wrong token', 'AuthenticationFail.OIDCToken.Invalid', 400, { OIDCToken: 'eyJhbGciOiJub25lIn0.e30.NotTheEmulatorsToken' }],
    ['the token with a newline after it', 'AuthenticationFail.OIDCToken.Invalid', 400, { OIDCToken: `${EMULATOR_OIDC_TOKEN}\n` }],
    ['an expired token', 'AuthenticationFail.OIDCToken.Expired', 400, { OIDCToken: EMULATOR_EXPIRED_OIDC_TOKEN }],
    ['a malformed provider ARN', 'InvalidParameter.OIDCProviderArn', 400, { OIDCProviderArn: 'ecsimg-emulator-oidc' }],
    ['an unknown provider', 'AuthenticationFail.NoPermission', 403, { OIDCProviderArn: 'acs:ram::1688123456789012345:oidc-provider/other' }],
    ['an unknown role', 'EntityNotExist.Role', 404, { RoleArn: 'acs:ram::1688123456789012345:role/no-such-role' }],
    ['a role that does not trust the provider', 'AuthenticationFail.NoPermission', 403, { RoleArn: EMULATOR_EXTERNAL_ID_ROLE_ARN }],
    ['no token', 'MissingOIDCToken', 400, { OIDCToken: '' }],
    ['no provider ARN', 'MissingOIDCProviderArn', 400, { OIDCProviderArn: '' }],
    ['no RoleArn', 'MissingRoleArn', 400, { RoleArn: '' }],
  ])('refuses %s: %s (%i)', async (_name, code, status, params) => {
    const r = await oidc(params);
    expect([r.body?.Code, r.status]).toEqual([code, status]);
    expect(r.text).not.toContain(EMULATOR_OIDC_TOKEN);
  });
});

describe('STS faults', () => {
  it('assumeRoleDenied refuses AssumeRole with NoPermission and OIDC with AuthenticationFail.NoPermission', async () => {
    emulator.current.setFaults({ assumeRoleDenied: true });
    const error = await rejection(assumeRole({}));
    expect([error.code, error.entry.response.statusCode]).toEqual(['NoPermission', 403]);
    const r = await oidc({});
    expect([r.body?.Code, r.status]).toEqual(['AuthenticationFail.NoPermission', 403]);
  });

  it('expiredCredentials hands out an Expiration in the past and a token the ECS API refuses', async () => {
    emulator.current.setFaults({ expiredCredentials: true });
    const r = await assumeRole({});
    expect(secondsFromNow(r.Credentials.Expiration)).toBeLessThan(0);
    const error = await rejection(listWith(r.Credentials));
    expect(error.code).toBe('InvalidSecurityToken.Expired');
    const o = await oidc({});
    expect(secondsFromNow((o.body as AssumeRoleAnswer).Credentials.Expiration)).toBeLessThan(0);
  });

  it('credentialsTtlS overrides DurationSeconds: credentials that expire soon, still accepted meanwhile', async () => {
    emulator.current.setFaults({ credentialsTtlS: 5 });
    const r = await assumeRole({ DurationSeconds: 3600 });
    expect(secondsFromNow(r.Credentials.Expiration)).toBeGreaterThan(3);
    expect(secondsFromNow(r.Credentials.Expiration)).toBeLessThanOrEqual(5);
    expect(await listWith(r.Credentials)).toBeGreaterThan(0);
    expect(secondsFromNow(((await oidc({})).body as AssumeRoleAnswer).Credentials.Expiration)).toBeLessThanOrEqual(5);
  });

  it('down.sts 503 answers ServiceUnavailable as JSON, and the ECS API stays up', async () => {
    emulator.current.setFaults({ down: { sts: 503 } });
    const error = await rejection(assumeRole({}));
    expect([error.code, error.entry.response.statusCode]).toEqual(['ServiceUnavailable', 503]);
    expect(await listWith({ AccessKeyId: EMULATOR_STS_CREDENTIALS.accessKeyId, AccessKeySecret: EMULATOR_STS_CREDENTIALS.accessKeySecret, SecurityToken: EMULATOR_STS_CREDENTIALS.securityToken, Expiration: '' })).toBeGreaterThan(0);
  });

  it("down.sts 'close' drops the connection without an answer", async () => {
    emulator.current.setFaults({ down: { sts: 'close' } });
    await expect(oidc({})).rejects.toThrow();
  });

  it('the ECS fault flags leave STS alone', async () => {
    emulator.current.setFaults({ throttle: { firstN: 1 } });
    await assumeRole({});
    const r = await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials });
    expect(r.body.Code).toBe('Throttling.User');
  });
});
