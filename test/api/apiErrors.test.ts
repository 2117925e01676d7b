import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endpointHost,
  httpStatusError,
  parseRetryAfter,
  toEcsimgError,
  unexpectedResponseError,
  type RequestContext,
} from '../../src/api/apiErrors.js';
import { CredentialsError, EcsimgError, InterruptedError, NotFoundError, ServiceError, UsageError } from '../../src/errors.js';

const require = createRequire(import.meta.url);

const ctx: RequestContext = { action: 'DescribeImages', endpoint: 'https://ecs.cn-hangzhou.aliyuncs.com', regionId: 'cn-hangzhou' };

const LEAK_URL =
  'https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=LTAIleakleakleak1234&Action=DescribeImages&Signature=c2lnbmF0dXJlbGVhaw%3D%3D&SecurityToken=CAISleaktokenleaktokenleaktoken';

interface PopCoreErrorOptions {
  status?: number;
  message?: string;
  requestId?: string;
  headers?: Record<string, string | string[]>;
}

/** An error shaped exactly as pop-core's rpc.js builds it for a JSON body with a Code. */
function popCoreError(code: string, options: PopCoreErrorOptions = {}): Error {
  const message = options.message ?? `server message for ${code}`;
  const data = Object.assign(Object.create(null) as Record<string, unknown>, {
    RequestId: options.requestId ?? 'REQ-0001',
    HostId: 'ecs.cn-hangzhou.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Ecs`,
  });
  const err = new Error(`${message}, URL: ${LEAK_URL}`);
  err.name = `${code}Error`;
  Object.assign(err, {
    data,
    code,
    url: LEAK_URL,
    entry: { url: LEAK_URL, request: null, response: { statusCode: options.status ?? 400, headers: options.headers ?? {} } },
  });
  return err;
}

function nodeError(code: string, syscall = 'connect'): Error {
  // httpx appends "<METHOD> <url> failed." to Node's message.
  const err = new Error(`${syscall} ${code} 47.96.0.1:443POST ${LEAK_URL} failed.`);
  Object.assign(err, { code, syscall, errno: -1 });
  return err;
}

type ErrorClass = typeof UsageError | typeof CredentialsError | typeof ServiceError | typeof NotFoundError;

// code, HTTP status, class, exit, retryable, message contains, hint contains
const API_CASES: [string, number, ErrorClass, number, boolean, string, string | undefined][] = [
  // the seed's table
  ['InvalidImageOwnerAlias.ValueNotSupported', 400, UsageError, 2, false, 'image owner alias', 'system, self, others or marketplace'],
  ['InvalidTag.Mismatch', 400, UsageError, 2, false, 'tag filters do not pair up', '--tag key=value'],
  ['InvalidTagCount', 400, UsageError, 2, false, 'too many tag filters', 'fewer --tag'],
  ['InvalidUsage', 404, UsageError, 2, false, 'image usage value', '--usage takes instance or none'],
  // region, action
  ['InvalidRegionId.NotFound', 404, UsageError, 2, false, "region 'cn-hangzhou' does not exist", '`ecsimg regions`'],
  ['InvalidRegionId.MalFormed', 400, UsageError, 2, false, "'cn-hangzhou' is not a well-formed region ID", 'ALIBABA_CLOUD_REGION_ID'],
  ['InvalidRegionId.Other', 400, UsageError, 2, false, "region 'cn-hangzhou' was rejected", '`ecsimg regions`'],
  ['InvalidAction.NotFound', 404, UsageError, 2, false, 'does not offer the ECS action DescribeImages', 'ALIBABA_CLOUD_ECS_ENDPOINT'],
  // credentials
  ['InvalidAccessKeyId.NotFound', 404, CredentialsError, 3, false, 'AccessKeyId is not known', 'ALIBABA_CLOUD_ACCESS_KEY_ID'],
  ['InvalidAccessKeyId.Inactive', 400, CredentialsError, 3, false, 'AccessKey is disabled', 'RAM console'],
  ['InvalidAccessKeyId.Whatever', 400, CredentialsError, 3, false, 'AccessKeyId was rejected', '--profile'],
  ['SignatureDoesNotMatch', 400, CredentialsError, 3, false, 'secret does not match the AccessKeyId', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
  ['IncompleteSignature', 400, CredentialsError, 3, false, 'signature is incomplete', 'no spaces or line breaks'],
  ['InvalidSecurityToken.Expired', 400, CredentialsError, 3, false, 'security token has expired', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
  ['InvalidSecurityToken.Malformed', 400, CredentialsError, 3, false, 'security token is malformed', 'copied whole'],
  ['InvalidSecurityToken.MismatchWithAccessKey', 400, CredentialsError, 3, false, 'does not belong to this AccessKeyId', 'same STS answer'],
  ['InvalidSecurityToken.Other', 400, CredentialsError, 3, false, 'security token was rejected', 'ALIBABA_CLOUD_SECURITY_TOKEN'],
  ['Forbidden.RAM', 403, CredentialsError, 3, false, 'may not call ecs:DescribeImages', 'grant ecs:DescribeImages'],
  ['Forbidden', 403, CredentialsError, 3, false, 'access to ecs:DescribeImages was refused', 'RAM policies'],
  ['Forbidden.RiskControl', 403, CredentialsError, 3, false, 'was refused: server message for Forbidden.RiskControl', 'RAM policies'],
  ['InvalidTimeStamp.Expired', 400, CredentialsError, 3, false, 'clock is probably off', 'NTP'],
  ['InvalidTimeStamp.Format', 400, CredentialsError, 3, false, 'clock is probably wrong', 'NTP'],
  // the service
  ['SignatureNonceUsed', 400, ServiceError, 4, true, 'signature nonce', 'try again'],
  ['Throttling', 400, ServiceError, 4, true, 'throttled by the API', '--concurrency'],
  ['Throttling.User', 400, ServiceError, 4, true, 'this account has sent too many', '--concurrency'],
  ['Throttling.Api', 400, ServiceError, 4, true, 'DescribeImages is receiving too many', '--concurrency'],
  ['ServiceUnavailable', 503, ServiceError, 4, true, 'temporarily unavailable', 'try again later'],
  ['InternalError', 500, ServiceError, 4, true, 'internal error', 'request-id'],
  ['UnknownError', 500, ServiceError, 4, true, 'unknown error', 'request-id'],
  // parameters
  ['InvalidParameter', 400, UsageError, 2, false, 'rejected a parameter: server message for InvalidParameter', '--dry-run'],
  ['InvalidPageSize', 400, UsageError, 2, false, 'rejected the page size', '--page-size takes a whole number from 1 to 100'],
  ['InvalidPageNumber', 400, UsageError, 2, false, 'rejected the page number', 'bug'],
  ['InvalidInstanceType.NotFound', 404, UsageError, 2, false, '--instance-type', 'cn-hangzhou'],
  ['InvalidInstanceType.ValueNotSupported', 400, UsageError, 2, false, '--instance-type', 'ecs.g7.large'],
  ['InvalidImageId.NotFound', 404, NotFoundError, 5, false, 'no image has the ID', 'region'],
  ['InvalidImageId.Malformed', 400, UsageError, 2, false, 'image ID was rejected', 'm-bp1'],
  ['MissingParameter', 400, UsageError, 2, false, 'required parameter is missing', 'bug'],
  ['MissingRegionId', 400, UsageError, 2, false, 'required parameter is missing', 'bug'],
  ['InvalidOSType.ValueNotSupported', 400, UsageError, 2, false, 'API rejected the request: server message', '--help'],
];

describe('toEcsimgError: API error codes', () => {
  it.each(API_CASES)('%s (HTTP %i)', (code, status, cls, exit, retryable, message, hint) => {
    const err = toEcsimgError(popCoreError(code, { status, requestId: 'REQ-42' }), ctx);
    expect(err).toBeInstanceOf(cls);
    expect(err.exitCode).toBe(exit);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain(message);
    if (hint) expect(err.hint).toContain(hint);
    expect(err.code).toBe(code);
    expect(err.requestId).toBe('REQ-42');
    expect(err.status).toBe(status);
    expect(err.message).not.toContain('URL');
    expect(err.message).not.toContain('LTAI');
  });

  it('gives every explicitly named code its own wording', () => {
    const explicit = [
      'InvalidImageOwnerAlias.ValueNotSupported', 'InvalidTag.Mismatch', 'InvalidTagCount', 'InvalidUsage',
      'InvalidRegionId.NotFound', 'InvalidRegionId.MalFormed', 'InvalidAccessKeyId.NotFound', 'InvalidAccessKeyId.Inactive',
      'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidSecurityToken.Expired', 'InvalidSecurityToken.Malformed',
      'InvalidSecurityToken.MismatchWithAccessKey', 'Forbidden', 'Forbidden.RAM', 'InvalidTimeStamp.Expired',
      'InvalidTimeStamp.Format', 'SignatureNonceUsed', 'Throttling', 'Throttling.User', 'Throttling.Api',
      'ServiceUnavailable', 'InternalError', 'UnknownError', 'InvalidParameter', 'InvalidPageSize', 'InvalidPageNumber',
      'InvalidAction.NotFound', 'InvalidInstanceType.NotFound', 'InvalidImageId.NotFound', 'InvalidImageId.Malformed',
      'MissingParameter', 'InvalidSomething',
    ];
    const messages = explicit.map((code) => toEcsimgError(popCoreError(code, { message: 'same' }), ctx).message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('matches codes case-insensitively, as the seed page spells them', () => {
    const err = toEcsimgError(popCoreError('Invalidimageowneralias.valuenotsupported'), ctx);
    expect(err.hint).toContain('--owner');
  });

  it('names the action from the context in Forbidden.RAM', () => {
    const err = toEcsimgError(popCoreError('Forbidden.RAM', { status: 403 }), { ...ctx, action: 'DescribeRegions' });
    expect(err.message).toContain('ecs:DescribeRegions');
    expect(err.hint).toContain('ecs:DescribeRegions');
  });

  it('never shows the SignatureDoesNotMatch server message (its string to sign)', () => {
    const message =
      'Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DLTAIleakleakleak1234%26SecurityToken%3DCAISleaktokenleaktoken';
    const err = toEcsimgError(popCoreError('SignatureDoesNotMatch', { message }), ctx);
    expect(err.message).not.toMatch(/string to sign|LTAI|CAIS|calculation/);
    expect(err.hint ?? '').not.toMatch(/LTAI|CAIS/);
  });

  it('cuts a string to sign out of a server message shown for an unmapped code', () => {
    const message = 'Bad thing happened. server string to sign is:POST&%2F&AccessKeyId%3DLTAIleakleakleak1234';
    const err = toEcsimgError(popCoreError('SomethingNew', { message }), ctx);
    expect(err.message).toBe('DescribeImages failed: Bad thing happened.');
  });

  it('falls back to the server message for unknown codes: exit 2 for 4xx', () => {
    const err = toEcsimgError(popCoreError('Brand.NewCode', { status: 409, message: '  The thing\n  is   busy.  ' }), ctx);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe('DescribeImages failed: The thing is busy.');
    expect(err.retryable).toBe(false);
    expect(err.code).toBe('Brand.NewCode');
  });

  it('falls back to the server message for unknown codes: exit 4 and retryable for 5xx', () => {
    const err = toEcsimgError(popCoreError('Gateway.Broken', { status: 502, message: 'upstream gone' }), ctx);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.exitCode).toBe(4);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('upstream gone');
    expect(err.hint).toContain('request-id');
  });

  it.each([
    [401, 'NoSuchAuth', 3, false],
    [403, 'NoPermission', 3, false],
    [429, 'QpsLimitExceeded', 4, true],
    [408, 'SlowClient', 4, true],
  ])('an unknown code with HTTP %i takes its exit code from the status', (status, code, exitCode, retryable) => {
    const err = toEcsimgError(popCoreError(code, { status, message: 'words' }), ctx);
    expect(err.exitCode).toBe(exitCode);
    expect(err.retryable).toBe(retryable);
  });

  it('names the code when an unknown code comes without a message', () => {
    const err = toEcsimgError(popCoreError('Odd.Code', { message: '' }), ctx);
    expect(err.message).toBe('DescribeImages failed with error Odd.Code');
  });

  it('bounds a huge server message', () => {
    const err = toEcsimgError(popCoreError('Odd.Code', { message: 'x'.repeat(5000) }), ctx);
    expect(err.message.length).toBeLessThan(400);
  });

  it('reads x-acs-retry-after (ms) into retryAfterMs', () => {
    const err = toEcsimgError(popCoreError('Throttling.User', { headers: { 'x-acs-retry-after': '1500' } }), ctx);
    expect(err.retryAfterMs).toBe(1500);
  });

  it('keeps pop-core error as the cause (for --debug)', () => {
    const original = popCoreError('Throttling');
    expect(toEcsimgError(original, ctx).cause).toBe(original);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [{ 'x-acs-retry-after': '250' }, 250],
    [{ 'x-acs-retry-after': ['300', '900'] }, 300],
    [{ 'x-acs-retry-after': 12.2 }, 13],
    // as asked: retry.ts fails a request whose waits pass its bound
    [{ 'x-acs-retry-after': '999999999' }, 999_999_999],
    [{ 'x-acs-retry-after': '1e12' }, 1e12],
    [{ 'x-acs-retry-after': 'Infinity' }, undefined],
    [{ 'x-acs-retry-after': 'soon' }, undefined],
    [{ 'x-acs-retry-after': '-5' }, undefined],
    [{ 'x-acs-retry-after': '' }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])('%j -> %s', (headers, expected) => {
    expect(parseRetryAfter(headers)).toBe(expected);
  });
});

describe('toEcsimgError: network failures', () => {
  const host = 'ecs.cn-hangzhou.aliyuncs.com';
  it.each([
    ['ECONNREFUSED', false, 'connection refused', '--endpoint'],
    ['ECONNRESET', true, 'was reset', 'try again'],
    ['EPIPE', true, 'was reset', 'try again'],
    ['ENOTFOUND', false, 'could not resolve', "region 'cn-hangzhou'"],
    ['EAI_AGAIN', true, 'could not resolve', 'DNS'],
    ['ETIMEDOUT', true, 'timed out', 'network'],
    ['EHOSTUNREACH', false, 'cannot be reached', 'network'],
    ['ENETUNREACH', false, 'cannot be reached', 'network'],
    ['CERT_HAS_EXPIRED', false, 'certificate is expired', 'clock'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', false, 'certificate is not trusted', 'NODE_EXTRA_CA_CERTS'],
    ['SELF_SIGNED_CERT_IN_CHAIN', false, 'certificate is not trusted', 'NODE_EXTRA_CA_CERTS'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', false, 'certificate is not trusted', 'NODE_EXTRA_CA_CERTS'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', false, 'another host name', '--endpoint'],
    ['EPROTO', false, 'TLS handshake failed', '--endpoint'],
    ['EWEIRDSOCKET', false, 'network error talking to', '--endpoint'],
    ['HPE_INVALID_STATUS', false, 'did not answer with valid HTTP', '--endpoint'],
    ['HPE_INVALID_CONSTANT', false, 'did not answer with valid HTTP', '--endpoint'],
    ['HPE_SOMETHING_NEW', false, 'did not answer with valid HTTP', '--endpoint'],
    ['HPE_HEADER_OVERFLOW', false, 'more header data than ecsimg reads', 'proxy'],
    ['ERR_ECSIMG_ANSWER_TOO_LARGE', false, 'larger than ecsimg accepts (32 MiB', '--endpoint'],
    ['ERR_STRING_TOO_LONG', false, 'larger than ecsimg accepts (32 MiB', '--endpoint'],
  ])('%s', (code, retryable, message, hint) => {
    const err = toEcsimgError(nodeError(code), ctx);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.exitCode).toBe(4);
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain(message);
    expect(err.message).toContain(host);
    expect(err.message).not.toContain('LTAI');
    expect(err.hint).toContain(hint);
    expect(err.code).toBe(code);
  });

  it('a failure in reading an answer that arrived whole is the answer\'s fault (exit 4), else a bug (exit 1)', () => {
    // pop-core reads json.Code of a `null` answer; json-bigint recursion on deep nesting
    const nullAnswer = new TypeError("Cannot read properties of null (reading 'Code')");
    const deep = new RangeError('Maximum call stack size exceeded');
    expect(toEcsimgError(nullAnswer, ctx, { complete: true }).message).toBe(`unexpected answer to DescribeImages from ${host}: not a JSON object`);
    expect(toEcsimgError(deep, ctx, { complete: true }).message).toBe(`unexpected answer to DescribeImages from ${host}: JSON nested too deeply to read`);
    expect(toEcsimgError(deep, ctx, { complete: true }).exitCode).toBe(4);
    expect(toEcsimgError(nullAnswer, ctx, { complete: false }).exitCode).toBe(1);
    expect(toEcsimgError(nullAnswer, ctx).exitCode).toBe(1);
  });

  it('names the host and port, not the path or query', () => {
    const err = toEcsimgError(nodeError('ECONNREFUSED'), { ...ctx, endpoint: 'http://127.0.0.1:8080/base?x=1' });
    expect(err.message).toBe('could not connect to 127.0.0.1:8080: connection refused');
  });

  it('says which --timeout when httpx times out waiting for the answer', () => {
    const err = new Error(`ReadTimeout(10000). POST ${LEAK_URL} failed.`);
    err.name = 'RequestTimeoutError';
    const mapped = toEcsimgError(err, ctx);
    expect(mapped).toBeInstanceOf(ServiceError);
    expect(mapped.retryable).toBe(true);
    expect(mapped.message).toBe(`no answer from ${host} within 10 s (timed out)`);
    expect(mapped.hint).toContain('--timeout (seconds; now 10)');
  });

  it('tells a connect timeout from a read timeout, preferring the context timeout', () => {
    const err = new Error(`ConnectTimeout: Connect ${LEAK_URL} failed.`);
    err.name = 'RequestTimeoutError';
    const mapped = toEcsimgError(err, { ...ctx, timeoutMs: 2500 });
    expect(mapped.message).toBe(`could not connect to ${host} within 2.5 s (timed out)`);
    expect(mapped.hint).toContain('now 2.5');
    expect(mapped.retryable).toBe(true);
  });

  it.each([
    ['RequestTimeoutError', 'ReadTimeout: 3000. POST / failed.', 'within 3 s'],
    ['ResponseTimeoutError', 'Response timeout for 3000ms', 'no answer from'],
    ['ReadTimeoutError', 'whatever', 'no answer from'],
  ])('maps %s during the body read', (name, message, expected) => {
    const err = new Error(message);
    err.name = name;
    const mapped = toEcsimgError(err, ctx);
    expect(mapped.exitCode).toBe(4);
    expect(mapped.retryable).toBe(true);
    expect(mapped.message).toContain(expected);
  });

  it('maps an abort to an interruption (exit 130)', () => {
    const err = new Error('This operation was aborted');
    err.name = 'AbortError';
    expect(toEcsimgError(err, ctx)).toBeInstanceOf(InterruptedError);
  });
});

describe('toEcsimgError: answers that are not JSON', () => {
  const jsonBigint = require('json-bigint') as { parse: (text: string) => unknown };
  function parseFailure(text: string): unknown {
    try {
      jsonBigint.parse(text);
    } catch (thrown) {
      return thrown;
    }
    throw new Error('expected json-bigint to fail');
  }

  it('json-bigint throws a plain object, not an Error', () => {
    expect(parseFailure('<html>')).not.toBeInstanceOf(Error);
  });

  it('recovers the status from an HTML <title>', () => {
    const err = toEcsimgError(
      parseFailure('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'),
      ctx,
    );
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.message).toBe(
      'the service at ecs.cn-hangzhou.aliyuncs.com answered with something that is not JSON (HTTP 502 Bad Gateway)',
    );
    expect(err.status).toBe(502);
    expect(err.retryable).toBe(true);
  });

  it('recovers the status from an <h1> when the title has none', () => {
    const err = toEcsimgError(parseFailure('<html><title>Oops</title><h1>503 Service Temporarily Unavailable</h1></html>'), ctx);
    expect(err.status).toBe(503);
    expect(err.message).toContain('HTTP 503 Service Temporarily Unavailable');
  });

  it('does not retry a 404 page: the endpoint is wrong', () => {
    const err = toEcsimgError(parseFailure('<html><title>404 Not Found</title></html>'), ctx);
    expect(err.retryable).toBe(false);
    expect(err.exitCode).toBe(4);
    expect(err.hint).toContain('--endpoint');
  });

  it.each([
    ['', 'an empty answer'],
    ['<?xml version="1.0"?><Error/>', 'an HTML or XML page'],
    ['upstream connect error or disconnect/reset before headers', 'unreadable text'],
  ])('describes %j', (text, what) => {
    const err = toEcsimgError(parseFailure(text), ctx);
    expect(err.message).toContain(`(${what})`);
    expect(err.retryable).toBe(true);
    expect(err.status).toBeUndefined();
  });

  it('never echoes the page itself', () => {
    const err = toEcsimgError(parseFailure('<html><title>500 AccessKeyId=LTAIleakleakleak1234</title></html>'), ctx);
    expect(err.message).toContain('HTTP 500)');
    expect(err.message).not.toContain('LTAI');
  });
});

describe('toEcsimgError: anything else', () => {
  it('returns an EcsimgError unchanged', () => {
    const original = new UsageError('bad flag');
    expect(toEcsimgError(original, ctx)).toBe(original);
  });

  it('turns a bug into exit 1 "unexpected error", keeping the cause', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'Image')");
    const err = toEcsimgError(bug, ctx);
    expect(err).toBeInstanceOf(EcsimgError);
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/^unexpected error/);
    expect(err.message).toContain('TypeError');
    expect(err.cause).toBe(bug);
    expect(err.retryable).toBe(false);
  });

  it.each([[null], [undefined], [42], ['boom'], [{}]])('never throws for %j', (thrown) => {
    const err = toEcsimgError(thrown, ctx);
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/^unexpected error/);
  });

  it('never throws even when reading the error throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
      },
    );
    expect(toEcsimgError(hostile, ctx).exitCode).toBe(1);
  });
});

describe('unexpectedResponseError and httpStatusError', () => {
  it('describes a 200 body without the expected fields', () => {
    const err = unexpectedResponseError('no TotalCount or Images', ctx, { status: 200, requestId: 'REQ-7' });
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe('unexpected answer to DescribeImages from ecs.cn-hangzhou.aliyuncs.com: no TotalCount or Images');
    expect(err.requestId).toBe('REQ-7');
    expect(err.status).toBe(200);
    expect(err.hint).toContain('--debug');
  });

  it.each([
    [503, true, 'try again later'],
    [500, true, 'try again later'],
    [429, true, '--concurrency'],
    [404, false, '--endpoint'],
    [400, false, '--endpoint'],
  ])('HTTP %i with a success-shaped body', (status, retryable, hint) => {
    const err = httpStatusError(status, ctx, { RequestId: 'REQ-9' });
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.exitCode).toBe(4);
    expect(err.retryable).toBe(retryable);
    expect(err.status).toBe(status);
    expect(err.requestId).toBe('REQ-9');
    expect(err.message).toContain(`HTTP ${status}`);
    expect(err.hint).toContain(hint);
  });
});

describe('httpStatusError and x-acs-retry-after', () => {
  it('takes the wait from the header of a retryable status, not of one that will not change', () => {
    expect(httpStatusError(503, ctx, {}, { 'x-acs-retry-after': '1500' }).retryAfterMs).toBe(1500);
    expect(httpStatusError(429, ctx, {}, { 'x-acs-retry-after': ['250'] }).retryAfterMs).toBe(250);
    expect(httpStatusError(503, ctx, {}, {}).retryAfterMs).toBeUndefined();
    expect(httpStatusError(404, ctx, {}, { 'x-acs-retry-after': '1500' }).retryAfterMs).toBeUndefined();
  });
});

describe('endpointHost', () => {
  it.each([
    ['https://ecs.cn-hangzhou.aliyuncs.com', 'ecs.cn-hangzhou.aliyuncs.com'],
    ['http://127.0.0.1:9000/', '127.0.0.1:9000'],
    ['https://user:pw@host.example/path?Signature=x', 'host.example'],
    ['not a url/with/path', 'not a url'],
  ])('%s -> %s', (endpoint, host) => {
    expect(endpointHost(endpoint)).toBe(host);
  });
});

// The real pop-core against a local server: the error shapes above are what it throws.
describe('toEcsimgError with the real pop-core', () => {
  type Client = { request: (action: string, params: object, opts: object) => Promise<unknown> };
  const RPCClient = require('@alicloud/pop-core/lib/rpc.js') as new (config: object, verbose: boolean) => Client;
  let server: Server;
  let endpoint = '';
  let reply: (res: import('node:http').ServerResponse) => void = () => {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => reply(res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function failure(method: 'GET' | 'POST', timeout = 2000): Promise<unknown> {
    const client = new RPCClient(
      {
        endpoint,
        apiVersion: '2014-05-26',
        accessKeyId: 'LTAIleakleakleak1234',
        accessKeySecret: 'secretsecretsecret',
        securityToken: 'CAISleaktokenleaktokenleaktoken',
      },
      true,
    );
    try {
      await client.request('DescribeImages', { RegionId: 'cn-hangzhou' }, { method, timeout });
    } catch (thrown) {
      return thrown;
    }
    throw new Error('expected the request to fail');
  }

  it('maps a JSON error answer with its status and retry-after header', async () => {
    reply = (res) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-acs-retry-after': '700' });
      res.end(JSON.stringify({ RequestId: 'R-1', HostId: 'h', Code: 'Throttling.User', Message: 'slow down', Recommend: 'x' }));
    };
    const err = toEcsimgError(await failure('GET'), { ...ctx, endpoint });
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.code).toBe('Throttling.User');
    expect(err.status).toBe(400);
    expect(err.retryAfterMs).toBe(700);
    expect(err.requestId).toBe('R-1');
    expect(err.retryable).toBe(true);
  });

  it('maps an HTML 502 page', async () => {
    reply = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    };
    const err = toEcsimgError(await failure('POST'), { ...ctx, endpoint });
    expect(err.message).toContain('not JSON (HTTP 502 Bad Gateway)');
    expect(err.retryable).toBe(true);
  });

  it('maps a read timeout', async () => {
    reply = () => {}; // never answers
    const err = toEcsimgError(await failure('POST', 50), { ...ctx, endpoint, timeoutMs: 50 });
    expect(err.message).toContain('no answer from 127.0.0.1');
    expect(err.message).toContain('within 0.05 s');
    expect(err.retryable).toBe(true);
  });

  it('maps a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const saved = endpoint;
    endpoint = `http://127.0.0.1:${port}`;
    try {
      const err = toEcsimgError(await failure('POST'), { ...ctx, endpoint });
      expect(err.message).toBe(`could not connect to 127.0.0.1:${port}: connection refused`);
      expect(err.retryable).toBe(false);
    } finally {
      endpoint = saved;
    }
  });
});
