// The requests that fetch credentials go through the proxy like the ECS API's: STS
// (AssumeRoleWithOIDC from env) and a credentials URI. The metadata service never does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_OIDC_PROVIDER_ARN, EMULATOR_OIDC_TOKEN, EMULATOR_ROLE_ARN, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';
import { runInProcess, type RunResult } from '../support/cli.js';
import { useEmulator } from '../support/emulator.js';
import { startProxyServer, type RunningProxy } from '../support/proxyServer.js';

const emulator = useEmulator();
const TOKEN_FILE = '/var/run/oidc/token';
let proxy: RunningProxy;

beforeAll(async () => {
  proxy = await startProxyServer();
});
afterAll(async () => {
  await proxy?.close();
});

/** no key: the credentials come from the source the test names */
const baseEnv = (extra: Record<string, string>): Record<string, string> => ({
  ALIBABA_CLOUD_ECS_ENDPOINT: emulator.current.endpoint,
  ALIBABA_CLOUD_STS_ENDPOINT: emulator.current.endpoint,
  ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
  HTTP_PROXY: proxy.url,
  ...extra,
});

async function list(env: Record<string, string>, files: Record<string, string> = {}): Promise<{ result: RunResult; methods: string[] }> {
  emulator.current.resetStats();
  const before = proxy.passages.length;
  const result = await runInProcess(['list', '--limit', '1', '-o', 'json', '--retries', '0'], { env, files, homeDir: '/home/test' });
  const target = `127.0.0.1:${emulator.current.port}`;
  const methods = proxy.passages.slice(before).filter((p) => p.target === target).map((p) => p.method);
  return { result, methods };
}

function expectListedWithSts(result: RunResult): void {
  expect(result.code, result.stderr).toBe(0);
  expect(JSON.parse(result.stdout)).toHaveLength(1);
  const ecs = emulator.current.stats.requests.filter((r) => r.service === 'ecs');
  expect(ecs.map((r) => r.securityToken)).toEqual(ecs.map(() => EMULATOR_STS_CREDENTIALS.securityToken));
}

describe('credential requests through HTTP_PROXY', () => {
  it('AssumeRoleWithOIDC goes through the proxy, then every ECS request', async () => {
    const { result, methods } = await list(
      baseEnv({
        ALIBABA_CLOUD_ROLE_ARN: EMULATOR_ROLE_ARN,
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: EMULATOR_OIDC_PROVIDER_ARN,
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: TOKEN_FILE,
      }),
      { [TOKEN_FILE]: EMULATOR_OIDC_TOKEN },
    );
    expectListedWithSts(result);
    expect(emulator.current.stats.byAction.AssumeRoleWithOIDC).toBe(1);
    // one STS call and the ECS calls, all through the proxy
    expect(methods).toEqual(Array(emulator.current.stats.total).fill('POST'));
  });

  it('a credentials URI is fetched through the proxy', async () => {
    const { result, methods } = await list(baseEnv({ ALIBABA_CLOUD_CREDENTIALS_URI: emulator.current.credentialsUri }));
    expectListedWithSts(result);
    expect(emulator.current.stats.byService['credentials-uri']).toBe(1);
    expect(methods[0]).toBe('GET');
    expect(methods).toHaveLength(emulator.current.stats.total);
  });

  it('the metadata service is reached directly, never through the proxy', async () => {
    const { result, methods } = await list(
      baseEnv({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'false', ECSIMG_METADATA_ENDPOINT: emulator.current.endpoint }),
    );
    expectListedWithSts(result);
    expect(emulator.current.stats.byService.metadata).toBeGreaterThan(0);
    // The metadata requests (PUT token, GET role and credentials) went directly; the ECS ones,
    // to the same origin as the banner prints it, through the proxy.
    const ecs = emulator.current.stats.requests.filter((r) => r.service === 'ecs');
    expect(methods).toEqual(ecs.map(() => 'POST'));
  });

  it('a credentials URI behind a proxy that refuses connections names the proxy (exit 4)', async () => {
    const { result } = await list(
      baseEnv({ HTTP_PROXY: 'http://127.0.0.1:9', ALIBABA_CLOUD_CREDENTIALS_URI: emulator.current.credentialsUri }),
    );
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('ALIBABA_CLOUD_CREDENTIALS_URI');
    expect(result.stderr).toContain('could not connect to the proxy http://127.0.0.1:9 (from HTTP_PROXY)');
  });
});
