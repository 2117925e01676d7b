// STS calls in process (test/MUTANTS.md, sources/sts.ts): what callSts returns and keeps
// secret, answers that hold no usable credentials (from a small loopback server), failures
// renamed from "the ECS API" to STS with the STS hint, the request settings it passes on
// (timeout, retries, --debug without the answer body), and the endpoint rules.
import { describe, expect, it } from 'vitest';
import { callSts, defaultSessionName, DEFAULT_DURATION_SECONDS, stsEndpoint, type AssumeRoleRequest } from '../../src/config/sources/sts.js';
import { EMULATOR_CREDENTIALS, EMULATOR_OIDC_PROVIDER_ARN, EMULATOR_OIDC_TOKEN, EMULATOR_ROLE_ARN, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';
import { useEmulator } from '../support/emulator.js';
import { useLoopbackServer } from '../support/loopbackServer.js';
import { fakeContext, rejected } from './fakeContext.js';

const emulator = useEmulator();

function context(extra: { timeoutSeconds?: number; retries?: number; debug?: (line: string) => void; signal?: AbortSignal; env?: Record<string, string> } = {}) {
  const { env = {}, ...rest } = extra;
  return Object.assign(fakeContext({}, env), { secrets: [] as string[], retries: 0, timeoutSeconds: 5 }, rest);
}

const assumeRole = (endpoint: string): AssumeRoleRequest => ({
  endpoint,
  signer: { ...EMULATOR_CREDENTIALS },
  action: 'AssumeRole',
  params: { RoleArn: EMULATOR_ROLE_ARN, RoleSessionName: 'sts-unit', DurationSeconds: '1200' },
});

describe('callSts against the emulator', () => {
  it('AssumeRole signed with the key: the STS triple and its Expiration, all three kept secret', async () => {
    emulator.current.resetStats();
    const ctx = context();
    const before = Date.now();
    const answer = await callSts(ctx, assumeRole(emulator.current.endpoint));
    expect(answer.credentials).toEqual({ ...EMULATOR_STS_CREDENTIALS });
    expect(answer.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const expiresAt = Date.parse(answer.expiration as string);
    expect(expiresAt).toBeGreaterThan(before + 1_198_000);
    expect(expiresAt).toBeLessThan(Date.now() + 1_201_000);
    expect(ctx.secrets).toEqual([EMULATOR_STS_CREDENTIALS.accessKeyId, EMULATOR_STS_CREDENTIALS.accessKeySecret, EMULATOR_STS_CREDENTIALS.securityToken]);
    const [request] = emulator.current.stats.requests;
    expect(request?.service).toBe('sts');
    expect(request?.accessKeyId).toBe(EMULATOR_CREDENTIALS.accessKeyId);
    expect(request?.params).toMatchObject({ Action: 'AssumeRole', Version: '2015-04-01', RoleSessionName: 'sts-unit', DurationSeconds: '1200' });
  });

  it('AssumeRoleWithOIDC goes unsigned', async () => {
    emulator.current.resetStats();
    const answer = await callSts(context(), {
      endpoint: emulator.current.endpoint,
      action: 'AssumeRoleWithOIDC',
      params: { RoleArn: EMULATOR_ROLE_ARN, OIDCProviderArn: EMULATOR_OIDC_PROVIDER_ARN, OIDCToken: EMULATOR_OIDC_TOKEN, RoleSessionName: 'sts-unit' },
    });
    expect(answer.credentials.securityToken).toBe(EMULATOR_STS_CREDENTIALS.securityToken);
    const [request] = emulator.current.stats.requests;
    expect(request?.action).toBe('AssumeRoleWithOIDC');
    expect(request?.accessKeyId).toBeUndefined();
    expect(request?.params.Signature).toBeUndefined();
  });

  it('--debug shows the request and the response line, never the answer body that holds the new secret', async () => {
    const lines: string[] = [];
    await callSts(context({ debug: (line) => lines.push(line) }), assumeRole(emulator.current.endpoint));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^request AssumeRole /);
    expect(lines[1]).toMatch(/^response AssumeRole HTTP 200 RequestId [0-9A-F-]+ in \d+ ms$/);
    expect(lines.join('\n')).not.toContain(EMULATOR_STS_CREDENTIALS.accessKeySecret);
  });

  it('a refusal that is no service failure (exit 3) keeps its own message and hint', async () => {
    const request = { ...assumeRole(emulator.current.endpoint), params: { ...assumeRole('').params, RoleArn: 'acs:ram::1:role/not-trusting' } };
    const error = await rejected(() => callSts(context(), request));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('NoPermission');
    expect(error.hint ?? '').not.toContain('STS is at');
  });

  it('STS down (503, retries 0): exit 4 speaking of STS, not the ECS API, with the STS hint; one request', async () => {
    emulator.current.resetStats();
    emulator.current.setFaults({ down: { sts: 503 } });
    try {
      const error = await rejected(() => callSts(context(), assumeRole(emulator.current.endpoint)));
      const host = new URL(emulator.current.endpoint).host;
      expect(error.exitCode).toBe(4);
      expect(error.name).toBe('ServiceError');
      expect(error.message).toContain('STS');
      expect(error.message).not.toContain('the ECS API');
      expect(error.status).toBe(503);
      expect(error.cause).toBeInstanceOf(Error);
      expect((error.cause as Error).message).toContain('the ECS API');
      expect(error.message).toBe((error.cause as Error).message.replace(/\bthe ECS API\b/g, 'STS'));
      expect(error.hint).toBe(
        `STS is at ${host} (from ALIBABA_CLOUD_STS_ENDPOINT, the profile's sts_endpoint or sts_region, or ALIBABA_CLOUD_STS_REGION); try again later, or check that setting`,
      );
      expect(emulator.current.stats.byService.sts).toBe(1);
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('without --retries a failing STS is asked four times (three retries)', async () => {
    emulator.current.resetStats();
    emulator.current.setFaults({ down: { sts: 503 } });
    try {
      const ctx = Object.assign(context(), { retries: undefined });
      await rejected(() => callSts(ctx, assumeRole(emulator.current.endpoint)));
      expect(emulator.current.stats.byService.sts).toBe(4);
    } finally {
      emulator.current.setFaults({});
    }
  });

  it('Ctrl-C while waiting to retry is exit 130, without the retries left', async () => {
    emulator.current.resetStats();
    emulator.current.setFaults({ down: { sts: 503 } });
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await rejected(() => callSts(context({ signal: controller.signal, retries: 3 }), assumeRole(emulator.current.endpoint)));
      expect(error.exitCode).toBe(130);
      expect(emulator.current.stats.byService.sts).toBeLessThan(4);
    } finally {
      emulator.current.setFaults({});
    }
  });
});

describe('callSts against a server that answers what the test says', () => {
  let answer: () => { status: number; body: string } = () => ({ status: 200, body: '{}' });
  const server = useLoopbackServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body } = answer();
      if (status === 0) return; // never answers
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });

  const good = { AccessKeyId: 'STS.unit0001', AccessKeySecret: 'unit-secret', SecurityToken: 'unit-token' };
  const answering = (body: unknown) => {
    answer = () => ({ status: 200, body: JSON.stringify(body) });
  };

  it.each([
    ['no Credentials', { RequestId: 'req-1' }, 'req-1'],
    ['Credentials null', { RequestId: 'req-2', Credentials: null }, 'req-2'],
    ['no AccessKeyId', { RequestId: 'req-3', Credentials: { ...good, AccessKeyId: undefined } }, 'req-3'],
    ['no AccessKeySecret', { RequestId: 'req-4', Credentials: { ...good, AccessKeySecret: undefined } }, 'req-4'],
    ['no SecurityToken', { RequestId: 'req-5', Credentials: { ...good, SecurityToken: undefined } }, 'req-5'],
    ['an empty AccessKeyId', { RequestId: 'req-9', Credentials: { ...good, AccessKeyId: '' } }, 'req-9'],
    ['an empty AccessKeySecret and SecurityToken', { RequestId: 'req-10', Credentials: { ...good, AccessKeySecret: '', SecurityToken: '' } }, 'req-10'],
    ['fields that are no strings', { RequestId: 7, Credentials: { AccessKeyId: 1, AccessKeySecret: {}, SecurityToken: [] } }, undefined],
  ])('an answer with %s: exit 4 saying so, with its RequestId', async (_name, body, requestId) => {
    answering(body);
    const ctx = context();
    const error = await rejected(() => callSts(ctx, assumeRole(server.base)));
    expect(error.exitCode).toBe(4);
    expect(error.name).toBe('ServiceError');
    expect(error.message).toBe(`the AssumeRole answer from ${server.host} holds no Credentials`);
    expect(error.requestId).toBe(requestId);
    expect(ctx.secrets).toEqual([]);
  });

  it('the action is named as asked', async () => {
    answering({ RequestId: 'req-6' });
    const error = await rejected(() => callSts(context(), { endpoint: server.base, action: 'AssumeRoleWithOIDC', params: {} }));
    expect(error.message).toBe(`the AssumeRoleWithOIDC answer from ${server.host} holds no Credentials`);
  });

  it('credentials without an Expiration come back with expiration undefined; any other Expiration as sent', async () => {
    answering({ RequestId: 'req-7', Credentials: good });
    const credentials = { accessKeyId: 'STS.unit0001', accessKeySecret: 'unit-secret', securityToken: 'unit-token' };
    expect(await callSts(context(), assumeRole(server.base))).toEqual({ credentials, expiration: undefined });
    answering({ RequestId: 'req-8', Credentials: { ...good, Expiration: 'soon' } });
    expect(await callSts(context(), assumeRole(server.base))).toEqual({ credentials, expiration: 'soon' });
  });

  it('a server that never answers is given --timeout, not ten seconds', async () => {
    answer = () => ({ status: 0, body: '' });
    const started = Date.now();
    const error = await rejected(() => callSts(context({ timeoutSeconds: 0.3 }), assumeRole(server.base)));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(`no answer from ${server.host} within 0.3 s (timed out)`);
    expect(error.hint).toMatch(/^STS is at 127\.0\.0\.1:\d+ \(from ALIBABA_CLOUD_STS_ENDPOINT/);
  });

  it('a failing proxy is named as such: its own message and hint, not the STS hint; --debug names it, its password kept secret', async () => {
    const lines: string[] = [];
    const ctx = context({ env: { HTTP_PROXY: 'http://user:proxy-pass@127.0.0.1:1' }, debug: (line) => lines.push(line) });
    const error = await rejected(() => callSts(ctx, assumeRole(server.base)));
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('proxy');
    expect(error.hint ?? '').not.toContain('STS is at');
    expect(lines[0]).toBe(`proxy: http://user@127.0.0.1:1 (from HTTP_PROXY) for ${server.base}`);
    expect(ctx.secrets).toContain('proxy-pass');
  });

  it('--retries 1: asked twice', async () => {
    let asked = 0;
    answer = () => {
      asked++;
      return { status: 503, body: JSON.stringify({ RequestId: 'req-9', Code: 'ServiceUnavailable', Message: 'down' }) };
    };
    await rejected(() => callSts(context({ retries: 1 }), assumeRole(server.base)));
    expect(asked).toBe(2);
  });
});

describe('stsEndpoint', () => {
  const fields = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it.each([
    [{}, undefined, 'https://sts.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }, undefined, 'https://sts.cn-beijing.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'TRUE' }, undefined, 'https://sts-vpc.cn-beijing.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'false' }, undefined, 'https://sts.cn-beijing.aliyuncs.com'],
    [{}, { sts_region: 'cn-shanghai' }, 'https://sts.cn-shanghai.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: 'HTTP://127.0.0.1:8788' }, undefined, 'HTTP://127.0.0.1:8788'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: 'git+ssh://sts.example.com' }, undefined, 'git+ssh://sts.example.com'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: 'sts.example.com/?next=http://x' }, undefined, 'https://sts.example.com/?next=http://x'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: '1http://sts.example.com' }, undefined, 'https://1http://sts.example.com'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: 'sts.example.com:443' }, undefined, 'https://sts.example.com:443'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: ' ' }, { sts_endpoint: 'sts.example.com' }, 'https://sts.example.com'],
  ])('env %j, profile %j: %s', (env, profile, expected) => {
    expect(stsEndpoint(fakeContext({}, env), profile && fields(profile))).toBe(expected);
  });
});

describe('an endpoint that is no http(s) URL', () => {
  it('a scheme in capitals is a scheme', async () => {
    const answer = await callSts(context(), assumeRole(emulator.current.endpoint.replace(/^http:/, 'HTTP:')));
    expect(answer.credentials).toEqual({ ...EMULATOR_STS_CREDENTIALS });
  });

  it.each([
    ['http://[::1', "'http://[::1'"],
    ['ftp://127.0.0.1:1', "'ftp://127.0.0.1:1'"],
    ['https://sts .aliyuncs.com', "'https://sts .aliyuncs.com'"],
    ['https://sts.cn hangzhou.aliyuncs.com', "'https://sts.cn hangzhou.aliyuncs.com'"],
    ['ftp://user:pass@sts.example.com', 'the value'],
  ])('%s: exit 2 naming the settings it comes from, before any request', async (endpoint, shown) => {
    const error = await rejected(() => callSts(context(), assumeRole(endpoint)));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(`the STS endpoint ${shown} is not an http:// or https:// URL`);
    expect(error.hint).toBe("It comes from ALIBABA_CLOUD_STS_ENDPOINT, the profile's sts_endpoint or sts_region, or ALIBABA_CLOUD_STS_REGION: fix that setting.");
  });
});

describe('defaults', () => {
  it('the session name is ecsimg- and the time in ms; the duration is an hour, as the aliyun CLI asks', () => {
    const before = Date.now();
    const name = defaultSessionName();
    expect(name).toMatch(/^ecsimg-\d{13}$/);
    const ms = Number(name.slice('ecsimg-'.length));
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
    expect(DEFAULT_DURATION_SECONDS).toBe(3600);
  });
});
