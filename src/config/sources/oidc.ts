// A RAM role assumed with an OIDC token (ACK's RRSA, CI identity tokens): STS
// AssumeRoleWithOIDC, unsigned. From env variables or a config.json OIDC profile.
import { CredentialsError } from '../../errors.js';
import { displayPath, envValue, expandHome, readConfigFile } from '../context.js';
import type { ResolvedCredentials } from '../credentials.js';
import type { FoundProfile } from '../profiles.js';
import { fromSource, keepSecret, temporary, type SourceContext } from './context.js';
import { requireSetting, secondsSetting } from './profileFields.js';
import { callSts, defaultSessionName, DEFAULT_DURATION_SECONDS, stsEndpoint } from './sts.js';

interface OidcSettings {
  roleArn: string;
  providerArn: string;
  tokenFile: string;
  /** the variable or field that named the token file, for messages */
  tokenFileFrom: string;
  sessionName?: string;
  durationSeconds?: number;
  fields?: ReadonlyMap<string, string>;
}

const ENV_NAMES = ['ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN', 'ALIBABA_CLOUD_OIDC_TOKEN_FILE'] as const;

/** OIDC from env: undefined unless the provider ARN or token file variable is set. */
export async function oidcFromEnv(ctx: SourceContext): Promise<ResolvedCredentials | undefined> {
  const [roleArn, providerArn, tokenFile] = ENV_NAMES.map((name) => envValue(ctx, name));
  if (providerArn === undefined && tokenFile === undefined) return undefined;
  const missing = ENV_NAMES.filter((name) => envValue(ctx, name) === undefined);
  if (roleArn === undefined || providerArn === undefined || tokenFile === undefined) {
    throw new CredentialsError(`OIDC from env: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`, {
      hint: `Set all of ${ENV_NAMES.join(', ')}, or unset them.`,
    });
  }
  const settings = { roleArn, providerArn, tokenFile, tokenFileFrom: 'ALIBABA_CLOUD_OIDC_TOKEN_FILE', sessionName: envValue(ctx, 'ALIBABA_CLOUD_ROLE_SESSION_NAME') };
  const renew = (): Promise<ResolvedCredentials> => assumeWithOidc(ctx, settings, 'OIDC from env ALIBABA_CLOUD_ROLE_ARN', renew);
  return renew();
}

export function fromOidcProfile(ctx: SourceContext, profile: FoundProfile): Promise<ResolvedCredentials> {
  const settings: OidcSettings = {
    roleArn: requireSetting(profile, 'ram_role_arn', 'OIDC'),
    providerArn: requireSetting(profile, 'oidc_provider_arn', 'OIDC'),
    tokenFile: requireSetting(profile, 'oidc_token_file', 'OIDC'),
    tokenFileFrom: `the oidc_token_file of ${profile.source}`,
    sessionName: profile.fields.get('ram_session_name'),
    durationSeconds: secondsSetting(profile, 'expired_seconds'),
    fields: profile.fields,
  };
  const renew = (): Promise<ResolvedCredentials> => assumeWithOidc(ctx, settings, `${profile.source} (OIDC)`, renew);
  return renew();
}

async function assumeWithOidc(
  ctx: SourceContext,
  settings: OidcSettings,
  source: string,
  renew: () => Promise<ResolvedCredentials>,
): Promise<ResolvedCredentials> {
  // Read on every renewal: the token file is rotated under a long run.
  const token = readToken(ctx, settings);
  keepSecret(ctx, token);
  const params = {
    RoleArn: settings.roleArn,
    OIDCProviderArn: settings.providerArn,
    OIDCToken: token,
    RoleSessionName: settings.sessionName ?? defaultSessionName(),
    DurationSeconds: String(settings.durationSeconds ?? DEFAULT_DURATION_SECONDS),
  };
  let answer;
  try {
    answer = await callSts(ctx, { endpoint: stsEndpoint(ctx, settings.fields), action: 'AssumeRoleWithOIDC', params });
  } catch (err) {
    throw fromSource(`${source}, AssumeRoleWithOIDC ${settings.roleArn}`, err);
  }
  return temporary(answer.credentials, `${source}: role ${settings.roleArn}`, answer.expiration, renew);
}

function readToken(ctx: SourceContext, settings: OidcSettings): string {
  const path = expandHome(ctx, settings.tokenFile);
  const token = readConfigFile(ctx, path)?.trim();
  if (token === undefined || token === '') {
    throw new CredentialsError(`the OIDC token file ${displayPath(ctx, path)} (from ${settings.tokenFileFrom}) ${token === undefined ? 'does not exist' : 'is empty'}`, {
      hint: 'Point it at the file your platform writes the token to (on ACK with RRSA: /var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token).',
    });
  }
  return token;
}
