import { describe, expect, it } from 'vitest';
import { regionOfEndpoint } from '../../src/commands/session.js';
import { runInProcess } from '../support/cli.js';

describe('regionOfEndpoint', () => {
  it.each([
    ['https://ecs.cn-hangzhou.aliyuncs.com', 'cn-hangzhou'],
    ['https://ecs-vpc.ap-southeast-1.aliyuncs.com', 'ap-southeast-1'],
    ['https://ecs-cn-hangzhou.aliyuncs.com/', 'cn-hangzhou'],
    ['https://ecs.aliyuncs.com', undefined],
    ['http://127.0.0.1:8787', undefined],
    ['https://proxy.example.com', undefined],
  ])('%s -> %s', (endpoint, region) => expect(regionOfEndpoint(endpoint)).toBe(region));
});

describe('an explicit endpoint and the region', () => {
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIsessiontest0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'secret-for-session-test' };

  it('a regional endpoint of another region is exit 2 before any request', async () => {
    const result = await runInProcess(['list', '--endpoint', 'https://ecs.cn-beijing.aliyuncs.com', '--region', 'cn-hangzhou', '--dry-run'], { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('serves cn-beijing, not cn-hangzhou');
    expect(result.stderr).toContain('hint: pass --region cn-beijing');
  });

  it('the same region, the central endpoint, or a non-Alibaba host are used as given', async () => {
    for (const endpoint of ['https://ecs.cn-hangzhou.aliyuncs.com', 'https://ecs.aliyuncs.com', 'http://127.0.0.1:9']) {
      const result = await runInProcess(['list', '--endpoint', endpoint, '--region', 'cn-hangzhou', '--dry-run'], { env });
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as { Endpoint: string }[])[0]!.Endpoint).toBe(endpoint);
    }
  });
});
