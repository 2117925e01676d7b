import { describe, expect, it } from 'vitest';
import { useEmulator } from '../support/emulator.js';
import { buildParams, callV3, nowTimestamp, send, type V3CallOptions } from './helpers.js';

const emulator = useEmulator();

describe('signature V3 requests', () => {
  it.each([
    ['GET with query parameters', { method: 'GET' }],
    ['POST with query parameters', { method: 'POST' }],
    ['POST with form parameters', { method: 'POST', inBody: true }],
  ] as const)('accepts %s', async (_name, shape) => {
    const r = await callV3(emulator.current.endpoint, 'DescribeImages', { RegionId: 'cn-beijing', PageSize: '3', ImageOwnerAlias: 'self' }, {
      ...shape,
      credentials: emulator.current.credentials,
    });
    expect(r.status).toBe(200);
    expect(r.body.RegionId).toBe('cn-beijing');
    expect(r.body.PageSize).toBe(3);
    expect(r.body.Images.Image).toHaveLength(3);
    expect(r.body.Images.Image.every((i: { ImageOwnerAlias: string }) => i.ImageOwnerAlias === 'self')).toBe(true);
  });

  it('routes by x-acs-action and records the key and token from the headers', async () => {
    emulator.current.resetStats();
    const r = await callV3(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.stsCredentials });
    expect(r.status).toBe(200);
    expect(r.body.Regions.Region.length).toBeGreaterThan(5);
    expect(emulator.current.stats.requests[0]).toMatchObject({
      action: 'DescribeRegions',
      accessKeyId: emulator.current.stsCredentials.accessKeyId,
      securityToken: emulator.current.stsCredentials.securityToken,
    });
  });

  it('refuses a replayed nonce', async () => {
    const headers = { 'x-acs-signature-nonce': `replay-${Date.now()}` };
    const first = await callV3(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials, headers });
    const second = await callV3(emulator.current.endpoint, 'DescribeRegions', {}, { credentials: emulator.current.credentials, headers });
    expect(first.status).toBe(200);
    expect([second.status, second.body.Code]).toEqual([400, 'SignatureNonceUsed']);
  });
});

interface Case {
  name: string;
  code: string;
  status: number;
  action?: string;
  options: () => V3CallOptions;
}

const key = (): V3CallOptions['credentials'] => emulator.current.credentials;

const refused: Case[] = [
  { name: 'a wrong secret', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ credentials: { ...key(), accessKeySecret: 'wrong' } }) },
  { name: 'a query parameter changed after signing', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ method: 'GET', credentials: key(), tamper: { params: { RegionId: 'cn-beijing' } } }) },
  { name: 'a form parameter changed after signing', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ inBody: true, credentials: key(), tamper: { params: { RegionId: 'cn-beijing' } } }) },
  { name: 'a form body and its x-acs-content-sha256 changed together', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ inBody: true, credentials: key(), tamper: { params: { RegionId: 'cn-beijing' }, headers: { 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } } }) },
  { name: 'an x-acs-content-sha256 that is not the body\'s', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ inBody: true, credentials: key(), headers: { 'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' } }) },
  { name: 'a signed header changed after signing', code: 'SignatureDoesNotMatch', status: 400, options: () => ({ credentials: key(), tamper: { headers: { 'x-acs-action': 'DescribeRegions' } } }) },
  { name: 'an x-acs-* header left out of SignedHeaders', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: key(), tamper: { headers: { 'x-acs-extra': 'added later' } } }) },
  { name: 'no Authorization header', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: key(), authorization: '' }) },
  { name: 'another algorithm', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: key(), authorization: 'ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=00' }) },
  { name: 'no x-acs-content-sha256', code: 'IncompleteSignature', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-content-sha256': undefined } }) },
  { name: 'an unknown key', code: 'InvalidAccessKeyId.NotFound', status: 404, options: () => ({ credentials: { accessKeyId: 'LTAINoSuchKey', accessKeySecret: 'x' } }) },
  { name: 'an x-acs-date 20 minutes old', code: 'InvalidTimeStamp.Expired', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-date': nowTimestamp(-20 * 60_000) } }) },
  { name: 'an x-acs-date 20 minutes ahead', code: 'InvalidTimeStamp.Expired', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-date': nowTimestamp(20 * 60_000) } }) },
  { name: 'a badly formatted x-acs-date', code: 'InvalidTimeStamp.Format', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-date': 'Thu, 26 Oct 2023 10:22:32 GMT' } }) },
  { name: 'no x-acs-date', code: 'MissingTimestamp', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-date': undefined } }) },
  { name: 'no x-acs-signature-nonce', code: 'MissingSignatureNonce', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-signature-nonce': undefined } }) },
  { name: 'the STS key without its token', code: 'MissingSecurityToken', status: 400, options: () => ({ credentials: { accessKeyId: emulator.current.stsCredentials.accessKeyId, accessKeySecret: emulator.current.stsCredentials.accessKeySecret } }) },
  { name: 'an expired token', code: 'InvalidSecurityToken.Expired', status: 400, options: () => ({ credentials: emulator.current.expiredStsCredentials }) },
  { name: 'a malformed token', code: 'InvalidSecurityToken.Malformed', status: 400, options: () => ({ credentials: { ...emulator.current.stsCredentials, securityToken: 'not-a-token' } }) },
  { name: 'a key without permissions', code: 'Forbidden.RAM', status: 403, options: () => ({ credentials: emulator.current.forbiddenCredentials }) },
  { name: 'another API version', code: 'InvalidVersion', status: 400, options: () => ({ credentials: key(), headers: { 'x-acs-version': '2016-03-14' } }) },
  { name: 'an unknown action', code: 'InvalidAction.NotFound', status: 404, action: 'DescribeUnicorns', options: () => ({ credentials: key() }) },
];

describe('signature V3: refused requests', () => {
  it.each(refused)('$name: $code', async ({ code, status, action, options }) => {
    const r = await callV3(emulator.current.endpoint, action ?? 'DescribeImages', { RegionId: 'cn-hangzhou', PageSize: '1' }, options());
    expect([r.status, r.body?.Code]).toEqual([status, code]);
  });

  it('V1 still refuses a parameter changed after signing', async () => {
    const { endpoint, credentials } = emulator.current;
    const params = buildParams('DescribeImages', { RegionId: 'cn-hangzhou' }, { credentials, method: 'GET' });
    const r = await send(endpoint, 'GET', { ...params, RegionId: 'cn-beijing' });
    expect([r.status, r.body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    expect((await send(endpoint, 'GET', params)).status).toBe(200);
  });
});
