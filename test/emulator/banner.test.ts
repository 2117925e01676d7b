import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { describeEmulator, EMULATOR_CREDENTIALS, EMULATOR_FORBIDDEN_CREDENTIALS, EMULATOR_STS_CREDENTIALS } from '../../src/emulator/index.js';

const running = {
  endpoint: 'http://127.0.0.1:40123',
  credentials: EMULATOR_CREDENTIALS,
  stsCredentials: EMULATOR_STS_CREDENTIALS,
  forbiddenCredentials: EMULATOR_FORBIDDEN_CREDENTIALS,
};

describe('describeEmulator', () => {
  it('prints the endpoint and export lines for the test key', () => {
    const lines = describeEmulator(running).split('\n');
    expect(lines.slice(0, 5)).toEqual([
      '# ECS emulator listening on http://127.0.0.1:40123',
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${EMULATOR_CREDENTIALS.accessKeyId}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${EMULATOR_CREDENTIALS.accessKeySecret}`,
      'export ALIBABA_CLOUD_ECS_ENDPOINT=http://127.0.0.1:40123',
      'export ALIBABA_CLOUD_REGION_ID=cn-hangzhou',
    ]);
    expect(EMULATOR_CREDENTIALS.accessKeyId).toMatch(/^LTAIEmulatorTestKey/);
    expect(EMULATOR_STS_CREDENTIALS.accessKeyId).toMatch(/^STS\./);
  });

  it('is safe to eval in a shell (the first line aside)', () => {
    const script = describeEmulator(running).split('\n').slice(1).join('\n');
    const out = execFileSync('sh', ['-c', `${script}\nprintf '%s|%s' "$ALIBABA_CLOUD_ACCESS_KEY_ID" "$ALIBABA_CLOUD_ECS_ENDPOINT"`], { encoding: 'utf8', env: {} });
    expect(out).toBe(`${EMULATOR_CREDENTIALS.accessKeyId}|http://127.0.0.1:40123`);
  });
});
