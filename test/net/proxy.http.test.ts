// ecsimg through a real proxy on 127.0.0.1 (test/support/proxyServer.ts): absolute-form
// requests to a plain-HTTP endpoint (the emulator), CONNECT tunnels to an HTTPS endpoint (a
// TLS terminator in front of the emulator, trusted through NODE_EXTRA_CA_CERTS in a spawned
// bin/ecsimg.cjs), NO_PROXY, proxy authentication, and proxies that refuse.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBin, runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { startProxyServer, type RunningProxy } from '../support/proxyServer.js';
import { startTlsTerminator, TEST_CERT, type RunningTlsTerminator } from '../support/tlsTerminator.js';

const emulator = useEmulator();
const PASSWORD = 's3cr3t-Pw!';
const ARGS = ['list', '--owner', 'system', '--limit', '2', '-o', 'json', '--retries', '0', '--timeout', '5'];

let open: RunningProxy;
let authed: RunningProxy;
let forbidding: RunningProxy;
let failing: RunningProxy;
let tls: RunningTlsTerminator;
/** a port with nothing listening */
let deadPort: number;

beforeAll(async () => {
  [open, authed, forbidding, failing, tls] = await Promise.all([
    startProxyServer(),
    startProxyServer({ auth: { user: 'alice', password: PASSWORD } }),
    startProxyServer({ refuseConnect: 403 }),
    startProxyServer({ refuseConnect: 502 }),
    startTlsTerminator(emulator.current.port),
  ]);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await Promise.all([open, authed, forbidding, failing, tls].map((server) => server?.close()));
});

const emulatorHost = (): string => `127.0.0.1:${emulator.current.port}`;
const tlsHost = (): string => tls.url.replace('https://', '');
const authedUrl = (password: string): string => `http://alice:${encodeURIComponent(password)}@127.0.0.1:${authed.port}`;

/** in-process, plain-HTTP endpoint (the emulator) */
function listHttp(env: Record<string, string>, extra: string[] = []): Promise<RunResult> {
  return runInProcess([...ARGS, ...extra], { env: emulator.env(env) });
}

/** spawned, HTTPS endpoint (the TLS terminator), its certificate trusted */
function listHttps(env: Record<string, string>, extra: string[] = []): Promise<RunResult> {
  return runBin([...ARGS, ...extra], emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: tls.url, NODE_EXTRA_CA_CERTS: TEST_CERT, ...env }));
}

function expectImages(result: RunResult): void {
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toHaveLength(2);
}

function passagesTo(proxy: RunningProxy, target: string, from = 0): string[] {
  return proxy.passages.slice(from).filter((p) => p.target === target).map((p) => `${p.method}${p.refusedWith ? ` ${p.refusedWith}` : ''}`);
}

describe('plain-HTTP endpoint through a proxy (absolute-form requests)', () => {
  it('HTTP_PROXY: list works and every request passed through the proxy', async () => {
    const before = open.passages.length;
    emulator.current.resetStats();
    expectImages(await listHttp({ HTTP_PROXY: open.url }));
    expect(emulator.current.stats.total).toBeGreaterThan(0);
    expect(passagesTo(open, emulatorHost(), before)).toEqual(Array(emulator.current.stats.total).fill('POST'));
  });

  it('HTTPS_PROXY does not apply to an http:// endpoint', async () => {
    const before = open.passages.length;
    expectImages(await listHttp({ HTTPS_PROXY: `http://127.0.0.1:${deadPort}` }));
    expect(open.passages.length).toBe(before);
  });

  it.each([
    ['the host', '127.0.0.1'],
    ['the host and port', () => emulatorHost()],
    ['a leading dot, which also means the host itself', '.127.0.0.1'],
    ['*', '*'],
    ['one entry of a list', () => `example.com, 127.0.0.1 ,.internal`],
  ])('NO_PROXY with %s goes past the proxy', async (_what, entry) => {
    const before = open.passages.length;
    const noProxy = typeof entry === 'function' ? entry() : entry;
    expectImages(await listHttp({ HTTP_PROXY: open.url, NO_PROXY: noProxy }));
    expect(open.passages.length).toBe(before);
  });

  it('NO_PROXY for another host or port still uses the proxy', async () => {
    const before = open.passages.length;
    expectImages(await listHttp({ HTTP_PROXY: open.url, NO_PROXY: `example.com,1.0.0.1,127.0.0.1:${deadPort}` }));
    expect(passagesTo(open, emulatorHost(), before).length).toBeGreaterThan(0);
  });

  it('the lower-case name wins: http_proxy over HTTP_PROXY', async () => {
    const before = open.passages.length;
    expectImages(await listHttp({ http_proxy: open.url, HTTP_PROXY: `http://127.0.0.1:${deadPort}` }));
    expect(passagesTo(open, emulatorHost(), before).length).toBeGreaterThan(0);
  });

  it('the lower-case name wins: no_proxy over NO_PROXY', async () => {
    const before = open.passages.length;
    expectImages(await listHttp({ HTTP_PROXY: open.url, NO_PROXY: '127.0.0.1', no_proxy: 'example.com' }));
    expect(passagesTo(open, emulatorHost(), before).length).toBeGreaterThan(0);
    const after = open.passages.length;
    expectImages(await listHttp({ HTTP_PROXY: open.url, NO_PROXY: 'example.com', no_proxy: '127.0.0.1' }));
    expect(open.passages.length).toBe(after);
  });

  it('--debug says which proxy serves which endpoint, and when NO_PROXY sends a request past it', async () => {
    const viaProxy = await listHttp({ HTTP_PROXY: open.url }, ['--debug']);
    expect(viaProxy.stderr).toContain(`debug: proxy: ${open.url} (from HTTP_PROXY) for http://${emulatorHost()}\n`);
    const direct = await listHttp({ HTTP_PROXY: open.url, no_proxy: '127.0.0.1' }, ['--debug']);
    expect(direct.stderr).toContain(`debug: proxy: none for http://${emulatorHost()} (no_proxy matches)\n`);
  });

  it('user:password in the proxy URL authenticates to the proxy', async () => {
    const before = authed.passages.length;
    expectImages(await listHttp({ HTTP_PROXY: authedUrl(PASSWORD) }));
    expect(passagesTo(authed, emulatorHost(), before)).toContain('POST');
    expect(passagesTo(authed, emulatorHost(), before)).not.toContain('POST 407');
  });

  it('a wrong password is exit 4 naming the proxy, and the password is shown nowhere, not even with --debug', async () => {
    const wrong = 'Wr0ng-Pa55word';
    const result = await listHttp({ HTTP_PROXY: authedUrl(wrong) }, ['--debug']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `ecsimg: the proxy http://alice@127.0.0.1:${authed.port} (from HTTP_PROXY) refused the request: 407 Proxy Authentication Required\n`,
    );
    expect(result.stderr).toContain('hint: check the user name and password in HTTP_PROXY');
    expect(result.stderr).not.toContain(wrong);
    expect(result.stderr).not.toContain(encodeURIComponent(wrong));
  });

  it('a proxy with nothing listening is exit 4 naming the proxy, not the endpoint', async () => {
    const result = await listHttp({ HTTP_PROXY: `http://bob:${PASSWORD}@127.0.0.1:${deadPort}` }, ['--debug']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      `ecsimg: could not connect to the proxy http://bob@127.0.0.1:${deadPort} (from HTTP_PROXY): connection refused\n`,
    );
    expect(result.stderr).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(encodeURIComponent(PASSWORD));
  });
});

describe('HTTPS endpoint through a CONNECT tunnel', () => {
  it('HTTPS_PROXY: list works through the tunnel and the proxy saw the CONNECT', async () => {
    const before = open.passages.length;
    expectImages(await listHttps({ HTTPS_PROXY: open.url }));
    expect(passagesTo(open, tlsHost(), before)[0]).toBe('CONNECT');
  });

  it('user:password in https_proxy authenticates the CONNECT', async () => {
    const before = authed.passages.length;
    expectImages(await listHttps({ https_proxy: authedUrl(PASSWORD), HTTPS_PROXY: `http://127.0.0.1:${deadPort}` }));
    expect(passagesTo(authed, tlsHost(), before)[0]).toBe('CONNECT');
  });

  it('NO_PROXY sends an HTTPS request past the proxy', async () => {
    expectImages(await listHttps({ HTTPS_PROXY: `http://127.0.0.1:${deadPort}`, NO_PROXY: 'localhost,127.0.0.1' }));
  });

  it('a wrong password is exit 4 naming the proxy; the password appears nowhere, not even with --debug', async () => {
    const wrong = 'An0ther-Wr0ng';
    const result = await listHttps({ HTTPS_PROXY: authedUrl(wrong) }, ['--debug']);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(
      `ecsimg: the proxy http://alice@127.0.0.1:${authed.port} (from HTTPS_PROXY) refused the request: 407 Proxy Authentication Required\n`,
    );
    expect(result.stderr).toContain(`debug: proxy: http://alice@127.0.0.1:${authed.port} (from HTTPS_PROXY) for ${tls.url}\n`);
    expect(result.stderr).not.toContain(wrong);
    expect(result.stderr).not.toContain(encodeURIComponent(wrong));
  });

  it.each([
    [403, () => forbidding, 'HTTP 403 Refused By Test Proxy'],
    [502, () => failing, 'HTTP 502 Refused By Test Proxy'],
  ])('a CONNECT refused with %i is exit 4 naming the proxy and the endpoint', async (_status, proxy, what) => {
    // The tunnel is refused before any TLS: in-process is enough.
    const result = await runInProcess(ARGS, { env: emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: tls.url, HTTPS_PROXY: proxy().url }) });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`ecsimg: the proxy ${proxy().url} (from HTTPS_PROXY) refused to connect to ${tlsHost()}: ${what}\n`);
  });

  it('a proxy with nothing listening is exit 4 naming the proxy', async () => {
    const result = await runInProcess(ARGS, {
      env: emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: tls.url, https_proxy: `127.0.0.1:${deadPort}` }),
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`ecsimg: could not connect to the proxy http://127.0.0.1:${deadPort} (from https_proxy): connection refused\n`);
  });
});

describe('a proxy that answers garbage or hangs up', () => {
  const rawProxy = async (onData: (socket: import('node:net').Socket) => void) => {
    const server = createServer((socket) => socket.once('data', () => onData(socket)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  };

  it.each([
    ['HTTP_PROXY, plain-HTTP endpoint', 'HTTP_PROXY', (): string => emulator.current.endpoint],
    ['HTTPS_PROXY, CONNECT to an HTTPS endpoint', 'HTTPS_PROXY', (): string => tls.url],
  ])('%s: garbage is exit 4 naming the proxy, and so is hanging up (CONNECT)', async (_name, variable, endpoint) => {
    const garbage = await rawProxy((socket) => socket.end('GARBAGE\r\n\r\n'));
    const hangUp = await rawProxy((socket) => socket.destroy());
    try {
      const env = (proxy: string) => emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: endpoint(), [variable]: proxy });
      const notHttp = await runInProcess(ARGS, { env: env(garbage.url) });
      expect(notHttp.code).toBe(4);
      expect(notHttp.stderr).toContain(`ecsimg: could not connect to the proxy ${garbage.url} (from ${variable}): it answered with something that is not HTTP`);
      if (variable === 'HTTPS_PROXY') {
        const closed = await runInProcess(ARGS, { env: env(hangUp.url) });
        expect(closed.code).toBe(4);
        expect(closed.stderr).toContain(`ecsimg: could not connect to the proxy ${hangUp.url} (from ${variable}): it closed the connection without answering`);
      }
    } finally {
      await Promise.all([garbage.close(), hangUp.close()]);
    }
  });

  it('HTTPS_PROXY that accepts CONNECT and never answers: each try ends at --timeout, then exit 4 naming the proxy', async () => {
    const held: import('node:net').Socket[] = [];
    const silent = await rawProxy((socket) => held.push(socket));
    try {
      const result = await runInProcess([...ARGS, '--timeout', '0.3', '--retries', '1'], { env: emulator.env({ ALIBABA_CLOUD_ECS_ENDPOINT: tls.url, HTTPS_PROXY: silent.url }) });
      expect(result.code).toBe(4);
      expect(result.stderr).toContain(`ecsimg: the proxy ${silent.url} (from HTTPS_PROXY) did not open a connection to ${tlsHost()} within 0.3 s (--timeout)\n`);
      // a timeout is worth a retry: both tries reached the proxy, and each socket was let go
      expect(held).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(held.every((socket) => socket.destroyed || socket.readableEnded)).toBe(true);
    } finally {
      for (const socket of held) socket.destroy();
      await silent.close();
    }
  });
});
