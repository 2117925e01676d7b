// Credentials, in the order of SPEC section 2: --profile; env keys; OIDC from env; the
// profile ALIBABA_CLOUD_PROFILE or config.json's `current` names; the INI file's section;
// the instance metadata service; ALIBABA_CLOUD_CREDENTIALS_URI. Each source lives in
// sources/. No message, hint or source string ever carries a secret.
import { CredentialsError, UsageError } from '../errors.js';
import { envValue, flagValue } from './context.js';
import { shellWord } from '../output/shellWord.js';
import { loadAliyunConfig } from './aliyunConfig.js';
import { effectiveProfile, findProfile, iniDefaultProfile, requireProfile, type FoundProfile } from './profiles.js';
import { envFlag, keepCredentials, type SourceContext } from './sources/context.js';
import { fromCredentialsUri } from './sources/credentialsUri.js';
import { credentialsFromEnv } from './sources/envKeys.js';
import { fromExternal } from './sources/external.js';
import { fromMetadata } from './sources/metadata.js';
import { fromOidcProfile, oidcFromEnv } from './sources/oidc.js';
import { fromRamRole, ownKey } from './sources/ramRole.js';
import { fromIniAccessKey, fromKeyProfile } from './sources/staticKeys.js';

export type { SourceContext } from './sources/context.js';

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface ResolvedCredentials {
  credentials: Credentials;
  /** where they came from, e.g. "profile 'dev' in ~/.aliyun/config.json"; never a secret */
  source: string;
  /** temporary credentials: when they end (ms since the epoch) */
  expiresAt?: number;
  /** temporary credentials: the same source asked again */
  renew?: () => Promise<ResolvedCredentials>;
}

const ENV_WORKS = 'the env variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN)';

// Modes the aliyun CLI has that need its own sign-in flows; an External profile can wrap them.
const INSTEAD: Record<string, string> = {
  cloudsso: 'sign in with `aliyun configure --mode CloudSSO`, then use an External profile whose process_command prints the keys',
  oauth: 'use an External profile whose process_command prints the keys, or a RamRoleArn profile',
  rsakeypair: 'RSA key pairs are retired by Alibaba Cloud; use an AK or RamRoleArn profile',
  bearertoken: 'bearer tokens do not sign ECS API calls; use an AK, RamRoleArn or External profile',
};

export async function resolveCredentials(input: { profile?: string }, ctx: SourceContext): Promise<ResolvedCredentials> {
  const found = await findCredentials(input, ctx);
  keepCredentials(ctx, found.credentials);
  return found;
}

async function findCredentials(input: { profile?: string }, ctx: SourceContext): Promise<ResolvedCredentials> {
  const profileName = flagValue(input.profile, '--profile');
  if (profileName !== undefined) return fromProfile(requireProfile(profileName, '--profile', ctx), ctx, []);

  const fromEnv = credentialsFromEnv(ctx) ?? (await oidcFromEnv(ctx));
  if (fromEnv) return fromEnv;

  let profile = effectiveProfile(undefined, ctx, true);
  // config.json's current profile without a key (`aliyun configure set --region` leaves one
  // behind) gives nothing: the INI file and the rest of the chain are next. If they have
  // nothing either, the report names that profile, the likelier fix.
  const keyless = profile && holdsNoKey(profile) && envValue(ctx, 'ALIBABA_CLOUD_PROFILE') === undefined ? profile : undefined;
  if (keyless) profile = iniDefaultProfile(ctx);
  if (profile) return fromProfile(profile, ctx, []);

  const found = (await metadataStep(ctx)) ?? (await uriStep(ctx));
  if (found) return found;
  if (keyless) return fromProfile(keyless, ctx, []);
  throwIfCurrentIsGone(ctx);

  throw new CredentialsError(
    'no credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
      '(or ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY), or run `aliyun configure` to create ~/.aliyun/config.json',
    {
      hint:
        'An STS token goes in ALIBABA_CLOUD_SECURITY_TOKEN. Pick a profile with --profile NAME or ALIBABA_CLOUD_PROFILE; ' +
        'a [default] section with type = access_key in ~/.alibabacloud/credentials works too, and so do ' +
        'ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE, ' +
        'an ECS instance RAM role and ALIBABA_CLOUD_CREDENTIALS_URI (README: "Where it finds credentials").',
    },
  );
}

/** config.json's `current` naming no profile is likelier the fix than creating the file. */
function throwIfCurrentIsGone(ctx: SourceContext): void {
  const config = loadAliyunConfig(ctx);
  if (config?.current === undefined || config.profiles.some((p) => p.name === config.current)) return;
  const names = config.profiles.map((p) => p.name);
  const existing = names.length > 0 ? `profiles that exist: ${names.join(', ')}` : 'it holds no profiles';
  throw new CredentialsError(`no credentials found: "current" in ${config.shownPath} names profile '${config.current}', which does not exist; ${existing}`, {
    hint:
      names.length > 0
        ? 'Pick one with --profile NAME or ALIBABA_CLOUD_PROFILE, or set "current" to one of them.'
        : `Create it with \`aliyun configure --profile ${shellWord(config.current)}\`.`,
  });
}

function metadataStep(ctx: SourceContext): Promise<ResolvedCredentials | undefined> {
  if (envFlag(ctx, 'ALIBABA_CLOUD_ECS_METADATA_DISABLED')) return Promise.resolve(undefined);
  const roleName = envValue(ctx, 'ALIBABA_CLOUD_ECS_METADATA');
  // A role named in the env is a request: its failure is reported, not skipped.
  return fromMetadata(ctx, { roleName, source: 'the instance metadata service', probe: roleName === undefined });
}

function uriStep(ctx: SourceContext): Promise<ResolvedCredentials | undefined> {
  const uri = envValue(ctx, 'ALIBABA_CLOUD_CREDENTIALS_URI');
  return uri === undefined ? Promise.resolve(undefined) : fromCredentialsUri(ctx, uri, 'env ALIBABA_CLOUD_CREDENTIALS_URI');
}

/** An AK or StsToken profile of config.json with neither key in it. */
function holdsNoKey(profile: FoundProfile): boolean {
  const kind = (profile.fields.get('mode') ?? 'AK').toLowerCase();
  const keyless = !profile.fields.has('access_key_id') && !profile.fields.has('access_key_secret');
  return profile.file === 'aliyun' && (kind === 'ak' || kind === 'ststoken') && keyless;
}

/** `chain`: the profiles whose source_profile led here, to stop a loop. */
function fromProfile(profile: FoundProfile, ctx: SourceContext, chain: string[]): Promise<ResolvedCredentials> {
  return profile.file === 'aliyun' ? fromAliyunProfile(profile, ctx, chain) : fromIniSection(profile, ctx);
}

async function fromAliyunProfile(profile: FoundProfile, ctx: SourceContext, chain: string[]): Promise<ResolvedCredentials> {
  // Older aliyun CLI files have no mode; an access key then means AK.
  const mode = profile.fields.get('mode') ?? 'AK';
  const again = (): Promise<ResolvedCredentials> => fromAliyunProfile(profile, ctx, chain);
  switch (mode.toLowerCase()) {
    case 'ak':
      return fromKeyProfile(profile, 'ak');
    case 'ststoken':
      return fromKeyProfile(profile, 'ststoken');
    case 'ramrolearn':
      return fromRamRole(ctx, profile, 'RamRoleArn', ownKey(profile, 'RamRoleArn'), again);
    case 'chainableramrolearn':
      return fromRamRole(ctx, profile, 'ChainableRamRoleArn', await sourceProfileCredentials(profile, ctx, chain), again);
    case 'ecsramrole': {
      const source = `${profile.source} (EcsRamRole)`;
      return (await fromMetadata(ctx, { roleName: profile.fields.get('ram_role_name'), source, probe: false })) as ResolvedCredentials;
    }
    case 'oidc':
      return fromOidcProfile(ctx, profile);
    case 'external':
      return fromExternal(ctx, profile);
    case 'credentialsuri': {
      const uri = profile.fields.get('credentials_uri');
      if (uri === undefined) throw new UsageError(`${profile.source} (mode CredentialsURI) has no credentials_uri`);
      return fromCredentialsUri(ctx, uri, `${profile.source} (CredentialsURI)`);
    }
    default:
      throw new CredentialsError(
        `${profile.source} uses mode ${mode}, which ecsimg does not support; ` +
          `modes AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC, External and CredentialsURI work, and so do ${ENV_WORKS}`,
        { hint: INSTEAD[mode.toLowerCase()] ?? 'Create a supported one with `aliyun configure --profile NAME --mode AK` and pass --profile NAME.' },
      );
  }
}

async function sourceProfileCredentials(profile: FoundProfile, ctx: SourceContext, chain: string[]): Promise<ResolvedCredentials> {
  const name = profile.fields.get('source_profile');
  if (name === undefined) {
    throw new UsageError(`${profile.source} (mode ChainableRamRoleArn) has no source_profile`, {
      hint: 'Name the profile whose credentials assume the role in "source_profile".',
    });
  }
  const path = [...chain, profile.name];
  if (path.includes(name)) {
    throw new UsageError(`${profile.source}: source_profile makes a loop: ${[...path, name].join(' -> ')}`, {
      hint: 'Make one profile in the chain hold its own credentials (AK, EcsRamRole, ...).',
    });
  }
  const source = findProfile(name, ctx);
  if (!source) throw new UsageError(`${profile.source} names source_profile '${name}', which does not exist`);
  return fromProfile(source, ctx, path);
}

async function fromIniSection(profile: FoundProfile, ctx: SourceContext): Promise<ResolvedCredentials> {
  const type = profile.fields.get('type');
  if (type === undefined) {
    throw new CredentialsError(`${profile.source} has no type; ecsimg supports type = access_key, ecs_ram_role and ram_role_arn`, {
      hint: `Add \`type = access_key\` to the [${profile.name}] section.`,
    });
  }
  switch (type.toLowerCase()) {
    case 'access_key':
      return fromIniAccessKey(profile);
    case 'ecs_ram_role': {
      const source = `${profile.source} (ecs_ram_role)`;
      return (await fromMetadata(ctx, { roleName: profile.fields.get('role_name'), source, probe: false })) as ResolvedCredentials;
    }
    case 'ram_role_arn':
      return fromRamRole(ctx, profile, 'ram_role_arn', ownKey(profile, 'ram_role_arn'), () => fromIniSection(profile, ctx));
    default:
      throw new CredentialsError(
        `${profile.source} has type = ${type}, which ecsimg does not support; type = access_key, ecs_ram_role and ram_role_arn work, ` +
          `and so do the profiles of ~/.aliyun/config.json and ${ENV_WORKS}`,
      );
  }
}
