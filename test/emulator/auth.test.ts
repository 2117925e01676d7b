import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { buildParams, call, nowTimestamp, send, type CallOptions } from './helpers.js';

const emulator = useEmulator();

const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('signed requests', () => {
  it.each(['GET', 'POST'] as const)('accepts a correctly signed %s', async (method) => {
    const r = await call(emulator.current.endpoint, 'DescribeRegions', {}, { method, credentials: emulator.current.credentials });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.body.RequestId).toMatch(UUID_UPPER);
    expect(r.headers.get('x-acs-request-id')).toBe(r.body.RequestId);
    expect(r.body.Regions.Region.length).toBeGreaterThanOrEqual(7);
  });

  it('answers JSON even when Format=XML is asked for', async () => {
    const r = await call(emulator.current.endpoint, 'DescribeRegions', { Format: 'XML' }, { method: 'GET', credentials: emulator.current.credentials });
    expect(r.status).toBe(200);
    expect(r.body.Regions.Region[0].RegionId).toBeTypeOf('string');
  });

  it('accepts the STS triple and records key and token, never the signature', async () => {
    emulator.current.resetStats();
    const r = await call(emulator.current.endpoint, 'DescribeImages', { RegionId: 'cn-hangzhou' }, { credentials: emulator.current.stsCredentials });
    expect(r.status).toBe(200);
    expect(emulator.current.stats.requests).toHaveLength(1);
    const seen = emulator.current.stats.requests[0];
    expect(seen).toMatchObject({ action: 'DescribeImages', method: 'POST', regionId: 'cn-hangzhou', accessKeyId: emulator.current.stsCredentials.accessKeyId, securityToken: emulator.current.stsCredentials.securityToken });
    expect(seen?.params.Signature).toBeUndefined();
    expect(seen?.params.SignatureNonce).toBeTypeOf('string');
  });
});

interface Case {
  name: string;
  code: string;
  status: number;
  action?: string;
  params?: Record<string, string>;
  options: () => CallOptions;
}

const cases: Case[] = [
  { name: 'unknown key', code: 'InvalidAccessKeyId.NotFound', status: 404, options: () => ({ credentials: { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' } }) },
  { name: 'wrong secret', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ credentials: { ...emulator.current.credentials, accessKeySecret: 'wrong' } }) },
  { name: 'no Signature', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['Signature'] }) },
  { name: 'an unsupported SignatureMethod', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: emulator.current.credentials, override: { SignatureMethod: 'HMAC-SHA256' } }) },
  { name: 'a timestamp 20 minutes old', code: 'InvalidTimeStamp.Expired', status: 400, options: () => ({ credentials: emulator.current.credentials, override: { Timestamp: nowTimestamp(-20 * 60_000) } }) },
  { name: 'a timestamp 20 minutes ahead', code: 'InvalidTimeStamp.Expired', status: 400, options: () => ({ credentials: emulator.current.credentials, override: { Timestamp: nowTimestamp(20 * 60_000) } }) },
  { name: 'a badly formatted timestamp', code: 'InvalidTimeStamp.Format', status: 400, options: () => ({ credentials: emulator.current.credentials, override: { Timestamp: '2024/09/26 08:12:33' } }) },
  { name: 'the STS key without its token', code: 'MissingSecurityToken', status: 400, options: () => ({ credentials: { accessKeyId: emulator.current.stsCredentials.accessKeyId, accessKeySecret: emulator.current.stsCredentials.accessKeySecret } }) },
  { name: 'a malformed token', code: 'InvalidSecurityToken.Malformed', status: 400, options: () => ({ credentials: { ...emulator.current.stsCredentials, securityToken: 'not-a-token' } }) },
  { name: 'an expired token', code: 'InvalidSecurityToken.Expired', status: 400, options: () => ({ credentials: emulator.current.expiredStsCredentials }) },
  { name: 'a token of another key', code: 'InvalidSecurityToken.MismatchWithAccessKey', status: 400, options: () => ({ credentials: { ...emulator.current.stsCredentials, securityToken: 'CAISSomeoneElsesTokenAAAAAAAAAAAAAAAA==' } }) },
  { name: 'a token with a permanent key', code: 'InvalidSecurityToken.MismatchWithAccessKey', status: 400, options: () => ({ credentials: { ...emulator.current.credentials, securityToken: emulator.current.stsCredentials.securityToken } }) },
  { name: 'a key without permissions', code: 'Forbidden.RAM', status: 403, options: () => ({ credentials: emulator.current.forbiddenCredentials }) },
  { name: 'no AccessKeyId', code: 'MissingAccessKeyId', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['AccessKeyId'] }) },
  { name: 'no Timestamp', code: 'MissingTimestamp', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['Timestamp'] }) },
  { name: 'no SignatureNonce', code: 'MissingSignatureNonce', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['SignatureNonce'] }) },
  { name: 'no Action', code: 'MissingParameter', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['Action'] }) },
  { name: 'an unknown action', code: 'InvalidAction.NotFound', status: 404, action: 'DescribeUnicorns', options: () => ({ credentials: emulator.current.credentials }) },
  { name: 'another API version', code: 'InvalidVersion', status: 400, options: () => ({ credentials: emulator.current.credentials, override: { Version: '2016-03-14' } }) },
  { name: 'no Version', code: 'MissingVersion', status: 400, options: () => ({ credentials: emulator.current.credentials, omit: ['Version'] }) },
];

describe('a repeated parameter', () => {
  // The signature covers one value per name, so only one reading of a repeated name can verify.
  it.each([
    ['twice in the form body', (signed: string) => ({ query: '', body: `${signed}&RegionId=cn-beijing` })],
    ['in the query string and the form body', (signed: string) => ({ query: '?RegionId=cn-hangzhou', body: `${signed}&RegionId=cn-beijing` })],
  ])('keeps its first value: %s', async (_name, place) => {
    const { credentials, endpoint } = emulator.current;
    const signed = new URLSearchParams(buildParams('DescribeImages', { RegionId: 'cn-hangzhou', PageSize: '1' }, { credentials })).toString();
    const { query, body } = place(signed);
    const response = await fetch(`${endpoint}/${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { RegionId: string }).RegionId).toBe('cn-hangzhou');
  });
});

describe('gateway errors', () => {
  it.each(cases)('$name -> $code ($status)', async (c) => {
    const r = await call(emulator.current.endpoint, c.action ?? 'DescribeImages', { RegionId: 'cn-hangzhou', ...c.params }, c.options());
    expect({ status: r.status, code: r.body?.Code }).toEqual({ status: c.status, code: c.code });
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('writes the error body as the real service does', async () => {
    const r = await call(emulator.current.endpoint, 'DescribeImages', { RegionId: 'cn-hangzhou' }, { credentials: { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' } });
    expect(Object.keys(r.body)).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
    expect(r.body.RequestId).toMatch(UUID_UPPER);
    expect(r.body.HostId).toBe('ecs.cn-hangzhou.aliyuncs.com');
    expect(r.body.Message).toBe('Specified access key is not found.');
    expect(r.body.Recommend).toContain('q=InvalidAccessKeyId.NotFound&product=Ecs');
  });

  it('echoes its string to sign, key id included, on SignatureDoesNotMatch', async () => {
    const r = await call(emulator.current.endpoint, 'DescribeImages', { RegionId: 'cn-hangzhou' }, { credentials: { ...emulator.current.credentials, accessKeySecret: 'wrong' } });
    expect(r.body.Message).toMatch(/^Specified signature is not matched with our calculation\. server string to sign is:POST&%2F&AccessKeyId%3D/);
    expect(r.body.Message).toContain(emulator.current.credentials.accessKeyId);
  });

  it('signs the HTTP method: a GET signature sent by POST does not match', async () => {
    const params = buildParams('DescribeRegions', {}, { method: 'GET', credentials: emulator.current.credentials });
    const asPost = await send(emulator.current.endpoint, 'POST', params);
    expect({ status: asPost.status, code: asPost.body.Code }).toEqual({ status: 400, code: 'SignatureDoesNotMatch' });
    // same nonce: a request refused for its signature does not use the nonce up
    const asGet = await send(emulator.current.endpoint, 'GET', params);
    expect(asGet.status).toBe(200);
  });

  it('refuses a replayed nonce', async () => {
    const params = buildParams('DescribeRegions', {}, { credentials: emulator.current.credentials });
    const first = await send(emulator.current.endpoint, 'POST', params);
    const second = await send(emulator.current.endpoint, 'POST', params);
    expect(first.status).toBe(200);
    expect({ status: second.status, code: second.body.Code }).toEqual({ status: 400, code: 'SignatureNonceUsed' });
  });

  it('accepts a timestamp 10 minutes off', async () => {
    const r = await call(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials, override: { Timestamp: nowTimestamp(-10 * 60_000) } });
    expect(r.status).toBe(200);
  });

  it('answers other paths with InvalidAction.NotFound', async () => {
    const r = await fetch(`${emulator.current.endpoint}/favicon.ico`);
    expect(r.status).toBe(404);
    expect((await r.json()).Code).toBe('InvalidAction.NotFound');
  });
});
