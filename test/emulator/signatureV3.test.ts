import { describe, expect, it } from 'vitest';
import { canonicalRequest, parseAuthorization, sha256Hex, signV3, stringToSignV3, type V3Request } from '../../src/emulator/signatureV3.js';

// The worked example of Alibaba Cloud's "V3 request structure and signature" page (RunInstances).
const OFFICIAL: V3Request = {
  method: 'POST',
  pathname: '/',
  query: new URLSearchParams({ ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' }),
  headers: {
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  },
  body: '',
};
const SIGNED = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];

describe('signature v3 (ACS3-HMAC-SHA256)', () => {
  it('hashes an empty body as the documentation shows', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('reproduces the documented canonical request, string to sign and signature', () => {
    const canonical = canonicalRequest(OFFICIAL, SIGNED, sha256Hex(''));
    expect(canonical).toBe(
      'POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n' +
        'host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n' +
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n' +
        'x-acs-date:2023-10-26T10:22:32Z\nx-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n' +
        'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n' +
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const text = stringToSignV3(canonical);
    expect(text).toBe('ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
    expect(signV3(text, 'YourAccessKeySecret')).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
  });

  it('signs a changed parameter, header or body differently', () => {
    const base = signV3(stringToSignV3(canonicalRequest(OFFICIAL, SIGNED, sha256Hex(''))), 'YourAccessKeySecret');
    const otherQuery = { ...OFFICIAL, query: new URLSearchParams({ ImageId: 'x', RegionId: 'cn-shanghai' }) };
    const otherHeader = { ...OFFICIAL, headers: { ...OFFICIAL.headers, 'x-acs-action': 'DescribeImages' } };
    for (const [request, body] of [[otherQuery, ''], [otherHeader, ''], [OFFICIAL, 'RegionId=cn-beijing']] as const) {
      expect(signV3(stringToSignV3(canonicalRequest(request, SIGNED, sha256Hex(body))), 'YourAccessKeySecret')).not.toBe(base);
    }
  });

  it('encodes query names and values as RFC 3986 and sorts them', () => {
    const request = { ...OFFICIAL, query: new URLSearchParams([['b', "a b*~'"], ['Tag.1.Key', '环境'], ['a', '']]) };
    expect(canonicalRequest(request, [], '-').split('\n')[2]).toBe('Tag.1.Key=%E7%8E%AF%E5%A2%83&a=&b=a%20b%2A~%27');
  });

  it('parses the Authorization header and refuses other forms', () => {
    expect(parseAuthorization('ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;X-Acs-Date,Signature=abc')).toEqual({
      accessKeyId: 'AK',
      signedHeaders: ['host', 'x-acs-date'],
      signature: 'abc',
    });
    for (const bad of ['ACS3-HMAC-SM3 Credential=AK,SignedHeaders=host,Signature=abc', 'ACS3-HMAC-SHA256 Credential=AK,Signature=abc', 'acs AK:sig', '']) {
      expect(parseAuthorization(bad)).toBeUndefined();
    }
  });
});
