// What `ecsimg emulator` prints: shell lines (comments and `export`s), so the output can be
// saved to a file and sourced.

import {
  EMULATOR_CREDENTIALS_URI_PATH,
  EMULATOR_EXTERNAL_ID,
  EMULATOR_EXTERNAL_ID_ROLE_ARN,
  EMULATOR_INSTANCE_ROLE_NAME,
  EMULATOR_OIDC_PROVIDER_ARN,
  EMULATOR_OIDC_TOKEN,
  EMULATOR_ROLE_ARN,
} from './credentials.js';
import type { RunningEmulator } from './types.js';

export const EMULATOR_DEFAULT_REGION = 'cn-hangzhou';
/** where the banner suggests writing the OIDC token file */
const OIDC_TOKEN_FILE = '/tmp/ecsimg-emulator-oidc-token';

export function describeEmulator(running: Pick<RunningEmulator, 'endpoint' | 'credentials' | 'stsCredentials' | 'forbiddenCredentials'>): string {
  const { endpoint, credentials, stsCredentials, forbiddenCredentials } = running;
  return [
    `# ECS emulator listening on ${endpoint}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_ID=${credentials.accessKeyId}`,
    `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${credentials.accessKeySecret}`,
    `export ALIBABA_CLOUD_ECS_ENDPOINT=${endpoint}`,
    `export ALIBABA_CLOUD_REGION_ID=${EMULATOR_DEFAULT_REGION}`,
    `# STS test key: ALIBABA_CLOUD_ACCESS_KEY_ID=${stsCredentials.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${stsCredentials.accessKeySecret} ALIBABA_CLOUD_SECURITY_TOKEN='${stsCredentials.securityToken}'`,
    `# key without permissions (Forbidden.RAM): ALIBABA_CLOUD_ACCESS_KEY_ID=${forbiddenCredentials.accessKeyId} ALIBABA_CLOUD_ACCESS_KEY_SECRET=${forbiddenCredentials.accessKeySecret}`,
    '# The same endpoint serves STS (AssumeRole, AssumeRoleWithOIDC), an instance metadata service and a credentials URI:',
    `export ALIBABA_CLOUD_STS_ENDPOINT=${endpoint}`,
    `export ECSIMG_METADATA_ENDPOINT=${endpoint}`,
    '# To try another credential source, unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET, then one of:',
    `#   RAM role (profile mode RamRoleArn, ram_role_arn): ${EMULATOR_ROLE_ARN}`,
    `#   RAM role that wants external_id ${EMULATOR_EXTERNAL_ID}: ${EMULATOR_EXTERNAL_ID_ROLE_ARN}`,
    `#   instance RAM role: export ALIBABA_CLOUD_ECS_METADATA=${EMULATOR_INSTANCE_ROLE_NAME}`,
    `#   OIDC: printf %s '${EMULATOR_OIDC_TOKEN}' > ${OIDC_TOKEN_FILE}; export ALIBABA_CLOUD_ROLE_ARN=${EMULATOR_ROLE_ARN} ALIBABA_CLOUD_OIDC_PROVIDER_ARN=${EMULATOR_OIDC_PROVIDER_ARN} ALIBABA_CLOUD_OIDC_TOKEN_FILE=${OIDC_TOKEN_FILE}`,
    `#   credentials URI: export ALIBABA_CLOUD_CREDENTIALS_URI=${endpoint}${EMULATOR_CREDENTIALS_URI_PATH}`,
    '',
  ].join('\n');
}
