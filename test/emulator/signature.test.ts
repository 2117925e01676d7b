import { describe, expect, it } from 'vitest';
import { canonicalizeParams, computeSignature, percentEncode, stringToSign } from '../../src/emulator/signature.js';

const OFFICIAL = {
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  SignatureVersion: '1.0',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('signature v1', () => {
  it('reproduces the official DescribeRegions vector', () => {
    expect(computeSignature('GET', OFFICIAL, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('builds the documented string to sign', () => {
    expect(stringToSign('GET', OFFICIAL)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it('signs POST differently from GET', () => {
    expect(computeSignature('POST', OFFICIAL, 'testsecret')).not.toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('ignores a Signature parameter and sorts by encoded key', () => {
    expect(canonicalizeParams({ b: '2', Signature: 'x', a: '1', 'Tag.1.Key': 'env' })).toBe('Tag.1.Key=env&a=1&b=2');
  });

  it('percent-encodes as RFC 3986: space %20, tilde kept, !\'()* encoded, UTF-8', () => {
    expect(percentEncode("a b~c!'()*")).toBe('a%20b~c%21%27%28%29%2A');
    expect(percentEncode('第二行,"x"\n')).toBe('%E7%AC%AC%E4%BA%8C%E8%A1%8C%2C%22x%22%0A');
  });
});
