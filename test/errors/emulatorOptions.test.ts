// The emulator's fault flags, parsed purely into the emulator's Faults (and back into words).
import { describe, expect, it } from 'vitest';
import {
  describeFaults,
  parseEmulatorOptions,
  parseFaults,
  type RawEmulatorFlags,
} from '../../src/commands/emulatorOptions.js';
import { UsageError } from '../../src/errors.js';

function usage(flags: RawEmulatorFlags): UsageError {
  try {
    parseFaults(flags);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).exitCode).toBe(2);
    return err as UsageError;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(flags)}`);
}

describe('parseFaults: valid values', () => {
  it.each<[RawEmulatorFlags, object]>([
    [{}, {}],
    [{ latency: '250' }, { latencyMs: 250 }],
    [{ latency: ' 0 ' }, { latencyMs: 0 }],
    [{ throttle: 'first:3' }, { throttle: { firstN: 3 } }],
    [{ throttle: 'FIRST : 0' }, { throttle: { firstN: 0 } }],
    [{ throttle: '30%' }, { throttle: { rate: 0.3 } }],
    [{ throttle: '7%' }, { throttle: { rate: 0.07 } }],
    [{ throttle: '2.5%' }, { throttle: { rate: 0.025 } }],
    [{ throttle: '100%' }, { throttle: { rate: 1 } }],
    [{ fail: '2:503' }, { fail: { count: 2, status: 503 } }],
    [{ fail: '1 : 500' }, { fail: { count: 1, status: 500 } }],
    [{ htmlErrors: '502' }, { htmlErrors: { status: 502 } }],
    [{ htmlErrors: '3:503' }, { htmlErrors: { count: 3, status: 503 } }],
    [{ hangAfter: '0' }, { hangAfter: 0 }],
    [{ retryAfter: '300' }, { retryAfterMs: 300 }],
    [{ churn: '1:5:3' }, { churn: { afterRequests: 1, add: 5, remove: 3 } }],
    [{ pagingFault: 'short-page:3' }, { paging: { kind: 'short-page', page: 3 } }],
    [{ pagingFault: ' empty-page : 2 ' }, { paging: { kind: 'empty-page', page: 2 } }],
    [{ pagingFault: 'lost-image:1' }, { paging: { kind: 'lost-image', page: 1 } }],
    [{ pagingFault: 'ignore-page-number' }, { paging: { kind: 'ignore-page-number' } }],
    [{ pagingFault: 'overlap:50' }, { paging: { kind: 'overlap', images: 50 } }],
    [{ pagingFault: 'duplicate-in-page' }, { paging: { kind: 'duplicate-in-page' } }],
    [{ pagingFault: 'total-count-lies:+100' }, { paging: { kind: 'total-count-lies', extra: 100 } }],
    [{ pagingFault: 'lost-image:2', faultRegions: 'cn-beijing' }, { paging: { kind: 'lost-image', page: 2 }, regions: ['cn-beijing'] }],
    [{ fail: '1:503', faultRegions: 'cn-beijing,cn-hangzhou,cn-beijing' }, { fail: { count: 1, status: 503 }, regions: ['cn-beijing', 'cn-hangzhou'] }],
    [{ expiredCredentials: true }, { expiredCredentials: true }],
    [{ credentialsTtl: '5' }, { credentialsTtlS: 5 }],
    [{ credentialsTtl: '43200' }, { credentialsTtlS: 43200 }],
    [{ assumeRoleDenied: true }, { assumeRoleDenied: true }],
    [{ imdsV2Only: true }, { imdsV2Only: true }],
    [{ down: 'metadata' }, { down: { metadata: 503 } }],
    [{ down: 'sts:close, metadata:503,credentials-uri:CLOSE' }, { down: { sts: 'close', metadata: 503, credentialsUri: 'close' } }],
  ])('%j -> %j', (flags, faults) => {
    expect(parseFaults(flags)).toEqual(faults);
  });

  it('parseEmulatorOptions carries the faults beside port and host', () => {
    expect(parseEmulatorOptions({ port: '0', throttle: 'first:2', retryAfter: '100' })).toEqual({
      port: 0,
      host: '127.0.0.1',
      imagesPerRegion: undefined,
      faults: { throttle: { firstN: 2 }, retryAfterMs: 100 },
    });
    expect(parseEmulatorOptions({}).faults).toEqual({});
  });
});

describe('parseFaults: bad values are exit 2 naming the flag and its syntax', () => {
  it.each<[RawEmulatorFlags, RegExp]>([
    [{ latency: '-1' }, /^invalid value "-1" for --latency; expected <ms>/],
    [{ latency: '1.5' }, /--latency; expected <ms>/],
    [{ latency: '1e3' }, /--latency/],
    [{ latency: '' }, /--latency/],
    [{ latency: '600001' }, /--latency/],
    [{ throttle: 'first:' }, /--throttle; expected first:<n> .* or <p>%/],
    [{ throttle: 'first:-2' }, /--throttle/],
    [{ throttle: '101%' }, /--throttle/],
    [{ throttle: 'often' }, /--throttle; expected first:<n>/],
    [{ throttle: '%' }, /--throttle/],
    [{ fail: '503' }, /^invalid value "503" for --fail; expected <n>:<status>/],
    [{ fail: '2:404' }, /^invalid status "404" in --fail "2:404"; the emulator sends 500 or 503 here/],
    [{ fail: '2:503:1' }, /--fail; expected <n>:<status>/],
    [{ fail: 'x:503' }, /--fail/],
    [{ fail: ':503' }, /--fail/],
    [{ htmlErrors: '500' }, /^invalid status "500" in --html-errors "500"; the emulator sends 502 or 503 here/],
    [{ htmlErrors: '1:200' }, /--html-errors/],
    [{ htmlErrors: 'a:502' }, /--html-errors; expected <status> .* or <n>:<status>/],
    [{ hangAfter: 'never' }, /--hang-after; expected <n>/],
    [{ retryAfter: '-5' }, /--retry-after; expected <ms>/],
    [{ churn: '1:5' }, /^invalid value "1:5" for --churn; expected <after>:<add>:<remove>/],
    [{ churn: '1:5:x' }, /--churn/],
    [{ pagingFault: 'short-page' }, /^invalid value "short-page" for --paging-fault; expected short-page:<n>, empty-page:<n>/],
    [{ pagingFault: 'short-page:0' }, /--paging-fault/],
    [{ pagingFault: 'lost-image:x' }, /--paging-fault/],
    [{ pagingFault: 'overlap' }, /--paging-fault/],
    [{ pagingFault: 'total-count-lies:100' }, /--paging-fault; expected .*total-count-lies:\+<n>/],
    [{ pagingFault: 'total-count-lies:+-3' }, /--paging-fault/],
    [{ pagingFault: 'ignore-page-number:2' }, /--paging-fault/],
    [{ pagingFault: 'sometimes' }, /--paging-fault/],
    [{ pagingFault: '' }, /--paging-fault/],
    [{ faultRegions: 'cn-hangzhou' }, /^--fault-regions limits the other fault flags, but none was given$/],
    [{ imdsV2Only: true, faultRegions: 'cn-hangzhou' }, /^--fault-regions limits the other fault flags, but none was given$/],
    [{ credentialsTtl: '0' }, /^invalid value "0" for --credentials-ttl; expected <s>/],
    [{ credentialsTtl: '43201' }, /--credentials-ttl/],
    [{ credentialsTtl: '1.5' }, /--credentials-ttl/],
    [{ down: 'ecs' }, /^invalid service "ecs" in --down; the emulator's services are sts, metadata, credentials-uri$/],
    [{ down: 'imds:503' }, /^invalid service "imds:503" in --down/],
    [{ down: 'metadata:500' }, /^invalid outage "500" in --down "metadata:500"; the emulator answers 503 or closes the connection \(close\)$/],
    [{ down: 'metadata:close:1' }, /invalid service "metadata:close:1" in --down/],
    [{ down: 'sts,,metadata' }, /empty item in --down/],
    [{ fail: '1:503', faultRegions: 'mars-north-1' }, /^--fault-regions: the emulator does not serve "mars-north-1"$/],
    [{ fail: '1:503', faultRegions: 'cn-hangzhou,,cn-beijing' }, /empty item in --fault-regions/],
  ])('%j', (flags, message) => {
    const err = usage(flags);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });

  it('a bare number for --throttle is ambiguous: the message offers both readings', () => {
    expect(usage({ throttle: '3' }).message).toBe('ambiguous value "3" for --throttle; write first:3 (the first 3 requests) or 3% (that share of requests)');
    expect(usage({ throttle: '0.3' }).message).toBe('ambiguous value "0.3" for --throttle; write 30% (that share of requests)');
    expect(usage({ throttle: '1' }).message).toContain('first:1 (the first request) or 100%');
  });

  it('an unknown fault region lists the ones the emulator serves', () => {
    expect(usage({ latency: '5', faultRegions: 'cn-hangzhou,eu-nowhere-9' }).hint).toMatch(/^its regions: .*cn-hangzhou/);
  });
});

describe('describeFaults (the banner on stderr)', () => {
  it('says nothing without faults', () => {
    expect(describeFaults({})).toEqual([]);
  });

  it('names the faults of STS, the metadata service and the credentials URI', () => {
    expect(describeFaults(parseFaults({ expiredCredentials: true, credentialsTtl: '5', assumeRoleDenied: true, imdsV2Only: true, down: 'sts:close,metadata' }))).toEqual([
      'expired-credentials: STS, metadata and credentials URI hand out credentials already expired (the ECS API refuses their token)',
      'credentials-ttl: STS, metadata and credentials URI hand out credentials that expire in 5 s',
      'assume-role-denied: AssumeRole refused with NoPermission (HTTP 403), AssumeRoleWithOIDC with AuthenticationFail.NoPermission',
      'imds-v2-only: the metadata service refuses requests without a session token (HTTP 403)',
      'down: STS closes every connection without an answer',
      'down: metadata service answers HTTP 503',
    ]);
  });

  it('has one line per fault, the regions last', () => {
    expect(
      describeFaults(
        parseFaults({
          latency: '200',
          throttle: '30%',
          fail: '1:500',
          htmlErrors: '502',
          hangAfter: '4',
          retryAfter: '300',
          churn: '1:5:3',
          pagingFault: 'lost-image:2',
          faultRegions: 'cn-beijing',
        }),
      ),
    ).toEqual([
      'latency: every answer delayed by 200 ms',
      'throttle: Throttling.User (HTTP 400) for 30% of requests (seeded)',
      'fail: InternalError (HTTP 500) for the next 1 request',
      'html-errors: an HTML 502 page for every request',
      'hang-after: the first 4 requests answered, then none',
      'retry-after: x-acs-retry-after: 300 on throttled and 5xx answers',
      'churn: after 1 request to DescribeImages, a region gains 5 and loses 3 images',
      'paging-fault: page 2 always misses its last image, which is on no page',
      'fault-regions: only requests for cn-beijing',
    ]);
    expect(describeFaults({ throttle: { firstN: 2 }, hangAfter: 0, htmlErrors: { count: 2, status: 503 } })).toEqual([
      'throttle: Throttling.User (HTTP 400) for the first 2 requests',
      'html-errors: an HTML 503 page for the next 2 requests',
      'hang-after: no request is answered',
    ]);
  });
});

describe('isLoopback (the emulator warns when it listens beyond it)', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['127.0.0.1.example.com', false],
  ])('%s -> %s', async (host, expected) => {
    const { isLoopback } = await import('../../src/commands/emulator.js');
    expect(isLoopback(host)).toBe(expected);
  });
});

describe('--bad-regions', () => {
  it('is a fault of its own, named on the banner', () => {
    expect(parseFaults({ badRegions: true })).toEqual({ badRegions: true });
    expect(parseFaults({ badRegions: undefined })).toEqual({});
    expect(describeFaults({ badRegions: true })).toEqual(['bad-regions: DescribeRegions also lists entries that are not region ids, and a region twice']);
  });
});
