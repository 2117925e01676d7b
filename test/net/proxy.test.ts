// The proxy rules (src/net/proxy.ts) as one-line cases, and how a ProxyFailure is reported
// (src/api/apiErrors.ts). The requests themselves are in proxy.http.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { toEcsimgError } from '../../src/api/apiErrors.js';
import { ExitCode, UsageError } from '../../src/errors.js';
import { describeProxy, noProxyEntries, proxyAgentFor, proxyRouteFor, type Env } from '../../src/net/proxy.js';
import { ProxyFailure } from '../../src/net/proxyFailure.js';

const ECS = 'https://ecs.cn-hangzhou.aliyuncs.com';
const PROXY = 'http://proxy.corp:3128';

async function proxied(target: string, env: Env): Promise<string | undefined> {
  const route = await proxyRouteFor(target, env);
  return route.proxy ? `${route.proxy.label} ${route.proxy.variable}` : undefined;
}

describe('which proxy a request goes through', () => {
  it.each<[string, string, Env, string | undefined]>([
    ['no variable: direct', ECS, {}, undefined],
    ['HTTPS_PROXY for https://', ECS, { HTTPS_PROXY: PROXY }, `${PROXY} HTTPS_PROXY`],
    ['HTTP_PROXY is not for https://', ECS, { HTTP_PROXY: PROXY }, undefined],
    ['HTTP_PROXY for http://', 'http://127.0.0.1:8080', { HTTP_PROXY: PROXY }, `${PROXY} HTTP_PROXY`],
    ['HTTPS_PROXY is not for http://', 'http://127.0.0.1:8080', { HTTPS_PROXY: PROXY }, undefined],
    ['the lower-case name wins', ECS, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'http://lower:1 https_proxy'],
    ['a blank lower-case value counts as unset', ECS, { https_proxy: '  ', HTTPS_PROXY: 'http://upper:2' }, 'http://upper:2 HTTPS_PROXY'],
    ['no scheme means http://', ECS, { HTTPS_PROXY: 'proxy.corp:3128' }, `${PROXY} HTTPS_PROXY`],
    ['an https:// proxy', ECS, { HTTPS_PROXY: 'https://proxy.corp' }, 'https://proxy.corp HTTPS_PROXY'],
    ['ALL_PROXY is not read', ECS, { ALL_PROXY: PROXY, all_proxy: PROXY }, undefined],
    ['the user is shown, never the password', ECS, { HTTPS_PROXY: 'http://al%40ice:p%40ss@proxy.corp:3128' }, 'http://al%40ice@proxy.corp:3128 HTTPS_PROXY'],
  ])('%s', async (_what, target, env, expected) => {
    expect(await proxied(target, env)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['example.com', 'https://example.com', true],
    ['example.com', 'https://ecs.example.com', true],
    ['example.com', 'https://badexample.com', false],
    ['.example.com', 'https://example.com', true],
    ['.example.com', 'https://a.b.example.com', true],
    ['*.example.com', 'https://ecs.example.com', true],
    ['EXAMPLE.com', 'https://ecs.example.com', true],
    ['example.com:443', 'https://ecs.example.com', true],
    ['example.com:8443', 'https://ecs.example.com', false],
    ['example.com:8443', 'https://ecs.example.com:8443', true],
    ['other.org, example.com', 'https://ecs.example.com', true],
    ['other.org example.com', 'https://ecs.example.com', true],
    ['other.org', 'https://ecs.example.com', false],
    ['*', 'https://ecs.example.com', true],
    ['other.org,*', 'https://ecs.example.com', true],
    ['10.0.0.1', 'http://10.0.0.1:80', true],
  ])('NO_PROXY=%j bypasses the proxy for %s: %s', async (noProxy, target, bypassed) => {
    const route = await proxyRouteFor(target, { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY, NO_PROXY: noProxy });
    expect(route.proxy === undefined).toBe(bypassed);
    if (bypassed) expect(route.bypassReason).toBe('NO_PROXY matches');
  });

  it('no_proxy wins over NO_PROXY', async () => {
    expect(await proxied(ECS, { HTTPS_PROXY: PROXY, no_proxy: 'other.org', NO_PROXY: '*' })).toBeDefined();
    expect((await proxyRouteFor(ECS, { HTTPS_PROXY: PROXY, no_proxy: '*', NO_PROXY: 'other.org' })).bypassReason).toBe('no_proxy matches');
  });

  it.each([
    ['example.com', 'example.com,.example.com'],
    ['.example.com, *.corp:8080', 'example.com,.example.com,corp:8080,.corp:8080'],
    [' , ', ''],
    ['a,*', '*'],
  ])('NO_PROXY %j is given to proxy-from-env as %j', (value, expected) => {
    expect(noProxyEntries(value)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.0.0.1:9998', true],
    ['localhost, 127.0.0.1', true],
    ['0.1', false],
    ['.0.0.1', false],
    ['.127.0.0.1', true],
    ['127.0.0.1:1', false],
  ])('an IP address matches only itself: NO_PROXY %j bypasses http://127.0.0.1:9998: %s', async (value, bypassed) => {
    const route = await proxyRouteFor('http://127.0.0.1:9998/', { HTTP_PROXY: PROXY, NO_PROXY: value });
    expect(route.proxy === undefined).toBe(bypassed);
  });

  describe('the runtime env decides, not process.env', () => {
    const saved = { ...process.env };
    afterEach(() => {
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
    });

    it('a proxy or NO_PROXY in process.env is ignored, and process.env is left as it was', async () => {
      process.env.HTTPS_PROXY = 'http://from-process-env:1';
      process.env.no_proxy = '*';
      const before = process.env;
      expect(await proxied(ECS, {})).toBeUndefined();
      expect(await proxied(ECS, { HTTPS_PROXY: PROXY, NO_PROXY: 'other.org' })).toBe(`${PROXY} HTTPS_PROXY`);
      expect(process.env).toBe(before);
      expect(process.env.no_proxy).toBe('*');
    });
  });

  it.each([
    ['http://100.100.100.200/latest/api/token', {}],
    ['http://100.100.100.200:80/latest/meta-data/ram/security-credentials/', { NO_PROXY: 'other.org' }],
    ['http://100.100.100.200/latest/api/token', { http_proxy: 'socks5://unusable:1080' }],
  ])('the metadata service %s is never proxied', async (target, env: Env) => {
    const route = await proxyRouteFor(target, { HTTP_PROXY: PROXY, http_proxy: PROXY, ...env });
    expect(route).toEqual({ bypassReason: 'the metadata service is never proxied' });
  });

  it("ECSIMG_METADATA_ENDPOINT's origin is proxied for other requests: the emulator serves ECS and STS there too", async () => {
    expect(await proxied('http://127.0.0.1:9998/', { HTTP_PROXY: PROXY, ECSIMG_METADATA_ENDPOINT: 'http://127.0.0.1:9999' })).toBe(`${PROXY} HTTP_PROXY`);
    expect(await proxied('http://127.0.0.1:9999/', { HTTP_PROXY: PROXY, ECSIMG_METADATA_ENDPOINT: 'http://127.0.0.1:9999' })).toBe(`${PROXY} HTTP_PROXY`);
  });

  it.each([
    ['socks5://user:hunter22@proxy.corp:1080', 'HTTPS_PROXY names a socks5:// proxy; ecsimg supports http:// and https:// proxies'],
    ['http://user:hunter22@', 'HTTPS_PROXY is not a valid proxy URL'],
    ['http://user:hunter22@[nope', 'HTTPS_PROXY is not a valid proxy URL'],
    ['http://user:hunter22%zz@proxy.corp:3128', 'HTTPS_PROXY: a % in its user name or password is not followed by two hex digits'],
    ['http://hunter22%@proxy.corp:3128', 'HTTPS_PROXY: a % in its user name or password is not followed by two hex digits'],
  ])('HTTPS_PROXY=%j is a usage error that does not echo the value', async (value, message) => {
    const err = await proxyRouteFor(ECS, { HTTPS_PROXY: value }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toBe(message);
    expect(`${(err as UsageError).message} ${(err as UsageError).hint}`).not.toContain('hunter22');
  });

  it('describeProxy drops the password, the path and the query', () => {
    expect(describeProxy(new URL('https://bob:pw@proxy.corp:8443/path?q=1'))).toBe('https://bob@proxy.corp:8443');
    expect(describeProxy(new URL('http://:pw@proxy.corp'))).toBe('http://proxy.corp');
  });
});

describe('proxyAgentFor', () => {
  it('is undefined without a proxy, says nothing, and loads no agent', async () => {
    const lines: string[] = [];
    expect(await proxyAgentFor(ECS, {}, { debug: (line) => lines.push(line) })).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('gives an agent, a debug line without the password, and the password to blank out', async () => {
    const lines: string[] = [];
    const secrets: string[] = [];
    const agent = await proxyAgentFor(ECS, { HTTPS_PROXY: 'http://bob:p%40ssword@proxy.corp:3128' }, { debug: (l) => lines.push(l), secrets });
    expect(agent).toBeDefined();
    agent?.destroy();
    expect(lines).toEqual([`proxy: http://bob@proxy.corp:3128 (from HTTPS_PROXY) for ${ECS}`]);
    expect(secrets).toEqual(['p%40ssword', 'p@ssword']);
  });

  it('says when NO_PROXY sends a request past the proxy', async () => {
    const lines: string[] = [];
    expect(await proxyAgentFor(ECS, { HTTPS_PROXY: PROXY, no_proxy: '.aliyuncs.com' }, { debug: (l) => lines.push(l) })).toBeUndefined();
    expect(lines).toEqual([`proxy: none for ${ECS} (no_proxy matches)`]);
  });
});

describe('a failing proxy is exit 4 naming the proxy', () => {
  const ctx = { action: 'DescribeImages', endpoint: ECS, timeoutMs: 10_000 };
  const fail = (details: ConstructorParameters<typeof ProxyFailure>[2]) => toEcsimgError(new ProxyFailure('http://bob@proxy.corp:3128', 'https_proxy', details), ctx);

  it.each([
    ['ECONNREFUSED', 'could not connect to the proxy http://bob@proxy.corp:3128 (from https_proxy): connection refused', false],
    ['ENOTFOUND', 'could not connect to the proxy http://bob@proxy.corp:3128 (from https_proxy): its host name does not resolve (DNS)', false],
    ['ECONNRESET', 'could not connect to the proxy http://bob@proxy.corp:3128 (from https_proxy): the connection was reset', true],
    ['EWEIRD', 'could not connect to the proxy http://bob@proxy.corp:3128 (from https_proxy): EWEIRD', false],
  ])('%s', (code, message, retryable) => {
    const err = fail({ code });
    expect(err.exitCode).toBe(ExitCode.service);
    expect(err.message).toBe(message);
    expect(err.retryable).toBe(retryable);
    expect(err.hint).toBe('check https_proxy, or list ecs.cn-hangzhou.aliyuncs.com in NO_PROXY to connect directly');
  });

  it('407', () => {
    const err = fail({ status: 407, statusText: 'Proxy Authentication Required' });
    expect(err.exitCode).toBe(ExitCode.service);
    expect(err.message).toBe('the proxy http://bob@proxy.corp:3128 (from https_proxy) refused the request: 407 Proxy Authentication Required');
    expect(err.retryable).toBe(false);
  });

  it.each([
    [403, 'Forbidden', 'HTTP 403 Forbidden', false],
    [502, 'Bad Gateway', 'HTTP 502 Bad Gateway', true],
    [503, 'Evil\u001b[2J text with <b>html</b>', 'HTTP 503', true],
  ])('CONNECT answered %i', (status, statusText, what, retryable) => {
    const err = fail({ status, statusText });
    expect(err.exitCode).toBe(ExitCode.service);
    expect(err.message).toBe(`the proxy http://bob@proxy.corp:3128 (from https_proxy) refused to connect to ecs.cn-hangzhou.aliyuncs.com: ${what}`);
    expect(err.retryable).toBe(retryable);
  });
});
