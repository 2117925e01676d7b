// Every error code the emulator can answer with, provoked through the real CLI (in-process,
// real pop-core, HTTP to the emulator): our message, hint, Code/RequestId line and exit code
// (SPEC section 5). Codes the CLI's own validation keeps from ever being sent are checked to
// be stopped before any request.
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMULATOR_EXPIRED_STS_CREDENTIALS,
  EMULATOR_FORBIDDEN_CREDENTIALS,
  EMULATOR_STS_CREDENTIALS,
  type Faults,
} from '../../src/emulator/index.js';
import { runInProcess } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { parseReport } from './support.js';

const emulator = useEmulator();

afterEach(() => {
  emulator.current.setFaults({});
});

const sts = (token?: string): Record<string, string> => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_STS_CREDENTIALS.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_STS_CREDENTIALS.accessKeySecret,
  ...(token === undefined ? {} : { ALIBABA_CLOUD_SECURITY_TOKEN: token }),
});

interface ApiCase {
  /** the Code the emulator answers with */
  code: string;
  why: string;
  /** argv; default a one-image listing */
  argv?: string[];
  env?: () => Record<string, string>;
  faults?: Faults;
  exit: number;
  message: RegExp;
  hint: RegExp;
  /** requests the emulator should have received (retries included) */
  requests?: number;
}

const LIST = ['list', '--limit', '1', '-o', 'json'];

const API_CASES: ApiCase[] = [
  {
    code: 'InvalidAccessKeyId.NotFound',
    why: 'a key the service does not know',
    env: () => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIUnknownKeyForTests99' }),
    exit: 3,
    message: /^the AccessKeyId is not known to Alibaba Cloud$/,
    hint: /ALIBABA_CLOUD_ACCESS_KEY_ID.*--profile/,
  },
  {
    code: 'SignatureDoesNotMatch',
    why: 'the right key with the wrong secret',
    env: () => ({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'not-the-secret-of-this-key' }),
    exit: 3,
    message: /^the request signature was rejected: the AccessKey secret does not match the AccessKeyId$/,
    hint: /ALIBABA_CLOUD_ACCESS_KEY_SECRET/,
  },
  {
    code: 'MissingSecurityToken',
    why: 'an STS key without its token',
    env: () => sts(),
    exit: 3,
    message: /STS key.*no security token/,
    hint: /ALIBABA_CLOUD_SECURITY_TOKEN/,
  },
  {
    code: 'InvalidSecurityToken.Expired',
    why: 'an STS key with an expired token',
    env: () => sts(EMULATOR_EXPIRED_STS_CREDENTIALS.securityToken),
    exit: 3,
    message: /^the STS security token has expired$/,
    hint: /ALIBABA_CLOUD_SECURITY_TOKEN/,
  },
  {
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    why: 'an STS key with a token issued for another key',
    env: () => sts('CAISAnotherKeysTokenAAAAAAAAAAAAAAAAAAAAAA=='),
    exit: 3,
    message: /^the STS security token does not belong to this AccessKeyId$/,
    hint: /same STS answer/,
  },
  {
    code: 'InvalidSecurityToken.MismatchWithAccessKey',
    why: 'a long-term key sent with an STS token',
    env: () => ({ ALIBABA_CLOUD_SECURITY_TOKEN: EMULATOR_STS_CREDENTIALS.securityToken }),
    exit: 3,
    message: /^the STS security token does not belong to this AccessKeyId$/,
    hint: /same STS answer/,
  },
  {
    code: 'InvalidSecurityToken.Malformed',
    why: 'an STS token cut short when pasted',
    env: () => sts('CAISshort'),
    exit: 3,
    message: /^the STS security token is malformed$/,
    hint: /copied whole/,
  },
  {
    code: 'Forbidden.RAM',
    why: 'a key without permissions (list)',
    env: () => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_FORBIDDEN_CREDENTIALS.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_FORBIDDEN_CREDENTIALS.accessKeySecret }),
    exit: 3,
    message: /^not authorized: the RAM user or role may not call ecs:DescribeImages$/,
    hint: /RAM policy.*AliyunECSReadOnlyAccess/,
  },
  {
    code: 'Forbidden.RAM',
    why: 'a key without permissions (regions)',
    argv: ['regions', '-o', 'json'],
    env: () => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: EMULATOR_FORBIDDEN_CREDENTIALS.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: EMULATOR_FORBIDDEN_CREDENTIALS.accessKeySecret }),
    exit: 3,
    message: /ecs:DescribeRegions$/,
    hint: /grant ecs:DescribeRegions/,
  },
  {
    code: 'InvalidRegionId.NotFound',
    why: 'a well-formed region that does not exist',
    argv: [...LIST, '--region', 'xx-nowhere-1'],
    exit: 2,
    message: /^region 'xx-nowhere-1' does not exist for ECS$/,
    hint: /ecsimg regions/,
  },
  {
    code: 'InvalidInstanceType.ValueNotSupported',
    why: 'an instance type the region does not have',
    argv: [...LIST, '--instance-type', 'ecs.nope.large'],
    exit: 2,
    message: /--instance-type/,
    hint: /ecs\.g7\.large.*cn-hangzhou/,
  },
  {
    code: 'InvalidAction.NotFound',
    why: 'an endpoint with a path, so not the API root',
    env: () => ({ ALIBABA_CLOUD_ECS_ENDPOINT: `${emulator.current.endpoint}/v2` }),
    exit: 2,
    message: /does not offer the ECS action DescribeImages$/,
    hint: /--endpoint or ALIBABA_CLOUD_ECS_ENDPOINT/,
  },
  {
    code: 'Throttling.User',
    why: 'throttled on every attempt',
    argv: [...LIST, '--retries', '1'],
    faults: { throttle: { rate: 1 } },
    exit: 4,
    message: /^requests are being throttled/,
    hint: /--concurrency/,
    requests: 2,
  },
  {
    code: 'InternalError',
    why: 'HTTP 500 on every attempt',
    argv: [...LIST, '--retries', '1'],
    faults: { fail: { count: 100, status: 500 } },
    exit: 4,
    message: /^the ECS API at 127\.0\.0\.1:\d+ failed with an internal error$/,
    hint: /request-id/,
    requests: 2,
  },
  {
    code: 'ServiceUnavailable',
    why: 'HTTP 503 on every attempt',
    argv: [...LIST, '--retries', '2'],
    faults: { fail: { count: 100, status: 503 } },
    exit: 4,
    message: /^the ECS API at 127\.0\.0\.1:\d+ is temporarily unavailable$/,
    hint: /try again later/,
    requests: 3,
  },
];

describe('an API error the emulator answers with -> message, hint, code, exit', () => {
  it.each(API_CASES.map((c) => [c.code, c.why, c] as const))('%s (%s)', async (_code, _why, c) => {
    emulator.current.setFaults(c.faults ?? {});
    emulator.current.resetStats();
    const result = await runInProcess(c.argv ?? LIST, { env: emulator.env(c.env?.() ?? {}) });
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.code).toBe(c.code);
    expect(report.requestId).toBeDefined();
    expect(report.message).toMatch(c.message);
    expect(report.hint).toMatch(c.hint);
    expect(result.code).toBe(c.exit);
    expect(emulator.current.stats.total).toBe(c.requests ?? 1);
  });

  it('show of an ID that does not exist: exit 5, nothing on stdout', async () => {
    const result = await runInProcess(['show', 'm-bp1doesnotexist0000'], { env: emulator.env() });
    expect(result.stdout).toBe('');
    const report = parseReport(result.stderr);
    expect(report.message).toContain('m-bp1doesnotexist0000');
    expect(report.hint).toBeDefined();
    expect(result.code).toBe(5);
  });

  it('--latest with no image matching: exit 5', async () => {
    const result = await runInProcess(['list', '--latest', '--name', 'no_such_image_anywhere'], { env: emulator.env() });
    expect(result.stdout).toBe('');
    expect(parseReport(result.stderr).message).toMatch(/no image matched in cn-hangzhou/);
    expect(result.code).toBe(5);
  });
});

interface BlockedCase {
  /** what the API would answer if the value were sent */
  code: string;
  args: string[];
  /** the flag the message must name */
  flag: RegExp;
}

const BLOCKED: BlockedCase[] = [
  { code: 'InvalidTagCount', args: Array.from({ length: 21 }, (_, i) => ['--tag', `k${i}=v`]).flat(), flag: /--tag.*at most 20/ },
  { code: 'InvalidTagKey.Malformed', args: ['--tag', '=prod'], flag: /--tag "=prod": the key is empty/ },
  { code: 'InvalidImageOwnerAlias.ValueNotSupported', args: ['--owner', 'everyone'], flag: /--owner; allowed: system, self, others, marketplace/ },
  { code: 'InvalidUsage', args: ['--usage', 'sometimes'], flag: /--usage; allowed: instance, none/ },
  { code: 'InvalidRegionId.MalFormed', args: ['--region', 'CN_Hangzhou'], flag: /region "CN_Hangzhou"/ },
  { code: 'InvalidParameter (PageSize)', args: ['--page-size', '101'], flag: /--page-size; expected an integer from 1 to 100/ },
  { code: 'InvalidParameter (OSType)', args: ['--os-type', 'beos'], flag: /--os-type; allowed: linux, windows/ },
  { code: 'InvalidParameter (Architecture)', args: ['--arch', 'mips'], flag: /--arch; allowed: i386, x86_64, arm64/ },
  { code: 'InvalidParameter (Status)', args: ['--status', 'gone'], flag: /--status; allowed: .*all/ },
  { code: 'InvalidParameter (Filter.N.Value)', args: ['--created-after', '2024-02-30'], flag: /--created-after/ },
];

describe('codes the CLI never lets a request provoke: exit 2 before anything is sent', () => {
  it.each(BLOCKED.map((c) => [c.code, c] as const))('%s', async (_code, c) => {
    emulator.current.resetStats();
    const result = await runInProcess(['list', ...c.args], { env: emulator.env() });
    expect(result.stdout).toBe('');
    expect(parseReport(result.stderr).message).toMatch(c.flag);
    expect(result.code).toBe(2);
    expect(emulator.current.stats.total).toBe(0);
  });
});
