// No secret reaches stdout or stderr: not the AccessKeyId (only its last 4 characters, in
// --debug), not the secret, not the STS token, not a Signature= value, not the server's
// string to sign. Failing and succeeding runs, with and without --debug, in-process and as
// a real process with DEBUG=* set (pop-core's own debug output must stay off).
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_CREDENTIALS, EMULATOR_STS_CREDENTIALS, type Faults } from '../../src/emulator/index.js';
import { runBin, runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';

const emulator = useEmulator();

afterEach(() => {
  emulator.current.setFaults({});
});

// Recognisable fakes. Only the emulator's own keys get past the key lookup, so the wrong
// secret and the foreign token ride on them; the shapes that redact.ts guesses at
// (LTAI..., STS...., CAIS...) are avoided where the test can choose, so only real
// redaction can hide them.
const CANARY_SECRET = 'CanarySecretValue7Qx9Zp2Lm4';
const CANARY_KEY_ID = 'AKIDCanaryKeyId5Hj8Rt3Vn6';
const CANARY_TOKEN = 'CAISCanaryTokenWp4Ky7Bz0Mq3Xs6Df9+Gh2/Jk5==';
const CANARY_BAD_TOKEN = 'CanaryMalformedToken4Gh7Jk0';

interface Secrets {
  keyId: string;
  secret: string;
  token?: string;
}

interface LeakCase {
  name: string;
  env: Record<string, string>;
  secrets: Secrets;
  args?: string[];
  faults?: Faults;
  /** the exit expected, so a case cannot pass by failing differently */
  exit: number;
}

const env = (s: Secrets): Record<string, string> => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: s.keyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: s.secret,
  ...(s.token === undefined ? {} : { ALIBABA_CLOUD_SECURITY_TOKEN: s.token }),
});
const wrongSecret: Secrets = { keyId: EMULATOR_CREDENTIALS.accessKeyId, secret: CANARY_SECRET };
const unknownKey: Secrets = { keyId: CANARY_KEY_ID, secret: CANARY_SECRET };
const foreignToken: Secrets = { keyId: EMULATOR_STS_CREDENTIALS.accessKeyId, secret: EMULATOR_STS_CREDENTIALS.accessKeySecret, token: CANARY_TOKEN };
const badToken: Secrets = { ...foreignToken, token: CANARY_BAD_TOKEN };
const validSts: Secrets = { keyId: EMULATOR_STS_CREDENTIALS.accessKeyId, secret: EMULATOR_STS_CREDENTIALS.accessKeySecret, token: EMULATOR_STS_CREDENTIALS.securityToken };
const valid: Secrets = { keyId: EMULATOR_CREDENTIALS.accessKeyId, secret: EMULATOR_CREDENTIALS.accessKeySecret };

const CASES: LeakCase[] = [
  { name: 'wrong secret (SignatureDoesNotMatch quotes the string to sign)', env: env(wrongSecret), secrets: wrongSecret, exit: 3 },
  { name: 'wrong secret, two regions', env: env(wrongSecret), secrets: wrongSecret, args: ['--region', 'cn-hangzhou,cn-beijing'], exit: 3 },
  { name: 'unknown AccessKeyId', env: env(unknownKey), secrets: unknownKey, exit: 3 },
  { name: 'STS token of another key', env: env(foreignToken), secrets: foreignToken, exit: 3 },
  { name: 'malformed STS token', env: env(badToken), secrets: badToken, exit: 3 },
  { name: 'HTML error pages', env: env(validSts), secrets: validSts, faults: { htmlErrors: { status: 503 } }, exit: 4 },
  { name: '503 after retries', env: env(validSts), secrets: validSts, faults: { fail: { count: 100, status: 503 } }, exit: 4 },
  { name: 'timeout', env: env(validSts), secrets: validSts, args: ['--timeout', '0.2'], faults: { hangAfter: 0 }, exit: 4 },
  { name: 'success', env: env(validSts), secrets: validSts, exit: 0 },
  { name: 'success, Terraform variables', env: { ALICLOUD_ACCESS_KEY: valid.keyId, ALICLOUD_SECRET_KEY: valid.secret }, secrets: valid, exit: 0 },
];

function expectNoSecrets(result: RunResult, s: Secrets, debug: boolean): void {
  const output = `${result.stdout}\n${result.stderr}`;
  const values = [s.secret, s.keyId, s.keyId.slice(0, -4), ...(s.token === undefined ? [] : [s.token])];
  for (const value of values) {
    for (const form of new Set([value, encodeURIComponent(value), encodeURIComponent(encodeURIComponent(value))])) {
      expect(output, `${JSON.stringify(form)} leaked`).not.toContain(form);
    }
  }
  // a token's long middle, in case it was cut or re-encoded
  if (s.token !== undefined) expect(output).not.toContain(s.token.slice(4, 20));
  expect(output).not.toMatch(/Signature(=|%3D)/i);
  expect(output).not.toMatch(/string\s*to\s*sign|stringToSign/i);
  expect(output).not.toMatch(/AccessKeySecret|SecurityToken(=|%3D|":)/);
  // the AccessKeyId shows at most as its last 4 characters, and only with --debug
  if (!debug) expect(output).not.toContain(`****${s.keyId.slice(-4)}`);
}

describe('no secret on stdout or stderr', () => {
  describe.each([false, true])('--debug %s', (debug) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      emulator.current.setFaults(c.faults ?? {});
      emulator.current.resetStats();
      const argv = ['list', '--limit', '2', '-o', 'json', '--retries', '1', ...(c.args ?? []), ...(debug ? ['--debug'] : [])];
      const result = await runInProcess(argv, { env: { ...emulator.env(), ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '', ...c.env } });
      expect(result.code).toBe(c.exit);
      // the secrets really were sent (so the test could have caught them)
      const sent = emulator.current.stats.requests[0];
      expect(sent?.accessKeyId).toBe(c.secrets.keyId);
      expect(sent?.securityToken).toBe(c.secrets.token);
      expectNoSecrets(result, c.secrets, debug);
    });
  });

  it('a real process with DEBUG=* (pop-core debug) and --debug, wrong secret and a foreign STS token', async () => {
    const secrets: Secrets = { ...foreignToken, secret: CANARY_SECRET };
    const result = await runBin(['list', '--debug', '-o', 'json', '--retries', '0'], { ...emulator.env(env(secrets)), DEBUG: '*', NODE_DEBUG: 'http' });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('debug: request DescribeImages');
    expectNoSecrets(result, secrets, true);
  });
});

describe('--dry-run', () => {
  it('with an STS token: prints the parameters, no key, secret or token, and sends nothing', async () => {
    emulator.current.resetStats();
    const result = await runInProcess(['list', '--dry-run', '--owner', 'self'], { env: emulator.env(env({ keyId: CANARY_KEY_ID, secret: CANARY_SECRET, token: CANARY_TOKEN })) });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [request] = JSON.parse(result.stdout) as [{ Method: string; Parameters: Record<string, string> }];
    expect(request.Method).toBe('POST');
    expect(request.Parameters).toMatchObject({ RegionId: 'cn-hangzhou', ImageOwnerAlias: 'self' });
    expectNoSecrets(result, { keyId: CANARY_KEY_ID, secret: CANARY_SECRET, token: CANARY_TOKEN }, false);
    expect(result.stdout).not.toMatch(/AccessKeyId|Signature|Token/);
    expect(emulator.current.stats.total).toBe(0);
  });
});

describe('a secret no pattern can hold: 100,000 times "a"', () => {
  const longSecret: Secrets = { keyId: EMULATOR_CREDENTIALS.accessKeyId, secret: 'a'.repeat(100_000) };

  function expectOneReadableReport(result: RunResult): void {
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).not.toMatch(/a{40}/);
    expect(output).not.toMatch(/Regular expression|Invalid regular/i);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('ecsimg: '))).toEqual([
      expect.stringMatching(/^ecsimg: .*(signature|secret)/i),
    ]);
    expectNoSecrets(result, longSecret, true);
  }

  it('a wrong secret with --debug, in-process: exit 3 and one readable report', async () => {
    const result = await runInProcess(['list', '--debug', '-o', 'json', '--retries', '0'], { env: emulator.env(env(longSecret)) });
    expectOneReadableReport(result);
  });

  it('the same as a real process', async () => {
    const result = await runBin(['list', '--debug', '-o', 'json', '--retries', '0'], emulator.env(env(longSecret)));
    expectOneReadableReport(result);
  });
});
