// What `ecsimg emulator` prints: shell lines (comments and `export`s), so the output can be
// saved to a file and sourced.

import type { RunningEmulator } from './types.js';

export const EMULATOR_DEFAULT_REGION = 'cn-hangzhou';

/** `regionId`: the region the environment lines name (a recorded catalogue may not have cn-hangzhou). */
export function describeEmulator(
  running: Pick<RunningEmulator, 'endpoint' | 'credentials' | 'stsCredentials' | 'forbiddenCredentials'>,
  regionId = EMULATOR_DEFAULT_REGION,
): string {
  const { endpoint, credentials, stsCredentials, forbiddenCredentials } = running;
  return [
    `# ECS emulator listening on ${endpoint}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=${credentials.accessKeyId}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${credentials.accessKeySecret}`,
    `export ALIBABA_CLOUD_ECS_ENDPOINT=${endpoint}`,
    `export ALIBABA_CLOUD_REGION_ID=${regionId}`,
    `# STS test key: ALIBABA_CLOUD_ACCESS_KEY_ID=${stsCredentials.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${stsCredentials.accessKeySecret} ALIBABA_CLOUD_SECURITY_TOKEN='${stsCredentials.securityToken}'`,
    `# key without permissions (Forbidden.RAM): ALIBABA_CLOUD_ACCESS_KEY_ID=${forbiddenCredentials.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${forbiddenCredentials.accessKeySecret}`,
    '',
  ].join('\n');
}
