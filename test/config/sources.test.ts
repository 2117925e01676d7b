// Details of single sources: the STS endpoint rules, External's command handling, the
// metadata service's v1 fallback (against a small server that refuses IMDSv2 tokens).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/config/credentials.js';
import { fromExternal } from '../../src/config/sources/external.js';
import { stsEndpoint } from '../../src/config/sources/sts.js';
import type { FoundProfile } from '../../src/config/profiles.js';
import { CREDENTIALS_INI, aliyunConfig, CONFIG_JSON, fakeContext, rejected } from './fakeContext.js';

describe('stsEndpoint', () => {
  const fields = (entries: Record<string, string>) => new Map(Object.entries(entries));
  it.each([
    [{}, {}, 'https://sts.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }, {}, 'https://sts.cn-beijing.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing' }, { sts_region: 'cn-shanghai' }, 'https://sts.cn-shanghai.aliyuncs.com'],
    [{ ALIBABA_CLOUD_STS_REGION: 'cn-beijing', ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: 'true' }, {}, 'https://sts-vpc.cn-beijing.aliyuncs.com'],
    [{}, { sts_endpoint: 'sts.example.com' }, 'https://sts.example.com'],
    [{ ALIBABA_CLOUD_STS_ENDPOINT: 'http://127.0.0.1:8788' }, { sts_endpoint: 'sts.example.com', sts_region: 'cn-x' }, 'http://127.0.0.1:8788'],
  ])('env %j, profile %j: %s', (env, profile, expected) => {
    expect(stsEndpoint(fakeContext({}, env), fields(profile))).toBe(expected);
  });
});

describe('External', () => {
  const profile = (command: string): FoundProfile => ({
    name: 'x',
    file: 'aliyun',
    shownPath: '~/.aliyun/config.json',
    fields: new Map([['mode', 'External'], ['process_command', command]]),
    source: "profile 'x' in ~/.aliyun/config.json",
  });
  const dir = mkdtempSync(join(tmpdir(), 'ecsimg-external-unit-'));
  const script = (name: string, body: string): string => {
    writeFileSync(join(dir, name), body);
    return join(dir, name);
  };
  const akJson = JSON.stringify({ mode: 'AK', access_key_id: 'LTAIexternal0001', access_key_secret: 'external-secret' });

  it('runs a plain command without a shell, and keeps what it printed secret', async () => {
    const ctx = Object.assign(fakeContext(), { secrets: [] as string[] });
    const found = await fromExternal(ctx, profile(`${process.execPath} ${script('ak.cjs', `process.stdout.write(${JSON.stringify(akJson)})`)}`));
    expect(found.credentials).toEqual({ accessKeyId: 'LTAIexternal0001', accessKeySecret: 'external-secret' });
    expect(ctx.secrets).toEqual(['LTAIexternal0001', 'external-secret']);
  });

  it('hands a command with shell syntax to the shell', async () => {
    const found = await fromExternal(fakeContext(), profile(`echo '${akJson}' | cat`));
    expect(found.credentials.accessKeyId).toBe('LTAIexternal0001');
  });

  it('a command that does not finish in time is stopped', async () => {
    const error = await rejected(() => fromExternal(fakeContext(), profile(`${process.execPath} ${script('hang.cjs', 'setInterval(() => {}, 1000)')}`), 200));
    expect(error.message).toContain('did not finish within 0.2 s');
  });

  it('the time bound holds when a shell command leaves a child holding stdout open', async () => {
    const started = Date.now();
    const error = await rejected(() => fromExternal(fakeContext(), profile(`${process.execPath} ${script('slow.cjs', 'setTimeout(() => {}, 1500)')}; echo x`), 200));
    expect(error.message).toContain('did not finish within 0.2 s');
    expect(error.exitCode).toBe(4);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('printing without end is cut off at the output bound', async () => {
    const error = await rejected(() => fromExternal(fakeContext(), profile(`yes | cat`)));
    expect(error.message).toContain('process_command printed more than 65536 bytes');
  });

  it('output that is no credentials is exit 3 and does not echo it', async () => {
    const error = await rejected(() => fromExternal(fakeContext(), profile(`echo '{"mode":"AK","access_key_id":"LTAIexternal0001"}'`)));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe("profile 'x' in ~/.aliyun/config.json (External): process_command printed no access_key_secret");
  });

  it('a command that does not exist is exit 3 naming it', async () => {
    const error = await rejected(() => fromExternal(fakeContext(), profile('/nonexistent/ecsimg-helper --json')));
    expect(error.message).toContain('cannot run process_command /nonexistent/ecsimg-helper (ENOENT)');
  });
});

describe('the metadata service without IMDSv2', () => {
  let server: Server;
  let base = '';
  const seen: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      if (req.url === '/latest/api/token') res.writeHead(403).end();
      else if (req.url === '/latest/meta-data/ram/security-credentials/') res.end('OldRole\n');
      else if (req.url === '/latest/meta-data/ram/security-credentials/OldRole') {
        res.end(JSON.stringify({ Code: 'Success', AccessKeyId: 'STS.old0001', AccessKeySecret: 'old-secret', SecurityToken: 'old-token', Expiration: '2099-01-01T00:00:00Z' }));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ini = { [CREDENTIALS_INI]: '[default]\ntype = ecs_ram_role\n' };
  const env = (extra: Record<string, string> = {}) => ({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: base, ...extra });

  it("falls back to v1 (no token header), here for the INI file's ecs_ram_role", async () => {
    seen.length = 0;
    const found = await resolveCredentials({}, fakeContext(ini, env()));
    expect(found.credentials).toEqual({ accessKeyId: 'STS.old0001', accessKeySecret: 'old-secret', securityToken: 'old-token' });
    expect(found.source).toBe("profile 'default' in ~/.alibabacloud/credentials (ecs_ram_role): role OldRole");
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/ram/security-credentials/',
      'GET /latest/meta-data/ram/security-credentials/OldRole',
    ]);
    expect(seen.every((r) => r.headers['x-aliyun-ecs-metadata-token'] === undefined)).toBe(true);
  });

  it('ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the fallback: exit 3 naming the variable', async () => {
    seen.length = 0;
    const error = await rejected(() => resolveCredentials({}, fakeContext(ini, env({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' }))));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('ALIBABA_CLOUD_IMDSV1_DISABLED=true');
    expect(seen).toHaveLength(1);
  });

  it('ALIBABA_CLOUD_ECS_METADATA names the role in the chain', async () => {
    const found = await resolveCredentials({}, fakeContext({}, env({ ALIBABA_CLOUD_ECS_METADATA: 'OldRole' })));
    expect(found.source).toBe('the instance metadata service: role OldRole');
    const missing = await rejected(() => resolveCredentials({}, fakeContext({ [CONFIG_JSON]: aliyunConfig(undefined) }, env({ ALIBABA_CLOUD_ECS_METADATA: 'Other' }))));
    expect(missing.message).toContain("no RAM role 'Other' is attached to this instance");
  });
});

describe('a metadata service that accepts connections and never answers', () => {
  it('costs the chain about one second, then no credentials found (exit 3); Ctrl-C meanwhile is exit 130', async () => {
    const { createServer: createTcpServer } = await import('node:net');
    const held: import('node:net').Socket[] = [];
    const silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const ctx = fakeContext({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: `http://127.0.0.1:${port}` });
      const error = await rejected(() => resolveCredentials({}, ctx));
      const elapsed = Date.now() - started;
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain('no credentials found');
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(1600);
      // Ctrl-C while waiting is exit 130, not "no credentials" nor a service failure.
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const interrupted = await rejected(() => resolveCredentials({}, Object.assign(fakeContext({}, ctx.env), { signal: controller.signal })));
      expect(interrupted.exitCode).toBe(130);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('a web server that answers every request with a page (a captive portal)', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in to the guest Wi-Fi</body></html>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is no metadata service to the chain: no credentials found (exit 3)', async () => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: base })));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('no credentials found');
  });

  it('an EcsRamRole profile without a role name says the answer was no role listing (exit 4)', async () => {
    const files = { [CONFIG_JSON]: aliyunConfig('jump', { name: 'jump', mode: 'EcsRamRole', ram_role_name: '' }) };
    const error = await rejected(() => resolveCredentials({}, fakeContext(files, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: base })));
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(/^profile 'jump' in ~\/.aliyun\/config.json \(EcsRamRole\): the instance metadata service at 127.0.0.1:\d+ answered with something that is not a RAM role listing$/);
  });
});

describe('hostile answers from a credentials URI and the metadata service', () => {
  let server: Server;
  let base = '';
  let body = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      // the metadata service's listing names one role; every other path gets the body under test
      if (req.url === '/latest/meta-data/ram/security-credentials/') res.end('Role');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const good = { Code: 'Success', AccessKeyId: 'STS.hostile0001', AccessKeySecret: 'hostile-secret', SecurityToken: 'hostile-token' };
  const uri = () => fakeContext({}, { ALIBABA_CLOUD_CREDENTIALS_URI: `${base}/credentials` });
  const jump = () => fakeContext({ [CONFIG_JSON]: aliyunConfig('jump', { name: 'jump', mode: 'EcsRamRole' }) }, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: base });

  it.each([
    ['an HTML page', '<html><body>502 Bad Gateway</body></html>', 'sent no JSON object'],
    ['null', 'null', 'sent no JSON object'],
    ['JSON nested 20,000 deep', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'sent no JSON object'],
    ['an answer past the 64 KiB bound', JSON.stringify({ ...good, Padding: 'x'.repeat(2 * 1024 * 1024) }), 'sent an answer larger than 64 KiB, which is no credential answer'],
    ['fields that are no strings', JSON.stringify({ Code: 'Success', AccessKeyId: 1234567890, AccessKeySecret: {}, SecurityToken: null }), 'sent no AccessKeyId, AccessKeySecret and SecurityToken'],
  ])('a credentials URI answering %s: exit 4, one line naming the variable', async (_name, answer, message) => {
    body = answer;
    const error = await rejected(() => resolveCredentials({}, uri()));
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(/^env ALIBABA_CLOUD_CREDENTIALS_URI: the credentials URI at 127.0.0.1:\d+ /);
    expect(error.message).toContain(message);
  });

  it('the metadata service answering past the bound: exit 4 saying so, not "did not answer"', async () => {
    body = 'x'.repeat(1024 * 1024);
    const error = await rejected(() => resolveCredentials({}, jump()));
    expect(error.exitCode).toBe(4);
    expect(error.message).toMatch(/^profile 'jump' in ~\/.aliyun\/config.json \(EcsRamRole\): the instance metadata service at 127.0.0.1:\d+ sent an answer larger than 64 KiB/);
  });

  it.each([['an unparseable Expiration', 'tomorrow-ish'], ['no Expiration', undefined]])('%s: the credentials are used and never renewed', async (_name, expiration) => {
    body = JSON.stringify({ ...good, Expiration: expiration });
    const found = await resolveCredentials({}, uri());
    expect(found.credentials.accessKeyId).toBe('STS.hostile0001');
    expect(found.expiresAt).toBeUndefined();
    expect(found.renew).toBeUndefined();
  });

  it('an Expiration in the past: exit 3 naming the source and the time', async () => {
    body = JSON.stringify({ ...good, Expiration: '2020-01-01T00:00:00Z' });
    const error = await rejected(() => resolveCredentials({}, jump()));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe("profile 'jump' in ~/.aliyun/config.json (EcsRamRole): role Role: the credentials it handed out expired at 2020-01-01T00:00:00Z");
  });
});

describe('ECSIMG_METADATA_ENDPOINT', () => {
  it.each(['100.100.100.200', 'ftp://127.0.0.1'])('%s is exit 2 naming the variable, before any request', async (value) => {
    const error = await rejected(() => resolveCredentials({}, fakeContext({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: value })));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('ECSIMG_METADATA_ENDPOINT is not an http:// or https:// URL');
  });
});
