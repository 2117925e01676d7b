// The key pair (and STS token) in env variables, the first step of the default chain.
import { CredentialsError } from '../../errors.js';
import { envValue, type ConfigContext } from '../context.js';
import type { ResolvedCredentials } from '../credentials.js';

const ENV_SETS = [
  { id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
  // Terraform's alicloud provider
  { id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
] as const;

export function credentialsFromEnv(ctx: ConfigContext): ResolvedCredentials | undefined {
  for (const names of ENV_SETS) {
    const accessKeyId = envValue(ctx, names.id);
    const accessKeySecret = envValue(ctx, names.secret);
    if (accessKeyId === undefined && accessKeySecret === undefined) continue;
    if (accessKeyId === undefined || accessKeySecret === undefined) {
      const [set, missing] = accessKeyId === undefined ? [names.secret, names.id] : [names.id, names.secret];
      throw new CredentialsError(`${set} is set but ${missing} is not`, {
        hint: `Set both ${names.id} and ${names.secret}, or unset ${set} to use a profile.`,
      });
    }
    const securityToken = envValue(ctx, names.token);
    return {
      credentials:
        securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken },
      source: securityToken === undefined ? `env ${names.id}` : `env ${names.id} with ${names.token}`,
    };
  }
  return undefined;
}
