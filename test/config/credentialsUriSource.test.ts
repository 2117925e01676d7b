// fromCredentialsUri in process against a scripted server on 127.0.0.1: the URL check, status
// classes, malformed answers, time bound, proxy, renewal, and the exact messages.
import type { IncomingHttpHeaders } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromCredentialsUri } from '../../src/config/sources/credentialsUri.js';
import type { SourceContext } from '../../src/config/sources/context.js';
import { CredentialsError, ServiceError } from '../../src/errors.js';
import { closedPort, useLoopbackServer } from '../support/loopbackServer.js';
import { startProxyServer } from '../support/proxyServer.js';
import { fakeContext, rejected } from './fakeContext.js';

const SOURCE = 'env ALIBABA_CLOUD_CREDENTIALS_URI';
const CREDS = { AccessKeyId: 'STS.uri0001', AccessKeySecret: 'uri-secret', SecurityToken: 'uri-security-token' };
const LATER = '2099-01-01T00:00:00Z';

type Reply = { status?: number; body?: string; delayMs?: number } | 'hang';

let reply: Reply = { body: '' };
const seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
const server = useLoopbackServer((req, res) => {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const answer = reply;
  if (answer === 'hang') return;
  const send = (): void => void res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(answer.body ?? '');
  if (answer.delayMs) setTimeout(send, answer.delayMs);
  else send();
});
beforeEach(() => {
  reply = { body: JSON.stringify({ Code: 'Success', ...CREDS, Expiration: LATER }) };
  seen.length = 0;
});

interface TestContext extends SourceContext {
  secrets: string[];
  lines: string[];
}

function context(extra: Partial<SourceContext> = {}, env: Record<string, string> = {}): TestContext {
  const lines: string[] = [];
  return Object.assign(fakeContext({}, env), { secrets: [] as string[], lines, debug: (line: string) => lines.push(line) }, extra);
}

const uri = () => `${server.base}/v1/credentials?token=uri-access-token`;
const where = () => `the credentials URI at ${server.host}`;

describe('a good answer', () => {
  it('GETs the URI as given; the credentials, kept secret; the source names the host only; renewable', async () => {
    const ctx = context();
    const found = await fromCredentialsUri(ctx, uri(), SOURCE);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/credentials?token=uri-access-token']);
    expect(found.credentials).toEqual({ accessKeyId: CREDS.AccessKeyId, accessKeySecret: CREDS.AccessKeySecret, securityToken: CREDS.SecurityToken });
    expect(found.source).toBe(`${SOURCE}: ${server.host}`);
    expect(found.expiresAt).toBe(Date.parse(LATER));
    expect(ctx.secrets).toEqual([CREDS.AccessKeyId, CREDS.AccessKeySecret, CREDS.SecurityToken]);
    expect(ctx.lines).toHaveLength(1);
    expect(ctx.lines[0]).toMatch(new RegExp(`^credentials URI GET ${server.host}: HTTP 200 in \\d{1,4} ms$`));
    expect(ctx.lines.join('\n')).not.toContain('uri-access-token');

    reply = { body: JSON.stringify({ Code: 'Success', ...CREDS, AccessKeyId: 'STS.uri0002', Expiration: LATER }) };
    const renewed = await found.renew!();
    expect(seen).toHaveLength(2);
    expect(seen[1]?.url).toBe('/v1/credentials?token=uri-access-token');
    expect(renewed.credentials.accessKeyId).toBe('STS.uri0002');
    expect(renewed.source).toBe(`${SOURCE}: ${server.host}`);
  });

  it('without --debug: the same answers, nothing said', async () => {
    expect((await fromCredentialsUri(fakeContext(), uri(), SOURCE)).source).toBe(`${SOURCE}: ${server.host}`);
    const port = await closedPort();
    const error = await rejected(() => fromCredentialsUri(fakeContext(), `http://127.0.0.1:${port}/c`, SOURCE));
    expect(error.message).toBe(`${SOURCE}: the credentials URI at 127.0.0.1:${port} did not answer (ECONNREFUSED)`);
  });

  it('no Expiration: used as they are, never renewed', async () => {
    reply = { body: JSON.stringify({ Code: 'Success', ...CREDS }) };
    const found = await fromCredentialsUri(context(), uri(), SOURCE);
    expect(found).toEqual({ credentials: { accessKeyId: CREDS.AccessKeyId, accessKeySecret: CREDS.AccessKeySecret, securityToken: CREDS.SecurityToken }, source: `${SOURCE}: ${server.host}` });
  });

  it('an Expiration already past: exit 3 naming the source and the time', async () => {
    reply = { body: JSON.stringify({ Code: 'Success', ...CREDS, Expiration: '2020-01-01T00:00:00Z' }) };
    const error = await rejected(() => fromCredentialsUri(context(), uri(), SOURCE));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${SOURCE}: ${server.host}: the credentials it handed out expired at 2020-01-01T00:00:00Z`);
  });

  it('an answer that takes a moment is waited for, with or without --timeout', async () => {
    reply = { body: JSON.stringify({ Code: 'Success', ...CREDS }), delayMs: 60 };
    expect((await fromCredentialsUri(context(), uri(), SOURCE)).credentials.accessKeyId).toBe(CREDS.AccessKeyId);
    expect((await fromCredentialsUri(context({ timeoutSeconds: 2 }), uri(), SOURCE)).credentials.accessKeyId).toBe(CREDS.AccessKeyId);
  });
});

describe('the URI itself', () => {
  it.each(['not a url', 'ftp://127.0.0.1/credentials', 'file:///etc/passwd', '/credentials'])('%s: exit 3, not an http(s) URL, asking nothing', async (value) => {
    const error = await rejected(() => fromCredentialsUri(context(), value, SOURCE));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${SOURCE}: the credentials URI is not an http:// or https:// URL`);
    expect(seen).toHaveLength(0);
  });

  it('https:// is a URL it tries', async () => {
    const port = await closedPort();
    const error = await rejected(() => fromCredentialsUri(context(), `https://127.0.0.1:${port}/credentials`, SOURCE));
    expect(error.message).toBe(`${SOURCE}: the credentials URI at 127.0.0.1:${port} did not answer (ECONNREFUSED)`);
  });
});

describe('no answer', () => {
  it('nothing listening: exit 4 naming the host, not the path or query; --debug says what failed', async () => {
    const port = await closedPort();
    const ctx = context();
    const error = await rejected(() => fromCredentialsUri(ctx, `http://127.0.0.1:${port}/c?token=uri-access-token`, SOURCE));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${SOURCE}: the credentials URI at 127.0.0.1:${port} did not answer (ECONNREFUSED)`);
    expect(ctx.lines).toHaveLength(1);
    expect(ctx.lines[0]).toMatch(new RegExp(`^credentials URI GET 127\\.0\\.0\\.1:${port}: ECONNREFUSED after \\d{1,4} ms$`));
  });

  it('no answer within --timeout: ETIMEDOUT after about that long', async () => {
    reply = 'hang';
    const started = Date.now();
    const error = await rejected(() => fromCredentialsUri(context({ timeoutSeconds: 0.3 }), uri(), SOURCE));
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${SOURCE}: ${where()} did not answer (ETIMEDOUT)`);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('Ctrl-C while waiting is exit 130', async () => {
    reply = 'hang';
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejected(() => fromCredentialsUri(context({ signal: controller.signal }), uri(), SOURCE));
    expect(error.exitCode).toBe(130);
  });
});

describe('refusals and malformed answers', () => {
  it.each([
    [500, ServiceError],
    [503, ServiceError],
    [499, CredentialsError],
    [403, CredentialsError],
    [302, CredentialsError],
  ])('HTTP %i: refused, the status in the message, exit code by its class', async (status, Kind) => {
    reply = { status, body: JSON.stringify({ Code: 'Success', ...CREDS }) };
    const ctx = context();
    const error = await rejected(() => fromCredentialsUri(ctx, uri(), SOURCE));
    expect(error).toBeInstanceOf(Kind);
    expect(error.message).toBe(`${SOURCE}: ${where()} refused to give credentials (HTTP ${status})`);
    expect(ctx.secrets).toEqual([]);
  });

  it.each([
    ['an HTML page', '<html>502</html>'],
    ['null', 'null'],
    ['an array', JSON.stringify([{ Code: 'Success', ...CREDS }])],
    ['nothing', ''],
  ])('%s: exit 4, no JSON object', async (_name, body) => {
    reply = { body };
    const error = await rejected(() => fromCredentialsUri(context(), uri(), SOURCE));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${SOURCE}: ${where()} sent no JSON object`);
  });

  it.each([
    ['Code Failure', 'Failure', 'Failure'],
    ['no Code', undefined, '(none)'],
    ['a Code that is a number', 200, '(none)'],
  ])('%s: exit 3 naming the Code', async (_name, code, shown) => {
    reply = { body: JSON.stringify({ ...CREDS, Code: code }) };
    const ctx = context();
    const error = await rejected(() => fromCredentialsUri(ctx, uri(), SOURCE));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${SOURCE}: ${where()} answered Code ${shown}, not Success`);
    expect(ctx.secrets).toEqual([]);
  });

  it.each([
    ['no AccessKeyId', { AccessKeyId: undefined }],
    ['an AccessKeySecret that is an object', { AccessKeySecret: {} }],
    ['a SecurityToken that is null', { SecurityToken: null }],
    ['an empty AccessKeyId', { AccessKeyId: '' }],
    ['an empty AccessKeySecret', { AccessKeySecret: '' }],
  ])('%s: exit 4, the three fields named', async (_name, change) => {
    reply = { body: JSON.stringify({ Code: 'Success', ...CREDS, ...change }) };
    const ctx = context();
    const error = await rejected(() => fromCredentialsUri(ctx, uri(), SOURCE));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${SOURCE}: ${where()} sent no AccessKeyId, AccessKeySecret and SecurityToken`);
    expect(ctx.secrets).toEqual([]);
  });
});

describe('through a proxy', () => {
  it('HTTP_PROXY carries the request', async () => {
    const proxy = await startProxyServer();
    try {
      const ctx = context({}, { HTTP_PROXY: proxy.url });
      const found = await fromCredentialsUri(ctx, uri(), SOURCE);
      expect(found.credentials.accessKeyId).toBe(CREDS.AccessKeyId);
      expect(proxy.passages.map((p) => `${p.method} ${p.target}`)).toEqual([`GET ${server.host}`]);
      expect(ctx.lines[0]).toBe(`proxy: ${proxy.url} (from HTTP_PROXY) for ${server.base}`);
    } finally {
      await proxy.close();
    }
  });

  it("the proxy's password is kept secret", async () => {
    const proxy = await startProxyServer({ auth: { user: 'ops', password: 'proxy-pass!' } });
    try {
      const ctx = context({}, { HTTP_PROXY: `http://ops:proxy-pass%21@127.0.0.1:${proxy.port}` });
      await fromCredentialsUri(ctx, uri(), SOURCE);
      expect(ctx.secrets.slice(0, 2)).toEqual(['proxy-pass%21', 'proxy-pass!']);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that is down: exit 4 naming the proxy, not the URI, with its hint', async () => {
    const port = await closedPort();
    const error = await rejected(() => fromCredentialsUri(context({}, { HTTP_PROXY: `http://127.0.0.1:${port}` }), uri(), SOURCE));
    expect(error.exitCode).toBe(4);
    expect(error.name).toBe('ServiceError');
    expect(error.message).toMatch(new RegExp(`^${SOURCE}: could not connect to the proxy http://127\\.0\\.0\\.1:${port} \\(from HTTP_PROXY\\): `));
    expect(error.hint).toBe(`check HTTP_PROXY, or list ${server.host} in NO_PROXY to connect directly`);
    expect(seen).toHaveLength(0);
  });
});
