import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  describeEmulator,
  EMULATOR_CREDENTIALS,
  EMULATOR_FORBIDDEN_CREDENTIALS,
  EMULATOR_INSTANCE_ROLE_NAME,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
  EMULATOR_STS_CREDENTIALS,
} from '../../src/emulator/index.js';

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

  it('points STS and the metadata service at the endpoint, and says how to use each credential source', () => {
    const text = describeEmulator(running);
    const script = text.split('\n').slice(1).join('\n');
    const out = execFileSync('sh', ['-c', `${script}\nprintf '%s|%s' "$ALIBABA_CLOUD_STS_ENDPOINT" "$ECSIMG_METADATA_ENDPOINT"`], { encoding: 'utf8', env: {} });
    expect(out).toBe('http://127.0.0.1:40123|http://127.0.0.1:40123');
    for (const value of [EMULATOR_ROLE_ARN, EMULATOR_INSTANCE_ROLE_NAME, EMULATOR_OIDC_PROVIDER_ARN, EMULATOR_OIDC_TOKEN, 'ALIBABA_CLOUD_CREDENTIALS_URI=http://127.0.0.1:40123/credentials']) {
      expect(text).toContain(value);
    }
  });

  it('its OIDC line, pasted, writes the token file the emulator accepts', () => {
    const line = describeEmulator(running).split('\n').find((l) => l.includes('OIDC:'));
    const command = line!.replace(/^#\s+OIDC:\s*/, '').replaceAll('/tmp/ecsimg-emulator-oidc-token', '"$D/token"');
    const out = execFileSync('sh', ['-c', `D=$(mktemp -d) && ${command} && cat "$ALIBABA_CLOUD_OIDC_TOKEN_FILE" && printf '|%s' "$ALIBABA_CLOUD_ROLE_ARN" && rm -r "$D"`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(out).toBe(`${EMULATOR_OIDC_TOKEN}|${EMULATOR_ROLE_ARN}`);
  });
});
