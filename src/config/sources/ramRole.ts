// A RAM role assumed with STS AssumeRole: config.json's RamRoleArn (signed with the
// profile's own key) and ChainableRamRoleArn (signed with source_profile's credentials),
// and the INI file's type = ram_role_arn.
import type { Credentials, ResolvedCredentials } from '../credentials.js';
import type { FoundProfile } from '../profiles.js';
import { fromSource, keepCredentials, temporary, type SourceContext } from './context.js';
import { requireSetting, secondsSetting } from './profileFields.js';
import { callSts, defaultSessionName, DEFAULT_DURATION_SECONDS, stsEndpoint } from './sts.js';

// The INI file spells the same settings the SDKs' way.
const FIELDS = {
  aliyun: { roleArn: 'ram_role_arn', sessionName: 'ram_session_name', duration: 'expired_seconds' },
  ini: { roleArn: 'role_arn', sessionName: 'role_session_name', duration: 'duration_seconds' },
} as const;

export async function fromRamRole(
  ctx: SourceContext,
  profile: FoundProfile,
  mode: string,
  signer: ResolvedCredentials,
  renew: () => Promise<ResolvedCredentials>,
): Promise<ResolvedCredentials> {
  const names = FIELDS[profile.file];
  const roleArn = requireSetting(profile, names.roleArn, mode);
  const params: Record<string, string> = {
    RoleArn: roleArn,
    RoleSessionName: profile.fields.get(names.sessionName) ?? defaultSessionName(),
    DurationSeconds: String(secondsSetting(profile, names.duration) ?? DEFAULT_DURATION_SECONDS),
  };
  const externalId = profile.fields.get('external_id');
  if (externalId !== undefined) params.ExternalId = externalId;
  const policy = profile.fields.get('policy');
  if (policy !== undefined) params.Policy = policy;

  keepCredentials(ctx, signer.credentials);
  const endpoint = stsEndpoint(ctx, profile.fields);
  const source = `${profile.source} (${mode}: role ${roleArn}, signed with ${signer.source})`;
  let answer;
  try {
    answer = await callSts(ctx, { endpoint, signer: signer.credentials, action: 'AssumeRole', params });
  } catch (err) {
    throw fromSource(`${profile.source} (${mode}, AssumeRole ${roleArn})`, err);
  }
  return temporary(answer.credentials, source, answer.expiration, renew);
}

/** The key a RamRoleArn profile (or INI ram_role_arn section) signs with: its own. */
export function ownKey(profile: FoundProfile, mode: string): ResolvedCredentials {
  const credentials: Credentials = {
    accessKeyId: requireSetting(profile, 'access_key_id', mode),
    accessKeySecret: requireSetting(profile, 'access_key_secret', mode),
  };
  const token = profile.fields.get('sts_token') ?? profile.fields.get('security_token');
  if (token !== undefined) credentials.securityToken = token;
  return { credentials, source: 'its access_key_id' };
}
