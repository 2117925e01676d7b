// Credentials, in the order of SPEC section 2: --profile, env variables, the profile
// ALIBABA_CLOUD_PROFILE or config.json's `current` names, the INI file's section.
// No message, hint or source string ever carries a secret.
import { CredentialsError } from '../errors.js';
import { envValue, flagValue, type ConfigContext } from './context.js';
import { effectiveProfile, iniDefaultProfile, requireProfile, type FoundProfile } from './profiles.js';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface ResolvedCredentials {
  credentials: Credentials;
  /** where they came from, e.g. "profile 'dev' in ~/.aliyun/config.json"; never a secret */
  source: string;
}

const ENV_SETS = [
  { id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
  // Terraform's alicloud provider
  { id: 'ALICLOUD_ACCESS_KEY', secret: 'ALICLOUD_SECRET_KEY', token: 'ALICLOUD_SECURITY_TOKEN' },
] as const;

const ENV_WORKS = 'the env variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)';

export function resolveCredentials(input: { profile?: string }, ctx: ConfigContext): ResolvedCredentials {
  const profileName = flagValue(input.profile, '--profile');
  if (profileName !== undefined) return fromProfile(requireProfile(profileName, '--profile', ctx));

  const fromEnv = credentialsFromEnv(ctx);
  if (fromEnv) return fromEnv;

  const profile = effectiveProfile(undefined, ctx, true);
  if (profile && holdsNoKey(profile) && envValue(ctx, 'ALIBABA_CLOUD_PROFILE') === undefined) {
    // config.json's current profile without a key (`aliyun configure set --region` leaves
    // one behind) gave nothing, so the INI file is next; if it has nothing either, the
    // report names that profile, the likelier fix.
    const next = iniDefaultProfile(ctx);
    if (next) return fromProfile(next);
  }
  if (profile) return fromProfile(profile);

  throw new CredentialsError(
    'no credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
      '(or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY), or run `aliyun configure` to create ~/.aliyun/config.json',
    {
      hint:
        'An STS token goes in ALIBABA_CLOUD_SECURITY_TOKEN. Pick a profile with --profile NAME or ALIBABA_CLOUD_PROFILE; ' +
        'a [default] section with type = access_key in ~/.alibabacloud/credentials works too.',
    },
  );
}

function credentialsFromEnv(ctx: ConfigContext): ResolvedCredentials | undefined {
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

/** An AK or StsToken profile of config.json with neither key in it. */
function holdsNoKey(profile: FoundProfile): boolean {
  const kind = (profile.fields.get('mode') ?? 'AK').toLowerCase();
  const keyless = !profile.fields.has('access_key_id') && !profile.fields.has('access_key_secret');
  return profile.file === 'aliyun' && (kind === 'ak' || kind === 'ststoken') && keyless;
}

function fromProfile(profile: FoundProfile): ResolvedCredentials {
  return profile.file === 'aliyun' ? fromAliyunProfile(profile) : fromIniSection(profile);
}

function fromAliyunProfile(profile: FoundProfile): ResolvedCredentials {
  // Older aliyun CLI files have no mode; an access key then means AK.
  const mode = profile.fields.get('mode') ?? 'AK';
  const kind = mode.toLowerCase();
  if (kind !== 'ak' && kind !== 'ststoken') {
    throw new CredentialsError(
      `${profile.source} uses mode ${mode}, which ecsimg does not support; ` +
        `profiles with mode AK or StsToken work, and so do ${ENV_WORKS}`,
      { hint: 'Create one with `aliyun configure --profile NAME --mode AK` and pass --profile NAME.' },
    );
  }
  const hint = `Set it with \`aliyun configure --profile ${profile.name} --mode ${kind === 'ak' ? 'AK' : 'StsToken'}\`.`;
  const accessKeyId = requireField(profile, 'access_key_id', hint);
  const accessKeySecret = requireField(profile, 'access_key_secret', hint);
  if (kind === 'ak') return { credentials: { accessKeyId, accessKeySecret }, source: profile.source };
  const securityToken = requireField(profile, 'sts_token', hint);
  return { credentials: { accessKeyId, accessKeySecret, securityToken }, source: profile.source };
}

function fromIniSection(profile: FoundProfile): ResolvedCredentials {
  const type = profile.fields.get('type');
  if (type === undefined) {
    throw new CredentialsError(`${profile.source} has no type; ecsimg supports type = access_key`, {
      hint: `Add \`type = access_key\` to the [${profile.name}] section.`,
    });
  }
  if (type.toLowerCase() !== 'access_key') {
    throw new CredentialsError(
      `${profile.source} has type = ${type}, which ecsimg does not support; type = access_key works, ` +
        `and so do AK and StsToken profiles in ~/.aliyun/config.json and ${ENV_WORKS}`,
    );
  }
  const hint = `Add it to the [${profile.name}] section of ${profile.shownPath}.`;
  const accessKeyId = requireField(profile, 'access_key_id', hint);
  const accessKeySecret = requireField(profile, 'access_key_secret', hint);
  return { credentials: { accessKeyId, accessKeySecret }, source: profile.source };
}

function requireField(profile: FoundProfile, field: string, hint: string): string {
  const value = profile.fields.get(field);
  if (value === undefined) throw new CredentialsError(`${profile.source} has no ${field}`, { hint });
  return value;
}
