// fromMetadata in process against a scripted metadata service on 127.0.0.1: the IMDSv2 token
// and the v1 fallback, role discovery, every refusal and malformed answer, with the exact
// messages and hints an operator reads.
import type { IncomingHttpHeaders } from 'node:http';
import { beforeEach, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/config/credentials.js';
import { fromMetadata, metadataBase, type MetadataRequest } from '../../src/config/sources/metadata.js';
import type { SourceContext } from '../../src/config/sources/context.js';
import { CredentialsError, ServiceError } from '../../src/errors.js';
import { closedPort, useLoopbackServer } from '../support/loopbackServer.js';
import { CREDENTIALS_INI, fakeContext, rejected, thrown } from './fakeContext.js';

const ROLES = '/latest/meta-data/ram/security-credentials/';
const TOKEN = 'imds-token-0001';
const CREDS = { AccessKeyId: 'STS.meta0001', AccessKeySecret: 'meta-secret', SecurityToken: 'meta-security-token' };
const LATER = '2099-01-01T00:00:00Z';

type Reply = { status?: number; body?: string } | 'reset' | 'hang';
interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

/** A metadata service with IMDSv2 and one role, RoleA; each test may change `route`. */
function wellBehaved(method: string, url: string): Reply {
  if (url === '/latest/api/token') return method === 'PUT' ? { body: `${TOKEN}\n` } : { status: 405 };
  if (url === ROLES) return { body: 'RoleA\n' };
  if (url === `${ROLES}RoleA`) return { body: JSON.stringify({ Code: 'Success', ...CREDS, Expiration: LATER }) };
  return { status: 404, body: 'not found' };
}

let route: (method: string, url: string) => Reply = wellBehaved;
const seen: Seen[] = [];
const server = useLoopbackServer((req, res) => {
  seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  const reply = route(req.method ?? '', req.url ?? '');
  if (reply === 'reset') req.socket.destroy();
  else if (reply !== 'hang') res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain' }).end(reply.body ?? '');
});
beforeEach(() => {
  route = wellBehaved;
  seen.length = 0;
});

interface TestContext extends SourceContext {
  secrets: string[];
  lines: string[];
}

function context(env: Record<string, string> = {}, endpoint = server.base, files: Record<string, string> = {}): TestContext {
  const lines: string[] = [];
  return Object.assign(fakeContext(files, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: endpoint, ...env }), {
    secrets: [] as string[],
    lines,
    debug: (line: string) => lines.push(line),
  });
}

const ECS = "profile 'ecs' in ~/.aliyun/config.json (EcsRamRole)";
const profile = (roleName?: string): MetadataRequest => ({ roleName, source: ECS, probe: false });
const chain = (roleName?: string): MetadataRequest => ({ roleName, source: 'the instance metadata service', probe: true });

const requests = () => seen.map((r) => `${r.method} ${r.url}`);

describe('metadataBase', () => {
  it('is the link-local address unless ECSIMG_METADATA_ENDPOINT names another, without trailing slashes', () => {
    expect(metadataBase(fakeContext())).toBe('http://100.100.100.200');
    expect(metadataBase(fakeContext({}, { ECSIMG_METADATA_ENDPOINT: 'http://127.0.0.1:8787//' }))).toBe('http://127.0.0.1:8787');
    expect(metadataBase(fakeContext({}, { ECSIMG_METADATA_ENDPOINT: 'https://imds.test/base/' }))).toBe('https://imds.test/base');
  });

  it.each(['100.100.100.200', 'ftp://127.0.0.1', 'xhttp://127.0.0.1', 'httpx://127.0.0.1'])('%s is a usage error (exit 2) with a hint', (value) => {
    const error = thrown(() => metadataBase(fakeContext({}, { ECSIMG_METADATA_ENDPOINT: value })));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('ECSIMG_METADATA_ENDPOINT is not an http:// or https:// URL');
    expect(error.hint).toBe('Give a base URL such as http://127.0.0.1:8787, or unset it.');
  });
});

describe('ALIBABA_CLOUD_ECS_METADATA_DISABLED', () => {
  it('the chain finds nothing, asking nothing', async () => {
    expect(await fromMetadata(context({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'TRUE' }), chain())).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it('a profile that needs the service is exit 3 naming the variable', async () => {
    const error = await rejected(() => fromMetadata(context({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }), profile()));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${ECS}: the instance metadata service is turned off by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`);
    expect(error.hint).toBe('Unset ALIBABA_CLOUD_ECS_METADATA_DISABLED on an ECS instance, or use another profile.');
    expect(seen).toHaveLength(0);
  });
});

describe('IMDSv2 and the v1 fallback', () => {
  it('asks for a token with its TTL, then sends it with each request; the token is kept secret', async () => {
    const ctx = context();
    const found = await fromMetadata(ctx, profile());
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`, `GET ${ROLES}RoleA`]);
    expect(seen[0]?.headers['x-aliyun-ecs-metadata-token-ttl-seconds']).toBe('21600');
    expect(seen[0]?.headers['x-aliyun-ecs-metadata-token']).toBeUndefined();
    expect(seen[1]?.headers['x-aliyun-ecs-metadata-token']).toBe(TOKEN);
    expect(seen[2]?.headers['x-aliyun-ecs-metadata-token']).toBe(TOKEN);
    expect(ctx.secrets).toEqual([TOKEN, CREDS.AccessKeyId, CREDS.AccessKeySecret, CREDS.SecurityToken]);
    expect(found?.credentials).toEqual({ accessKeyId: CREDS.AccessKeyId, accessKeySecret: CREDS.AccessKeySecret, securityToken: CREDS.SecurityToken });
    expect(found?.source).toBe(`${ECS}: role RoleA`);
    expect(found?.expiresAt).toBe(Date.parse(LATER));
  });

  it('says each request in --debug: method, host and path, status and time', async () => {
    const ctx = context();
    await fromMetadata(ctx, profile());
    expect(ctx.lines).toHaveLength(3);
    expect(ctx.lines[0]).toMatch(new RegExp(`^metadata PUT ${server.host}/latest/api/token: HTTP 200 in \\d{1,4} ms$`));
    expect(ctx.lines[1]).toMatch(new RegExp(`^metadata GET ${server.host}${ROLES}: HTTP 200 in \\d{1,4} ms$`));
    expect(ctx.lines[2]).toMatch(new RegExp(`^metadata GET ${server.host}${ROLES}RoleA: HTTP 200 in \\d{1,4} ms$`));
  });

  it.each([
    ['a refused token (403)', { status: 403, body: 'forbidden' }],
    ['an empty token', { body: '' }],
    ['a token of blanks', { body: '  \n' }],
    // Not sendable as a header: a catch-all web server's page, or bytes no token has.
    ['a page of several lines', { body: '<html>\n<body>Sign in</body>\n</html>' }],
    ['a token with a control character', { body: 'tok\u001ben' }],
    ['a token with a non-Latin-1 character', { body: '令牌' }],
  ])('%s: falls back to v1, no token header', async (_name, tokenReply) => {
    route = (method, url) => (url === '/latest/api/token' ? tokenReply : wellBehaved(method, url));
    const ctx = context({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'false' });
    const found = await fromMetadata(ctx, profile());
    expect(found?.credentials.accessKeyId).toBe(CREDS.AccessKeyId);
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`, `GET ${ROLES}RoleA`]);
    expect(seen.slice(1).map((r) => r.headers['x-aliyun-ecs-metadata-token'])).toEqual([undefined, undefined]);
    expect(ctx.secrets).toEqual([CREDS.AccessKeyId, CREDS.AccessKeySecret, CREDS.SecurityToken]);
  });

  it('the token is sent without the whitespace around it', async () => {
    route = (method, url) => (url === '/latest/api/token' ? { body: `  ${TOKEN}\r\n` } : wellBehaved(method, url));
    await fromMetadata(context(), profile('RoleA'));
    expect(seen[1]?.headers['x-aliyun-ecs-metadata-token']).toBe(TOKEN);
  });

  it.each([
    [403, CredentialsError],
    [500, ServiceError],
  ])('ALIBABA_CLOUD_IMDSV1_DISABLED=true and no token (HTTP %i): no v1 request, the variable named', async (status, Kind) => {
    route = (method, url) => (url === '/latest/api/token' ? { status, body: 'no' } : wellBehaved(method, url));
    for (const request of [profile(), chain()]) {
      seen.length = 0;
      const error = await rejected(() => fromMetadata(context({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' }), request));
      expect(error).toBeInstanceOf(Kind);
      expect(error.message).toBe(
        `${request.source}: the instance metadata service at ${server.host} gave no IMDSv2 token and ALIBABA_CLOUD_IMDSV1_DISABLED=true forbids the v1 fallback (HTTP ${status})`,
      );
      expect(requests()).toEqual(['PUT /latest/api/token']);
    }
  });

  it('ALIBABA_CLOUD_IMDSV1_DISABLED=true with a token changes nothing', async () => {
    const found = await fromMetadata(context({ ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' }), profile());
    expect(found?.source).toBe(`${ECS}: role RoleA`);
  });
});

describe('role discovery', () => {
  it('takes the first role of the listing, without the line ending', async () => {
    route = (method, url) => {
      if (url === ROLES) return { body: 'Role.one-2_x\r\nRoleB\n' };
      if (url === `${ROLES}Role.one-2_x`) return { body: JSON.stringify({ Code: 'Success', ...CREDS, Expiration: LATER }) };
      return wellBehaved(method, url);
    };
    const found = await fromMetadata(context(), profile());
    expect(found?.source).toBe(`${ECS}: role Role.one-2_x`);
    expect(requests()[2]).toBe(`GET ${ROLES}Role.one-2_x`);
  });

  it('a named role is asked for directly, its name escaped in the path', async () => {
    route = (_method, url) => (url === '/latest/api/token' ? { body: TOKEN } : { body: JSON.stringify({ Code: 'Success', ...CREDS }) });
    const found = await fromMetadata(context(), profile('team/role?x'));
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}team%2Frole%3Fx`]);
    expect(found?.source).toBe(`${ECS}: role team/role?x`);
  });

  it.each([
    ['an empty listing', { body: '' }],
    ['a listing of a blank line', { body: '\nRoleA' }],
    ['404 with a name in the page', { status: 404, body: 'RoleA' }],
  ])('%s: no RAM role attached (exit 3, with a hint); the chain finds nothing', async (_name, listing) => {
    route = (method, url) => (url === ROLES ? listing : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${ECS}: this instance has no RAM role attached`);
    expect(error.hint).toBe('Attach a RAM role to the instance in the ECS console, or name one with ram_role_name.');
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`]);
    expect(await fromMetadata(context(), chain())).toBeUndefined();
  });

  it.each([
    [500, ServiceError],
    [403, CredentialsError],
    [302, ServiceError],
  ])('a listing refused with HTTP %i names the status; the chain finds nothing', async (status, Kind) => {
    route = (method, url) => (url === ROLES ? { status, body: 'RoleA' } : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error).toBeInstanceOf(Kind);
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} did not list the instance's RAM roles (HTTP ${status})`);
    expect(await fromMetadata(context(), chain())).toBeUndefined();
  });

  it('a page instead of a listing: not the metadata service; the chain finds nothing', async () => {
    route = (method, url) => (url === ROLES ? { body: '<html>Sign in</html>' } : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} answered with something that is not a RAM role listing`);
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`]);
    seen.length = 0;
    expect(await fromMetadata(context(), chain())).toBeUndefined();
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`]);
  });

  it.each([
    ['65 characters', 'R'.repeat(65)],
    ['words that begin and end like a name', 'Sign in here'],
    ['a name with a slash', 'team/role'],
  ])('a first line of %s is no listing', async (_name, body) => {
    route = (method, url) => (url === ROLES ? { body } : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} answered with something that is not a RAM role listing`);
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`]);
  });

  it('a role name of 64 characters and of one character are names', async () => {
    for (const name of ['R'.repeat(64), 'R']) {
      route = (method, url) => (url === ROLES ? { body: name } : url === `${ROLES}${name}` ? { body: JSON.stringify({ Code: 'Success', ...CREDS }) } : wellBehaved(method, url));
      expect((await fromMetadata(context(), profile()))?.source).toBe(`${ECS}: role ${name}`);
    }
  });

  it('an empty role name (an INI `role_name =`) means the attached role, as no name does', async () => {
    const found = await fromMetadata(context(), profile(''));
    expect(found?.source).toBe(`${ECS}: role RoleA`);
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`, `GET ${ROLES}RoleA`]);
  });

  it('an INI ecs_ram_role section with `role_name =` uses the attached role (it asked for the listing as if it were credentials)', async () => {
    const found = await resolveCredentials({}, context({}, server.base, { [CREDENTIALS_INI]: '[default]\ntype = ecs_ram_role\nrole_name =\n' }));
    expect(found.source).toBe("profile 'default' in ~/.alibabacloud/credentials (ecs_ram_role): role RoleA");
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}`, `GET ${ROLES}RoleA`]);
  });
});

describe("the role's credentials", () => {
  it('a role that is not attached (404): exit 3 with the curl that lists the attached one', async () => {
    const error = await rejected(() => fromMetadata(context(), profile('Other')));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(`${ECS}: no RAM role 'Other' is attached to this instance`);
    expect(error.hint).toBe(
      'Check the role name (ram_role_name or ALIBABA_CLOUD_ECS_METADATA); `curl http://100.100.100.200/latest/meta-data/ram/security-credentials/` lists the attached one.',
    );
    // A role named in the env is a request: the chain reports it too.
    const chained = await rejected(() => fromMetadata(context(), { ...chain('Other'), probe: false }));
    expect(chained.message).toBe("the instance metadata service: no RAM role 'Other' is attached to this instance");
  });

  it.each([
    [500, ServiceError],
    [503, ServiceError],
    [499, CredentialsError],
    [400, CredentialsError],
    [399, ServiceError],
    [201, ServiceError],
  ])('refused with HTTP %i: the status in the message, exit code by its class', async (status, Kind) => {
    route = (method, url) => (url === `${ROLES}RoleA` ? { status, body: JSON.stringify({ Code: 'Success', ...CREDS }) } : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error).toBeInstanceOf(Kind);
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} refused the credentials of role 'RoleA' (HTTP ${status})`);
  });

  it.each([
    ['no JSON', 'RoleA credentials'],
    ['JSON that is no object', '["Success"]'],
    ['Code Failure', JSON.stringify({ ...CREDS, Code: 'Failure' })],
    ['no Code', JSON.stringify(CREDS)],
    ['no AccessKeyId', JSON.stringify({ ...CREDS, Code: 'Success', AccessKeyId: undefined })],
    ['an AccessKeySecret that is a number', JSON.stringify({ ...CREDS, Code: 'Success', AccessKeySecret: 12345 })],
    ['no SecurityToken', JSON.stringify({ ...CREDS, Code: 'Success', SecurityToken: null })],
    ['an empty AccessKeyId', JSON.stringify({ ...CREDS, Code: 'Success', AccessKeyId: '' })],
    ['an empty SecurityToken', JSON.stringify({ ...CREDS, Code: 'Success', SecurityToken: '' })],
  ])('%s: exit 4, no credentials for the role, nothing kept secret', async (_name, body) => {
    route = (method, url) => (url === `${ROLES}RoleA` ? { body } : wellBehaved(method, url));
    const ctx = context();
    const error = await rejected(() => fromMetadata(ctx, profile()));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} sent no credentials for role 'RoleA'`);
    expect(ctx.secrets).toEqual([TOKEN]);
  });

  it('an Expiration already past: exit 3 naming the role and the time', async () => {
    route = (method, url) => (url === `${ROLES}RoleA` ? { body: JSON.stringify({ Code: 'Success', ...CREDS, Expiration: '2020-01-01T00:00:00Z' }) } : wellBehaved(method, url));
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`${ECS}: role RoleA: the credentials it handed out expired at 2020-01-01T00:00:00Z`);
  });

  it('no Expiration: used as they are, never renewed', async () => {
    route = (method, url) => (url === `${ROLES}RoleA` ? { body: JSON.stringify({ Code: 'Success', ...CREDS }) } : wellBehaved(method, url));
    const found = await fromMetadata(context(), profile());
    expect(found).toEqual({ credentials: { accessKeyId: CREDS.AccessKeyId, accessKeySecret: CREDS.AccessKeySecret, securityToken: CREDS.SecurityToken }, source: `${ECS}: role RoleA` });
  });
});

describe('renewal', () => {
  it('asks again for the same role without listing the roles, and reports a failure even for the chain', async () => {
    const ctx = context();
    const found = await fromMetadata(ctx, chain());
    expect(found?.renew).toBeTypeOf('function');
    seen.length = 0;
    route = (method, url) => (url === `${ROLES}RoleA` ? { body: JSON.stringify({ Code: 'Success', ...CREDS, AccessKeyId: 'STS.meta0002', Expiration: LATER }) } : wellBehaved(method, url));
    const renewed = await found!.renew!();
    expect(requests()).toEqual(['PUT /latest/api/token', `GET ${ROLES}RoleA`]);
    expect(renewed.credentials.accessKeyId).toBe('STS.meta0002');
    expect(renewed.source).toBe('the instance metadata service: role RoleA');
    expect(renewed.renew).toBeTypeOf('function');

    // The service gone by the next renewal: a failure with the reason, not "nothing found".
    route = () => 'reset';
    const error = await rejected(() => renewed.renew!());
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`the instance metadata service: the instance metadata service at ${server.host} did not answer (ECONNRESET)`);
  });
});

describe('no metadata service', () => {
  it('nothing listening: the chain finds nothing; a profile is exit 4 with a hint; --debug says what failed', async () => {
    const port = await closedPort();
    const ctx = context({}, `http://127.0.0.1:${port}`);
    expect(await fromMetadata(ctx, chain())).toBeUndefined();
    expect(ctx.lines).toHaveLength(1);
    expect(ctx.lines[0]).toMatch(new RegExp(`^metadata PUT 127\\.0\\.0\\.1:${port}/latest/api/token: ECONNREFUSED after \\d{1,4} ms$`));

    const error = await rejected(() => fromMetadata(context({}, `http://127.0.0.1:${port}`), profile()));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(`${ECS}: the instance metadata service at 127.0.0.1:${port} did not answer (ECONNREFUSED)`);
    expect(error.hint).toBe('This works only on an ECS instance (or with ECSIMG_METADATA_ENDPOINT pointing at an emulator).');
  });

  it('without --debug: the same answers, nothing said', async () => {
    const quiet = fakeContext({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: server.base });
    expect((await fromMetadata(quiet, profile()))?.source).toBe(`${ECS}: role RoleA`);
    const port = await closedPort();
    const down = fakeContext({}, { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: `http://127.0.0.1:${port}` });
    expect(await fromMetadata(down, chain())).toBeUndefined();
  });

  it('a connection reset on the role request: the chain finds nothing', async () => {
    route = (method, url) => (url === `${ROLES}RoleA` ? 'reset' : wellBehaved(method, url));
    expect(await fromMetadata(context(), chain())).toBeUndefined();
    const error = await rejected(() => fromMetadata(context(), profile()));
    expect(error.message).toBe(`${ECS}: the instance metadata service at ${server.host} did not answer (ECONNRESET)`);
  });

  it('Ctrl-C while waiting is exit 130, for the chain too', async () => {
    route = () => 'hang';
    for (const request of [chain(), profile()]) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const error = await rejected(() => fromMetadata(Object.assign(context(), { signal: controller.signal }), request));
      expect(error.exitCode).toBe(130);
    }
  });
});
