import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEcsimgError, type RequestContext } from '../../src/api/apiErrors.js';
import { CredentialsError, EcsimgError, ServiceError, UsageError } from '../../src/errors.js';
import { formatError } from '../../src/output/errorMessage.js';

const require = createRequire(import.meta.url);
const ctx: RequestContext = { action: 'DescribeImages', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com', regionId: 'cn-hangzhou' };

describe('formatError', () => {
  it('prints the message line with a trailing newline', () => {
    expect(formatError(new UsageError('no region: pass --region or set ALIBABA_CLOUD_REGION_ID'), { debug: false })).toBe(
      'ecsimg: no region: pass --region or set ALIBABA_CLOUD_REGION_ID\n',
    );
  });

  it('adds the hint, then code and request-id', () => {
    const err = new CredentialsError('the STS security token has expired', {
      hint: 'get a new token',
      code: 'InvalidSecurityToken.Expired',
      requestId: 'ABCD-1234',
      status: 400,
    });
    expect(formatError(err, { debug: false })).toBe(
      [
        'ecsimg: the STS security token has expired',
        '  hint: get a new token',
        '  code: InvalidSecurityToken.Expired  request-id: ABCD-1234',
        '',
      ].join('\n'),
    );
  });

  it('leaves the hint out with --quiet, and nothing else', () => {
    const err = new CredentialsError('the STS security token has expired', { hint: 'get a new token', code: 'InvalidSecurityToken.Expired', requestId: 'ABCD-1234' });
    expect(formatError(err, { debug: false, quiet: true })).toBe(
      ['ecsimg: the STS security token has expired', '  code: InvalidSecurityToken.Expired  request-id: ABCD-1234', ''].join('\n'),
    );
  });

  it('prints the code line with only what is present', () => {
    expect(formatError(new ServiceError('x', { requestId: 'R-1' }), { debug: false })).toBe('ecsimg: x\n  request-id: R-1\n');
    expect(formatError(new ServiceError('x', { code: 'ECONNRESET' }), { debug: false })).toBe('ecsimg: x\n  code: ECONNRESET\n');
  });

  it('has no stack trace without --debug', () => {
    const out = formatError(new ServiceError('boom', { cause: new Error('inner') }), { debug: false });
    expect(out).not.toMatch(/\bat\s/);
    expect(out).not.toContain('inner');
  });

  it('adds the status and the stacks of the error and its causes with --debug', () => {
    const inner = new TypeError('inner detail');
    const err = new EcsimgError('unexpected error', 1, { cause: inner, status: 500 });
    const out = formatError(err, { debug: true });
    const lines = out.split('\n');
    expect(lines[0]).toBe('ecsimg: unexpected error');
    expect(out).toContain('  http-status: 500');
    expect(out).toContain('EcsimgError: unexpected error\n    at ');
    expect(out).toContain('caused by: TypeError: inner detail\n    at ');
    expect(out.endsWith('\n')).toBe(true);
  });

  it('prints a non-Error cause by its name only', () => {
    const err = new ServiceError('not JSON', { cause: { name: 'SyntaxError', message: "Unexpected '<'", at: 1, text: '<html>SECRET PAGE</html>' } });
    const out = formatError(err, { debug: true });
    expect(out).toContain("caused by: SyntaxError: Unexpected '<'");
    expect(out).not.toContain('SECRET PAGE');
  });

  it('follows a bounded chain of causes', () => {
    let cause: Error = new Error('level 0');
    for (let i = 1; i < 10; i++) cause = new Error(`level ${i}`, { cause });
    const out = formatError(new EcsimgError('x', 1, { cause }), { debug: true });
    expect(out.match(/caused by:/g)).toHaveLength(5);
  });

  it('is plain text unless color, and colours only the labels', () => {
    const err = new UsageError('bad', { hint: 'try', code: 'C' });
    expect(formatError(err, { debug: false })).not.toContain('\x1b[');
    const coloured = formatError(err, { debug: false, color: true });
    expect(coloured).toContain('\x1b[');
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
    expect(coloured.replace(ansi, '')).toBe(formatError(err, { debug: false }));
  });

  it('blanks given secrets anywhere, even in a message', () => {
    const err = new UsageError('value s3cr3t-v4lue is wrong', { hint: 'not s3cr3t-v4lue' });
    const out = formatError(err, { debug: true, secrets: ['s3cr3t-v4lue'] });
    expect(out).not.toContain('s3cr3t-v4lue');
    expect(out).toContain('value <redacted> is wrong');
  });
});

// Credentials the fake errors carry. None of them may reach the output.
const AK_ID = 'LTAIleakleakleak1234';
const AK_SECRET = 'leakSecretValue0987654321';
const SIGNATURE = 'c2lnbmF0dXJlbGVha3k+Lz0=';
const TOKEN = 'CAISleaktokenleaktokenleaktoken+/AbCdEf==';
const LEAKS = [
  AK_ID,
  AK_SECRET,
  SIGNATURE,
  encodeURIComponent(SIGNATURE),
  TOKEN,
  encodeURIComponent(TOKEN),
  encodeURIComponent(encodeURIComponent(TOKEN)),
  'CAISleaktoken',
  'string to sign is',
  'LTAIleak',
];
// A Signature/AccessKeyId/SecurityToken parameter whose value was not blanked.
const UNREDACTED_PARAM = /(Signature|AccessKeyId|SecurityToken)(=|%3D|%253D)(?!<redacted>)/i;
const URL_WITH_SECRETS = `https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=${AK_ID}&Action=DescribeImages&Signature=${encodeURIComponent(SIGNATURE)}&SignatureNonce=abc&SecurityToken=${encodeURIComponent(TOKEN)}`;
const STRING_TO_SIGN_MESSAGE = `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3D${AK_ID}%26Action%3DDescribeImages%26SecurityToken%3D${encodeURIComponent(encodeURIComponent(TOKEN))}`;

function popCoreError(code: string, message: string, status = 400): Error {
  const data = Object.assign(Object.create(null) as Record<string, unknown>, {
    RequestId: 'REQ-LEAK',
    HostId: 'ecs.cn-hangzhou.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: 'https://api.aliyun.com/troubleshoot',
  });
  const err = new Error(`${message}, URL: ${URL_WITH_SECRETS}`);
  err.name = `${code}Error`;
  Object.assign(err, {
    data,
    code,
    url: URL_WITH_SECRETS,
    entry: { url: URL_WITH_SECRETS, request: null, response: { statusCode: status, headers: {} } },
  });
  return err;
}

function timeoutError(): Error {
  const err = new Error(`ReadTimeout(10000). GET ${URL_WITH_SECRETS} failed.`);
  err.name = 'RequestTimeoutError';
  return err;
}

function refusedError(): Error {
  return Object.assign(new Error(`connect ECONNREFUSED 1.2.3.4:443GET ${URL_WITH_SECRETS} failed.`), {
    code: 'ECONNREFUSED',
    syscall: 'connect',
  });
}

const LEAKY: [string, () => unknown][] = [
  ['SignatureDoesNotMatch with a string to sign', () => popCoreError('SignatureDoesNotMatch', STRING_TO_SIGN_MESSAGE)],
  ['an unmapped code whose Message has a string to sign', () => popCoreError('Brand.New', STRING_TO_SIGN_MESSAGE, 403)],
  ['an unmapped 5xx code whose Message names the key', () => popCoreError('Odd', `key ${AK_ID} token ${TOKEN}`, 500)],
  ['a wildcard code showing the server Message', () => popCoreError('InvalidParameter', `bad Signature=${SIGNATURE} here`)],
  ['Forbidden.RAM', () => popCoreError('Forbidden.RAM', `user ${AK_ID} denied`, 403)],
  ['an httpx timeout carrying the GET URL', timeoutError],
  ['a refused connection carrying the GET URL', refusedError],
  ['a bug whose message holds the URL', () => new TypeError(`failed at ${URL_WITH_SECRETS}`)],
  ['a string to sign inside a wrapped cause', () => new Error('outer', { cause: popCoreError('SignatureDoesNotMatch', STRING_TO_SIGN_MESSAGE) })],
];

describe('formatError never leaks credentials', () => {
  describe.each([
    ['debug off', false],
    ['debug on', true],
  ])('%s', (_label, debug) => {
    it.each(LEAKY)('%s (no secrets list given)', (_name, make) => {
      const out = formatError(toEcsimgError(make(), ctx), { debug });
      for (const leak of LEAKS) expect(out).not.toContain(leak);
      expect(out).not.toMatch(UNREDACTED_PARAM);
      expect(out).not.toContain('URL:');
      expect(out.startsWith('ecsimg: ')).toBe(true);
    });

    it.each(LEAKY)('%s (secrets list given)', (_name, make) => {
      const out = formatError(toEcsimgError(make(), ctx), { debug, secrets: [AK_ID, AK_SECRET, TOKEN] });
      for (const leak of LEAKS) expect(out).not.toContain(leak);
    });
  });

  it('still shows what happened for SignatureDoesNotMatch', () => {
    const out = formatError(toEcsimgError(popCoreError('SignatureDoesNotMatch', STRING_TO_SIGN_MESSAGE), ctx), { debug: true });
    expect(out).toContain('secret does not match the AccessKeyId');
    expect(out).toContain('code: SignatureDoesNotMatch  request-id: REQ-LEAK');
    expect(out).toContain('caused by: SignatureDoesNotMatchError (code SignatureDoesNotMatch)');
  });
});

describe('a network error from pop-core\'s HTTP library, under --debug', () => {
  it('shows its name, never its message, which names the URL', () => {
    // httpx's shape: "ReadTimeout(1000). POST <url> failed."
    const timeout = Object.assign(new Error('ReadTimeout(1000). GET https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=LTAIabcdefghijklmnop&Signature=abc failed.'), { name: 'RequestTimeoutError' });
    const out = formatError(toEcsimgError(timeout, ctx), { debug: true });
    expect(out).toContain('caused by: RequestTimeoutError\n');
    expect(out).not.toContain('aliyuncs.com/?');
    expect(out).not.toContain('LTAI');
    expect(out).not.toContain('ReadTimeout(1000)');
  });
});

// The real pop-core, sending GET so that its error messages do carry the secrets.
describe('formatError with the real pop-core over GET', () => {
  type Client = { request: (action: string, params: object, opts: object) => Promise<unknown> };
  const RPCClient = require('@alicloud/pop-core/lib/rpc.js') as new (config: object, verbose: boolean) => Client;
  let server: Server;
  let endpoint = '';
  let reply: (url: string, res: import('node:http').ServerResponse) => void = () => {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => reply(req.url ?? '', res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failure(timeout = 2000): Promise<unknown> {
    const client = new RPCClient(
      { endpoint, apiVersion: '2014-05-26', accessKeyId: AK_ID, accessKeySecret: AK_SECRET, securityToken: TOKEN },
      true,
    );
    try {
      await client.request('DescribeImages', { RegionId: 'cn-hangzhou' }, { method: 'GET', timeout });
    } catch (thrown) {
      return thrown;
    }
    throw new Error('expected the request to fail');
  }

  it('a SignatureDoesNotMatch answer quoting the string to sign', async () => {
    reply = (url, res) => {
      const query = url.replace(/^\/\?/, '');
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          RequestId: 'R-SIG',
          HostId: 'h',
          Code: 'SignatureDoesNotMatch',
          Message: `Specified signature is not matched with our calculation. server string to sign is:GET&%2F&${encodeURIComponent(query)}`,
          Recommend: 'r',
        }),
      );
    };
    const thrown = await failure();
    // The premise: pop-core's own message does carry the secrets.
    expect(String((thrown as Error).message)).toContain(AK_ID);
    for (const debug of [false, true]) {
      const out = formatError(toEcsimgError(thrown, { ...ctx, endpoint }), { debug });
      for (const leak of LEAKS) expect(out).not.toContain(leak);
      expect(out).not.toMatch(UNREDACTED_PARAM);
      expect(out).toContain('code: SignatureDoesNotMatch  request-id: R-SIG');
    }
  });

  it('a read timeout whose message holds the GET URL', async () => {
    reply = () => {};
    const thrown = await failure(50);
    expect(String((thrown as Error).message)).toContain('Signature=');
    for (const debug of [false, true]) {
      const out = formatError(toEcsimgError(thrown, { ...ctx, endpoint }), { debug });
      for (const leak of LEAKS) expect(out).not.toContain(leak);
      expect(out).not.toMatch(UNREDACTED_PARAM);
      expect(out).toContain('no answer from 127.0.0.1');
    }
  });
});
