import { describe, expect, it } from 'vitest';
import { maskAccessKeyId, redactParams, scrubText } from '../../src/api/redact.js';

describe('redactParams', () => {
  const params = {
    Action: 'DescribeImages',
    RegionId: 'cn-hangzhou',
    AccessKeyId: 'LTAI5tExampleKeyId9Xyz',
    Signature: 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    SecurityToken: 'CAISexampletoken',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Timestamp: '2016-02-23T12:46:24Z',
  };

  it('masks the AccessKeyId to its last 4 characters and blanks signature and token', () => {
    expect(redactParams(params)).toEqual({
      ...params,
      AccessKeyId: '****9Xyz',
      Signature: '<redacted>',
      SecurityToken: '<redacted>',
    });
  });

  it('keeps the key order and does not touch the input', () => {
    const copy = { ...params };
    const out = redactParams(params);
    expect(Object.keys(out)).toEqual(Object.keys(params));
    expect(params).toEqual(copy);
  });

  it.each(['AccessKeySecret', 'access_key_secret', 'sts_token', 'x-acs-security-token', 'Password', 'MY_SIGNATURE', 'credentialUri'])(
    'blanks anything named like a secret: %s',
    (key) => {
      expect(redactParams({ [key]: 'hunter2hunter2' })[key]).toBe('<redacted>');
    },
  );

  it.each(['access_key_id', 'accessKeyId', 'ACCESSKEYID'])('masks the AccessKeyId whatever its spelling: %s', (key) => {
    expect(redactParams({ [key]: 'LTAIabcdefghijkl1234' })[key]).toBe('****1234');
  });

  it('keeps the harmless Signature* parameters readable', () => {
    const out = redactParams(params);
    expect(out.SignatureNonce).toBe(params.SignatureNonce);
    expect(out.SignatureMethod).toBe('HMAC-SHA1');
  });

  it('shows nothing of a short AccessKeyId', () => {
    expect(maskAccessKeyId('abcd')).toBe('****');
    expect(maskAccessKeyId('abcdefgh')).toBe('****');
    expect(maskAccessKeyId('abcdefghi')).toBe('****fghi');
  });
});

describe('scrubText', () => {
  it('replaces every occurrence of the given secrets', () => {
    expect(scrubText('key=s3cr3t-value and again s3cr3t-value', ['s3cr3t-value'])).toBe('key=<redacted> and again <redacted>');
  });

  it('replaces URL-encoded and double-encoded forms of a secret', () => {
    const token = 'CA+IS/tok=en!';
    const once = 'CA%2BIS%2Ftok%3Den%21';
    const twice = 'CA%252BIS%252Ftok%253Den%2521';
    const out = scrubText(`raw ${token} once ${once} twice ${twice}`, [token]);
    expect(out).toBe('raw <redacted> once <redacted> twice <redacted>');
  });

  it('treats secrets as text, not patterns', () => {
    expect(scrubText('a.b a+b axb', ['a.b'])).toBe('<redacted> a+b axb');
  });

  it('ignores empty secrets', () => {
    expect(scrubText('hello', ['', 'zzz'])).toBe('hello');
  });

  it('blanks Signature=, SecurityToken= and AccessKeyId= URL parameters', () => {
    const url =
      'https://ecs.aliyuncs.com/?AccessKeyId=KEY123&Action=DescribeImages&Signature=abc%2Bdef%3D&SignatureNonce=n1&SecurityToken=tok%2Fen&Version=2014-05-26';
    expect(scrubText(url, [])).toBe(
      'https://ecs.aliyuncs.com/?AccessKeyId=<redacted>&Action=DescribeImages&Signature=<redacted>&SignatureNonce=n1&SecurityToken=<redacted>&Version=2014-05-26',
    );
  });

  it('blanks parameters inside an encoded string to sign (up to the encoded &)', () => {
    const text = 'GET&%2F&AccessKeyId%3DKEY123%26Action%3DDescribeImages%26SecurityToken%3Dabc%252Bdef%26Version%3D1';
    expect(scrubText(text, [])).toBe(
      'GET&%2F&AccessKeyId%3D<redacted>%26Action%3DDescribeImages%26SecurityToken%3D<redacted>%26Version%3D1',
    );
  });

  it('cuts everything after "string to sign" on its line', () => {
    const text = 'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&Action%3DX, URL: https://h/\nnext line';
    expect(scrubText(text, [])).toBe('Specified signature is not matched with our calculation. server string to sign <redacted>\nnext line');
  });

  it.each([
    ['LTAIleakleakleak1234', 'id LTAIleakleakleak1234 here'],
    ['STS.NUgYrLnoC37mZZCNnAbez2MEy', 'id STS.NUgYrLnoC37mZZCNnAbez2MEy here'],
    ['CAISleaktokenleaktoken+/=', 'token CAISleaktokenleaktoken+/= here'],
  ])('blanks text shaped like an Alibaba Cloud credential: %s', (secret, text) => {
    const out = scrubText(text, []);
    expect(out).not.toContain(secret);
    expect(out).toContain('<redacted>');
  });

  it('leaves ordinary text alone', () => {
    const text = 'ubuntu_22_04_x64_20G_alibase_20240926.vhd SignatureMethod=HMAC-SHA1 LTAI short';
    expect(scrubText(text, [])).toBe(text);
  });

  it('scrubs a secret that is a long run of one character (no regex is built from it)', () => {
    const secret = 'a'.repeat(100_000);
    expect(scrubText(`before ${secret} after`, [secret])).toBe('before <redacted> after');
  });

  it('scrubs a secret holding a lone surrogate, which cannot be percent-encoded', () => {
    const secret = 'abc\ud800def';
    expect(scrubText(`x ${secret} y`, [secret])).toBe('x <redacted> y');
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(scrubText('k=abcdefgh', ['abcd', 'abcdefgh'])).toBe('k=<redacted>');
  });

  it.each([
    ['a run of one letter', 'a'.repeat(1_000_000)],
    ['Signature= and a long value', `Signature=${'a'.repeat(1_000_000)}`],
    ['Signature= repeated', 'Signature='.repeat(100_000)],
    ['an encoded Signature with %25 repeated', `Signature%253D${'%25'.repeat(330_000)}`],
    ['"string" and spaces', `string${' '.repeat(1_000_000)}`],
    ['"string to" repeated', 'string to '.repeat(100_000)],
    ['LTAI and a long tail', `LTAI${'A'.repeat(1_000_000)}`],
    ['CAIS+ repeated', 'CAIS+'.repeat(200_000)],
  ])('scrubs a 1 MB server message quickly: %s', (_name, text) => {
    const started = performance.now();
    scrubText(text, ['a'.repeat(50_000), 'EmulatorSecret']);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
